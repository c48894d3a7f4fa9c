// Pure (Node). Handlers of the `attachments` domain: the caller is the session's user; the rights per owner are
// decided in attachments-access.ts (every channel is open to any signed-in user at the contract level).
import type { attachmentsContract } from '../../../shared/attachments/contract';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { ActiveSession } from '../kernel/sessions/session-registry';
import type { AttachmentsService, Caller } from './attachments-service';

const callerOf = (session: ActiveSession): Caller => ({ userId: session.userId, role: session.user.role });

export function createAttachmentsHandlers(deps: { attachments: AttachmentsService }): HandlerMap<keyof typeof attachmentsContract> {
  const { attachments } = deps;
  return {
    'attachments:list': ({ input, session }) => attachments.list(input.owner, callerOf(session)),
    'attachments:add': ({ input, session }) => attachments.add(input, callerOf(session)),
    'attachments:download': ({ input, session }) => attachments.download(input.id, callerOf(session)),
    'attachments:delete': async ({ input, session }) => {
      await attachments.delete(input.id, callerOf(session));
      return null;
    },
  };
}
