// Pure (Node). Handlers of the `session` domain.
import type { sessionContract } from '../../../shared/session/contract';
import type { SessionRegistry } from '../kernel/sessions/session-registry';
import type { HandlerMap } from '../kernel/ipc/handler-types';

export function createSessionHandlers(deps: { sessions: SessionRegistry }): HandlerMap<keyof typeof sessionContract> {
  return {
    'session:activity': ({ sender }) => deps.sessions.recordActivity(sender.windowId),
    'session:getTiming': ({ sender }) => deps.sessions.timing(sender.windowId),
    'session:lock': async ({ sender }) => {
      await deps.sessions.end(sender.windowId, 'manual-lock');
      return null;
    },
  };
}
