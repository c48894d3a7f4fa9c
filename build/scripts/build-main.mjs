// Node (build). Bundles Electron's main and preload into dist/electron with esbuild.
// Native and Electron modules stay external: Electron provides one, node_modules the others.
import { build } from 'esbuild';
import { RUNTIME_EXTERNALS } from './packaging.mjs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: false,
  logLevel: 'warning',
  // Loaded from node_modules at run time; npm run package ships exactly these (packaging.mjs).
  external: ['electron', ...RUNTIME_EXTERNALS],
};

await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' });
// The preload runs sandboxed: it may only require 'electron', so everything else is bundled in.
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] });
console.log('dist/electron: main.cjs, preload.cjs');
