// Pure (Node). First-run setup, login and logout.
import type { SessionUser } from '../../../shared/contract';
import type { Db } from '../kernel/db/open-database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { UserRecord, UsersRepository } from '../kernel/identity/users-repository';
import type { SessionRegistry } from '../kernel/sessions/session-registry';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import type { PasswordRules } from './password-rules';
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
      db: Db;
      users: UsersRepository;
      audit: AuditRepository;
      sessions: SessionRegistry;
      hasher: PasswordHasher;
      throttle: LoginThrottle;
      rules: PasswordRules;
      clock: Clock;
    },
  ) {}

  needsSetup(): boolean {
    return this.deps.users.count() === 0;
  }

  /** Creates the first administrator. Refused as soon as any account exists: there is no other way in. */
  async setupFirstAdmin(input: FirstAdminInput): Promise<{ username: string }> {
    if (!this.needsSetup()) throw new AppError('SETUP_ALREADY_DONE', 'An account already exists');
    this.deps.rules.assertAcceptable(input.password, input, 'password');
    const passwordHash = await this.deps.hasher.hash(input.password);
    const { db, users, audit, clock } = this.deps;
    // Checked again inside the write transaction: two windows submitting at once create one admin, not two.
    db.transaction(() => {
      if (users.count() !== 0) throw new AppError('SETUP_ALREADY_DONE', 'An account already exists');
      const now = clock.now();
      const id = users.insert(
        { ...input, role: 'admin', passwordHash, mustChangePassword: false },
        now,
      );
      audit.append({ eventType: 'setup.first_admin', actorUserId: id, subjectUserId: id }, now);
    }).immediate();
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
    const key = throttle.keyFor(identifier);
    return throttle.exclusive(key, async () => {
      // Even the right password is refused during a wait: otherwise the wait would not slow guessing at all.
      throttle.assertAllowed(key);
      const user = this.deps.users.findByLogin(identifier);
      const matches = user ? await this.deps.hasher.verify(password, user.passwordHash) : await this.deps.hasher.verifyDecoy(password);
      const now = this.deps.clock.now();
      if (!user || !matches || !user.isActive) {
        this.deps.audit.append(
          {
            eventType: 'login.failure',
            subjectUserId: user?.id ?? null,
            subjectLabel: user ? null : identifier.slice(0, 64),
            details: { reason: !user ? 'unknown_user' : !matches ? 'wrong_password' : 'inactive' },
          },
          now,
        );
        throttle.recordFailure(key);
        throw new AppError('INVALID_CREDENTIALS', INVALID_CREDENTIALS);
      }
      throttle.recordSuccess(key);
      this.useTemporaryPassword(user, now);
      this.deps.users.recordLogin(user.id, now);
      this.deps.sessions.start(windowId, user);
      this.deps.audit.append({ eventType: 'login.success', actorUserId: user.id, subjectUserId: user.id }, now);
      return toSessionUser(user);
    });
  }

  /**
   * A temporary password opens one session, once, before it expires; that session can only change it.
   * Only someone who typed the right temporary password learns it expired or was used: it says nothing to others.
   */
  private useTemporaryPassword(user: UserRecord, now: number): void {
    if (user.temporaryPasswordExpiresAt === null) return;
    const refuse = (code: 'CODE_EXPIRED' | 'CODE_USED', reason: string) => {
      this.deps.audit.append({ eventType: 'login.failure', subjectUserId: user.id, details: { reason } }, now);
      throw new AppError(code, `Temporary password ${reason}`, undefined, { kind: 'temporaryPassword' });
    };
    if (user.temporaryPasswordUsedAt !== null) refuse('CODE_USED', 'temporary_used');
    if (now >= user.temporaryPasswordExpiresAt) refuse('CODE_EXPIRED', 'temporary_expired');
    // Two windows racing with the same temporary password: only one gets through.
    if (!this.deps.users.markTemporaryUsed(user.id, now)) refuse('CODE_USED', 'temporary_used');
    this.deps.audit.append({ eventType: 'password.temporary_used', actorUserId: user.id, subjectUserId: user.id }, now);
  }

  logout(windowId: string, userId: number): void {
    this.deps.sessions.end(windowId, 'logout');
    this.deps.audit.append({ eventType: 'logout', actorUserId: userId, subjectUserId: userId }, this.deps.clock.now());
  }
}
