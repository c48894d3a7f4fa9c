// Node (tests, PostgreSQL pass only). On PostgreSQL backups are the server's job: the backups channels say so
// (BACKUPS_SERVER_MANAGED, `engine: 'postgres'` in the list), no backup is scheduled or written, and
// « Exporter (pg_dump) » runs the real pg_dump into the backups folder when it is on the PATH.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupOverview, BackupProgress, ServerDumpOutcome } from '../../../shared/contract';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE, testDatabaseUrl } from '../../../tests/support/test-database';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { LATEST_SCHEMA_VERSION } from '../kernel/db/migrations';
import { createMemoryLogger } from '../kernel/platform/logger';
import { findPgDump } from './pg-dump';
import { ServerBackupService } from './server-backup-service';
import { ServerDumpRepository } from './server-dump-repository';

const PG_DUMP = findPgDump();
let core: TestCore;

beforeEach(async () => {
  if (TEST_ENGINE !== 'postgres') return;
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  const login = await core.call('admin', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
  expect(login.ok).toBe(true);
});
afterEach(async () => {
  if (TEST_ENGINE === 'postgres') await core.dispose();
});

const backupsDir = () => path.join(core.dataDir, 'backups');
const filesInBackups = () => (fs.existsSync(backupsDir()) ? fs.readdirSync(backupsDir()) : []);
const auditTypes = async () => (await new AuditRepository(core.database.kysely, 'x').recent(100)).map((entry) => entry.eventType);

/** The service on its own, to choose where pg_dump is and which URL it gets. */
function service(options: { findPgDump: () => string | null; databaseUrl?: string; backupDir?: string }): ServerBackupService {
  return new ServerBackupService({
    databaseUrl: options.databaseUrl ?? testDatabaseUrl(),
    backupDir: options.backupDir ?? backupsDir(),
    appSchemaVersion: LATEST_SCHEMA_VERSION,
    repository: new ServerDumpRepository(core.database.kysely),
    audit: new AuditRepository(core.database.kysely, 'POSTE-TEST'),
    clock: core.clock,
    logger: createMemoryLogger(),
    findPgDump: options.findPgDump,
  });
}

/** The tables pg_restore lists in a custom-format dump ("… TABLE <schema> users <owner>"; not their "TABLE DATA"). */
function dumpedTables(file: string): string[] {
  const pgRestore = path.join(path.dirname(PG_DUMP!), process.platform === 'win32' ? 'pg_restore.exe' : 'pg_restore');
  const listing = execFileSync(pgRestore, ['--list', file], { encoding: 'utf8' });
  return [...listing.matchAll(/^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) /gm)].map((match) => `${match[1]}.${match[2]}`);
}

describe.runIf(TEST_ENGINE === 'postgres')('backups on PostgreSQL: the server’s job', () => {
  it('lists no backup, says the engine, and whether pg_dump is on the PATH', async () => {
    const result = await core.call('admin', 'backups:list');
    expect(result).toMatchObject({ ok: true, data: { engine: 'postgres', backups: [], busy: null, folder: backupsDir() } });
    expect(service({ findPgDump: () => PG_DUMP }).overview()).toMatchObject({ engine: 'postgres', backups: [], serverDumpAvailable: PG_DUMP !== null });
    expect(service({ findPgDump: () => null }).overview()).toMatchObject({ engine: 'postgres', serverDumpAvailable: false });
  });

  it('answers BACKUPS_SERVER_MANAGED to every backup and restore channel, and writes nothing', async () => {
    const calls: [string, unknown][] = [
      ['backups:create', undefined],
      ['backups:check', { fileName: 'x.sqlite' }],
      ['backups:restore', { fileName: 'x.sqlite' }],
      ['backups:export', { fileName: 'x.sqlite' }],
      ['backups:import', undefined],
      ['backups:updateSettings', { keepAutomatic: 3 }],
    ];
    const before = await auditTypes();
    for (const [channel, input] of calls) {
      expect(await core.call('admin', channel, input), channel).toMatchObject({ ok: false, error: { code: 'BACKUPS_SERVER_MANAGED' } });
    }
    // Nor does the daily backup run, however late it is.
    core.clock.advance(3 * 24 * 3_600_000);
    expect(await core.backups.runDailyIfDue()).toBeNull();
    expect(filesInBackups()).toEqual([]);
    expect(await auditTypes()).toEqual(before);
  });

  // The core does not hand the module its database URL yet (Kernel.databaseUrl, asked of the lead): until it
  // does, the channel answers SERVER_DUMP_FAILED (reason no-url) and the list offers no export.
  it.todo('« Exporter (pg_dump) » through the dispatcher (backups:serverDump), once the kernel exposes databaseUrl');

  it.runIf(PG_DUMP !== null)('« Exporter (pg_dump) » writes a dump of the app’s schema and rows into the backups folder, with progress, audited', async () => {
    const progress: BackupProgress[] = [];
    const outcome: ServerDumpOutcome = await service({ findPgDump: () => PG_DUMP }).dump(1, (value) => progress.push(value));
    expect(outcome.fileName).toMatch(/^gmao-atelier_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}[+-]\d{4}_pg-dump\.dump$/);
    expect(outcome.path).toBe(path.join(backupsDir(), outcome.fileName));
    expect(filesInBackups()).toEqual([outcome.fileName]); // no .partial left
    expect(outcome.sizeBytes).toBe(fs.statSync(outcome.path).size);

    // Only the app's schema (the test's own, among many on this server), with every table of the app.
    const schema = await new ServerDumpRepository(core.database.kysely).currentSchema();
    const tables = dumpedTables(outcome.path);
    expect(tables.every((name) => name.startsWith(`${schema}.`))).toBe(true);
    expect(tables.map((name) => name.split('.')[1])).toEqual(expect.arrayContaining(['users', 'audit_log', 'settings', 'drafts']));
    // The rows are there: the SQL pg_restore makes of the users table holds the administrator's name.
    const pgRestore = path.join(path.dirname(PG_DUMP!), 'pg_restore');
    expect(execFileSync(pgRestore, ['--data-only', '--table=users', '--file=-', outcome.path], { encoding: 'utf8' })).toContain(ADMIN_INPUT.username);

    // One step per table, falling to zero.
    expect(progress.every((p) => p.phase === 'server-dump' && p.totalPages === progress[0].totalPages)).toBe(true);
    expect(progress[0].totalPages).toBeGreaterThanOrEqual(tables.length);
    const remaining = progress.map((p) => p.remainingPages);
    expect(remaining).toEqual([...remaining].sort((a, b) => b - a));
    expect(remaining[0]).toBe(progress[0].totalPages);
    expect(remaining.at(-1)).toBe(0);
    expect(progress.length).toBeGreaterThan(tables.length);
    const [entry] = await new AuditRepository(core.database.kysely, 'x').recent(1);
    expect(entry).toMatchObject({ eventType: 'backup.exported', actorUserId: 1, details: { fileName: outcome.fileName, tool: 'pg_dump' } });
  });

  it('says SERVER_DUMP_FAILED when pg_dump is missing, or fails, and leaves no file behind', async () => {
    await expect(service({ findPgDump: () => null }).dump(1)).rejects.toMatchObject({ code: 'SERVER_DUMP_FAILED', details: { reason: 'missing' } });
    if (PG_DUMP) {
      // A server that does not answer: pg_dump exits with an error; the half-written file goes.
      const unreachable = service({ findPgDump: () => PG_DUMP, databaseUrl: 'postgres://personne:secret@127.0.0.1:1/rien?connect_timeout=2' });
      await expect(unreachable.dump(1)).rejects.toMatchObject({ code: 'SERVER_DUMP_FAILED', details: { reason: 'failed' } });
    }
    expect(filesInBackups()).toEqual([]);
    const overview: BackupOverview = service({ findPgDump: () => null }).overview();
    expect(overview.busy).toBeNull();
  });
});
