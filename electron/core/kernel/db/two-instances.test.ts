// Two app instances on one data folder (two OS accounts of a shared shop PC): two real Node processes,
// each with its own core and SQLite connection, start on a fresh folder at the same moment (both migrate,
// both try the first-admin setup) and then write at the same time. Nothing may be lost or corrupted.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../tests/support/test-core';
import { DATABASE_FILE_NAME } from '../../create-core';
import { MIGRATIONS } from './migrations';
import { REPO_ROOT } from '../../../../tests/support/repo-paths';

const root = REPO_ROOT;
const writer = path.join(root, 'tests/support/concurrent-writer.ts');
const COUNT = 120;
let dataDir: string | null = null;
afterEach(() => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Instance {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  ready: Promise<void>;
  done: Promise<number | null>;
}

function startInstance(dir: string, name: string): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, name, String(COUNT)], { cwd: root, stdio: 'pipe' });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const reader = readline.createInterface({ input: child.stdout });
  const ready = new Promise<void>((resolve, reject) => {
    reader.on('line', (line) => {
      lines.push(line);
      if (line === 'ready') resolve();
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before ready: ${stderr}`)));
  });
  const done = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      if (code !== 0) console.error(`${name} stderr:`, stderr);
      resolve(code);
    }),
  );
  return { child, lines, ready, done };
}

describe('two instances on one data folder', () => {
  it('migrate once, create one administrator, and keep every commit of both, with integrity_check ok', async () => {
    dataDir = makeTempDir('gmao-two-');
    const a = startInstance(dataDir, 'POSTE-A');
    const b = startInstance(dataDir, 'POSTE-B');
    await Promise.all([a.ready, b.ready]);
    a.child.stdin.write('go\n');
    b.child.stdin.write('go\n');
    expect(await a.done).toBe(0);
    expect(await b.done).toBe(0);

    const parse = (lines: string[]) => lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    const resultsA = parse(a.lines);
    const resultsB = parse(b.lines);
    // One instance created the administrator, the other was told it already exists.
    expect([resultsA[0].setup, resultsB[0].setup].sort()).toEqual(['SETUP_ALREADY_DONE', 'created']);
    const committedA = resultsA.filter((r) => typeof r.committed === 'number');
    const committedB = resultsB.filter((r) => typeof r.committed === 'number');
    // busy_timeout absorbs the contention: no call failed.
    expect(resultsA.concat(resultsB).filter((r) => r.error)).toEqual([]);
    expect(committedA).toHaveLength(COUNT);
    expect(committedB).toHaveLength(COUNT);
    // They really overlapped in time.
    const span = (rows: Record<string, unknown>[]) => [rows[0].committed as number, rows[rows.length - 1].committed as number];
    const [startA, endA] = span(committedA);
    const [startB, endB] = span(committedB);
    expect(startA < endB && startB < endA).toBe(true);

    const db = new Database(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
      const count = (workstation: string, eventType: string) =>
        (db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE workstation = ? AND event_type = ?').get(workstation, eventType) as { n: number }).n;
      expect(count('POSTE-A', 'login.success')).toBe(COUNT);
      expect(count('POSTE-B', 'login.success')).toBe(COUNT);
      expect(count('POSTE-A', 'logout')).toBe(COUNT);
      expect(count('POSTE-B', 'logout')).toBe(COUNT);
      expect((db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  }, 120_000);
});
