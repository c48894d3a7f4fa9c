// Pure (Node). Handlers of the `audit` domain (administrators only; the contract says so and the dispatcher
// enforces it): the security log viewer, its CSV export and its retention setting.
import type { auditContract } from '../../../shared/audit/contract';
import type { AuditLogService } from './audit-log-service';
import type { AuditRetentionService } from './audit-retention-service';
import type { HandlerMap } from '../kernel/ipc/handler-types';

export function createAuditHandlers(deps: { log: AuditLogService; retention: AuditRetentionService }): HandlerMap<keyof typeof auditContract> {
  return {
    'audit:list': ({ input: { page, ...filter } }) => deps.log.list(filter, page),
    'audit:filterOptions': () => deps.log.filterOptions(),
    'audit:export': ({ input: { language, ...filter }, session }) => deps.log.export(filter, language ?? 'fr', session.userId),
    'audit:getSettings': () => deps.retention.get(),
    'audit:updateSettings': ({ input, session }) => deps.retention.update(input, session.userId),
  };
}
