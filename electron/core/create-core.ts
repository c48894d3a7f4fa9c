// Pure (Node). Builds the whole core from injected dependencies. Electron's main and the browser
// harness both call this, so they run the very same code; only the adapters around it differ.
import fs from 'node:fs';
import path from 'node:path';
import { AuthService } from './auth/auth-service';
import { LoginThrottle } from './auth/login-throttle';
import { DEFAULT_BCRYPT_COST, PasswordHasher } from './auth/password-hasher';
import { migrate, type MigrationReport } from './db/migrate';
import { MIGRATIONS } from './db/migrations';
import { openDatabase, type Db } from './db/open-database';
import { DraftsService } from './drafts/drafts-service';
import { createDispatcher, type Dispatcher } from './ipc/dispatcher';
import type { Handlers } from './ipc/handler-types';
import { createAppHandlers } from './ipc/handlers/app-handlers';
import { createAuthHandlers } from './ipc/handlers/auth-handlers';
import { createDraftsHandlers } from './ipc/handlers/drafts-handlers';
import { createSecurityHandlers } from './ipc/handlers/security-handlers';
import { createSessionHandlers } from './ipc/handlers/session-handlers';
import { createEmailHandlers } from './ipc/handlers/email-handlers';
import { createFileKeySecretStore } from './mail/file-key-secret-store';
import { createMailModule, type MailModule } from './mail/mail-module';
import type { MailTransportFactory } from './mail/mail-transport';
import { createNodemailerTransportFactory } from './mail/nodemailer-transport';
import type { SecretStore } from './mail/secret-store';
import { systemClock, type Clock } from './platform/clock';
import { consoleLogger, type Logger } from './platform/logger';
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
const HOUR = 3_600_000;

export interface CoreDeps {
  dataDir: string;
  appVersion: string;
  /** Shown in the audit log: which shop PC did it. */
  workstationName: string;
  /** Origins whose frames may call IPC (app://gmao in Electron, the harness's own origin). */
  trustedOrigins: readonly string[];
  events: EventSink;
  clock?: Clock;
  logger?: Logger;
  nativeBinding?: string;
  /** Production uses the default (12); tests that don't measure hashing may lower it. */
  bcryptCost?: number;
  /** How often main checks session deadlines; 0 starts no timer (tests call `sessions.tick()` themselves). */
  tickIntervalMs?: number;
  /** Milliseconds since the last input anywhere on the computer (Electron: powerMonitor.getSystemIdleTime). */
  systemIdleMs?: () => number;
  /** Seals the SMTP password and queued one-time codes. Electron passes safeStorage; the default is the file-key fallback. */
  secretStore?: SecretStore;
  /** The SMTP client. Default: nodemailer with production timeouts. */
  mailTransport?: MailTransportFactory;
  /** Outbox worker and deferred mail tasks on timers (default). Tests turn it off and call `mail.flush()`. */
  mailAutoRun?: boolean;
}

export interface Core {
  dispatcher: Dispatcher;
  sessions: SessionRegistry;
  db: Db;
  migration: MigrationReport;
  databaseFile: string;
  /** The email domain: settings, outbox, notifications, one-time codes (see electron/core/mail/). */
  mail: MailModule;
  /** Suspend, resume, screen lock and unlock, from Electron's powerMonitor or the harness. */
  osEvent(event: OsEvent): void;
  close(): void;
}

export function createCore(deps: CoreDeps): Core {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? consoleLogger;
  fs.mkdirSync(deps.dataDir, { recursive: true });
  const databaseFile = path.join(deps.dataDir, DATABASE_FILE_NAME);
  const db = openDatabase({ file: databaseFile, nativeBinding: deps.nativeBinding });
  let migration: MigrationReport;
  try {
    migration = migrate(db, MIGRATIONS, { backupDir: path.join(deps.dataDir, 'backups'), clock });
  } catch (error) {
    db.close();
    throw error;
  }

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
  const mail = createMailModule({
    db,
    users,
    settingsRepository,
    audit,
    clock,
    logger,
    secrets: deps.secretStore ?? createFileKeySecretStore(deps.dataDir),
    transports: deps.mailTransport ?? createNodemailerTransportFactory(),
    autoRun: deps.mailAutoRun ?? true,
  });
  const throttle = new LoginThrottle({
    repository: new ThrottleRepository(db),
    audit,
    clock,
    settings: () => securitySettings.get(),
    // One lockout email per account per longest wait, however the name was typed.
    onBlocked: (event) => mail.onLoginBlocked({ ...event, quietMs: securitySettings.get().throttleMaxDelayMinutes * 60_000 }),
  });
  const drafts = new DraftsService({ repository: new DraftsRepository(db), clock });
  const prehashKey = Buffer.from(settingsRepository.get<string>('auth.prehashKey') ?? '', 'base64');
  const hasher = new PasswordHasher({ cost: deps.bcryptCost ?? DEFAULT_BCRYPT_COST, prehashKey });
  const auth = new AuthService({ db, users, audit, sessions, hasher, throttle, clock });

  const handlers: Handlers = {
    ...createAppHandlers({ auth, appVersion: deps.appVersion }),
    ...createAuthHandlers({ auth, users, clock }),
    ...createSessionHandlers({ sessions }),
    ...createSecurityHandlers({ settings: securitySettings, throttle, sessions, audit, users, clock }),
    ...createDraftsHandlers({ drafts }),
    ...createEmailHandlers({ mail, users, clock }),
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
    mail,
    osEvent: (event) => handleOsEvent(sessions, event),
    close: () => {
      timers.forEach(clearInterval);
      mail.close();
      db.close();
    },
  };
}
