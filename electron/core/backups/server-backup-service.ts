// Pure (Node). "Sauvegardes" when the data is on a PostgreSQL server: backups are the server's job (its own
// dumps, WAL archiving, snapshots), so the app schedules none and restores none. What it offers is an export:
// « Exporter (pg_dump) », when pg_dump is on this PC's PATH, writes a dump of the app's schema into the backups
// folder (custom format, restored with pg_restore by whoever runs the server), with progress and an audit entry.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupOverview, BackupProgress, ServerDumpOutcome } from '../../../shared/contract';
import { DEFAULT_KEEP_AUTOMATIC } from '../../../shared/backups/contract';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { Logger } from '../kernel/platform/logger';
import { formatLocalStamp } from './backup-names';
import { PARTIAL_SUFFIX } from './backup-folder';
import { findPgDump, pgDumpCommand, PgDumpError, runPgDump } from './pg-dump';
import type { ServerDumpRepository } from './server-dump-repository';

export const SERVER_DUMP_EXTENSION = '.dump';

export class ServerBackupService {
  private running: Promise<ServerDumpOutcome> | null = null;

  constructor(
    private readonly deps: {
      /** The URL the core connected with (its password goes to pg_dump through PGPASSWORD only). */
      databaseUrl: string | null;
      backupDir: string;
      appSchemaVersion: number;
      repository: ServerDumpRepository;
      audit: AuditRepository;
      clock: Clock;
      logger: Logger;
      /** Where pg_dump is, looked up on each call (it may be installed while the app runs); tests pass their own. */
      findPgDump?: () => string | null;
    },
  ) {}

  /** What the screen shows instead of the list: no backups of the app's own, whether the export is possible. */
  overview(): BackupOverview {
    return {
      engine: 'postgres',
      serverDumpAvailable: this.pgDump() !== null && this.deps.databaseUrl !== null,
      folder: this.deps.backupDir,
      backups: [],
      settings: { keepAutomatic: DEFAULT_KEEP_AUTOMATIC },
      appSchemaVersion: this.deps.appSchemaVersion,
      busy: this.running ? 'backup' : null,
    };
  }

  /** « Exporter (pg_dump) ». One at a time: a second click while one runs waits for the same dump. */
  dump(actorUserId: number, onProgress?: (progress: BackupProgress) => void): Promise<ServerDumpOutcome> {
    if (!this.running) {
      this.running = this.runDump(actorUserId, onProgress).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private pgDump(): string | null {
    return (this.deps.findPgDump ?? findPgDump)();
  }

  private async runDump(actorUserId: number, onProgress?: (progress: BackupProgress) => void): Promise<ServerDumpOutcome> {
    const executable = this.pgDump();
    if (!executable) throw failed('missing', 'pg_dump is not on this PC’s PATH');
    const url = this.deps.databaseUrl;
    if (!url) throw failed('no-url', 'The core was not given the database URL');
    const schema = await this.deps.repository.currentSchema();
    const totalPages = Math.max(1, await this.deps.repository.tableCount(schema));
    await fs.promises.mkdir(this.deps.backupDir, { recursive: true });
    const fileName = this.freshName(this.deps.clock.now());
    const file = path.join(this.deps.backupDir, fileName);
    const partial = file + PARTIAL_SUFFIX;
    let done = 0;
    onProgress?.({ phase: 'server-dump', totalPages, remainingPages: totalPages });
    try {
      await runPgDump(executable, pgDumpCommand(url, { schema, file: partial }), () => {
        done = Math.min(done + 1, totalPages);
        onProgress?.({ phase: 'server-dump', totalPages, remainingPages: totalPages - done });
      });
      // Under its final name only once complete: a half-written dump never looks like a finished one.
      await fs.promises.rename(partial, file);
    } catch (error) {
      await fs.promises.rm(partial, { force: true }).catch(() => undefined);
      this.deps.logger.error('pg_dump export failed', { error: error instanceof Error ? error.message : String(error) });
      throw error instanceof PgDumpError ? failed(error.reason, error.message) : failed('failed', String(error));
    }
    onProgress?.({ phase: 'server-dump', totalPages, remainingPages: 0 });
    const { size } = await fs.promises.stat(file);
    await this.deps.audit.append({ eventType: 'backup.exported', actorUserId, details: { fileName, target: file, tool: 'pg_dump', sizeBytes: size } }, this.deps.clock.now());
    this.deps.logger.info('pg_dump export written', { fileName, sizeBytes: size });
    return { fileName, path: file, sizeBytes: size };
  }

  /** gmao-atelier_2026-01-15_09-00-00+0100_pg-dump.dump, with -2, -3… for a second one in the same second. */
  private freshName(now: number): string {
    const base = `gmao-atelier_${formatLocalStamp(now)}_pg-dump`;
    for (let attempt = 1; ; attempt++) {
      const name = `${base}${attempt > 1 ? `-${attempt}` : ''}${SERVER_DUMP_EXTENSION}`;
      const full = path.join(this.deps.backupDir, name);
      if (!fs.existsSync(full) && !fs.existsSync(full + PARTIAL_SUFFIX)) return name;
    }
  }
}

function failed(reason: string, message: string): AppError {
  return new AppError('SERVER_DUMP_FAILED', message, undefined, { reason });
}
