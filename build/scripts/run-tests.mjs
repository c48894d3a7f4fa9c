// Node (tests). `npm test`: typecheck, lint, build, vitest on SQLite, vitest's database suites again on
// PostgreSQL, Playwright in Chromium, security scan. Every step runs even if an earlier one failed (except
// end-to-end without a build), so one run shows everything that is wrong. Ends with one line
// "tests: N passed, N failed" that counts both database passes.
// PostgreSQL: GMAO_TEST_DATABASE_URL when set; otherwise a throwaway cluster started here when Debian's server
// binaries are installed (stopped at the end, even on failure); otherwise the pass is skipped and says so,
// except under CI=true, where a missing PostgreSQL is a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findPostgresBin, startCluster } from './pg-cluster.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const vitestJson = path.join(results, 'vitest.json');
const vitestPgJson = path.join(results, 'vitest-postgres.json');
const e2eJson = path.join(results, 'e2e.json');
for (const file of [vitestJson, vitestPgJson, e2eJson]) fs.rmSync(file, { force: true });

// The suites that touch a database through the engine-aware test support (test-core.ts or test-database.ts) run a
// second time on PostgreSQL.
function databaseSuites() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !['node_modules', 'dist', 'e2e'].includes(entry.name)) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.test.ts') && /support\/test-(database|core)['/]/.test(fs.readFileSync(full, 'utf8'))) found.push(path.relative(root, full));
    }
  };
  for (const dir of ['electron', 'tests']) walk(path.join(root, dir));
  return found.sort();
}

let postgres = { url: process.env.GMAO_TEST_DATABASE_URL ?? null, stop: null, skipped: null };
if (!postgres.url) {
  if (findPostgresBin()) {
    try {
      const cluster = await startCluster();
      postgres = { url: cluster.url, stop: cluster.stop, skipped: null };
      console.log(`PostgreSQL: throwaway cluster at ${cluster.url}`);
    } catch (error) {
      postgres.skipped = `the throwaway cluster did not start: ${error.message}`;
    }
  } else {
    postgres.skipped = 'no PostgreSQL server on this machine (Debian package "postgresql"), and GMAO_TEST_DATABASE_URL is not set';
  }
}
const stopPostgres = () => {
  if (postgres.stop) postgres.stop();
  postgres.stop = null;
};
process.on('exit', stopPostgres);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const bin = (name) => path.join(root, 'node_modules/.bin', name);
const steps = [
  { name: 'typecheck', cmd: 'npm', args: ['run', '-s', 'typecheck'] },
  { name: 'lint', cmd: 'npm', args: ['run', '-s', 'lint'] },
  { name: 'build', cmd: 'npm', args: ['run', '-s', 'build'] },
  {
    name: 'vitest',
    cmd: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
  },
  {
    name: 'vitest-postgres',
    cmd: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestPgJson}`, ...databaseSuites()],
    env: { GMAO_TEST_ENGINE: 'postgres', GMAO_TEST_DATABASE_URL: postgres.url ?? '' },
    skip: postgres.url ? null : postgres.skipped,
  },
  // The PostgreSQL specs use the same server as the PostgreSQL pass (they start a cluster of their own otherwise).
  { name: 'e2e', cmd: bin('playwright'), args: ['test', '-c', 'tests/e2e/playwright.config.ts'], needs: 'build', env: postgres.url ? { GMAO_TEST_DATABASE_URL: postgres.url } : {} },
  { name: 'security', cmd: process.execPath, args: ['build/scripts/security-scan.mjs'] },
];

// `npm run test:pg`: `--only vitest-postgres` runs that pass alone.
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1] : null;

const outcome = {};
for (const step of steps.filter((candidate) => !only || candidate.name === only)) {
  if (step.skip) {
    outcome[step.name] = process.env.CI === 'true' ? 'FAILED' : 'skipped';
    console.log(`\n=== ${step.name}: SKIPPED, ${step.skip}${process.env.CI === 'true' ? ' (a failure under CI)' : ''}`);
    continue;
  }
  if (step.needs && outcome[step.needs] !== 'ok') {
    outcome[step.name] = 'skipped';
    console.log(`\n=== ${step.name}: skipped (${step.needs} failed)`);
    continue;
  }
  console.log(`\n=== ${step.name}`);
  const started = Date.now();
  const run = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', ...step.env } });
  outcome[step.name] = run.status === 0 ? 'ok' : 'FAILED';
  console.log(`=== ${step.name}: ${outcome[step.name]} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

stopPostgres();

const counts = { passed: 0, failed: 0, skipped: 0 };
for (const [label, file] of [['vitest (SQLite)', vitestJson], ['vitest (PostgreSQL)', vitestPgJson]]) {
  if (!fs.existsSync(file)) continue;
  const v = JSON.parse(fs.readFileSync(file, 'utf8'));
  counts.passed += v.numPassedTests;
  counts.failed += v.numFailedTests;
  counts.skipped += v.numPendingTests + v.numTodoTests;
  console.log(`${label}: ${v.numPassedTests} passed, ${v.numFailedTests} failed`);
}
if (outcome['vitest-postgres'] === 'skipped') console.log(`vitest (PostgreSQL): not run (${postgres.skipped})`);
if (fs.existsSync(e2eJson)) {
  const { stats } = JSON.parse(fs.readFileSync(e2eJson, 'utf8'));
  counts.passed += stats.expected + stats.flaky;
  counts.failed += stats.unexpected;
  counts.skipped += stats.skipped;
  console.log(`playwright: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed`);
}
// A step that failed without a test count (typecheck, lint, build, scan) counts as one failure.
for (const step of ['typecheck', 'lint', 'build', 'security']) if (outcome[step] === 'FAILED') counts.failed += 1;
if (outcome.vitest === 'FAILED' && !fs.existsSync(vitestJson)) counts.failed += 1;
if (outcome['vitest-postgres'] === 'FAILED' && !fs.existsSync(vitestPgJson)) counts.failed += 1;
if (outcome.e2e === 'FAILED' && !fs.existsSync(e2eJson)) counts.failed += 1;

console.log(`steps: ${Object.entries(outcome).map(([name, state]) => `${name} ${state}`).join(', ')}`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
const allOk = Object.values(outcome).every((state) => state === 'ok' || state === 'skipped');
process.exit(allOk && counts.failed === 0 && counts.passed > 0 ? 0 : 1);
