import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, makeTempDir } from '../../../../tests/support/test-core';
import { createCore, DATABASE_FILE_NAME } from '../../create-core';
import { DatabaseTooNewError, migrate, readSchemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';
import { openDatabase, type Db } from './open-database';
import { REPO_RESOURCES_DIR } from '../../../../tests/support/repo-paths';
import { backupBeforeMigration } from '../../backups';

const dirs: string[] = [];
const dbs: Db[] = [];
function freshDb(): { db: Db; dir: string } {
  const dir = makeTempDir();
  dirs.push(dir);
  const db = openDatabase({ file: path.join(dir, 'test.sqlite') });
  dbs.push(db);
  return { db, dir };
}
afterEach(() => {
  dbs.splice(0).forEach((db) => db.open && db.close());
  dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

const clock = new FakeClock();
const step = (version: number, sql: string): Migration => ({ version, name: `step${version}`, up: (db) => db.exec(sql), postgres: async () => undefined });

describe('migrations', () => {
  it('brings a new database to the latest schema with WAL and foreign keys on', () => {
    const { db, dir } = freshDb();
    const report = migrate(db, MIGRATIONS, { backupBeforeMigration: (target) => backupBeforeMigration(target, { backupDir: path.join(dir, 'backups'), clock }) });
    expect(report).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION, backupFile: null });
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('is a no-op when up to date', () => {
    const { db, dir } = freshDb();
    migrate(db, MIGRATIONS, { backupBeforeMigration: (target) => backupBeforeMigration(target, { backupDir: path.join(dir, 'backups'), clock }) });
    expect(migrate(db, MIGRATIONS, { backupBeforeMigration: (target) => backupBeforeMigration(target, { backupDir: path.join(dir, 'backups'), clock }) })).toMatchObject({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, backupFile: null });
  });

  it('backs an existing database up before migrating it, and the copy holds the old data', () => {
    const { db, dir } = freshDb();
    const backupDir = path.join(dir, 'backups');
    migrate(db, [step(1, 'CREATE TABLE t (x); INSERT INTO t VALUES (1);')], { backupBeforeMigration: (target) => backupBeforeMigration(target, { backupDir, clock }) });
    const report = migrate(db, [step(1, ''), step(2, 'ALTER TABLE t ADD COLUMN y')], { backupBeforeMigration: (target) => backupBeforeMigration(target, { backupDir, clock }) });
    expect(report.from).toBe(1);
    expect(path.basename(report.backupFile!)).toMatch(/^gmao-atelier_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}[+-]\d{4}_avant-migration\.sqlite$/);
    const copy = openDatabase({ file: report.backupFile! });
    dbs.push(copy);
    expect(readSchemaVersion(copy)).toBe(1);
    expect(copy.prepare('SELECT x FROM t').all()).toEqual([{ x: 1 }]);
  });

  it('runs all pending steps in one transaction: a failing step leaves the database untouched', () => {
    const { db, dir } = freshDb();
    const steps = [step(1, 'CREATE TABLE a (x)'), step(2, 'CREATE TABLE b (x)'), step(3, 'THIS IS NOT SQL')];
    expect(() => migrate(db, steps, { backupBeforeMigration: (target) => backupBeforeMigration(target, { backupDir: path.join(dir, 'b'), clock }) })).toThrow();
    expect(readSchemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
  });

  it('refuses a database created by a newer version, without touching it', () => {
    const { db, dir } = freshDb();
    db.pragma('user_version = 99');
    expect(() => migrate(db, MIGRATIONS, { backupBeforeMigration: (target) => backupBeforeMigration(target, { backupDir: path.join(dir, 'b'), clock }) })).toThrow(DatabaseTooNewError);
    expect(readSchemaVersion(db)).toBe(99);
  });

  it('refuses steps that are out of order', () => {
    const { db, dir } = freshDb();
    expect(() => migrate(db, [step(2, '')], { backupBeforeMigration: (target) => backupBeforeMigration(target, { backupDir: path.join(dir, 'b'), clock }) })).toThrow(/expected 1/);
  });

  it('the app refuses to open on a newer database with a typed error', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const db = openDatabase({ file: path.join(dir, DATABASE_FILE_NAME) });
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const open = createCore({ dataDir: dir, appVersion: 't', workstationName: 'w', resourcesDir: REPO_RESOURCES_DIR, trustedOrigins: [], events: { send() {} } });
    await expect(open).rejects.toThrow(DatabaseTooNewError);
  });

  it('keeps the audit log append-only at the database level too', () => {
    const { db, dir } = freshDb();
    migrate(db, MIGRATIONS, { backupBeforeMigration: (target) => backupBeforeMigration(target, { backupDir: path.join(dir, 'b'), clock }) });
    db.prepare("INSERT INTO audit_log (occurred_at, event_type, workstation) VALUES (1, 'logout', 'w')").run();
    expect(() => db.prepare("UPDATE audit_log SET event_type = 'x'").run()).toThrow(/append-only/);
  });
});
