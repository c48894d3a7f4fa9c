// Pure (Node). Signing in and what guards it: first-administrator setup, login and logout, the login throttle,
// password hashing, and the password rules every path that sets a password goes through.
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import type { MailModule } from '../email';
import { AccountSettingsService } from './account-settings-service';
import { createAuthHandlers } from './auth-handlers';
import { AuthService } from './auth-service';
import { CommonPasswordList } from './common-passwords';
import { LoginThrottle } from './login-throttle';
import { DEFAULT_BCRYPT_COST, PasswordHasher } from './password-hasher';
import { PasswordRules } from './password-rules';
import { SetupRepository } from './setup-repository';
import { ThrottleRepository } from './throttle-repository';

export interface AuthModule extends DomainModule<keyof ReturnType<typeof createAuthHandlers>> {
  auth: AuthService;
  throttle: LoginThrottle;
  hasher: PasswordHasher;
  rules: PasswordRules;
  accountSettings: AccountSettingsService;
  /** The site's name (Messagerie settings): a password rule and the password-rules card show it. */
  siteName(): Promise<string>;
}

export type PasswordHasherFactory = (options: { cost: number; prehashKey: Buffer }) => PasswordHasher;

export async function createAuthModule(
  kernel: Kernel,
  deps: { email: MailModule; bcryptCost?: number; passwordHasher?: PasswordHasherFactory },
): Promise<AuthModule> {
  const { database, users, audit, sessions, settings, clock } = kernel;
  const { email } = deps;
  const throttle = new LoginThrottle({
    database,
    repository: new ThrottleRepository(database.kysely),
    audit,
    clock,
    settings: () => kernel.security.get(),
    // One lockout email per account per longest wait, however the name was typed.
    onBlocked: async (event) =>
      email.onLoginBlocked({ ...event, quietMs: (await kernel.security.get()).throttleMaxDelayMinutes * 60_000 }),
  });
  // The key of the password pre-hash lives with the data, so it follows a restore.
  const prehashKey = async () => Buffer.from((await settings.get<string>('auth.prehashKey')) ?? '', 'base64');
  const hasherOptions = { cost: deps.bcryptCost ?? DEFAULT_BCRYPT_COST, prehashKey: await prehashKey() };
  const hasher = deps.passwordHasher ? deps.passwordHasher(hasherOptions) : new PasswordHasher(hasherOptions);
  const accountSettings = new AccountSettingsService({ database, settings, audit, clock });
  const siteName = async () => (await email.settings.context('fr')).siteName;
  const rules = new PasswordRules({
    commonPasswords: new CommonPasswordList(kernel.resourcesDir),
    settings: () => accountSettings.get(),
    siteName,
  });
  const setup = new SetupRepository(database.kysely);
  const auth = new AuthService({ database, setup, users, audit, sessions, hasher, throttle, rules, clock });
  return {
    handlers: createAuthHandlers({ auth, users, clock }),
    onRestored: async () => hasher.useKey(await prehashKey()),
    auth,
    throttle,
    hasher,
    rules,
    accountSettings,
    siteName,
  };
}
