// Pure (Node). Backups of the SQLite data: daily, before migrations and on demand, with restore, export and
// import. A restore replaces the data under every domain, so the core asks each module to follow it.
// On PostgreSQL backups are the server's job: no schedule, no restore; the screen explains it and offers a
// pg_dump export (server-backup-service.ts).
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { LATEST_SCHEMA_VERSION } from '../kernel/db/migrations';
import { BackupService, type BackupTransfers } from './backup-service';
import { createBackupsHandlers } from './backups-handlers';
import { ServerBackupService } from './server-backup-service';
import { ServerDumpRepository } from './server-dump-repository';

const HOUR = 3_600_000;

export interface BackupsModule extends DomainModule<keyof ReturnType<typeof createBackupsHandlers>> {
  backups: BackupService;
}

export function createBackupsModule(
  kernel: Kernel,
  deps: {
    transfers?: BackupTransfers;
    /** Tests: where pg_dump is (default: looked up on the PATH). */
    findPgDump?: () => string | null;
    pagesPerStep?: number;
    /** How often to check whether the daily backup is due (default hourly); 0: no automatic backup. */
    checkIntervalMs?: number;
  },
): BackupsModule {
  const backups = new BackupService({
    database: kernel.database,
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
  const server =
    kernel.database.engine === 'postgres'
      ? new ServerBackupService({
          // Not on the kernel's interface yet (the lead is asked to add it): without it the export is not offered.
          databaseUrl: kernel.databaseUrl,
          backupDir: kernel.backupDir,
          appSchemaVersion: LATEST_SCHEMA_VERSION,
          repository: new ServerDumpRepository(kernel.database.kysely),
          audit: kernel.audit,
          clock: kernel.clock,
          logger: kernel.logger,
          findPgDump: deps.findPgDump,
        })
      : null;
  if (!server) backups.removeAbandonedPartials();
  const checkMs = deps.checkIntervalMs ?? HOUR;
  return {
    handlers: createBackupsHandlers({ backups, server, events: kernel.events }),
    // Failures are logged by the service; a missed day is retried at the next check. None on PostgreSQL.
    jobs: checkMs > 0 && !server ? [{ name: 'backups.daily', everyMs: checkMs, background: true, run: () => void backups.runDailyIfDue().catch(() => undefined) }] : [],
    close: () => backups.close(),
    backups,
  };
}
