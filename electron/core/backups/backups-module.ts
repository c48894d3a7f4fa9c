// Pure (Node). Backups of the SQLite data: daily, before migrations and on demand, with restore, export and
// import. A restore replaces the data under every domain, so the core asks each module to follow it.
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { LATEST_SCHEMA_VERSION } from '../kernel/db/migrations';
import { BackupService, type BackupTransfers } from './backup-service';
import { createBackupsHandlers } from './backups-handlers';

const HOUR = 3_600_000;

export interface BackupsModule extends DomainModule<keyof ReturnType<typeof createBackupsHandlers>> {
  backups: BackupService;
}

export function createBackupsModule(
  kernel: Kernel,
  deps: {
    transfers?: BackupTransfers;
    pagesPerStep?: number;
    /** How often to check whether the daily backup is due (default hourly); 0: no automatic backup. */
    checkIntervalMs?: number;
  },
): BackupsModule {
  const backups = new BackupService({
    db: kernel.db,
    databaseFile: kernel.databaseFile,
    backupDir: kernel.backupDir,
    appSchemaVersion: LATEST_SCHEMA_VERSION,
    settings: kernel.settings,
    audit: kernel.audit,
    sessions: kernel.sessions,
    clock: kernel.clock,
    logger: kernel.logger,
    upgrade: kernel.upgrade,
    transfers: deps.transfers ?? {},
    nativeBinding: kernel.nativeBinding,
    pagesPerStep: deps.pagesPerStep,
  });
  backups.removeAbandonedPartials();
  const checkMs = deps.checkIntervalMs ?? HOUR;
  return {
    handlers: createBackupsHandlers({ backups, events: kernel.events }),
    // Failures are logged by the service; a missed day is retried at the next check.
    jobs: checkMs > 0 ? [{ name: 'backups.daily', everyMs: checkMs, run: () => void backups.runDailyIfDue().catch(() => undefined) }] : [],
    close: () => backups.close(),
    backups,
  };
}
