// Pure (Node). Handlers of the `drafts` domain. The owner is always the caller's session user: the renderer
// names a form, never a user.
import type { draftsContract } from '../../../shared/drafts/contract';
import type { DraftsService } from './drafts-service';
import type { HandlerMap } from '../kernel/ipc/handler-types';

export function createDraftsHandlers(deps: { drafts: DraftsService }): HandlerMap<keyof typeof draftsContract> {
  return {
    'drafts:save': async ({ input, session }) => {
      await deps.drafts.save(session.userId, input.formKey, input.data);
      return null;
    },
    'drafts:get': ({ input, session }) => deps.drafts.get(session.userId, input.formKey),
    'drafts:list': ({ session }) => deps.drafts.list(session.userId),
    'drafts:discard': async ({ input, session }) => {
      await deps.drafts.discard(session.userId, input.formKey);
      return null;
    },
  };
}
