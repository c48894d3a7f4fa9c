// Pure (Node). The "Journal de sécurité" viewer: filtered pages of the log, the filter's choices, and the
// CSV export (audited itself). Day bounds are read in main's local time, which is the workstation's.
import {
  AUDIT_EXPORT_MAX_ROWS,
  AUDIT_PAGE_SIZE,
  type AuditExport,
  type AuditFilter,
  type AuditFilterOptions,
  type AuditPage,
} from '../../../shared/audit/contract';
import type { AuditLanguage } from '../../../shared/audit/audit-text';
import type { Clock } from '../kernel/platform/clock';
import type { AuditCriteria, AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { UsersRepository } from '../kernel/identity/users-repository';
import { buildAuditCsv } from './audit-csv';
import { localDayEnd, localDayOf, localDayStart } from './local-day';

export class AuditLogService {
  constructor(
    private readonly deps: {
      audit: AuditRepository;
      users: UsersRepository;
      clock: Clock;
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

  export(filter: AuditFilter, language: AuditLanguage, actorUserId: number): AuditExport {
    const maxRows = this.deps.exportMaxRows ?? AUDIT_EXPORT_MAX_ROWS;
    const criteria = toCriteria(filter);
    const now = this.deps.clock.now();
    const total = this.deps.audit.count(criteria);
    const content = buildAuditCsv(this.deps.audit.stream(criteria, maxRows), language);
    const rows = Math.min(total, maxRows);
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
