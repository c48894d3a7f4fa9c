// Node (tests). OT numbers under real concurrency: two OS processes, each with its own connection (a pool on
// PostgreSQL, a handle on the SQLite file), create OTs at the same moment on one database. Every number is
// distinct and together they are consecutive: the database's sequence row is the only counter.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../tests/support/repo-paths';
import { makeTempDir } from '../../../tests/support/test-core';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../../../tests/support/test-database';
import { EquipmentRepository } from '../equipment';
import { migrateDatabase } from '../kernel/db/migrate-database';
import { MIGRATIONS } from '../kernel/db/migrations';

const child = path.join(REPO_ROOT, 'electron/core/work-orders/concurrent-numbering-child.ts');
const COUNT = 40;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function startProcess(target: TestDatabaseTarget, name: string, equipmentId: number) {
  const location = target.engine === 'postgres' ? (target.url as string) : (target.file as string);
  const process_: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', child, target.engine, location, target.schema ?? '-', name, String(COUNT), String(equipmentId)],
    { cwd: REPO_ROOT, stdio: 'pipe' },
  );
  let stderr = '';
  process_.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const lines: string[] = [];
  const reader = readline.createInterface({ input: process_.stdout });
  const ready = new Promise<void>((resolve, reject) => {
    reader.on('line', (line) => {
      lines.push(line);
      if (line === 'ready') resolve();
    });
    process_.once('exit', (code) => reject(new Error(`${name} exited (${code}) before ready: ${stderr}`)));
  });
  const done = new Promise<string[]>((resolve, reject) =>
    process_.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${name} exited ${code}: ${stderr}`));
      const result = lines.find((line) => line.startsWith('{'));
      resolve(result ? (JSON.parse(result) as { numbers: string[] }).numbers : []);
    }),
  );
  return { process: process_, ready, done };
}

describe(`OT numbering on ${TEST_ENGINE}`, () => {
  it('gives two processes creating at once distinct, consecutive numbers', async () => {
    const dir = makeTempDir('gmao-numbering-');
    const target = await createTestDatabaseTarget(dir);
    cleanup.push(async () => {
      await target.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const database = await target.open();
    await migrateDatabase(database, MIGRATIONS);
    const equipmentId = await new EquipmentRepository(database.kysely).insert({ code: 'PR-003', designation: 'Presse 3', location_id: null, parent_id: null, category: null, manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: 0, updated_at: 0 });
    await database.close();

    const a = startProcess(target, 'POSTE-A', equipmentId);
    const b = startProcess(target, 'POSTE-B', equipmentId);
    await Promise.all([a.ready, b.ready]);
    a.process.stdin.write('go\n');
    b.process.stdin.write('go\n');
    const [numbersA, numbersB] = await Promise.all([a.done, b.done]);
    expect(numbersA).toHaveLength(COUNT);
    expect(numbersB).toHaveLength(COUNT);
    const all = [...numbersA, ...numbersB];
    expect(new Set(all).size).toBe(2 * COUNT);
    const values = all.map((n) => Number(n.slice('OT-2026-'.length))).sort((x, y) => x - y);
    expect(values).toEqual(Array.from({ length: 2 * COUNT }, (_, i) => i + 1));
    // Each process's own numbers increase: a number is never reused or handed out of order to one writer.
    for (const own of [numbersA, numbersB]) expect([...own].sort()).toEqual(own);

    const check = await target.open();
    const rows = await check.kysely.selectFrom('work_orders').select('number').execute();
    await check.close();
    expect(rows.map((r) => r.number).sort()).toEqual([...all].sort());
  });
});
