// Backups and restore through the real dispatcher and service, on real SQLite files in temp folders. SQLite only:
// a backup here is a copy of the database file; on PostgreSQL backups are the server's job (server-backups.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo, BackupProgress } from '../../../shared/contract';
import { ADMIN_INPUT, createTestCore, makeTempDir, type TestCore } from '../../../tests/support/test-core';
import { openSqliteDatabase } from '../kernel/db/database';
import { migrateDatabase } from '../kernel/db/migrate-database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../kernel/db/migrations';
import { openDatabase } from '../kernel/db/open-database';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { UsersRepository } from '../kernel/identity/users-repository';
import { readSqliteHeader } from './backup-folder';
import { BackupService, DAY_MS } from './backup-service';
import { createMemoryLogger } from '../kernel/platform/logger';
import { SettingsRepository } from '../kernel/settings/settings-repository';
import { TEST_ENGINE } from '../../../tests/support/test-database';

const SQLITE = TEST_ENGINE === 'sqlite';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = makeTempDir('gmao-backup-test-');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function signIn(core: TestCore): Promise<void> {
  const login = await core.call('admin', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
  expect(login.ok).toBe(true);
}

/** A core with its first administrator signed in, in window "admin". */
async function adminCore(options: Parameters<typeof createTestCore>[0] = {}): Promise<TestCore> {
  const core = await createTestCore(options);
  cleanups.push(() => core.dispose());
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  await signIn(core);
  return core;
}

async function ok<T>(promise: Promise<{ ok: true; data: unknown } | { ok: false; error: { code: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.data as T;
}

const backupsDir = (core: TestCore) => path.join(core.dataDir, 'backups');
/** What "Sauvegardes" lists (read straight from the service: the fake clock may have outlived the session). */
const listed = async (core: TestCore) => (await core.backups.overview()).backups;
const auditTypes = async (core: TestCore) => (await new AuditRepository(core.database.kysely, 'x').recent(100)).map((entry) => entry.eventType);
/** The live SQLite connection (these tests are about SQLite files). */
const live = (core: TestCore) => core.database.sqlite!;

function addUser(core: TestCore, username: string): Promise<number> {
  return new UsersRepository(core.database.kysely).insert(
    { username, displayName: username, email: null, role: 'technician', passwordHash: 'x', mustChangePassword: false, locale: 'fr' },
    core.clock.now(),
  );
}

/** Makes the database a few MiB, so a copy takes many steps. */
function fatten(core: TestCore, mebibytes: number): void {
  const insert = live(core).prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)");
  live(core).transaction(() => {
    for (let i = 0; i < mebibytes * 16; i++) insert.run(`test.padding.${i}`, JSON.stringify('x'.repeat(64 * 1024)));
  })();
}

describe.runIf(SQLITE)('making backups', () => {
  it('"Sauvegarder maintenant" writes a single-file copy named by kind and time, listed with its facts', async () => {
    const core = await adminCore({ appVersion: '1.4.2' });
    const info = await ok<BackupInfo>(core.call('admin', 'backups:create'));

    expect(info.fileName).toMatch(/^gmao-atelier_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}[+-]\d{4}_manuelle\.sqlite$/);
    expect(info).toMatchObject({ kind: 'manual', createdAt: Math.floor(core.clock.now() / 1000) * 1000, schemaVersion: LATEST_SCHEMA_VERSION, appVersion: '1.4.2', state: 'ok' });
    const file = path.join(backupsDir(core), info.fileName);
    expect(info.sizeBytes).toBe(fs.statSync(file).size);
    // A rollback-journal file that carries everything: nothing beside it, nothing half-written left.
    expect(readSqliteHeader(file)?.wal).toBe(false);
    expect(fs.readdirSync(backupsDir(core))).toEqual([info.fileName]);
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT username FROM users').all()).toEqual([{ username: ADMIN_INPUT.username }]);
    copy.close();

    expect(await listed(core)).toEqual([info]);
    expect((await ok<{ backups: BackupInfo[] }>(core.call('admin', 'backups:list'))).backups).toEqual([info]);
    expect(await auditTypes(core)).toContain('backup.created');
  });

  it('says the app makes the backups (engine sqlite), and refuses a pg_dump export, which is for PostgreSQL', async () => {
    const core = await adminCore();
    expect(await ok(core.call('admin', 'backups:list'))).toMatchObject({ engine: 'sqlite', serverDumpAvailable: false });
    expect(await core.call('admin', 'backups:serverDump')).toMatchObject({ ok: false, error: { code: 'SERVER_DUMP_FAILED', details: { reason: 'not-postgres' } } });
    expect(fs.existsSync(backupsDir(core)) ? fs.readdirSync(backupsDir(core)) : []).toEqual([]);
  });

  it('reports progress page by page for a larger database, to the window that asked', async () => {
    const core = await adminCore({ backupPagesPerStep: 64 });
    fatten(core, 4);
    await ok(core.call('admin', 'backups:create'));

    const progress = core.events.filter((e) => e.event === 'backups:progress').map((e) => ({ windowId: e.windowId, ...(e.payload as BackupProgress) }));
    expect(progress.length).toBeGreaterThan(10);
    expect(new Set(progress.map((p) => p.windowId))).toEqual(new Set(['admin']));
    expect(progress.every((p) => p.phase === 'backup' && p.totalPages > 1000)).toBe(true);
    const remaining = progress.map((p) => p.remainingPages);
    expect(remaining).toEqual([...remaining].sort((a, b) => b - a));
    expect(remaining.at(-1)).toBe(0);
  });

  it('numbers two backups made in the same second instead of overwriting', async () => {
    const core = await adminCore();
    const first = await ok<BackupInfo>(core.call('admin', 'backups:create'));
    const second = await ok<BackupInfo>(core.call('admin', 'backups:create'));
    expect(second.fileName).toBe(first.fileName.replace('.sqlite', '-2.sqlite'));
    expect(await listed(core)).toHaveLength(2);
  });

  it('makes the daily backup when none is 24 h old, and not before', async () => {
    const core = await adminCore();
    const first = await core.backups.runDailyIfDue();
    expect(first?.kind).toBe('auto');
    expect(await core.backups.runDailyIfDue()).toBeNull();
    core.clock.advance(DAY_MS - 60_000);
    expect(await core.backups.runDailyIfDue()).toBeNull();
    // A manual backup does not count as the daily one.
    await core.backups.createManual({ userId: 1, windowId: 'admin' });
    core.clock.advance(60_000);
    const second = await core.backups.runDailyIfDue();
    expect(second?.createdAt).toBe(first!.createdAt + DAY_MS);
    expect((await listed(core)).map((b) => b.kind)).toEqual(['auto', 'manual', 'auto']);
  });

  it('does not wait forever when the last automatic backup is dated in the future (a clock set back)', async () => {
    const core = await adminCore();
    core.clock.advance(10 * DAY_MS);
    await core.backups.runDailyIfDue();
    core.clock.advance(-10 * DAY_MS);
    expect((await core.backups.runDailyIfDue())?.kind).toBe('auto');
  });

  it('keeps only the newest automatic backups (the setting), never the other kinds', async () => {
    const core = await adminCore();
    await ok(core.call('admin', 'backups:updateSettings', { keepAutomatic: 3 }));
    const made: string[] = [];
    await ok(core.call('admin', 'backups:create'));
    for (let day = 0; day < 5; day++) {
      made.push((await core.backups.runDailyIfDue())!.fileName);
      core.clock.advance(DAY_MS);
    }
    const autos = (await listed(core)).filter((b) => b.kind === 'auto').map((b) => b.fileName);
    expect(autos).toEqual(made.slice(2).reverse());
    expect((await listed(core)).filter((b) => b.kind === 'manual')).toHaveLength(1);

    // Lowering the setting applies at once and says how many went (signed in again: days went by).
    await signIn(core);
    expect(await ok(core.call('admin', 'backups:updateSettings', { keepAutomatic: 1 }))).toEqual({ settings: { keepAutomatic: 1 }, pruned: 2 });
    expect((await listed(core)).map((b) => b.kind)).toEqual(['auto', 'manual']);
    expect(await auditTypes(core)).toContain('settings.updated');
  });

  it('bounds the retention setting (1 to 365) and defaults to 14', async () => {
    const core = await adminCore();
    expect((await ok<{ settings: unknown }>(core.call('admin', 'backups:list'))).settings).toEqual({ keepAutomatic: 14 });
    for (const keepAutomatic of [0, 366, 2.5]) {
      expect(await core.call('admin', 'backups:updateSettings', { keepAutomatic })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', fields: [{ path: 'keepAutomatic' }] },
      });
    }
  });

  it('removes copies left half-done by a crash once they are a day old, and never lists them', async () => {
    const core = await adminCore();
    fs.mkdirSync(backupsDir(core), { recursive: true });
    const stale = path.join(backupsDir(core), 'gmao-atelier_2026-01-01_00-00-00+0000_auto.sqlite.partial');
    fs.writeFileSync(stale, 'half');
    expect(await listed(core)).toEqual([]);
    core.backups.removeAbandonedPartials();
    expect(fs.existsSync(stale)).toBe(true);
    core.clock.advance(2 * DAY_MS);
    fs.utimesSync(stale, new Date(core.clock.now() - 2 * DAY_MS), new Date(core.clock.now() - 2 * DAY_MS));
    core.backups.removeAbandonedPartials();
    expect(fs.existsSync(stale)).toBe(false);
  });
});

describe.runIf(SQLITE)('checking a backup before restoring it', () => {
  async function withFile(make: (file: string, core: TestCore) => void | Promise<void>, name = 'copie.sqlite') {
    const core = await adminCore();
    fs.mkdirSync(backupsDir(core), { recursive: true });
    const file = path.join(backupsDir(core), name);
    await make(file, core);
    return { core, result: await core.call('admin', 'backups:check', { fileName: name }), file };
  }
  const realBackup = async (core: TestCore, file: string) => {
    fatten(core, 1);
    const info = await ok<BackupInfo>(core.call('admin', 'backups:create'));
    fs.renameSync(path.join(backupsDir(core), info.fileName), file);
  };

  it('accepts a good backup, even one named by hand, and reads its facts', async () => {
    const { core, result, file } = await withFile((file, core) => realBackup(core, file));
    expect(result).toMatchObject({ ok: true, data: { fileName: 'copie.sqlite', kind: 'other', schemaVersion: LATEST_SCHEMA_VERSION, appVersion: 'test' } });
    // Checked on a private copy: the file itself is untouched and nothing is left beside it.
    expect(fs.readdirSync(backupsDir(core))).toEqual(['copie.sqlite']);
    expect(readSqliteHeader(file)?.wal).toBe(false);
  });

  it('refuses a damaged file (integrity check)', async () => {
    const { result } = await withFile(async (file, core) => {
      await realBackup(core, file);
      const bytes = fs.readFileSync(file);
      const pageSize = readSqliteHeader(file)!.pageSize;
      // Scribble over a few pages in the middle, as a failing disk or a bad copy would.
      bytes.fill(0x5a, pageSize * 3, pageSize * 9);
      fs.writeFileSync(file, bytes);
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
  });

  it('refuses a truncated file', async () => {
    const { result } = await withFile(async (file, core) => {
      await realBackup(core, file);
      fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
  });

  it("refuses another application's SQLite database", async () => {
    const { result } = await withFile((file) => {
      const other = new Database(file);
      other.exec('CREATE TABLE recettes (nom TEXT); INSERT INTO recettes VALUES (\'crêpes\')');
      other.pragma('user_version = 2');
      other.close();
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
  });

  it('refuses a file that is not SQLite at all', async () => {
    const { core, result } = await withFile((file) => fs.writeFileSync(file, 'Ceci est une liste de courses.\n'.repeat(50)));
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
    expect((await listed(core))[0]).toMatchObject({ fileName: 'copie.sqlite', state: 'unreadable', schemaVersion: null });
  });

  it('refuses a backup from a newer version of the app, saying which versions', async () => {
    const { core, result } = await withFile(async (file, core) => {
      await realBackup(core, file);
      const copy = new Database(file);
      copy.pragma('user_version = 99');
      copy.close();
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BACKUP_TOO_NEW', details: { found: 99, supported: LATEST_SCHEMA_VERSION } } });
    expect((await listed(core))[0]).toMatchObject({ state: 'too-new', schemaVersion: 99 });
  });

  it('only looks inside the backups folder', async () => {
    const core = await adminCore();
    for (const fileName of ['../gmao-atelier.sqlite', '/etc/passwd.sqlite', 'absente.sqlite']) {
      expect(await core.call('admin', 'backups:check', { fileName })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});

describe.runIf(SQLITE)('restoring', () => {
  it('puts the old data back, keeps a copy of the current data, and signs everyone out', async () => {
    const core = await adminCore();
    await core.call('other-window', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    const settingsBefore = await ok<{ idleMinutes: number }>(core.call('admin', 'security:getSettings'));
    const backup = await ok<BackupInfo>(core.call('admin', 'backups:create'));

    // Changes made after the backup.
    await ok(core.call('admin', 'security:updateSettings', { ...settingsBefore, idleMinutes: 42 }));
    await addUser(core, 'nouveau.technicien');
    core.clock.advance(60_000);

    const report = await ok<{ preRestoreBackup: BackupInfo; migratedFrom: number; migratedTo: number }>(
      core.call('admin', 'backups:restore', { fileName: backup.fileName }),
    );
    expect(report).toMatchObject({ preRestoreBackup: { kind: 'pre-restore' }, migratedFrom: LATEST_SCHEMA_VERSION, migratedTo: LATEST_SCHEMA_VERSION });

    // The live database has the old data again, through the very same connection and repositories.
    expect(live(core).prepare('SELECT username FROM users ORDER BY id').all()).toEqual([{ username: ADMIN_INPUT.username }]);
    expect(live(core).pragma('integrity_check', { simple: true })).toBe('ok');
    expect(live(core).pragma('journal_mode', { simple: true })).toBe('wal');
    // The copy taken just before holds what the restore replaced.
    const pre = new Database(path.join(backupsDir(core), report.preRestoreBackup.fileName), { readonly: true });
    expect(pre.prepare("SELECT username FROM users WHERE username = 'nouveau.technicien'").get()).toBeTruthy();
    pre.close();

    // Every window was told, and none of them can go on.
    const ended = core.events.filter((e) => e.event === 'session:ended').map((e) => [e.windowId, (e.payload as { reason: string }).reason]);
    expect(ended).toEqual(expect.arrayContaining([['admin', 'restored'], ['other-window', 'restored']]));
    expect(await core.call('admin', 'security:getSettings')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(core.sessions.activeCount()).toBe(0);

    // Sign in again: the settings are the old ones, and the audit log of the restored data says what happened.
    await ok(core.call('admin', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password }));
    expect(await ok(core.call('admin', 'security:getSettings'))).toEqual(settingsBefore);
    expect(await auditTypes(core)).toContain('backup.restored');
    expect((await listed(core)).map((b) => b.kind).sort()).toEqual(['manual', 'pre-restore']);
  });

  it('reports both copies (current data, then restore) as progress to the window that asked', async () => {
    const core = await adminCore({ backupPagesPerStep: 64 });
    fatten(core, 2);
    const backup = await ok<BackupInfo>(core.call('admin', 'backups:create'));
    core.events.length = 0;
    await ok(core.call('admin', 'backups:restore', { fileName: backup.fileName }));
    const phases = core.events.filter((e) => e.event === 'backups:progress').map((e) => (e.payload as BackupProgress).phase);
    expect(phases.indexOf('restore')).toBeGreaterThan(phases.lastIndexOf('backup'));
    expect(phases.filter((p) => p === 'restore').length).toBeGreaterThan(5);
  });

  it('turns every other call away while the data is being replaced', async () => {
    const core = await adminCore({ backupPagesPerStep: 64 });
    fatten(core, 2);
    const backup = await ok<BackupInfo>(core.call('admin', 'backups:create'));
    const during: Promise<unknown>[] = [];
    await core.backups.restore(backup.fileName, { userId: 1, windowId: 'admin' }, (progress) => {
      if (progress.phase === 'restore' && during.length === 0) during.push(core.call('someone-else', 'app:getState'));
    });
    expect(await during[0]).toMatchObject({ ok: false, error: { code: 'DATABASE_BUSY' } });
    expect(await core.call('someone-else', 'app:getState')).toMatchObject({ ok: true });
  });

  it('upgrades a backup made by an older version (and backs it up first, as any migration)', async () => {
    const core = await adminCore();
    fs.mkdirSync(backupsDir(core), { recursive: true });
    const old = openSqliteDatabase({ file: path.join(backupsDir(core), 'ancienne.sqlite') });
    await migrateDatabase(old, MIGRATIONS.slice(0, 1));
    old.sqlite!.pragma('journal_mode = DELETE');
    await old.close();

    const report = await ok<{ migratedFrom: number; migratedTo: number }>(core.call('admin', 'backups:restore', { fileName: 'ancienne.sqlite' }));
    expect(report).toMatchObject({ migratedFrom: 1, migratedTo: LATEST_SCHEMA_VERSION });
    expect(live(core).pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(live(core).prepare("SELECT name FROM sqlite_master WHERE name = 'drafts'").get()).toBeTruthy();
    // The old data has no users: the app asks for a first administrator again.
    expect(await core.call('admin', 'app:getState')).toMatchObject({ ok: true, data: { needsSetup: true } });
    expect((await listed(core)).map((b) => b.kind)).toEqual(expect.arrayContaining(['pre-migration', 'pre-restore', 'other']));
  });

  it('puts the previous data back if the restored data cannot be upgraded', async () => {
    const core = await adminCore();
    const backup = await ok<BackupInfo>(core.call('admin', 'backups:create'));
    await addUser(core, 'toujours.la');
    // A failing upgrade step, injected: since a restore copies rows into a freshly migrated schema, no file can
    // make the real migrations fail any more (the old way, a table created ahead of its migration, is now
    // refused at check time, see "a backup is data, never code").
    const service = new BackupService({
      database: core.database,
      databaseFile: core.databaseFile,
      backupDir: backupsDir(core),
      appSchemaVersion: LATEST_SCHEMA_VERSION,
      settings: new SettingsRepository(core.database.kysely),
      audit: new AuditRepository(core.database.kysely, 'POSTE'),
      sessions: core.sessions,
      clock: core.clock,
      logger: createMemoryLogger(),
      upgrade: async () => {
        throw new Error('upgrade step failed');
      },
      transfers: {},
    });
    await expect(service.restore(backup.fileName, { userId: 1, windowId: 'admin' })).rejects.toThrow(/upgrade step failed/);
    expect(live(core).pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(live(core).prepare("SELECT username FROM users WHERE username = 'toujours.la'").get()).toBeTruthy();
    // Nobody was signed out: nothing changed for them.
    expect(await core.call('admin', 'security:getSettings')).toMatchObject({ ok: true });
  });

  it('leaves everything as it was when another connection holds the database', async () => {
    const core = await adminCore();
    const backup = await ok<BackupInfo>(core.call('admin', 'backups:create'));
    await addUser(core, 'ajoute.apres');
    const other = openDatabase({ file: core.databaseFile! });
    other.exec('BEGIN IMMEDIATE');
    try {
      const result = await core.call('admin', 'backups:restore', { fileName: backup.fileName });
      expect(result).toMatchObject({ ok: false, error: { code: 'DATABASE_BUSY' } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(live(core).prepare("SELECT username FROM users WHERE username = 'ajoute.apres'").get()).toBeTruthy();
    expect(await core.call('admin', 'security:getSettings')).toMatchObject({ ok: true });
    expect(core.backups.isRestoring()).toBe(false);
  });

  it("restores another PC's backup: its passwords work here (its password key comes with it)", async () => {
    const elsewhere = await createTestCore();
    cleanups.push(() => elsewhere.dispose());
    await elsewhere.call('setup', 'auth:setupFirstAdmin', { ...ADMIN_INPUT, username: 'chef.autre.site', password: 'roulement à billes 6204', passwordConfirmation: 'roulement à billes 6204' });
    await elsewhere.call('w', 'auth:login', { identifier: 'chef.autre.site', password: 'roulement à billes 6204' });
    const theirs = await ok<BackupInfo>(elsewhere.call('w', 'backups:create'));

    const core = await adminCore();
    const restoredListener: unknown[] = [];
    core.backups.onRestored((event) => restoredListener.push(event.schemaVersion));
    fs.mkdirSync(backupsDir(core), { recursive: true });
    fs.copyFileSync(path.join(backupsDir(elsewhere), theirs.fileName), path.join(backupsDir(core), theirs.fileName));
    await ok(core.call('admin', 'backups:restore', { fileName: theirs.fileName }));

    expect(restoredListener).toEqual([LATEST_SCHEMA_VERSION]);
    expect(await core.call('admin', 'auth:login', { identifier: 'chef.autre.site', password: 'roulement à billes 6204' })).toMatchObject({ ok: true });
    expect(await core.call('w2', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password })).toMatchObject({ ok: false });
  });

  it('refuses a file that fails the check, before touching anything', async () => {
    const core = await adminCore();
    fs.mkdirSync(backupsDir(core), { recursive: true });
    fs.writeFileSync(path.join(backupsDir(core), 'faux.sqlite'), 'pas une base');
    expect(await core.call('admin', 'backups:restore', { fileName: 'faux.sqlite' })).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
    expect((await listed(core)).map((b) => b.fileName)).toEqual(['faux.sqlite']);
    expect(await core.call('admin', 'security:getSettings')).toMatchObject({ ok: true });
  });
});

describe.runIf(SQLITE)('carrying backups away and bringing them in', () => {
  it('"Exporter vers…" copies the file where the save dialog says, byte for byte', async () => {
    const target = path.join(tempDir(), 'cle-usb', 'sauvegarde.sqlite');
    fs.mkdirSync(path.dirname(target));
    let answer: string | null = target;
    const asked: string[] = [];
    const core = await adminCore({
      backupTransfers: {
        chooseExportPath: async (suggested, windowId) => {
          asked.push(`${windowId}:${suggested}`);
          return answer;
        },
      },
    });
    const backup = await ok<BackupInfo>(core.call('admin', 'backups:create'));
    expect(await ok(core.call('admin', 'backups:export', { fileName: backup.fileName }))).toEqual({ outcome: 'saved', path: target });
    expect(asked).toEqual([`admin:${backup.fileName}`]);
    expect(fs.readFileSync(target).equals(fs.readFileSync(path.join(backupsDir(core), backup.fileName)))).toBe(true);
    expect(await auditTypes(core)).toContain('backup.exported');

    answer = null;
    expect(await ok(core.call('admin', 'backups:export', { fileName: backup.fileName }))).toEqual({ outcome: 'cancelled' });
  });

  it('"Importer une sauvegarde…" checks the chosen file and keeps a copy in the folder; a bad file adds nothing', async () => {
    const outside = tempDir();
    const good = path.join(outside, 'depuis-la-cle.sqlite');
    const bad = path.join(outside, 'photo.sqlite');
    fs.writeFileSync(bad, Buffer.alloc(8192, 7));
    let choice = good;
    const core = await adminCore({ backupTransfers: { chooseImportPath: async () => choice } });
    const made = await ok<BackupInfo>(core.call('admin', 'backups:create'));
    fs.renameSync(path.join(backupsDir(core), made.fileName), good);
    const goodBytes = fs.readFileSync(good);

    const imported = await ok<{ outcome: string; backup: BackupInfo }>(core.call('admin', 'backups:import'));
    expect(imported).toMatchObject({ outcome: 'imported', backup: { kind: 'imported', schemaVersion: LATEST_SCHEMA_VERSION } });
    expect(fs.readFileSync(good).equals(goodBytes)).toBe(true);
    expect((await listed(core)).map((b) => b.kind)).toEqual(['imported']);
    expect(await auditTypes(core)).toContain('backup.imported');

    choice = bad;
    expect(await core.call('admin', 'backups:import')).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
    expect(await listed(core)).toHaveLength(1);
  });
});
