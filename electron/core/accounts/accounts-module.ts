// Pure (Node). Administration of accounts (the `users:*` channels) and a person's own account (`account:*`):
// create, edit, (de)activate, reset, temporary passwords, invitations by email.
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import type { AuthModule } from '../auth';
import type { MailModule } from '../email';
import { createUsersHandlers } from './accounts-handlers';
import { AccountsRepository } from './accounts-repository';
import { AccountsService } from './accounts-service';

export interface AccountsModule extends DomainModule<keyof ReturnType<typeof createUsersHandlers>> {
  accounts: AccountsService;
}

export function createAccountsModule(kernel: Kernel, deps: { auth: AuthModule; mail: MailModule }): AccountsModule {
  const { auth, mail } = deps;
  const accounts = new AccountsService({
    database: kernel.database,
    accounts: new AccountsRepository(kernel.database.kysely),
    users: kernel.users,
    audit: kernel.audit,
    sessions: kernel.sessions,
    hasher: auth.hasher,
    throttle: auth.throttle,
    rules: auth.rules,
    settings: () => auth.accountSettings.get(),
    clock: kernel.clock,
    invitations: {
      available: () => mail.notifier.enabled(),
      send: async (userId, actorUserId) => mail.tokens.sendInvitation(userId, actorUserId),
    },
  });
  // Email follows account events: the "mot de passe modifié" notice for changes the user made or completed
  // (email-code resets queue their own), and one-time codes apply new passwords through the same rules.
  accounts.onPasswordChanged(async ({ user, via }) => {
    if (via === 'self' || via === 'approval' || via === 'recovery') await mail.notifier.passwordChanged(user.id);
  });
  mail.tokens.setApplyNewPassword((userId, newPassword, { via }) => accounts.setRecoveredPassword(userId, newPassword, via === 'invite' ? 'invite' : 'email'));
  return {
    handlers: createUsersHandlers({ accounts, accountSettings: auth.accountSettings, siteName: auth.siteName, rules: auth.rules }),
    accounts,
  };
}
