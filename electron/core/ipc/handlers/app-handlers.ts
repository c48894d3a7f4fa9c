// Pure (Node). Handlers of the `app` domain.
import type { appContract } from '../../../../shared/contract/app';
import type { AuthService } from '../../auth/auth-service';
import { toSessionUser } from '../../auth/session-user';
import type { HandlerMap } from '../handler-types';

export function createAppHandlers(deps: { auth: AuthService; appVersion: string }): HandlerMap<keyof typeof appContract> {
  return {
    'app:getState': ({ session }) => ({
      needsSetup: deps.auth.needsSetup(),
      user: session ? toSessionUser(session.user) : null,
      version: deps.appVersion,
    }),
  };
}
