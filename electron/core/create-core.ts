// Pure (Node). Builds the whole core from injected dependencies. Electron's main and the browser
// harness both call this, so they run the very same code; only the adapters around it differ.
import fs from 'node:fs';
import path from 'node:path';
import { AuthService } from './auth/auth-service';
import { DEFAULT_BCRYPT_COST, PasswordHasher } from './auth/password-hasher';
import { migrate, type MigrationReport } from './db/migrate';
import { MIGRATIONS } from './db/migrations';
import { openDatabase, type Db } from './db/open-database';
import { createDispatcher, type Dispatcher } from './ipc/dispatcher';
import type { Handlers } from './ipc/handler-types';
import { createAppHandlers } from './ipc/handlers/app-handlers';
import { createAuthHandlers } from './ipc/handlers/auth-handlers';
import { systemClock, type Clock } from './platform/clock';
import { consoleLogger, type Logger } from './platform/logger';
import { AuditRepository } from './repositories/audit-repository';
import { SettingsRepository } from './repositories/settings-repository';
import { UsersRepository } from './repositories/users-repository';
import { isTrustedUrl } from './security/trusted-url';
import { SessionRegistry, type EventSink } from './sessions/session-registry';

export const DATABASE_FILE_NAME = 'gmao-atelier.sqlite';

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
}

export interface Core {
  dispatcher: Dispatcher;
  sessions: SessionRegistry;
  db: Db;
  migration: MigrationReport;
  databaseFile: string;
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
  const settings = new SettingsRepository(db);
  const audit = new AuditRepository(db, deps.workstationName);
  const sessions = new SessionRegistry({ users, audit, clock, events: deps.events });
  const prehashKey = Buffer.from(settings.get<string>('auth.prehashKey') ?? '', 'base64');
  const hasher = new PasswordHasher({ cost: deps.bcryptCost ?? DEFAULT_BCRYPT_COST, prehashKey });
  const auth = new AuthService({ db, users, audit, sessions, hasher, clock });

  const handlers: Handlers = {
    ...createAppHandlers({ auth, appVersion: deps.appVersion }),
    ...createAuthHandlers({ auth, users, clock }),
  };
  const dispatcher = createDispatcher({
    handlers,
    sessions,
    isTrustedSender: (url) => isTrustedUrl(url, deps.trustedOrigins),
    logger,
  });

  return {
    dispatcher,
    sessions,
    db,
    migration,
    databaseFile,
    close: () => db.close(),
  };
}
