// Pure (Node). Builds the whole core from injected dependencies. Electron's main and the browser
// harness both call this, so they run the very same code; only the adapters around it differ.
import fs from 'node:fs';
import path from 'node:path';
import { AuthService } from './auth/auth-service';
import { LoginThrottle } from './auth/login-throttle';
import { DEFAULT_BCRYPT_COST, PasswordHasher } from './auth/password-hasher';
import { migrate, readSchemaVersion, type MigrationReport } from './db/migrate';
import { MIGRATIONS } from './db/migrations';
import { openDatabase, type Db } from './db/open-database';
import { DraftsService } from './drafts/drafts-service';
import { createDispatcher, type Dispatcher } from './ipc/dispatcher';
import type { Handlers } from './ipc/handler-types';
import { createAppHandlers, type OpenPath } from './ipc/handlers/app-handlers';
import { createAuthHandlers } from './ipc/handlers/auth-handlers';
import { createDraftsHandlers } from './ipc/handlers/drafts-handlers';
import { createSecurityHandlers } from './ipc/handlers/security-handlers';
import { createSessionHandlers } from './ipc/handlers/session-handlers';
import { systemClock, type Clock } from './platform/clock';
import type { DataDirMode } from './platform/data-dir';
import { createFileLogger, redactingLogger } from './platform/file-logger';
import type { Logger } from './platform/logger';
import { AuditRepository } from './repositories/audit-repository';
import { DraftsRepository } from './repositories/drafts-repository';
import { SettingsRepository } from './repositories/settings-repository';
import { ThrottleRepository } from './repositories/throttle-repository';
import { UsersRepository } from './repositories/users-repository';
import { isTrustedUrl } from './security/trusted-url';
import { handleOsEvent, type OsEvent } from './sessions/os-events';
import { SessionRegistry, type EventSink } from './sessions/session-registry';
import { SecuritySettingsService } from './settings/security-settings-service';

export const DATABASE_FILE_NAME = 'gmao-atelier.sqlite';
export const LOG_DIR_NAME = 'logs';
const HOUR = 3_600_000;

export interface CoreDeps {
  dataDir: string;
  appVersion: string;
  /** Shown in the audit log: which shop PC did it. */
  workstationName: string;
  /** Origins whose frames may call IPC (app://gmao in Electron, the harness's own origin). */
  trustedOrigins: readonly string[];
  events: EventSink;
  /** Why this data folder (see platform/data-dir.ts); shown on the About screen. Default: argument. */
  dataMode?: DataDirMode;
  /** The gmao-atelier.json that chose the folder, if one did. */
  dataConfigFile?: string | null;
  clock?: Clock;
  /** Default: the rotating log file in `<dataDir>/logs`. Whatever it is, the core redacts before it. */
  logger?: Logger;
  /** Where the log files are (shown on About, opened by "Ouvrir le dossier des journaux"). Default `<dataDir>/logs`. */
  logDir?: string;
  /** Opens a folder in the system's file manager: Electron's shell.openPath; absent in the harness. */
  openPath?: OpenPath;
  nativeBinding?: string;
  /** How long a write waits for another instance's lock before DATABASE_BUSY (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Runtime versions for About (default process.versions: Electron and Chrome appear only under Electron). */
  versions?: { electron?: string; chrome?: string; node?: string };
  /** Production uses the default (12); tests that don't measure hashing may lower it. */
  bcryptCost?: number;
  /** How often main checks session deadlines; 0 starts no timer (tests call `sessions.tick()` themselves). */
  tickIntervalMs?: number;
  /** Milliseconds since the last input anywhere on the computer (Electron: powerMonitor.getSystemIdleTime). */
  systemIdleMs?: () => number;
}

export interface Core {
  dispatcher: Dispatcher;
  sessions: SessionRegistry;
  db: Db;
  migration: MigrationReport;
  databaseFile: string;
  logDir: string;
  /** Suspend, resume, screen lock and unlock, from Electron's powerMonitor or the harness. */
  osEvent(event: OsEvent): void;
  close(): void;
}

export function createCore(deps: CoreDeps): Core {
  const clock = deps.clock ?? systemClock;
  fs.mkdirSync(deps.dataDir, { recursive: true });
  const logDir = deps.logDir ?? path.join(deps.dataDir, LOG_DIR_NAME);
  const logger = redactingLogger(deps.logger ?? createFileLogger({ dir: logDir, clock }));
  const databaseFile = path.join(deps.dataDir, DATABASE_FILE_NAME);
  const db = openDatabase({ file: databaseFile, nativeBinding: deps.nativeBinding, busyTimeoutMs: deps.busyTimeoutMs });
  let migration: MigrationReport;
  try {
    migration = migrate(db, MIGRATIONS, { backupDir: path.join(deps.dataDir, 'backups'), clock });
  } catch (error) {
    logger.error('Database could not be prepared', { databaseFile, error });
    db.close();
    throw error;
  }
  logger.info('Database ready', { databaseFile, dataMode: deps.dataMode ?? 'argument', schemaFrom: migration.from, schemaTo: migration.to, backupFile: migration.backupFile });

  const users = new UsersRepository(db);
  const settingsRepository = new SettingsRepository(db);
  const audit = new AuditRepository(db, deps.workstationName);
  const securitySettings = new SecuritySettingsService({ settings: settingsRepository, audit, clock });
  const sessions = new SessionRegistry({
    users,
    audit,
    clock,
    events: deps.events,
    systemIdleMs: deps.systemIdleMs,
    policy: () => {
      const s = securitySettings.get();
      return { idleMs: s.idleMinutes * 60_000, warningMs: s.warningSeconds * 1000, absoluteMs: s.absoluteHours * HOUR };
    },
  });
  const throttle = new LoginThrottle({ repository: new ThrottleRepository(db), audit, clock, settings: () => securitySettings.get() });
  const drafts = new DraftsService({ repository: new DraftsRepository(db), clock });
  const prehashKey = Buffer.from(settingsRepository.get<string>('auth.prehashKey') ?? '', 'base64');
  const hasher = new PasswordHasher({ cost: deps.bcryptCost ?? DEFAULT_BCRYPT_COST, prehashKey });
  const auth = new AuthService({ db, users, audit, sessions, hasher, throttle, clock });

  const handlers: Handlers = {
    ...createAppHandlers({
      auth,
      appVersion: deps.appVersion,
      logger,
      clock,
      openPath: deps.openPath ?? (() => Promise.resolve({ ok: false, reason: 'unavailable' })),
      about: {
        dataDir: deps.dataDir,
        dataMode: deps.dataMode ?? 'argument',
        configFile: deps.dataConfigFile ?? null,
        logDir,
        schemaVersion: () => readSchemaVersion(db),
        versions: deps.versions ?? process.versions,
        platform: process.platform,
        arch: process.arch,
      },
    }),
    ...createAuthHandlers({ auth, users, clock }),
    ...createSessionHandlers({ sessions }),
    ...createSecurityHandlers({ settings: securitySettings, throttle, sessions, audit, users, clock }),
    ...createDraftsHandlers({ drafts }),
  };
  const dispatcher = createDispatcher({
    handlers,
    sessions,
    isTrustedSender: (url) => isTrustedUrl(url, deps.trustedOrigins),
    logger,
  });

  // Housekeeping: expired drafts go at start-up and hourly; deadlines are checked every second.
  drafts.purgeExpired();
  const timers: NodeJS.Timeout[] = [setInterval(() => drafts.purgeExpired(), HOUR)];
  const tickMs = deps.tickIntervalMs ?? 1000;
  if (tickMs > 0) timers.push(setInterval(() => sessions.tick(), tickMs));
  timers.forEach((timer) => timer.unref());

  return {
    dispatcher,
    sessions,
    db,
    migration,
    databaseFile,
    logDir,
    osEvent: (event) => handleOsEvent(sessions, event),
    close: () => {
      timers.forEach(clearInterval);
      db.close();
    },
  };
}
