// Pure (Node). Builds the whole core: the kernel, then every domain module (modules.ts), one dispatcher over
// all their handlers, and the scheduled jobs. Electron's main, the browser harness and the tests all call this,
// so they run the very same code; only the adapters passed in differ.
import { backupBeforeMigration } from './backups';
import type { AccountsService } from './accounts';
import type { ApprovalService } from './approval';
import type { BackupService } from './backups';
import type { MailModule } from './email';
import { createDispatcher, type Dispatcher } from './kernel/ipc/dispatcher';
import type { Database } from './kernel/db/database';
import type { MigrationReport } from './kernel/db/migrate-database';
import { createKernel, type KernelDeps } from './kernel/kernel';
import { createJobScheduler, type JobScheduler } from './kernel/job-scheduler';
import { isTrustedUrl } from './kernel/security/trusted-url';
import { handleOsEvent, type OsEvent } from './kernel/sessions/os-events';
import type { SessionRegistry } from './kernel/sessions/session-registry';
import { createModules, type ModuleDeps } from './modules';

export { DATABASE_FILE_NAME, LOG_DIR_NAME } from './kernel/kernel';

export interface CoreDeps extends Omit<KernelDeps, 'backupBeforeMigration'>, ModuleDeps {
  /** Origins whose frames may call IPC (app://gmao in Electron, the harness's own origin). */
  trustedOrigins: readonly string[];
  /**
   * How often main checks session deadlines; 0 starts no timer (tests call `sessions.tick()` themselves, and
   * `jobs.renewLeases()` in place of the job leases' heartbeat).
   */
  tickIntervalMs?: number;
  /** How long a scheduled job's lease lasts without renewal (default 2 min; see kernel/job-scheduler.ts). */
  jobLeaseMs?: number;
}

export interface Core {
  dispatcher: Dispatcher;
  sessions: SessionRegistry;
  accounts: AccountsService;
  approval: ApprovalService;
  /** The data, on SQLite or PostgreSQL. */
  database: Database;
  migration: MigrationReport;
  backups: BackupService;
  /** SQLite's file; null on PostgreSQL. */
  databaseFile: string | null;
  /** The email domain: settings, outbox, notifications, one-time codes (see electron/core/email/). */
  mail: MailModule;
  logDir: string;
  /** The scheduled jobs, each run by the one process holding its lease (job_leases). */
  jobs: JobScheduler;
  /** Suspend, resume, screen lock and unlock, from Electron's powerMonitor or the harness. The windows lock at once. */
  osEvent(event: OsEvent): Promise<void>;
  close(): Promise<void>;
}

export async function createCore(deps: CoreDeps): Promise<Core> {
  const kernel = await createKernel({ ...deps, backupBeforeMigration });
  const modules = await createModules(kernel, deps);
  const { backups } = modules.backups;
  // What the modules keep in memory from the data must follow a restore.
  backups.onRestored(async () => {
    for (const module of modules.all) await module.onRestored?.();
  });

  const dispatcher = createDispatcher({
    handlers: modules.handlers,
    sessions: kernel.sessions,
    isTrustedSender: (url) => isTrustedUrl(url, deps.trustedOrigins),
    logger: kernel.logger,
    isUnderMaintenance: () => backups.isRestoring(),
  });

  // Jobs run at start-up, then on their schedule, each only in the process holding its lease (one per site, see
  // kernel/job-scheduler.ts); all of them wait while a restore replaces the data, and a failed run (database
  // busy…) is logged and caught up by the next one: the app carries on.
  const idle = () => !backups.isRestoring();
  const tickMs = deps.tickIntervalMs ?? 1000;
  const jobs = createJobScheduler({
    db: kernel.database.kysely,
    clock: kernel.clock,
    logger: kernel.logger,
    jobs: modules.all.flatMap((module) => module.jobs ?? []),
    leaseMs: deps.jobLeaseMs,
    // tickIntervalMs 0 (tests): no timer at all, the test renews with its own clock.
    heartbeatMs: tickMs > 0 ? undefined : 0,
    isIdle: idle,
  });
  await jobs.start();
  // The session deadlines are this process's own windows: checked here whoever holds the job leases.
  const timers: NodeJS.Timeout[] = [];
  const tick = async () => {
    try {
      await kernel.sessions.tick();
    } catch (error) {
      kernel.logger.error('Scheduled job failed', { job: 'sessions.tick', error: error instanceof Error ? error.message : String(error) });
    }
  };
  if (tickMs > 0) timers.push(setInterval(() => idle() && void tick(), tickMs));
  timers.forEach((timer) => timer.unref());

  return {
    dispatcher,
    sessions: kernel.sessions,
    accounts: modules.accounts.accounts,
    approval: modules.approval.approval,
    database: kernel.database,
    migration: kernel.migration,
    databaseFile: kernel.databaseFile,
    backups,
    mail: modules.email.mail,
    logDir: kernel.logDir,
    osEvent: (event) => handleOsEvent(kernel.sessions, event),
    jobs,
    close: async () => {
      timers.forEach(clearInterval);
      await jobs.close();
      for (const module of [...modules.all].reverse()) await module.close?.();
      await kernel.database.close();
    },
  };
}
