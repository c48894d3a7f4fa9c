// Node (tests). The numbered migrations on the engine of this pass (SQLite file or PostgreSQL schema).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../../../../tests/support/test-database';
import { makeTempDir } from '../../../../tests/support/test-core';
import { openSqliteDatabase, type Database } from './database';
import { DatabaseTooNewError, migrateDatabase, readSchemaVersion } from './migrate-database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { REPO_ROOT } from '../../../../tests/support/repo-paths';

const opened: Database[] = [];
const targets: TestDatabaseTarget[] = [];
async function fresh(): Promise<{ target: TestDatabaseTarget; db: Database }> {
  const target = await createTestDatabaseTarget();
  targets.push(target);
  const db = await target.open();
  opened.push(db);
  return { target, db };
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const target of targets.splice(0)) await target.drop();
});

describe(`migrations on ${TEST_ENGINE}`, () => {
  it('brings a new database to the latest schema, then is a no-op', async () => {
    const { db } = await fresh();
    expect(await migrateDatabase(db, MIGRATIONS)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION, backupFile: null });
    expect(await readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await migrateDatabase(db, MIGRATIONS)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, backupFile: null });
    // The first step seeds the password pre-hash key, on both engines.
    const key = await db.kysely.selectFrom('settings').select('value').where('key', '=', 'auth.prehashKey').executeTakeFirstOrThrow();
    expect(Buffer.from(JSON.parse(key.value) as string, 'base64')).toHaveLength(32);
  });

  it('refuses a database from a newer version before writing anything', async () => {
    const { db } = await fresh();
    await migrateDatabase(db, MIGRATIONS);
    const future = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'future', up: () => undefined, postgres: async () => undefined }];
    await migrateDatabase(db, future);
    await expect(migrateDatabase(db, MIGRATIONS)).rejects.toBeInstanceOf(DatabaseTooNewError);
    expect(await readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
  });

  it('rolls every pending step back when one fails', async () => {
    const { db } = await fresh();
    const failing = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', up: () => { throw new Error('boom'); }, postgres: async () => { throw new Error('boom'); } }];
    await expect(migrateDatabase(db, failing)).rejects.toThrow('boom');
    expect(await readSchemaVersion(db)).toBe(0);
    const users = db.sqlite
      ? db.sqlite.prepare("select count(*) as n from sqlite_master where name = 'users'").get()
      : (await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'users' and table_schema = current_schema()`.execute(db.kysely)).rows[0];
    expect(users).toEqual({ n: 0 });
  });

  // PostgreSQL: two pools are two server sessions. SQLite's two processes are covered by two-instances.test.ts
  // (two handles in one process would block each other's event loop: better-sqlite3 waits synchronously).
  it.runIf(TEST_ENGINE === 'postgres')('runs each step once when two processes migrate the same database at the same time', async () => {
    const { target, db } = await fresh();
    const other = await target.open();
    opened.push(other);
    const reports = await Promise.all([migrateDatabase(db, MIGRATIONS), migrateDatabase(other, MIGRATIONS)]);
    expect(reports.map((r) => r.to)).toEqual([LATEST_SCHEMA_VERSION, LATEST_SCHEMA_VERSION]);
    const keys = await db.kysely.selectFrom('settings').select('key').where('key', '=', 'auth.prehashKey').execute();
    expect(keys).toHaveLength(1);
  });

  it('keeps usernames and emails unique whatever their case, and finds them so', async () => {
    const { db } = await fresh();
    await migrateDatabase(db, MIGRATIONS);
    const user = (username: string, email: string) => ({
      username, display_name: username, email, role: 'technician' as const, password_hash: 'x', password_changed_at: 1, created_at: 1, updated_at: 1,
    });
    await db.kysely.insertInto('users').values(user('Julie.Bernard', 'Julie@Usine.example')).execute();
    await expect(db.kysely.insertInto('users').values(user('julie.bernard', 'autre@usine.example')).execute()).rejects.toThrow();
    await expect(db.kysely.insertInto('users').values(user('autre', 'JULIE@usine.EXAMPLE')).execute()).rejects.toThrow();
    const found = await db.kysely.selectFrom('users').select('id').where('username', '=', 'JULIE.BERNARD').execute();
    expect(found).toHaveLength(1);
  });
});

describe.runIf(TEST_ENGINE === 'sqlite')('a database made by the released version', () => {
  it('opens, migrates in place and keeps every row', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'gmao-atelier.sqlite');
    fs.copyFileSync(path.join(REPO_ROOT, 'tests/fixtures/release-0.1.0-schema6.sqlite'), file);
    const db = openSqliteDatabase({ file });
    opened.push(db);
    const count = (table: string) => (db.sqlite!.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const before = Object.fromEntries(['users', 'settings', 'audit_log', 'login_throttle'].map((t) => [t, count(t)]));
    let backups = 0;
    const report = await migrateDatabase(db, MIGRATIONS, { backupBeforeMigration: () => { backups += 1; return 'copie'; } });
    expect(report.from).toBe(6);
    expect(report.to).toBe(LATEST_SCHEMA_VERSION);
    expect(backups).toBe(LATEST_SCHEMA_VERSION > 6 ? 1 : 0);
    for (const [table, n] of Object.entries(before)) expect(count(table)).toBe(n);
    const julie = await db.kysely.selectFrom('users').select(['display_name', 'role']).where('username', '=', 'J.BERNARD').executeTakeFirst();
    expect(julie).toEqual({ display_name: 'Julie Bernard', role: 'technician' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
