// Node (build). Bundles Electron's main and preload into dist/electron with esbuild.
// Native and Electron modules stay external: Electron provides one, node_modules the others.
import { build } from 'esbuild';
import { OPTIONAL_NEVER_LOADED, RUNTIME_EXTERNALS } from './packaging.mjs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: false,
  logLevel: 'warning',
  // Loaded from node_modules at run time; npm run package ships exactly these (packaging.mjs). pg-native is pg's
  // optional native client, required lazily only if `pg.native` is read, which nothing does: never shipped.
  external: ['electron', ...RUNTIME_EXTERNALS, ...OPTIONAL_NEVER_LOADED],
};

// The database worker (integrity checks, backup rebuilds, the audit CSV) is a second bundle beside main.cjs;
// run-db-job.ts finds it through GMAO_DB_WORKER_BUNDLE, which only the built main defines. import.meta.url
// is the sources' way to find the worker (db-worker-dev.mjs) and is never reached in the bundle.
const workerBundle = 'db-worker.cjs';
const bundledWorker = {
  define: { 'process.env.GMAO_DB_WORKER_BUNDLE': JSON.stringify(workerBundle) },
  logOverride: { 'empty-import-meta': 'silent' },
};
await build({ ...common, ...bundledWorker, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' });
await build({ ...common, ...bundledWorker, entryPoints: ['electron/core/db-worker.ts'], outfile: `dist/electron/${workerBundle}` });
// The preload runs sandboxed: it may only require 'electron', so everything else is bundled in.
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] });
console.log(`dist/electron: main.cjs, ${workerBundle}, preload.cjs`);
