// Pure (Node). The kernel every domain module stands on: the database and its schema, the platform services
// (clock, logger, paths), the identity of users, the settings store, the audit trail, the security policy and
// the sessions it governs. Domains receive it whole; it knows no domain.
import fs from 'node:fs';
import path from 'node:path';
import { AuditRepository } from './audit-trail/audit-repository';
import { isPostgresUrl, openPostgresDatabase, openSqliteDatabase, type Database } from './db/database';
import { migrateDatabase, type MigrationReport } from './db/migrate-database';
import { MIGRATIONS } from './db/migrations';
import type { Db } from './db/open-database';
import { UsersRepository } from './identity/users-repository';
import { currentWorkstation } from './ipc/call-context';
import { systemClock, type Clock } from './platform/clock';
import type { DataDirMode } from './platform/data-dir';
import { createFileLogger, redactingLogger } from './platform/file-logger';
import type { Logger } from './platform/logger';
import { SecuritySettingsService } from './security/security-settings-service';
import { createChangeFeed, type ChangeFeed } from './sessions/change-feed';
import { SessionRegistry, type EventSink } from './sessions/session-registry';
import { SettingsRepository } from './settings/settings-repository';

export const DATABASE_FILE_NAME = 'gmao-atelier.sqlite';
export const LOG_DIR_NAME = 'logs';
export const BACKUP_DIR_NAME = 'backups';
const HOUR = 3_600_000;

export interface KernelDeps {
  dataDir: string;
  /** The app's read-only resources (resources/ in the repo, process.resourcesPath when packaged). */
  resourcesDir: string;
  appVersion: string;
  /** Shown in the audit log: which shop PC did it. */
  workstationName: string;
  events: EventSink;
  dataMode?: DataDirMode;
  dataConfigFile?: string | null;
  clock?: Clock;
  logger?: Logger;
  logDir?: string;
  /** PostgreSQL for a site (`postgres://…`); absent: SQLite in the data folder. */
  databaseUrl?: string | null;
  /** PostgreSQL: connections this process may open (tests keep it small). */
  databasePoolSize?: number;
  /** PostgreSQL: every connection works in this schema (tests: one schema per core). */
  databaseSchema?: string;
  nativeBinding?: string;
  busyTimeoutMs?: number;
  /** The idle time of the computer a window is on (see SessionRegistry). */
  systemIdleMs?: (windowId: string) => number;
  /** Copies the database before a schema migration (the backups domain's naming and folder). */
  backupBeforeMigration?: (db: Db, options: { backupDir: string; clock: Clock }) => string;
}

export interface Kernel {
  /** The data, on SQLite or PostgreSQL: repositories take `database.kysely`, units of work `database.transaction`. */
  database: Database;
  /** SQLite's file; null on PostgreSQL. */
  databaseFile: string | null;
  /** PostgreSQL's URL, password included (pg_dump needs it): never logged or shown; `database.location` is. */
  databaseUrl: string | null;
  dataDir: string;
  backupDir: string;
  logDir: string;
  resourcesDir: string;
  appVersion: string;
  /**
   * Shown in the audit log and on DIs, OT history, readings: which shop PC did it. Inside a call from a site
   * server's client PC, that PC's enrolled name (kernel/ipc/call-context.ts); otherwise this process's own.
   */
  readonly workstationName: string;
  dataMode: DataDirMode;
  dataConfigFile: string | null;
  clock: Clock;
  logger: Logger;
  events: EventSink;
  /** The app's schema on this data: migrates, and says from which version (also after a restore). */
  upgrade(): Promise<MigrationReport>;
  migration: MigrationReport;
  settings: SettingsRepository;
  users: UsersRepository;
  audit: AuditRepository;
  security: SecuritySettingsService;
  sessions: SessionRegistry;
  /** "This data changed": pushed to every signed-in window, whose lists then fetch again. */
  changes: ChangeFeed;
  nativeBinding?: string;
}

export async function createKernel(deps: KernelDeps): Promise<Kernel> {
  const clock = deps.clock ?? systemClock;
  fs.mkdirSync(deps.dataDir, { recursive: true });
  const logDir = deps.logDir ?? path.join(deps.dataDir, LOG_DIR_NAME);
  const logger = redactingLogger(deps.logger ?? createFileLogger({ dir: logDir, clock }));
  const backupDir = path.join(deps.dataDir, BACKUP_DIR_NAME);
  const url = deps.databaseUrl?.trim() || null;
  if (url && !isPostgresUrl(url)) throw new Error(`Adresse de base de données non reconnue (postgres://… attendu) : ${url.split(':')[0]}:…`);
  const databaseFile = url ? null : path.join(deps.dataDir, DATABASE_FILE_NAME);
  const database = databaseFile
    ? openSqliteDatabase({ file: databaseFile, nativeBinding: deps.nativeBinding, busyTimeoutMs: deps.busyTimeoutMs })
    : await openPostgresDatabase({ url: url as string, poolSize: deps.databasePoolSize, searchPath: deps.databaseSchema });
  const backupBeforeMigration = deps.backupBeforeMigration;
  const upgrade = () =>
    migrateDatabase(database, MIGRATIONS, { backupBeforeMigration: backupBeforeMigration && ((db) => backupBeforeMigration(db, { backupDir, clock })) });
  let migration: MigrationReport;
  try {
    migration = await upgrade();
  } catch (error) {
    logger.error('Database could not be prepared', { database: database.location, error });
    await database.close();
    throw error;
  }
  logger.info('Database ready', { engine: database.engine, database: database.location, dataMode: deps.dataMode ?? 'argument', schemaFrom: migration.from, schemaTo: migration.to, backupFile: migration.backupFile });

  const db = database.kysely;
  const users = new UsersRepository(db);
  const settings = new SettingsRepository(db);
  const audit = new AuditRepository(db, deps.workstationName);
  const security = new SecuritySettingsService({ database, settings, audit, clock });
  const sessions = new SessionRegistry({
    users,
    audit,
    clock,
    events: deps.events,
    systemIdleMs: deps.systemIdleMs,
    policy: async () => {
      const s = await security.get();
      return { idleMs: s.idleMinutes * 60_000, warningMs: s.warningSeconds * 1000, absoluteMs: s.absoluteHours * HOUR };
    },
  });
  return {
    database,
    databaseFile,
    databaseUrl: url,
    dataDir: deps.dataDir,
    backupDir,
    logDir,
    resourcesDir: deps.resourcesDir,
    appVersion: deps.appVersion,
    get workstationName() {
      return currentWorkstation(deps.workstationName);
    },
    dataMode: deps.dataMode ?? 'argument',
    dataConfigFile: deps.dataConfigFile ?? null,
    clock,
    logger,
    events: deps.events,
    upgrade,
    migration,
    settings,
    users,
    audit,
    security,
    sessions,
    changes: createChangeFeed({ events: deps.events, windows: () => sessions.signedInWindows(), onListenerError: (error) => logger.error('change listener failed', { error: String(error) }) }),
    nativeBinding: deps.nativeBinding,
  };
}
