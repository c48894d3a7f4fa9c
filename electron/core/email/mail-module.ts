// Pure (Node). Builds the email domain for createCore: settings, outbox and its worker, notifications, one-time
// codes, their housekeeping, and the `email:*` handlers. Main and the harness inject the secret store and the
// SMTP transport; tests run it with autoRun off and call `flush()`.
import type { Database } from '../kernel/db/database';
import type { Clock } from '../kernel/platform/clock';
import type { Logger } from '../kernel/platform/logger';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { OutboxRepository } from './outbox-repository';
import { ResetTokenRepository } from './reset-token-repository';
import type { SettingsRepository } from '../kernel/settings/settings-repository';
import type { UsersRepository } from '../kernel/identity/users-repository';
import { DeferredTasks } from './deferred-tasks';
import { MailNotifier } from './mail-notifier';
import { MailSettingsService } from './mail-settings-service';
import type { MailTransportFactory } from './mail-transport';
import { OutboxService } from './outbox';
import { ResetTokenService, type ApplyNewPassword } from './reset-tokens';
import type { SecretStore } from './secret-store';

const HOUR = 3_600_000;

export interface MailModule {
  settings: MailSettingsService;
  outbox: OutboxService;
  notifier: MailNotifier;
  tokens: ResetTokenService;
  secrets: SecretStore;
  transports: MailTransportFactory;
  /** For LoginThrottle: a known user's sign-ins were just suspended. */
  onLoginBlocked(event: { userId: number | null; identifier: string; consecutiveFailures: number; blockedUntil: number; quietMs: number }): void;
  /** Runs what is pending now: start-up work, deferred tasks, then every due message. Tests await it; auto-run never needs it. */
  flush(): Promise<void>;
  /** Stops the timers and the worker; resolves once nothing of ours touches the database any more. */
  close(): Promise<void>;
}

export function createMailModule(deps: {
  database: Database;
  users: UsersRepository;
  settingsRepository: SettingsRepository;
  audit: AuditRepository;
  clock: Clock;
  logger: Logger;
  secrets: SecretStore;
  transports: MailTransportFactory;
  autoRun: boolean;
  applyNewPassword?: ApplyNewPassword;
}): MailModule {
  const { database, clock, logger, audit } = deps;
  const deferred = new DeferredTasks(deps.autoRun, logger);
  let outbox: OutboxService | null = null;
  const settings = new MailSettingsService({
    database,
    settings: deps.settingsRepository,
    audit,
    clock,
    secrets: deps.secrets,
    onChange: async () => {
      await outbox?.rescheduleQueued();
    },
  });
  outbox = new OutboxService({
    database,
    repository: new OutboxRepository(database.kysely),
    audit,
    clock,
    logger,
    secrets: deps.secrets,
    transports: deps.transports,
    setup: () => settings.sendingSetup(),
    autoRun: deps.autoRun,
  });
  const sender = outbox;
  const notifier = new MailNotifier({ users: deps.users, outbox, settings, clock });
  const tokens = new ResetTokenService({
    database,
    users: deps.users,
    tokens: new ResetTokenRepository(database.kysely),
    audit,
    clock,
    logger,
    notifier,
    outbox,
    resetCodeMinutes: async () => (await settings.stored()).resetCodeMinutes,
    defer: (task) => deferred.add(task),
    applyNewPassword: deps.applyNewPassword,
  });

  // Idempotent: several cores on one database may all run it.
  const housekeeping = async () => {
    await tokens.purge();
    await sender.prune((await settings.stored()).sentRetentionDays);
  };
  // Start-up, after the answer of whoever built us: claims a crashed sender left are taken back once their lease
  // ran out, requests written before a crash are processed, then the worker looks at the queue.
  deferred.add(() => sender.recover());
  deferred.add(housekeeping);
  deferred.add(() => tokens.processPendingRequests());
  deferred.add(() => sender.kick());
  const timers: NodeJS.Timeout[] = [];
  if (deps.autoRun) {
    timers.push(setInterval(() => deferred.add(housekeeping), HOUR));
    timers.forEach((timer) => timer.unref());
  }

  const module: MailModule = {
    settings,
    outbox,
    notifier,
    tokens,
    secrets: deps.secrets,
    transports: deps.transports,
    onLoginBlocked(event) {
      const { userId } = event;
      if (userId === null) return;
      // After the answer: the login that triggered the wait must not take longer for a real account.
      deferred.add(() => notifier.lockout(userId, event.identifier, event.consecutiveFailures, event.blockedUntil, event.quietMs));
    },
    async flush() {
      await deferred.drain();
      await sender.runDue();
    },
    async close() {
      timers.forEach(clearInterval);
      await deferred.close();
      await sender.close();
    },
  };
  return module;
}
