// Pure (Node). Handlers of the `audit` domain (administrators only; the contract says so and the dispatcher
// enforces it): the security log viewer, its CSV export and its retention setting. The export's progress goes
// to the window that asked, as `audit:progress` events, at most once per percent.
import type { auditContract } from '../../../shared/audit/contract';
import type { AuditLogService } from './audit-log-service';
import type { AuditRetentionService } from './audit-retention-service';
import type { AuditExportProgress } from '../../../shared/contract';
import type { EventSink } from '../kernel/sessions/session-registry';
import type { HandlerMap } from '../kernel/ipc/handler-types';

export function createAuditHandlers(deps: { log: AuditLogService; retention: AuditRetentionService; events: EventSink }): HandlerMap<keyof typeof auditContract> {
  const progressTo = (windowId: string) => {
    let last = -1;
    return (progress: AuditExportProgress) => {
      const percent = progress.totalRows ? Math.floor((100 * progress.exportedRows) / progress.totalRows) : 100;
      if (percent === last) return;
      last = percent;
      deps.events.send(windowId, 'audit:progress', progress);
    };
  };
  return {
    'audit:list': ({ input: { page, ...filter } }) => deps.log.list(filter, page),
    'audit:filterOptions': () => deps.log.filterOptions(),
    'audit:export': ({ input: { language, ...filter }, session }) => deps.log.export(filter, language ?? 'fr', session.userId, progressTo(session.windowId)),
    'audit:getSettings': () => deps.retention.get(),
    'audit:updateSettings': ({ input, session }) => deps.retention.update(input, session.userId),
  };
}
