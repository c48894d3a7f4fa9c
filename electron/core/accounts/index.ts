// Pure (Node). What other domains may use of `accounts`.
export { createAccountsModule, type AccountsModule } from './accounts-module';
export type { AccountsService, PasswordChangeVia } from './accounts-service';
