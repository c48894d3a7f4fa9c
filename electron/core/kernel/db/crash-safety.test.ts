// Crash safety: a child process writes transactions in a loop through the app's own openDatabase and
// repositories, and is killed with SIGKILL at random moments, 100 times, on the same database. After every
// kill the database must pass integrity_check and hold every transaction the child reported committed.
//
// Why nothing committed is lost, although open-database.ts sets `synchronous = NORMAL`: in WAL mode a COMMIT
// appends the transaction's frames to the -wal file with write(2) before returning; NORMAL only skips the
// fsync at each commit (syncing happens at checkpoints). Once write(2) returns, the bytes belong to the
// operating system's page cache, which outlives a killed process: SIGKILL, a crash of the app, or the task
// manager's "End task" lose nothing committed. Only an operating-system crash or a power cut can lose the
// last few commits, and even then the WAL's checksums keep the database consistent (never corrupt), which is
// the trade-off SQLite documents for WAL + NORMAL. The next open replays the WAL (recovery), as here.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, makeTempDir } from '../../../../tests/support/test-core';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './open-database';
import { REPO_ROOT } from '../../../../tests/support/repo-paths';
import { backupBeforeMigration } from '../../backups';

const KILLS = 100;
// The kill moments come from a seeded PRNG: a failure prints its seed, and GMAO_CRASH_SEED=<seed> replays
// the same schedule of kills (the child's own progress still depends on the machine's speed).
const SEED = Number(process.env.GMAO_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 32)) >>> 0;
const random = mulberry32(SEED);
const root = REPO_ROOT;
let dir: string;
let childScript: string;
let databaseFile: string;

beforeAll(async () => {
  dir = makeTempDir('gmao-crash-');
  databaseFile = path.join(dir, 'gmao-atelier.sqlite');
  // Bundled once, so each of the 100 children starts in plain Node in a few tens of milliseconds.
  childScript = path.join(dir, 'crash-writer.cjs');
  await build({
    entryPoints: [path.join(root, 'tests/support/crash-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: childScript,
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
  const db = openDatabase({ file: databaseFile });
  migrate(db, MIGRATIONS, { backupBeforeMigration: (target) => backupBeforeMigration(target, { backupDir: path.join(dir, 'backups'), clock: new FakeClock() }) });
  db.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Starts a writer, kills it at a random moment, and returns the ids it reported committed. */
async function runAndKill(): Promise<number[]> {
  const child = spawn(process.execPath, [childScript, databaseFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
  });
  let output = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  // One run in five dies during start-up (opening, WAL recovery); the others while writing, at any point.
  if (random() < 0.2) await sleep(random() * 80);
  else {
    await waitFor(() => output.includes('ready\n') || child.exitCode !== null);
    await sleep(random() * 60);
  }
  child.kill('SIGKILL');
  const { code, signal } = await exited;
  // Wait for the pipe to be drained: everything the child wrote before dying is readable after its exit.
  await new Promise<void>((resolve) => (child.stdout.readableEnded ? resolve() : child.stdout.once('end', () => resolve())));
  if (signal !== 'SIGKILL') throw new Error(`writer exited by itself (code ${code}): ${stderr}`);
  const lines = output.split('\n');
  // The last line may be cut by the kill: only whole lines count.
  const whole = lines.slice(0, -1).filter((line) => line !== 'ready');
  return whole.map(Number);
}

describe('crash safety', () => {
  it(`keeps the database intact and every reported commit through ${KILLS} SIGKILLs`, { timeout: 180_000 }, async ({ onTestFailed }) => {
    onTestFailed(() => console.error(`crash-safety: seed ${SEED} (replay with GMAO_CRASH_SEED=${SEED})`));
    const allReported = new Set<number>();
    let killedWhileWriting = 0;
    for (let kill = 1; kill <= KILLS; kill++) {
      const reported = await runAndKill();
      if (reported.length > 0) killedWhileWriting++;
      reported.forEach((id) => allReported.add(id));

      const db = openDatabase({ file: databaseFile });
      try {
        expect(db.pragma('integrity_check', { simple: true }), `after kill ${kill} (seed ${SEED})`).toBe('ok');
        const present = new Set((db.prepare('SELECT id FROM users').all() as { id: number }[]).map((row) => row.id));
        const missing = [...allReported].filter((id) => !present.has(id));
        expect(missing, `committed ids missing after kill ${kill} (seed ${SEED})`).toEqual([]);
        // Both halves of every transaction, or neither: each user has its counter and each counter its user.
        const torn = db
          .prepare(
            `SELECT COUNT(*) AS n FROM users u WHERE u.username LIKE 'crash.%'
               AND NOT EXISTS (SELECT 1 FROM settings s WHERE s.key = 'crash.user.' || u.id)`,
          )
          .get() as { n: number };
        expect(torn.n).toBe(0);
      } finally {
        db.close();
      }
    }
    // The test must have killed real writers, many times, not just idle processes.
    expect(killedWhileWriting).toBeGreaterThan(KILLS / 2);
    expect(allReported.size).toBeGreaterThan(1000);
  });
});

/** mulberry32: a tiny, well-mixed 32-bit PRNG; enough to replay a schedule, not for anything secret. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await sleep(2);
  }
}
