// Pure (Node). Handlers of the `approval` domain: thin, the rules live in ApprovalService.
import type { approvalContract } from '../../../shared/approval/contract';
import type { ApprovalService } from './approval-service';
import type { HandlerMap } from '../kernel/ipc/handler-types';

export function createApprovalHandlers(deps: { approval: ApprovalService }): HandlerMap<keyof typeof approvalContract> {
  const { approval } = deps;
  return {
    'approval:getOptions': () => approval.options(),
    'approval:request': ({ input }) => approval.request(input.identifier),
    'approval:checkStatus': ({ input }) => approval.checkStatus(input.identifier, input.code),
    'approval:complete': ({ input }) => approval.complete(input),
    'approval:completeRecovery': ({ input }) => approval.completeRecovery(input),
    'approval:getSettings': () => approval.settingsView(),
    'approval:updateSettings': ({ input, session }) => approval.updateSettings(input, session.userId),
    'approval:listPending': ({ session }) => approval.listPending(session.userId),
    'approval:listHistory': () => approval.listHistory(),
    'approval:getMetrics': () => approval.metrics(),
    'approval:approve': ({ input, session }) => approval.approve(input.requestId, input.notes, session.userId),
    'approval:reject': ({ input, session }) => approval.reject(input.requestId, input.notes, session.userId),
  };
}
