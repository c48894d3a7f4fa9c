// Pure (Node). The "Journal de sécurité" viewer: filtered pages of the log, the filter's choices, and the
// CSV export (audited itself). Day bounds are read in main's local time, which is the workstation's.
// The export is written in the database worker (audit-csv-job.ts on a read-only connection of its own): at
// 100,000 rows it is seconds of work that would otherwise stop main's event loop, progress events included.
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
import { runDbJob } from '../kernel/db/run-db-job';
import type { AuditCsvJobResult, AuditCsvProgress } from './audit-csv-job';
import type { Clock } from '../kernel/platform/clock';
import type { AuditCriteria, AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { UsersRepository } from '../kernel/identity/users-repository';
import { localDayEnd, localDayOf, localDayStart } from './local-day';

export class AuditLogService {
  constructor(
    private readonly deps: {
      audit: AuditRepository;
      users: UsersRepository;
      clock: Clock;
      /** The live database file, opened read-only by the export's worker. */
      databaseFile: string;
      nativeBinding?: string;
      /** Tests lower it to check the cap without writing 100,000 rows. */
      exportMaxRows?: number;
    },
  ) {}

  list(filter: AuditFilter, requestedPage: number): AuditPage {
    const criteria = toCriteria(filter);
    const total = this.deps.audit.count(criteria);
    const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
    const page = Math.min(requestedPage, pageCount);
    const entries = this.deps.audit.search(criteria, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE);
    return { entries, total, page, pageSize: AUDIT_PAGE_SIZE, pageCount };
  }

  filterOptions(): AuditFilterOptions {
    return { users: this.deps.audit.people(), eventTypes: this.deps.audit.eventTypes() };
  }

  async export(filter: AuditFilter, language: AuditLanguage, actorUserId: number, onProgress?: (progress: AuditExportProgress) => void): Promise<AuditExport> {
    const maxRows = this.deps.exportMaxRows ?? AUDIT_EXPORT_MAX_ROWS;
    const criteria = toCriteria(filter);
    const { content, total, rows } = await runDbJob<AuditCsvJobResult, AuditCsvProgress>(
      'audit-csv',
      { databaseFile: this.deps.databaseFile, nativeBinding: this.deps.nativeBinding, criteria, maxRows, language },
      onProgress,
    );
    // After the file is written: the export's own entry is never in it, as before.
    const now = this.deps.clock.now();
    const capped = total > maxRows;
    const user = filter.userId !== undefined ? this.deps.users.findById(filter.userId) : null;
    this.deps.audit.append(
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
