// Pure (Node). The kernel every domain module stands on: the database and its schema, the platform services
// (clock, logger, paths), the identity of users, the settings store, the audit trail, the security policy and
// the sessions it governs. Domains receive it whole; it knows no domain.
import fs from 'node:fs';
import path from 'node:path';
import { AuditRepository } from './audit-trail/audit-repository';
import { migrate, type MigrationReport } from './db/migrate';
import { MIGRATIONS } from './db/migrations';
import { openDatabase, type Db } from './db/open-database';
import { UsersRepository } from './identity/users-repository';
import { systemClock, type Clock } from './platform/clock';
import type { DataDirMode } from './platform/data-dir';
import { createFileLogger, redactingLogger } from './platform/file-logger';
import type { Logger } from './platform/logger';
import { SecuritySettingsService } from './security/security-settings-service';
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
  nativeBinding?: string;
  busyTimeoutMs?: number;
  systemIdleMs?: () => number;
  /** Copies the database before a schema migration (the backups domain's naming and folder). */
  backupBeforeMigration?: (db: Db, options: { backupDir: string; clock: Clock }) => string;
}

export interface Kernel {
  db: Db;
  databaseFile: string;
  dataDir: string;
  backupDir: string;
  logDir: string;
  resourcesDir: string;
  appVersion: string;
  workstationName: string;
  dataMode: DataDirMode;
  dataConfigFile: string | null;
  clock: Clock;
  logger: Logger;
  events: EventSink;
  /** The app's schema on this data: migrates, and says from which version (also after a restore). */
  upgrade(): MigrationReport;
  migration: MigrationReport;
  settings: SettingsRepository;
  users: UsersRepository;
  audit: AuditRepository;
  security: SecuritySettingsService;
  sessions: SessionRegistry;
  nativeBinding?: string;
}

export function createKernel(deps: KernelDeps): Kernel {
  const clock = deps.clock ?? systemClock;
  fs.mkdirSync(deps.dataDir, { recursive: true });
  const logDir = deps.logDir ?? path.join(deps.dataDir, LOG_DIR_NAME);
  const logger = redactingLogger(deps.logger ?? createFileLogger({ dir: logDir, clock }));
  const databaseFile = path.join(deps.dataDir, DATABASE_FILE_NAME);
  const backupDir = path.join(deps.dataDir, BACKUP_DIR_NAME);
  const db = openDatabase({ file: databaseFile, nativeBinding: deps.nativeBinding, busyTimeoutMs: deps.busyTimeoutMs });
  const backupBeforeMigration = deps.backupBeforeMigration;
  const upgrade = () => migrate(db, MIGRATIONS, { backupBeforeMigration: backupBeforeMigration && ((target) => backupBeforeMigration(target, { backupDir, clock })) });
  let migration: MigrationReport;
  try {
    migration = upgrade();
  } catch (error) {
    logger.error('Database could not be prepared', { databaseFile, error });
    db.close();
    throw error;
  }
  logger.info('Database ready', { databaseFile, dataMode: deps.dataMode ?? 'argument', schemaFrom: migration.from, schemaTo: migration.to, backupFile: migration.backupFile });

  const users = new UsersRepository(db);
  const settings = new SettingsRepository(db);
  const audit = new AuditRepository(db, deps.workstationName);
  const security = new SecuritySettingsService({ settings, audit, clock });
  const sessions = new SessionRegistry({
    users,
    audit,
    clock,
    events: deps.events,
    systemIdleMs: deps.systemIdleMs,
    policy: () => {
      const s = security.get();
      return { idleMs: s.idleMinutes * 60_000, warningMs: s.warningSeconds * 1000, absoluteMs: s.absoluteHours * HOUR };
    },
  });
  return {
    db,
    databaseFile,
    dataDir: deps.dataDir,
    backupDir,
    logDir,
    resourcesDir: deps.resourcesDir,
    appVersion: deps.appVersion,
    workstationName: deps.workstationName,
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
    nativeBinding: deps.nativeBinding,
  };
}
