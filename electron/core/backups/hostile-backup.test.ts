// Issue 11, item 1: a backup is data, never code. Files with a smuggled trigger, view, table or changed column
// are refused at check time (and at restore and import), on real SQLite files, and the live database is left
// exactly as it was; a good file is restored as rows into this app's own schema. SQLite only: backups of a
// PostgreSQL database are the server's job.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../../shared/contract';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { openDatabaseFile } from '../kernel/db/open-database';
import { BackupFileRepository } from './backup-file-repository';
import { UsersRepository } from '../kernel/identity/users-repository';
import { compareSchemas, migrateFreshTo } from './verify-backup';
import { TEST_ENGINE } from '../../../tests/support/test-database';

const SQLITE = TEST_ENGINE === 'sqlite';

const cores: TestCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose();
});

async function adminCore(): Promise<TestCore> {
  const core = await createTestCore();
  cores.push(core);
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  const login = await core.call('admin', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
  expect(login.ok).toBe(true);
  return core;
}

const backupsDir = (core: TestCore) => path.join(core.dataDir, 'backups');

/** A copy of the live data in the backups folder, altered by `tamper` the way someone with the file could. */
function tamperedBackup(core: TestCore, fileName: string, tamper: (db: Database.Database) => void): string {
  fs.mkdirSync(backupsDir(core), { recursive: true });
  const file = path.join(backupsDir(core), fileName);
  core.database.sqlite!.prepare('VACUUM INTO ?').run(file);
  const db = new Database(file);
  try {
    tamper(db);
  } finally {
    db.close();
  }
  return fileName;
}

/** Everything a restore could change in the live database: its schema and its rows, as text. */
function liveSnapshot(core: TestCore): string {
  const schema = new BackupFileRepository(core.database.sqlite!).schemaObjects();
  const tables = schema.filter((object) => object.type === 'table').map((object) => object.name);
  const rows = tables.map((table) => core.database.sqlite!.prepare(`SELECT * FROM "${table}"`).all());
  return JSON.stringify({ schema, rows });
}

/** The first administrator's requester: the account the hostile trigger would promote. */
function addRequester(core: TestCore): Promise<number> {
  return new UsersRepository(core.database.kysely).insert(
    { username: 'demandeur', displayName: 'Demandeur', email: null, role: 'requester', passwordHash: 'x', mustChangePassword: false, locale: 'fr' },
    core.clock.now(),
  );
}

const HOSTILE = (db: Database.Database) =>
  db.exec(`
    CREATE TRIGGER promote_on_login AFTER UPDATE OF last_login_at ON users
    BEGIN UPDATE users SET role = 'admin' WHERE id = new.id; END;
    DROP TRIGGER audit_log_delete_guard;
    CREATE TRIGGER eat_new_audit AFTER INSERT ON audit_log
    BEGIN DELETE FROM audit_log WHERE id = new.id; END;
    DROP TRIGGER audit_log_append_only;
    CREATE VIEW everyone AS SELECT username, password_hash FROM users;
  `);

describe.runIf(SQLITE)('a backup is data, never code', () => {
  it('refuses the hostile file (triggers added and dropped, a view) at check, restore and import; the live data is untouched', async () => {
    const core = await adminCore();
    await addRequester(core);
    const fileName = tamperedBackup(core, 'cle-usb.sqlite', HOSTILE);
    const before = liveSnapshot(core);
    const listedBefore = fs.readdirSync(backupsDir(core)).sort();

    const check = await core.call('admin', 'backups:check', { fileName });
    expect(check).toMatchObject({
      ok: false,
      // Code first in the message: the first problem named is a trigger.
      error: { code: 'BACKUP_INVALID', details: { reason: 'schema', objectType: 'trigger', problemCount: 5 } },
    });
    if (check.ok) throw new Error('unreachable');
    expect(check.error.message).toMatch(/extra trigger promote_on_login/);
    expect(check.error.message).toMatch(/extra trigger eat_new_audit/);
    expect(check.error.message).toMatch(/missing trigger audit_log_append_only/);
    expect(check.error.message).toMatch(/missing trigger audit_log_delete_guard/);
    expect(check.error.message).toMatch(/extra view everyone/);

    const restore = await core.call('admin', 'backups:restore', { fileName });
    expect(restore).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID', details: { reason: 'schema' } } });
    const imported = await core.backups.importFile(path.join(backupsDir(core), fileName), { userId: 1, windowId: 'admin' }).catch((error: unknown) => error);
    expect(imported).toMatchObject({ code: 'BACKUP_INVALID' });

    // Nothing changed: same schema, same rows, no pre-restore copy, no staging file left behind; still signed in.
    expect(liveSnapshot(core)).toBe(before);
    expect(fs.readdirSync(backupsDir(core)).sort()).toEqual(listedBefore);
    expect(await core.call('admin', 'security:getSettings')).toMatchObject({ ok: true });
  });

  it('refuses a file with the right table names but wrong columns at check time (it used to pass, then fail at restore)', async () => {
    const core = await adminCore();
    const fileName = tamperedBackup(core, 'colonnes.sqlite', (db) => db.exec('ALTER TABLE settings RENAME COLUMN value TO valeur'));
    const before = liveSnapshot(core);
    const check = await core.call('admin', 'backups:check', { fileName });
    expect(check).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_INVALID', details: { reason: 'schema', problem: 'different', objectType: 'table', objectName: 'settings' } },
    });
    expect(liveSnapshot(core)).toBe(before);
  });

  it('refuses a file with an extra table at check time', async () => {
    const core = await adminCore();
    const fileName = tamperedBackup(core, 'table-en-plus.sqlite', (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)'));
    const before = liveSnapshot(core);
    const check = await core.call('admin', 'backups:check', { fileName });
    expect(check).toMatchObject({
      ok: false,
      error: { code: 'BACKUP_INVALID', details: { reason: 'schema', problem: 'extra', objectType: 'table', objectName: 'notes', problemCount: 1 } },
    });
    expect(liveSnapshot(core)).toBe(before);
  });

  it('refuses rows that break the schema’s own rules (a role the app does not know)', async () => {
    const core = await adminCore();
    // Same schema; the CHECK constraint is bypassed in the file with ignore_check_constraints.
    const fileName = tamperedBackup(core, 'role.sqlite', (db) => {
      db.pragma('ignore_check_constraints = ON');
      db.exec("UPDATE users SET role = 'superuser'");
    });
    expect(await core.call('admin', 'backups:check', { fileName })).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
  });

  it('restores a good file as rows into the app’s own schema: the live schema is exactly what the migrations create', async () => {
    const core = await adminCore();
    const requester = await addRequester(core);
    const backup = (await core.call('admin', 'backups:create')) as { ok: true; data: BackupInfo };
    core.database.sqlite!.prepare('DELETE FROM users WHERE id = ?').run(requester);
    const restored = await core.call('admin', 'backups:restore', { fileName: backup.data.fileName });
    expect(restored).toMatchObject({ ok: true });
    expect(core.database.sqlite!.prepare('SELECT role FROM users WHERE id = ?').pluck().get(requester)).toBe('requester');

    const reference = new Database(':memory:');
    migrateFreshTo(reference, core.migration.to);
    expect(compareSchemas(new BackupFileRepository(reference).schemaObjects(), new BackupFileRepository(core.database.sqlite!).schemaObjects())).toEqual([]);
    reference.close();
    // The retention gate came from the migration, shut, not from the file.
    expect(core.database.sqlite!.prepare('SELECT is_open FROM audit_retention_gate').pluck().get()).toBe(0);
  });

  it('keeps only the rebuilt copy on import: the file in the folder has the app’s schema, not the source’s', async () => {
    const core = await adminCore();
    fs.mkdirSync(backupsDir(core), { recursive: true });
    const outside = path.join(core.dataDir, 'ailleurs.sqlite');
    core.database.sqlite!.prepare('VACUUM INTO ?').run(outside);
    // Harmless but foreign statistics (ANALYZE) are not schema objects of the app; they are not carried over.
    const db = new Database(outside);
    db.exec('ANALYZE');
    db.close();
    const info = await core.backups.importFile(outside, { userId: 1, windowId: 'admin' });
    const kept = openDatabaseFile({ file: path.join(backupsDir(core), info.fileName), readonly: true });
    try {
      expect(kept.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'sqlite_stat%'").pluck().get()).toBe(0);
    } finally {
      kept.close();
    }
  });
});

describe.runIf(SQLITE)('checking off main’s thread', () => {
  it('runs the integrity check and rebuild in the worker: main keeps turning, and the window sees the check’s progress', async () => {
    const core = await adminCore();
    const backup = (await core.call('admin', 'backups:create')) as { ok: true; data: BackupInfo };
    core.events.splice(0);
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const checked = await core.call('admin', 'backups:check', { fileName: backup.data.fileName });
    running = false;
    expect(checked).toMatchObject({ ok: true });
    // A check done synchronously on main's thread would have let no macrotask run.
    expect(turns).toBeGreaterThan(0);
    const steps = core.events.filter((e) => e.event === 'backups:progress').map((e) => e.payload as { phase: string; remainingPages: number });
    expect(steps.length).toBeGreaterThan(2);
    expect(steps.every((step) => step.phase === 'check')).toBe(true);
    expect(steps.at(-1)?.remainingPages).toBe(0);
  });
});

describe.runIf(SQLITE)('compareSchemas', () => {
  it('ignores indentation but not a changed word', () => {
    const table = (sql: string) => [{ type: 'table', name: 't', tableName: 't', sql, columns: ['["a","",0,null,0,0]'] }];
    expect(compareSchemas(table('CREATE TABLE t (\n  a\n)'), table('CREATE TABLE t ( a )'))).toEqual([]);
    expect(compareSchemas(table('CREATE TABLE t (a)'), table('CREATE TABLE t (b)'))).toEqual([{ kind: 'different', objectType: 'table', objectName: 't' }]);
  });
});
