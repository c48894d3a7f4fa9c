// Pure (Node). Handlers of the `auth` domain: thin, the work is in AuthService.
import type { authContract } from '../../../shared/auth/contract';
import type { AuthService } from './auth-service';
import { toSessionUser } from '../kernel/identity/session-user';
import type { Clock } from '../kernel/platform/clock';
import type { UsersRepository } from '../kernel/identity/users-repository';
import type { HandlerMap } from '../kernel/ipc/handler-types';

export function createAuthHandlers(deps: {
  auth: AuthService;
  users: UsersRepository;
  clock: Clock;
}): HandlerMap<keyof typeof authContract> {
  return {
    'auth:setupFirstAdmin': ({ input }) =>
      deps.auth.setupFirstAdmin({
        username: input.username,
        displayName: input.displayName,
        email: input.email,
        password: input.password,
        locale: input.locale,
      }),
    'auth:login': ({ input, sender }) => deps.auth.login(sender.windowId, input.identifier, input.password),
    'auth:logout': async ({ session, sender }) => {
      await deps.auth.logout(sender.windowId, session.userId);
      return null;
    },
    'account:setLocale': async ({ input, session }) => {
      await deps.users.setLocale(session.userId, input.locale, deps.clock.now());
      return toSessionUser({ ...session.user, locale: input.locale });
    },
  };
}
