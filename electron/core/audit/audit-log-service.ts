// Pure (Node). The "Journal de sécurité" viewer: filtered pages of the log, the filter's choices, and the
// CSV export (audited itself). Day bounds are read in main's local time, which is the workstation's.
// The export (audit-csv-job.ts): on SQLite in the database worker, on a read-only connection of its own (at
// 100,000 rows it is seconds of synchronous work that would otherwise stop main's event loop, progress events
// included); on PostgreSQL in main on the core's pool, where the reading is the server's work.
import {
  AUDIT_EXPORT_MAX_ROWS,
  AUDIT_PAGE_SIZE,
  type AuditExport,
  type AuditFilter,
  type AuditFilterOptions,
  type AuditPage,
} from '../../../shared/audit/contract';
import type { AuditLanguage } from '../../../shared/audit/audit-text';
import type { AuditExportProgress } from '../../../shared/contract';
import type { Database } from '../kernel/db/database';
import { runDbJob } from '../kernel/db/run-db-job';
import { writeAuditCsv, type AuditCsvJobInput, type AuditCsvJobResult, type AuditCsvProgress } from './audit-csv-job';
import type { Clock } from '../kernel/platform/clock';
import type { AuditCriteria, AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { UsersRepository } from '../kernel/identity/users-repository';
import { localDayEnd, localDayOf, localDayStart } from '../kernel/platform/local-day';

export class AuditLogService {
  constructor(
    private readonly deps: {
      audit: AuditRepository;
      users: UsersRepository;
      clock: Clock;
      /** PostgreSQL: the export reads through its pool, in main. */
      database: Database;
      /** SQLite: the live database file, opened read-only by the export's worker; null on PostgreSQL. */
      databaseFile: string | null;
      nativeBinding?: string;
      /** Tests lower it to check the cap without writing 100,000 rows. */
      exportMaxRows?: number;
    },
  ) {}

  async list(filter: AuditFilter, requestedPage: number): Promise<AuditPage> {
    const criteria = toCriteria(filter);
    const total = await this.deps.audit.count(criteria);
    const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
    const page = Math.min(requestedPage, pageCount);
    const entries = await this.deps.audit.search(criteria, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE);
    return { entries, total, page, pageSize: AUDIT_PAGE_SIZE, pageCount };
  }

  async filterOptions(): Promise<AuditFilterOptions> {
    const [users, eventTypes] = await Promise.all([this.deps.audit.people(), this.deps.audit.eventTypes()]);
    return { users, eventTypes };
  }

  async export(filter: AuditFilter, language: AuditLanguage, actorUserId: number, onProgress?: (progress: AuditExportProgress) => void): Promise<AuditExport> {
    const maxRows = this.deps.exportMaxRows ?? AUDIT_EXPORT_MAX_ROWS;
    const criteria = toCriteria(filter);
    const { content, total, rows } = await this.writeCsv({ criteria, maxRows, language }, onProgress);
    // After the file is written: the export's own entry is never in it, as before.
    const now = this.deps.clock.now();
    const capped = total > maxRows;
    const user = filter.userId !== undefined ? await this.deps.users.findById(filter.userId) : null;
    await this.deps.audit.append(
      {
        eventType: 'audit.exported',
        actorUserId,
        details: {
          rows,
          total,
          capped,
          // What was asked, in words a later reader understands even if the account is renamed.
          filter: {
            ...(filter.userId !== undefined ? { userId: filter.userId, userName: user ? `${user.displayName} (${user.username})` : `#${filter.userId}` } : {}),
            ...(filter.text ? { text: filter.text } : {}),
            ...(filter.eventTypes?.length ? { eventTypes: filter.eventTypes } : {}),
            ...(filter.from ? { from: filter.from } : {}),
            ...(filter.to ? { to: filter.to } : {}),
          },
        },
      },
      now,
    );
    const fileName = `${language === 'fr' ? 'journal-securite' : 'security-log'}-${localDayOf(now)}.csv`;
    return { fileName, content, rows, capped, total };
  }

  private writeCsv(options: Omit<AuditCsvJobInput, 'databaseFile'>, onProgress?: (progress: AuditCsvProgress) => void): Promise<AuditCsvJobResult> {
    const { database, databaseFile } = this.deps;
    if (database.engine === 'sqlite' && databaseFile) {
      return runDbJob<AuditCsvJobResult, AuditCsvProgress>('audit-csv', { ...options, databaseFile, nativeBinding: this.deps.nativeBinding }, onProgress);
    }
    return writeAuditCsv(database.kysely, database.engine, options, onProgress);
  }
}

export function toCriteria(filter: AuditFilter): AuditCriteria {
  return {
    userId: filter.userId,
    labelContains: filter.text || undefined,
    eventTypes: filter.eventTypes,
    fromMs: filter.from ? localDayStart(filter.from) : undefined,
    beforeMs: filter.to ? localDayEnd(filter.to) : undefined,
  };
}
