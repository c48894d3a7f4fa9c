// Node (worker thread). The entry of the database worker: runs one job of db-jobs.ts on its own SQLite
// connection and posts its progress and result to main. Bundled as dist/electron/db-worker.cjs by
// build/scripts/build-main.mjs; run from the TypeScript sources through db-worker-dev.mjs in tests and tsx.
import { parentPort, workerData } from 'node:worker_threads';
import { DB_JOBS, type DbJobName } from './db-jobs';
import type { DbWorkerMessage } from './kernel/db/run-db-job';

const port = parentPort;
if (!port) throw new Error('db-worker.ts runs only as a worker thread');
const { job, input } = workerData as { job: DbJobName; input: never };
const post = (message: DbWorkerMessage) => port.postMessage(message);
const fail = (error: unknown) => post({ type: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
// A job may answer at once (the SQLite checks) or with a promise (reads through Kysely): both are awaited.
const run = DB_JOBS[job] as (input: unknown, progress: (value: unknown) => void) => unknown;
Promise.resolve()
  .then(() => run(input, (value) => post({ type: 'progress', value })))
  .then((value) => post({ type: 'done', value }), fail);
