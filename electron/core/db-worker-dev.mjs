// Node (worker thread, development and tests only). Lets the worker run straight from the TypeScript sources:
// tsx's loader is registered in this thread, then db-worker.ts is imported. The built app never uses this file
// (it runs dist/electron/db-worker.cjs, see run-db-job.ts).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./db-worker.ts', import.meta.url).href);
