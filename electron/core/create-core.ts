// Pure (Node). Builds the whole core from injected dependencies. Electron's main and the browser
// harness both call this, so they run the very same code; only the adapters around it differ.
import fs from 'node:fs';
import path from 'node:path';
import { AccountsService } from './accounts/accounts-service';
import { AuditLogService } from './audit/audit-log-service';
import { AuditRetentionService, DAY_MS } from './audit/audit-retention-service';
import { ApprovalService, DEFAULT_RESPONSE_FLOOR_MS, type ApprovalDecisionNotice } from './approval/approval-service';
import { ApprovalSettingsService } from './approval/approval-settings-service';
import { DEFAULT_RESET_LIMITS, ResetThrottle, type ResetLimits } from './approval/reset-throttle';
import { AuthService } from './auth/auth-service';
import { CommonPasswordList } from './auth/common-passwords';
import { LoginThrottle } from './auth/login-throttle';
import { DEFAULT_BCRYPT_COST, PasswordHasher } from './auth/password-hasher';
import { PasswordRules } from './auth/password-rules';
import { BackupService, type BackupTransfers } from './backups/backup-service';
import { migrate, readSchemaVersion, type MigrationReport } from './db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './db/migrations';
import { openDatabase, type Db } from './db/open-database';
import { DraftsService } from './drafts/drafts-service';
import { createDispatcher, type Dispatcher } from './ipc/dispatcher';
import type { Handlers } from './ipc/handler-types';
import { createAppHandlers, type OpenPath } from './ipc/handlers/app-handlers';
import { createAuditHandlers } from './ipc/handlers/audit-handlers';
import { createApprovalHandlers } from './ipc/handlers/approval-handlers';
import { createAuthHandlers } from './ipc/handlers/auth-handlers';
import { createBackupsHandlers } from './ipc/handlers/backups-handlers';
import { createDraftsHandlers } from './ipc/handlers/drafts-handlers';
import { createSecurityHandlers } from './ipc/handlers/security-handlers';
import { createSessionHandlers } from './ipc/handlers/session-handlers';
import { createUsersHandlers } from './ipc/handlers/users-handlers';
import { createEmailHandlers } from './ipc/handlers/email-handlers';
import { createEmailResetHandlers } from './ipc/handlers/email-reset-handlers';
import { createFileKeySecretStore } from './mail/file-key-secret-store';
import { createMailModule, type MailModule } from './mail/mail-module';
import type { MailTransportFactory } from './mail/mail-transport';
import { createNodemailerTransportFactory } from './mail/nodemailer-transport';
import type { SecretStore } from './mail/secret-store';
import { systemClock, type Clock } from './platform/clock';
import type { DataDirMode } from './platform/data-dir';
import { createFileLogger, redactingLogger } from './platform/file-logger';
import type { Logger } from './platform/logger';
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
export const LOG_DIR_NAME = 'logs';
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
  /**
   * How often to check whether the daily backup is due (default hourly, and once at start-up).
   * 0: no automatic backup at all (tests call `backups.runDailyIfDue()` themselves).
   */
  backupCheckIntervalMs?: number;
  /** Save/open dialogs (Electron) or download/upload addresses (browser harness) for export and import. */
  backupTransfers?: BackupTransfers;
  /** Pages per step of backup copies (tests use small steps to observe progress). */
  backupPagesPerStep?: number;
  /** Seals the SMTP password and queued one-time codes. Electron passes safeStorage; the default is the file-key fallback. */
  secretStore?: SecretStore;
  /** The SMTP client. Default: nodemailer with production timeouts. */
  mailTransport?: MailTransportFactory;
  /** Outbox worker and deferred mail tasks on timers (default). Tests turn it off and call `mail.flush()`. */
  mailAutoRun?: boolean;
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
  backups: BackupService;
  databaseFile: string;
  /** The email domain: settings, outbox, notifications, one-time codes (see electron/core/mail/). */
  mail: MailModule;
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
  const backupDir = path.join(deps.dataDir, 'backups');
  const upgrade = () => migrate(db, MIGRATIONS, { backupDir, clock });
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
  const prehashKey = () => Buffer.from(settingsRepository.get<string>('auth.prehashKey') ?? '', 'base64');
  const hasher = new PasswordHasher({ cost: deps.bcryptCost ?? DEFAULT_BCRYPT_COST, prehashKey: prehashKey() });
  const accountSettings = new AccountSettingsService({ settings: settingsRepository, audit, clock });
  const siteName = () => mail.settings.context('fr').siteName;
  const rules = new PasswordRules({
    commonPasswords: new CommonPasswordList(deps.resourcesDir),
    settings: () => accountSettings.get(),
    siteName,
  });
  const auth = new AuthService({ db, users, audit, sessions, hasher, throttle, rules, clock });
  const accounts = new AccountsService({
    db,
    users,
    audit,
    sessions,
    hasher,
    throttle,
    rules,
    settings: () => accountSettings.get(),
    clock,
    invitations: { available: () => mail.notifier.enabled(), send: (userId, actorUserId) => void mail.tokens.sendInvitation(userId, actorUserId) },
  });
  const auditLog = new AuditLogService({ audit, users, clock });
  const auditRetention = new AuditRetentionService({ db, settings: settingsRepository, audit, clock });
  // Which app version last ran on this data: every backup carries it, so the list can show it.
  const recordAppVersion = () => settingsRepository.set('app.version', deps.appVersion, clock.now());
  recordAppVersion();
  const backups = new BackupService({
    db,
    databaseFile,
    backupDir,
    appSchemaVersion: LATEST_SCHEMA_VERSION,
    settings: settingsRepository,
    audit,
    sessions,
    clock,
    logger,
    upgrade,
    transfers: deps.backupTransfers ?? {},
    nativeBinding: deps.nativeBinding,
    pagesPerStep: deps.backupPagesPerStep,
  });
  // What the core keeps in memory from the data must follow a restore. Other domains register their own
  // listener (the email secret sealed on another PC, for one).
  // Email follows account events: the "mot de passe modifié" notice for changes the user made or completed
  // (email-code resets queue their own), and one-time codes apply new passwords through the same rules.
  accounts.onPasswordChanged(({ user, via }) => {
    if (via === 'self' || via === 'approval' || via === 'recovery') mail.notifier.passwordChanged(user.id);
  });
  mail.tokens.setApplyNewPassword((userId, newPassword, { via }) => accounts.setRecoveredPassword(userId, newPassword, via === 'invite' ? 'invite' : 'email'));
  backups.onRestored(() => {
    recordAppVersion();
    hasher.useKey(prehashKey());
  });
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
    isEmailConfigured: deps.isEmailConfigured ?? (() => mail.notifier.enabled()),
    // The decision reaches the user by email when email works; no secret is in it (the reference code stays theirs).
    notifyDecision:
      deps.notifyApprovalDecision ??
      (({ decision, request, user }) => {
        const admin = request.decidedBy !== null ? users.findById(request.decidedBy) : null;
        mail.notifier.approvalDecision(user.id, { decision, request: request.checkNumber, decidedBy: admin?.displayName ?? '', note: request.adminNotes });
      }),
    responseFloorMs: deps.approvalTuning?.responseFloorMs ?? DEFAULT_RESPONSE_FLOOR_MS,
  });

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
    ...createUsersHandlers({ accounts, accountSettings, siteName, rules }),
    ...createAuditHandlers({ log: auditLog, retention: auditRetention }),
    ...createBackupsHandlers({ backups, events: deps.events }),
    ...createEmailHandlers({ mail, users, clock }),
    ...createEmailResetHandlers({ mail, throttle: resetThrottle }),
    ...createApprovalHandlers({ approval }),
  };
  const dispatcher = createDispatcher({
    handlers,
    sessions,
    isTrustedSender: (url) => isTrustedUrl(url, deps.trustedOrigins),
    logger,
    isUnderMaintenance: () => backups.isRestoring(),
  });

  // Housekeeping: expired drafts go at start-up and hourly; audit entries past their retention at start-up
  // and daily; deadlines are checked every second; the daily backup is checked at start-up and hourly.
  // All of it waits while a restore replaces the data.
  drafts.purgeExpired();
  backups.removeAbandonedPartials();
  const idle = () => !backups.isRestoring();
  const pruneAudit = () => {
    // A failed prune (database busy…) must not stop the app: the next day's run catches up.
    try {
      auditRetention.prune();
    } catch (error) {
      logger.error('Audit log pruning failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  pruneAudit();
  const hourly = () => {
    try {
      drafts.purgeExpired();
      approval.expireDue();
      resetThrottle.purge();
    } catch (error) {
      // Busy database or the like: the next hour catches up; the app carries on.
      logger.error('Hourly housekeeping failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  hourly();
  const timers: NodeJS.Timeout[] = [
    setInterval(() => idle() && hourly(), HOUR),
    setInterval(() => idle() && pruneAudit(), DAY_MS),
  ];
  const tickMs = deps.tickIntervalMs ?? 1000;
  if (tickMs > 0) timers.push(setInterval(() => idle() && sessions.tick(), tickMs));
  const backupCheckMs = deps.backupCheckIntervalMs ?? HOUR;
  if (backupCheckMs > 0) {
    // Failures are logged by the service; a missed day is retried at the next check.
    const dailyBackup = () => void backups.runDailyIfDue().catch(() => undefined);
    dailyBackup();
    timers.push(setInterval(dailyBackup, backupCheckMs));
  }
  timers.forEach((timer) => timer.unref());

  return {
    dispatcher,
    sessions,
    accounts,
    approval,
    db,
    migration,
    databaseFile,
    backups,
    mail,
    logDir,
    osEvent: (event) => handleOsEvent(sessions, event),
    close: () => {
      timers.forEach(clearInterval);
      backups.close();
      mail.close();
      db.close();
    },
  };
}
