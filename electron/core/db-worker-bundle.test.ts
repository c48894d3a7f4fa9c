// The database worker as the built app runs it: built with build-main.mjs's esbuild settings (CommonJS,
// better-sqlite3 external, GMAO_DB_WORKER_BUNDLE defined), a main-side bundle calling runDbJob finds
// db-worker.cjs beside itself, starts it, and a real job runs through it on a real database, in plain Node.
// SQLite only: the worker's jobs work on the SQLite file (on PostgreSQL the export runs in main, see audit-csv-job.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore } from '../../tests/support/test-core';
import { RUNTIME_EXTERNALS } from '../../build/scripts/packaging.mjs';
import { TEST_ENGINE } from '../../tests/support/test-database';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const repoRoot = path.resolve(import.meta.dirname, '../..');

describe.runIf(TEST_ENGINE === 'sqlite')('the bundled database worker', () => {
  it('is found beside the bundle that runs it and answers a job, loading better-sqlite3 from node_modules', async () => {
    // Under the repository, as dist/electron is, so require('better-sqlite3') resolves the same way.
    const outDir = path.join(repoRoot, 'dist', `worker-test-${process.pid}`);
    cleanups.push(() => fs.rmSync(outDir, { recursive: true, force: true }));
    const common: BuildOptions = {
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      logLevel: 'silent',
      external: ['electron', ...RUNTIME_EXTERNALS],
      define: { 'process.env.GMAO_DB_WORKER_BUNDLE': JSON.stringify('db-worker.cjs') },
    };
    await build({ ...common, entryPoints: [path.join(repoRoot, 'electron/core/db-worker.ts')], outfile: path.join(outDir, 'db-worker.cjs') });
    await build({
      ...common,
      stdin: {
        contents: `import { runDbJob } from './electron/core/kernel/db/run-db-job';
          let progress = 0;
          runDbJob('audit-csv', JSON.parse(process.argv[2]), () => progress++).then((result) => {
            console.log(JSON.stringify({ rows: result.rows, firstRow: result.content.split('\\r\\n')[1], progress }));
          });`,
        resolveDir: repoRoot,
        loader: 'ts',
      },
      outfile: path.join(outDir, 'main.cjs'),
    });

    const core = await createTestCore();
    cleanups.push(() => core.dispose());
    await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
    const input = { databaseFile: core.databaseFile, criteria: {}, maxRows: 1000, language: 'fr', progressEvery: 1 };
    const output = execFileSync(process.execPath, [path.join(outDir, 'main.cjs'), JSON.stringify(input)], { encoding: 'utf8' });
    const answer = JSON.parse(output) as { rows: number; firstRow: string; progress: number };
    expect(answer.rows).toBe(1);
    expect(answer.firstRow).toContain('setup.first_admin');
    expect(answer.progress).toBeGreaterThan(0);
  });
});
