// Pure (Node). Builds the whole core from injected dependencies. Electron's main and the browser
// harness both call this, so they run the very same code; only the adapters around it differ.
import fs from 'node:fs';
import path from 'node:path';
import { AccountsService } from './accounts/accounts-service';
import { ApprovalService, DEFAULT_RESPONSE_FLOOR_MS, type ApprovalDecisionNotice } from './approval/approval-service';
import { ApprovalSettingsService } from './approval/approval-settings-service';
import { DEFAULT_RESET_LIMITS, ResetThrottle, type ResetLimits } from './approval/reset-throttle';
import { AuthService } from './auth/auth-service';
import { CommonPasswordList } from './auth/common-passwords';
import { LoginThrottle } from './auth/login-throttle';
import { DEFAULT_BCRYPT_COST, PasswordHasher } from './auth/password-hasher';
import { PasswordRules } from './auth/password-rules';
import { migrate, type MigrationReport } from './db/migrate';
import { MIGRATIONS } from './db/migrations';
import { openDatabase, type Db } from './db/open-database';
import { DraftsService } from './drafts/drafts-service';
import { createDispatcher, type Dispatcher } from './ipc/dispatcher';
import type { Handlers } from './ipc/handler-types';
import { createApprovalHandlers } from './ipc/handlers/approval-handlers';
import { createAppHandlers } from './ipc/handlers/app-handlers';
import { createAuthHandlers } from './ipc/handlers/auth-handlers';
import { createDraftsHandlers } from './ipc/handlers/drafts-handlers';
import { createSecurityHandlers } from './ipc/handlers/security-handlers';
import { createSessionHandlers } from './ipc/handlers/session-handlers';
import { createUsersHandlers } from './ipc/handlers/users-handlers';
import { systemClock, type Clock } from './platform/clock';
import { consoleLogger, type Logger } from './platform/logger';
import { AuditRepository } from './repositories/audit-repository';
import { DraftsRepository } from './repositories/drafts-repository';
import { RecoveryCodesRepository } from './repositories/recovery-codes-repository';
import { ResetAttemptsRepository } from './repositories/reset-attempts-repository';
import { ResetRequestsRepository } from './repositories/reset-requests-repository';
import { SettingsRepository } from './repositories/settings-repository';
import { ThrottleRepository } from './repositories/throttle-repository';
import { UsersRepository } from './repositories/users-repository';
import { isTrustedUrl } from './security/trusted-url';
import { handleOsEvent, type OsEvent } from './sessions/os-events';
import { SessionRegistry, type EventSink } from './sessions/session-registry';
import { AccountSettingsService } from './settings/account-settings-service';
import { SecuritySettingsService } from './settings/security-settings-service';

export const DATABASE_FILE_NAME = 'gmao-atelier.sqlite';
const HOUR = 3_600_000;

export interface CoreDeps {
  dataDir: string;
  /** The app's read-only resources (resources/ in the repo, process.resourcesPath when packaged): the common-password list. */
  resourcesDir: string;
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
  /** Whether SMTP is configured (email issue): decides the default forgot-password mode. Default: not configured. */
  isEmailConfigured?: () => boolean;
  /** Tells a user of an administrator's decision on their reset request by email (email issue). Default: nothing. */
  notifyApprovalDecision?: (notice: ApprovalDecisionNotice) => void;
  /** Tests and the benchmark only: the public reset answers' minimum time, and the reset throttle's limits. */
  approvalTuning?: { responseFloorMs?: number; limits?: ResetLimits };
}

export interface Core {
  dispatcher: Dispatcher;
  sessions: SessionRegistry;
  accounts: AccountsService;
  approval: ApprovalService;
  db: Db;
  migration: MigrationReport;
  databaseFile: string;
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
  const throttle = new LoginThrottle({ repository: new ThrottleRepository(db), audit, clock, settings: () => securitySettings.get() });
  const drafts = new DraftsService({ repository: new DraftsRepository(db), clock });
  const prehashKey = Buffer.from(settingsRepository.get<string>('auth.prehashKey') ?? '', 'base64');
  const hasher = new PasswordHasher({ cost: deps.bcryptCost ?? DEFAULT_BCRYPT_COST, prehashKey });
  const accountSettings = new AccountSettingsService({ settings: settingsRepository, audit, clock });
  const rules = new PasswordRules({ commonPasswords: new CommonPasswordList(deps.resourcesDir), settings: () => accountSettings.get() });
  const auth = new AuthService({ db, users, audit, sessions, hasher, throttle, rules, clock });
  const accounts = new AccountsService({ db, users, audit, sessions, hasher, throttle, rules, settings: () => accountSettings.get(), clock });
  const resetThrottle = new ResetThrottle({
    repository: new ResetAttemptsRepository(db),
    clock,
    workstation: deps.workstationName,
    limits: deps.approvalTuning?.limits ?? DEFAULT_RESET_LIMITS,
  });
  const approval = new ApprovalService({
    db,
    users,
    requests: new ResetRequestsRepository(db),
    recoveryCodes: new RecoveryCodesRepository(db),
    audit,
    accounts,
    settings: new ApprovalSettingsService({ settings: settingsRepository, audit, clock }),
    throttle: resetThrottle,
    clock,
    logger,
    workstation: deps.workstationName,
    isEmailConfigured: deps.isEmailConfigured ?? (() => false),
    notifyDecision: deps.notifyApprovalDecision ?? (() => undefined),
    responseFloorMs: deps.approvalTuning?.responseFloorMs ?? DEFAULT_RESPONSE_FLOOR_MS,
  });

  const handlers: Handlers = {
    ...createAppHandlers({ auth, appVersion: deps.appVersion }),
    ...createAuthHandlers({ auth, users, clock }),
    ...createSessionHandlers({ sessions }),
    ...createSecurityHandlers({ settings: securitySettings, throttle, sessions, audit, users, clock }),
    ...createDraftsHandlers({ drafts }),
    ...createUsersHandlers({ accounts, accountSettings }),
    ...createApprovalHandlers({ approval }),
  };
  const dispatcher = createDispatcher({
    handlers,
    sessions,
    isTrustedSender: (url) => isTrustedUrl(url, deps.trustedOrigins),
    logger,
  });

  // Housekeeping: expired drafts and reset requests go at start-up and hourly; deadlines are checked every second.
  const hourly = () => {
    try {
      drafts.purgeExpired();
      approval.expireDue();
      resetThrottle.purge();
    } catch (error) {
      // A busy database now must not crash main from a timer: the next pass (or the next use) catches up.
      logger.error('Hourly housekeeping failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  hourly();
  const timers: NodeJS.Timeout[] = [setInterval(hourly, HOUR)];
  const tickMs = deps.tickIntervalMs ?? 1000;
  if (tickMs > 0) timers.push(setInterval(() => sessions.tick(), tickMs));
  timers.forEach((timer) => timer.unref());

  return {
    dispatcher,
    sessions,
    accounts,
    approval,
    db,
    migration,
    databaseFile,
    osEvent: (event) => handleOsEvent(sessions, event),
    close: () => {
      timers.forEach(clearInterval);
      db.close();
    },
  };
}
