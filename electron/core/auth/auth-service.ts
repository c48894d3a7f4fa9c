// Pure (Node). First-run setup, login and logout.
import type { SessionUser } from '../../../shared/contract';
import type { Database } from '../kernel/db/database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { UserRecord, UsersRepository } from '../kernel/identity/users-repository';
import type { SessionRegistry } from '../kernel/sessions/session-registry';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import type { PasswordRules } from './password-rules';
import type { SetupRepository } from './setup-repository';
import { toSessionUser } from '../kernel/identity/session-user';

export interface FirstAdminInput {
  username: string;
  displayName: string;
  email: string | null;
  password: string;
  locale: 'fr' | 'en';
}

const INVALID_CREDENTIALS = 'Invalid credentials';

export class AuthService {
  constructor(
    private readonly deps: {
      database: Database;
      setup: SetupRepository;
      users: UsersRepository;
      audit: AuditRepository;
      sessions: SessionRegistry;
      hasher: PasswordHasher;
      throttle: LoginThrottle;
      rules: PasswordRules;
      clock: Clock;
    },
  ) {}

  async needsSetup(): Promise<boolean> {
    return (await this.deps.users.count()) === 0;
  }

  /** Creates the first administrator. Refused as soon as any account exists: there is no other way in. */
  async setupFirstAdmin(input: FirstAdminInput): Promise<{ username: string }> {
    if (!(await this.needsSetup())) throw new AppError('SETUP_ALREADY_DONE', 'An account already exists');
    await this.deps.rules.assertAcceptable(input.password, input, 'password');
    const passwordHash = await this.deps.hasher.hash(input.password);
    const { database, setup, users, audit, clock } = this.deps;
    // Counted again under a lock inside the write: two windows (or two workstations) submitting at once create
    // one admin, not two.
    await database.transaction(async (trx) => {
      if ((await setup.in(trx).lockAndCountUsers()) !== 0) throw new AppError('SETUP_ALREADY_DONE', 'An account already exists');
      const now = clock.now();
      const id = await users.in(trx).insert({ ...input, role: 'admin', passwordHash, mustChangePassword: false }, now);
      await audit.in(trx).append({ eventType: 'setup.first_admin', actorUserId: id, subjectUserId: id }, now);
    });
    return { username: input.username };
  }

  /**
   * One answer for every failure, and the same cost: an unknown name is checked against a decoy hash,
   * an inactive account's password is still checked before being refused.
   * A name that must wait (see LoginThrottle) is refused before any password check, known or not alike; all the
   * names of one account share one wait.
   */
  async login(windowId: string, identifier: string, password: string): Promise<SessionUser> {
    const { throttle } = this.deps;
    // The account's key whether its username or its email was typed (in any case); an unknown name its own.
    // Resolved before queueing, so the variants of one account also wait in one line.
    const key = await throttle.keyFor(identifier);
    return throttle.exclusive(key, async () => {
      // Even the right password is refused during a wait: otherwise the wait would not slow guessing at all.
      await throttle.assertAllowed(key);
      const user = await this.deps.users.findByLogin(identifier);
      const matches = user ? await this.deps.hasher.verify(password, user.passwordHash) : await this.deps.hasher.verifyDecoy(password);
      const now = this.deps.clock.now();
      if (!user || !matches || !user.isActive) {
        // The failure's audit entry and its count in one transaction.
        await throttle.recordFailure(key, (trx) =>
          this.deps.audit.in(trx).append(
            {
              eventType: 'login.failure',
              subjectUserId: user?.id ?? null,
              subjectLabel: user ? null : identifier.slice(0, 64),
              details: { reason: !user ? 'unknown_user' : !matches ? 'wrong_password' : 'inactive' },
            },
            now,
          ),
        );
        throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS);
      }
      await throttle.recordSuccess(key);
      await this.recordLogin(user, now);
      await this.deps.sessions.start(windowId, user);
      await this.deps.audit.append({ eventType: 'login.success', actorUserId: user.id, subjectUserId: user.id }, now);
      return toSessionUser(user);
    });
  }

  /**
   * Records the login, and uses up a temporary password: it opens one session, once, before it expires; that session
   * can only change it. Only someone who typed the right temporary password learns it expired or was used: it says
   * nothing to others.
   */
  private async recordLogin(user: UserRecord, now: number): Promise<void> {
    const { database, users, audit } = this.deps;
    const refuse = async (code: 'CODE_EXPIRED' | 'CODE_USED', reason: string): Promise<never> => {
      await audit.append({ eventType: 'login.failure', subjectUserId: user.id, details: { reason } }, now);
      throw new AppError(code, `Temporary password ${reason}`, undefined, { kind: 'temporaryPassword' });
    };
    const temporary = user.temporaryPasswordExpiresAt !== null;
    if (temporary) {
      if (user.temporaryPasswordUsedAt !== null) await refuse('CODE_USED', 'temporary_used');
      if (now >= user.temporaryPasswordExpiresAt!) await refuse('CODE_EXPIRED', 'temporary_expired');
    }
    const recorded = await database.transaction(async (trx) => {
      // Two windows racing with the same temporary password: the write itself lets only one through.
      if (temporary) {
        if (!(await users.in(trx).markTemporaryUsed(user.id, now))) return false;
        await audit.in(trx).append({ eventType: 'password.temporary_used', actorUserId: user.id, subjectUserId: user.id }, now);
      }
      await users.in(trx).recordLogin(user.id, now);
      return true;
    });
    if (!recorded) await refuse('CODE_USED', 'temporary_used');
  }

  async logout(windowId: string, userId: number): Promise<void> {
    await this.deps.sessions.end(windowId, 'logout');
    await this.deps.audit.append({ eventType: 'logout', actorUserId: userId, subjectUserId: userId }, this.deps.clock.now());
  }
}
