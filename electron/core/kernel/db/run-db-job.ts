// Pure (Node). Runs one job of electron/core/db-jobs.ts in a fresh worker thread and resolves with its result, passing its
// progress on. Why a thread: integrity_check and a 100,000-row CSV take seconds of synchronous SQLite work,
// during which main's event loop would serve no window (no IPC, no timers, no progress events).
//
// Where the worker's code is: esbuild's bundle puts db-worker.cjs beside main.cjs (build-main.mjs defines
// GMAO_DB_WORKER_BUNDLE for that entry); from the sources (vitest, tsx) db-worker-dev.mjs loads the TypeScript.
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Messages from the worker to main. */
export type DbWorkerMessage = { type: 'progress'; value: unknown } | { type: 'done'; value: unknown } | { type: 'failed'; message: string };

/** The worker's file: the bundled sibling in the built app, the TypeScript entry through tsx otherwise. */
export function dbWorkerScript(): string | URL {
  const bundled = process.env.GMAO_DB_WORKER_BUNDLE;
  if (bundled) return path.join(__dirname, bundled);
  return new URL('../../db-worker-dev.mjs', import.meta.url);
}

/** `job` names an entry of the registry the worker loads (electron/core/db-jobs.ts); the caller states its types. */
export function runDbJob<Result, Progress = never>(job: string, input: unknown, onProgress?: (value: Progress) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(dbWorkerScript(), { workerData: { job, input } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: DbWorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.value as Progress);
      else if (message.type === 'done') settle(() => resolve(message.value as Result));
      else settle(() => reject(new Error(`Database worker job ${job} failed: ${message.message}`)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`Database worker for ${job} stopped (exit code ${code}) before answering`))));
  });
}
