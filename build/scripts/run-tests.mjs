// Node (tests). `npm test`: typecheck, lint, build, vitest, Playwright in Chromium, security scan.
// Every step runs even if an earlier one failed (except end-to-end without a build), so one run shows
// everything that is wrong. Ends with one line "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const vitestJson = path.join(results, 'vitest.json');
const e2eJson = path.join(results, 'e2e.json');
fs.rmSync(vitestJson, { force: true });
fs.rmSync(e2eJson, { force: true });

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
  { name: 'e2e', cmd: bin('playwright'), args: ['test', '-c', 'tests/e2e/playwright.config.ts'], needs: 'build' },
  { name: 'security', cmd: process.execPath, args: ['build/scripts/security-scan.mjs'] },
];

const outcome = {};
for (const step of steps) {
  if (step.needs && outcome[step.needs] !== 'ok') {
    outcome[step.name] = 'skipped';
    console.log(`\n=== ${step.name}: skipped (${step.needs} failed)`);
    continue;
  }
  console.log(`\n=== ${step.name}`);
  const started = Date.now();
  const run = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  outcome[step.name] = run.status === 0 ? 'ok' : 'FAILED';
  console.log(`=== ${step.name}: ${outcome[step.name]} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const counts = { passed: 0, failed: 0, skipped: 0 };
if (fs.existsSync(vitestJson)) {
  const v = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
  counts.passed += v.numPassedTests;
  counts.failed += v.numFailedTests;
  counts.skipped += v.numPendingTests + v.numTodoTests;
  console.log(`\nvitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed`);
}
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
if (outcome.e2e === 'FAILED' && !fs.existsSync(e2eJson)) counts.failed += 1;

console.log(`steps: ${Object.entries(outcome).map(([name, state]) => `${name} ${state}`).join(', ')}`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
const allOk = Object.values(outcome).every((state) => state === 'ok');
process.exit(allOk && counts.failed === 0 && counts.passed > 0 ? 0 : 1);
