// Pure (Node). Handlers of the `users` domain: thin, the rules live in AccountsService.
import type { usersContract } from '../../../shared/accounts/contract';
import type { AccountsService } from './accounts-service';
import { clampMinLength, type AccountSettingsService, type PasswordRules } from '../auth';
import type { HandlerMap } from '../kernel/ipc/handler-types';

export function createUsersHandlers(deps: {
  accounts: AccountsService;
  accountSettings: AccountSettingsService;
  siteName: () => Promise<string>;
  rules: Pick<PasswordRules, 'isCommon'>;
}): HandlerMap<keyof typeof usersContract> {
  const { accounts, accountSettings } = deps;
  return {
    'users:list': ({ input }) => accounts.list(input),
    'users:get': ({ input }) => accounts.get(input.userId),
    'users:create': ({ input, session }) => accounts.create(input, session.userId),
    'users:update': ({ input, session }) => accounts.update(input, session.userId),
    'users:setActive': ({ input, session }) => accounts.setActive(input.userId, input.active, session.userId),
    'users:resetPassword': ({ input, session }) => accounts.resetPassword(input.userId, session.userId),
    'users:clearThrottle': ({ input, session }) => accounts.clearThrottle(input.userId, session.userId),
    'users:getSettings': () => accountSettings.get(),
    'users:updateSettings': ({ input, session }) => accountSettings.update(input, session.userId),
    'account:changePassword': ({ input, session, sender }) => accounts.changeOwnPassword(sender.windowId, session.userId, input),
    'account:postponePasswordChange': ({ session }) => accounts.postponePasswordChange(session.userId),
    'account:getPasswordRules': async () => {
      const [settings, siteName] = await Promise.all([accountSettings.get(), deps.siteName()]);
      return { minLength: clampMinLength(settings.passwordMinLength), minStrength: settings.passwordMinStrength, siteName };
    },
    'account:isCommonPassword': ({ input }) => deps.rules.isCommon(input.password),
  };
}
