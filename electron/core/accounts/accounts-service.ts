// Pure (Node). User administration and each user's own password. Every rule is decided here, in main:
// the last active administrator, the password policy on every path, temporary passwords that work once and expire,
// sessions that end when a password, a role or the active flag changes. Every change is audited with its actor.
import type { SessionUser, TemporaryPassword, UserDetail, UserListInput, UserSummary } from '../../../shared/contract';
import { randomBytes } from 'node:crypto';
import type { AccountSettings } from '../../../shared/accounts/account-settings';
import type { Role } from '../../../shared/contract';
import { assertConfirmed, type LoginThrottle, type PasswordHasher, type PasswordRules } from '../auth';
import { toSessionUser } from '../kernel/identity/session-user';
import type { Database } from '../kernel/db/database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { PasswordUpdate, UserRecord, UsersRepository } from '../kernel/identity/users-repository';
import type { SessionRegistry } from '../kernel/sessions/session-registry';
import type { AccountsRepository } from './accounts-repository';
import { generateTemporaryPassword } from './temporary-password';
import { toUserDetail, toUserSummary } from './user-views';

const HOUR = 3_600_000;

const passwordChangedMeanwhile = () =>
  new AppError('PASSWORD_CHANGED_MEANWHILE', 'The account changed while the new password was being prepared; nothing was written');

/** Which path set a password: other domains react (cancel reset tokens and approval requests, send a confirmation). */
export type PasswordChangeVia = 'self' | 'admin' | 'email' | 'invite' | 'approval' | 'recovery';
export type PasswordChangedListener = (event: { user: UserRecord; via: PasswordChangeVia; at: number }) => void | Promise<unknown>;

export type CreateUserInput = {
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  locale: 'fr' | 'en';
} & ({ passwordMode: 'temporary' } | { passwordMode: 'invite' } | { passwordMode: 'chosen'; password: string; passwordConfirmation: string });

/** The email side of invitations (email issue): whether email works, and the invitation itself (queued, never inline). */
export interface Invitations {
  available(): boolean | Promise<boolean>;
  /** Issues the code and queues the email, in the email domain's own transaction. */
  send(userId: number, actorUserId: number): Promise<unknown>;
}

export interface ChangeOwnPasswordInput {
  currentPassword?: string;
  newPassword: string;
  passwordConfirmation: string;
}

export class AccountsService {
  private readonly listeners: PasswordChangedListener[] = [];

  constructor(
    private readonly deps: {
      database: Database;
      accounts: AccountsRepository;
      users: UsersRepository;
      audit: AuditRepository;
      sessions: SessionRegistry;
      hasher: PasswordHasher;
      throttle: LoginThrottle;
      rules: PasswordRules;
      settings: () => Promise<AccountSettings>;
      clock: Clock;
      invitations?: Invitations;
    },
  ) {}

  /** Other domains subscribe here (email tokens, approval requests, confirmation emails). */
  onPasswordChanged(listener: PasswordChangedListener): void {
    this.listeners.push(listener);
  }

  async list(filter: UserListInput): Promise<UserSummary[]> {
    const now = this.deps.clock.now();
    const users = await this.deps.users.list(filter, now);
    return users.map((user) => toUserSummary(user, { now, throttled: user.throttled, openSessions: this.deps.sessions.countForUser(user.id) }));
  }

  async get(userId: number): Promise<UserDetail> {
    return this.detail(await this.require(userId));
  }

  async create(input: CreateUserInput, actorUserId: number): Promise<{ user: UserDetail; temporaryPassword: TemporaryPassword | null }> {
    const { database, users, audit, clock } = this.deps;
    await this.assertUnique(users, input.username, input.email, null);
    const settings = await this.deps.settings();
    let plain: string;
    let temporaryPassword: TemporaryPassword | null = null;
    const invitations = this.deps.invitations;
    if (input.passwordMode === 'invite') {
      if (!input.email) throw new AppError('VALIDATION_FAILED', 'An invitation needs an email', [{ path: 'email', code: 'validation.required' }]);
      if (!invitations || !(await invitations.available())) throw new AppError('SMTP_NOT_CONFIGURED', 'Email is not configured');
      // Nobody knows this password, not even the administrator: only the invitation's code leads in.
      plain = randomBytes(32).toString('base64url');
    } else if (input.passwordMode === 'chosen') {
      assertConfirmed(input.password, input.passwordConfirmation);
      await this.deps.rules.assertAcceptable(input.password, input, 'password');
      plain = input.password;
    } else {
      plain = await this.newTemporaryPassword(input);
      temporaryPassword = { value: plain, expiresAt: clock.now() + settings.temporaryPasswordHours * HOUR };
    }
    const passwordHash = await this.deps.hasher.hash(plain);
    const now = clock.now();
    const invited = input.passwordMode === 'invite';
    const required = input.passwordMode === 'temporary' || (input.passwordMode === 'chosen' && settings.chosenPasswordChange === 'required');
    let id: number;
    try {
      id = await database.transaction(async (trx) => {
        // Checked again inside the write: two administrators creating the same name at once get a clear answer.
        await this.assertUnique(users.in(trx), input.username, input.email, null);
        const newId = await users.in(trx).insert(
          {
            username: input.username,
            displayName: input.displayName,
            email: input.email,
            role: input.role,
            locale: input.locale,
            passwordHash,
            mustChangePassword: required,
            passwordChangeOffered: input.passwordMode === 'chosen' && !required,
            temporaryPasswordExpiresAt: temporaryPassword?.expiresAt ?? null,
            invitationPending: invited,
            createdBy: actorUserId,
          },
          now,
        );
        await audit.in(trx).append(
          { eventType: 'user.created', actorUserId, subjectUserId: newId, details: { role: input.role, passwordMode: input.passwordMode } },
          now,
        );
        return newId;
      });
    } catch (error) {
      // On PostgreSQL a competing creation committed between that check and the insert meets the unique index
      // instead: said the same way, now that its row is visible.
      if (!(error instanceof AppError)) await this.assertUnique(users, input.username, input.email, null);
      throw error;
    }
    // The invitation is the email domain's own unit of work (it reads the account it invites). Email was checked
    // to be available just above; should queuing fail anyway, the account waits with "invited" and no live code
    // until an administrator resets it.
    if (invited) await invitations?.send(id, actorUserId);
    return { user: await this.get(id), temporaryPassword };
  }

  async update(input: { userId: number; displayName: string; email: string | null; role: Role }, actorUserId: number): Promise<UserDetail> {
    const user = await this.require(input.userId);
    await this.assertUnique(this.deps.users, null, input.email, user.id);
    const demoted = user.role === 'admin' && input.role !== 'admin';
    if (demoted) await this.assertNotLastAdmin(user, this.deps.users);
    const roleChanged = user.role !== input.role;
    const changes = (['displayName', 'email', 'role'] as const)
      .filter((field) => user[field] !== input[field])
      .map((field) => ({ field, from: user[field], to: input[field] }));
    if (changes.length === 0) return this.detail(user);
    const now = this.deps.clock.now();
    try {
      await this.deps.database.transaction(async (trx) => {
        // Counted again under the lock: two administrators demoting each other at once leave one.
        await this.deps.accounts.in(trx).lockUsers();
        if (demoted) await this.assertNotLastAdmin(user, this.deps.users.in(trx));
        await this.deps.users.in(trx).updateProfile(user.id, input, roleChanged, now);
        await this.deps.audit.in(trx).append({ eventType: 'user.updated', actorUserId, subjectUserId: user.id, details: { changes } }, now);
      });
    } catch (error) {
      if (!(error instanceof AppError)) await this.assertUnique(this.deps.users, null, input.email, user.id);
      throw error;
    }
    // A new role means a new session: what the user may do is decided at each call, but their screen was built for the old role.
    if (roleChanged) await this.deps.sessions.endAllForUser(user.id, 'revoked');
    return this.get(user.id);
  }

  async setActive(userId: number, active: boolean, actorUserId: number): Promise<UserDetail> {
    const user = await this.require(userId);
    if (user.isActive === active) return this.detail(user);
    const lastAdminMatters = !active && user.role === 'admin';
    if (!active) {
      if (lastAdminMatters) await this.assertNotLastAdmin(user, this.deps.users);
      if (user.id === actorUserId) throw new AppError('INVALID_STATE', 'Administrators cannot deactivate themselves');
    }
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async (trx) => {
      await this.deps.accounts.in(trx).lockUsers();
      if (lastAdminMatters) await this.assertNotLastAdmin(user, this.deps.users.in(trx));
      await this.deps.users.in(trx).setActive(userId, active, now);
    });
    const ended = active ? 0 : await this.deps.sessions.endAllForUser(userId, 'revoked');
    await this.deps.audit.append(
      { eventType: active ? 'user.reactivated' : 'user.deactivated', actorUserId, subjectUserId: userId, details: active ? undefined : { endedSessions: ended } },
      now,
    );
    return this.get(userId);
  }

  /**
   * "Réinitialiser le mot de passe": a temporary password, answered once, hashed at rest, never logged.
   * The user's sessions end and their login waits are cleared: the administrator is with them.
   */
  async resetPassword(userId: number, actorUserId: number): Promise<TemporaryPassword> {
    const user = await this.require(userId);
    if (user.id === actorUserId) throw new AppError('INVALID_STATE', 'Use "change my password" for your own account');
    const settings = await this.deps.settings();
    const plain = await this.newTemporaryPassword(user);
    const passwordHash = await this.deps.hasher.hash(plain);
    const now = this.deps.clock.now();
    const expiresAt = now + settings.temporaryPasswordHours * HOUR;
    // The user may have changed their password while this one was hashed: then the administrator starts again,
    // rather than hand over a temporary password that silently lost (or silently won) the race.
    await this.writePassword(user, { passwordHash, mustChangePassword: true, passwordChangeOffered: false, temporaryPasswordExpiresAt: expiresAt }, now);
    const ended = await this.deps.sessions.endAllForUser(userId, 'revoked');
    await this.deps.throttle.clearForUser(user, actorUserId);
    await this.deps.audit.append(
      { eventType: 'password.reset_by_admin', actorUserId, subjectUserId: userId, details: { expiresAt, endedSessions: ended } },
      now,
    );
    await this.notify(await this.require(userId), 'admin', now);
    return { value: plain, expiresAt };
  }

  async clearThrottle(userId: number, actorUserId: number): Promise<UserDetail> {
    const user = await this.require(userId);
    await this.deps.throttle.clearForUser(user, actorUserId);
    return this.detail(user);
  }

  /**
   * The signed-in user sets a new password: required (temporary or admin-chosen; the session is the proof),
   * offered or voluntary (the current password is asked, and wrong answers count as login failures).
   * This window carries on; the user's other windows end.
   */
  async changeOwnPassword(windowId: string, userId: number, input: ChangeOwnPasswordInput): Promise<SessionUser> {
    const user = await this.require(userId);
    // The session the change is made from (the dispatcher has just checked it): it must still be there at the write.
    const session = await this.deps.sessions.resolve(windowId);
    if (!session || session.userId !== userId) throw new AppError('UNAUTHENTICATED', 'No session in this window');
    const required = user.mustChangePassword || user.temporaryPasswordExpiresAt !== null;
    assertConfirmed(input.newPassword, input.passwordConfirmation);
    if (!required) await this.verifyCurrentPassword(user, input.currentPassword);
    const issues = (await this.deps.rules.now()).issues(input.newPassword, user, 'newPassword');
    // "Different from the temporary one" (and from any current one): checked against the stored hash.
    if (await this.deps.hasher.verify(input.newPassword, user.passwordHash)) {
      issues.push({ path: 'newPassword', code: 'validation.password.sameAsCurrent' });
    }
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'The password does not meet the policy', issues);

    const passwordHash = await this.deps.hasher.hash(input.newPassword);
    const now = this.deps.clock.now();
    // `user` was read when the call came in, under this session's credential version. An administrator's reset
    // (or another session's change) while bcrypt ran moved it on and revoked this session: this change loses.
    // Checked before the session, so that case gets its own message rather than "session ended".
    if ((await this.require(userId)).credentialVersion !== user.credentialVersion) throw passwordChangedMeanwhile();
    // The session may also have ended without the account changing (an administrator closed it, the screen
    // locked, a deadline passed): a change from a session that no longer exists is not made.
    if ((await this.deps.sessions.resolve(windowId))?.sessionId !== session.sessionId) {
      throw new AppError('UNAUTHENTICATED', 'The session ended while the new password was being prepared; nothing was written');
    }
    await this.writePassword(user, { passwordHash, mustChangePassword: false, passwordChangeOffered: false, temporaryPasswordExpiresAt: null }, now);
    const updated = await this.require(userId);
    const ended = await this.deps.sessions.keepOnlyWindow(userId, windowId, updated.credentialVersion);
    const reason = required ? 'required' : user.passwordChangeOffered ? 'offered' : 'voluntary';
    await this.deps.audit.append({ eventType: 'password.changed', actorUserId: userId, subjectUserId: userId, details: { reason, endedSessions: ended } }, now);
    await this.notify(updated, 'self', now);
    return toSessionUser(updated);
  }

  /** "Plus tard" on an offered change (the renderer asked "Êtes-vous sûr ?" first). A required change cannot be postponed. */
  async postponePasswordChange(userId: number): Promise<SessionUser> {
    const user = await this.require(userId);
    if (user.mustChangePassword || user.temporaryPasswordExpiresAt !== null) throw new AppError('PASSWORD_CHANGE_REQUIRED', 'This change is required');
    if (!user.passwordChangeOffered) return toSessionUser(user);
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async (trx) => {
      await this.deps.users.in(trx).clearOffer(userId, now);
      await this.deps.audit.in(trx).append({ eventType: 'password.change_postponed', actorUserId: userId, subjectUserId: userId }, now);
    });
    return toSessionUser(await this.require(userId));
  }

  /**
   * A password set through a recovery path (emailed code, approved request, IT's recovery code): the policy
   * applies, every session of the user ends, nobody is signed in by it.
   */
  async setRecoveredPassword(userId: number, newPassword: string, via: 'email' | 'invite' | 'approval' | 'recovery'): Promise<void> {
    const user = await this.require(userId);
    await this.deps.rules.assertAcceptable(newPassword, user, 'newPassword');
    const passwordHash = await this.deps.hasher.hash(newPassword);
    const now = this.deps.clock.now();
    // Same compare-and-set as every path: an administrator's reset meanwhile wins, and the caller keeps (or
    // gives back) its code untouched; the reset itself cancels codes made for the old password.
    await this.writePassword(user, { passwordHash, mustChangePassword: false, passwordChangeOffered: false, temporaryPasswordExpiresAt: null }, now);
    const ended = await this.deps.sessions.endAllForUser(userId, 'revoked');
    await this.deps.throttle.recordSuccess(user.username);
    await this.deps.audit.append({ eventType: 'password.recovered', actorUserId: userId, subjectUserId: userId, details: { via, endedSessions: ended } }, now);
    await this.notify(await this.require(userId), via, now);
  }

  private async verifyCurrentPassword(user: UserRecord, currentPassword: string | undefined): Promise<void> {
    if (!currentPassword) {
      throw new AppError('VALIDATION_FAILED', 'Current password required', [{ path: 'currentPassword', code: 'validation.currentPasswordRequired' }]);
    }
    const { throttle } = this.deps;
    // The username is the account's throttle key (LoginThrottle.keyFor): the streak the login screen counts too,
    // whether the user signed in with their username or their email.
    await throttle.exclusive(user.username, async () => {
      // Same waits as the login screen: an unlocked session must not become a way to guess the password.
      await throttle.assertAllowed(user.username);
      if (await this.deps.hasher.verify(currentPassword, user.passwordHash)) return;
      // The failure's audit entry and its count in one transaction.
      await throttle.recordFailure(user.username, (trx) =>
        this.deps.audit.in(trx).append(
          { eventType: 'password.change_failed', actorUserId: user.id, subjectUserId: user.id, details: { reason: 'wrong_current_password' } },
          this.deps.clock.now(),
        ),
      );
      throw new AppError('VALIDATION_FAILED', 'Wrong current password', [{ path: 'currentPassword', code: 'validation.currentPasswordWrong' }]);
    });
  }

  /**
   * Writes a new password only if the account is still at the credential version `user` was read with, before
   * hashing: a password set by anyone else meanwhile (or a role change, a deactivation) is never overwritten.
   * On a lost race nothing is written and PASSWORD_CHANGED_MEANWHILE is thrown, before any audit entry,
   * session change, notification or code consumption by the caller.
   */
  private async writePassword(user: UserRecord, update: PasswordUpdate, now: number): Promise<void> {
    if (!(await this.deps.users.setPassword(user.id, update, user.credentialVersion, now))) throw passwordChangedMeanwhile();
  }

  private async newTemporaryPassword(owner: { username: string; displayName: string }): Promise<string> {
    const [settings, rules] = await Promise.all([this.deps.settings(), this.deps.rules.now()]);
    // Random 4×4 groups nearly always pass; the loop guards against a draw that spells a name or a common word.
    for (let attempt = 0; attempt < 20; attempt++) {
      const candidate = generateTemporaryPassword(settings.passwordMinLength);
      if (rules.check(candidate, owner).length === 0) return candidate;
    }
    throw new Error('Could not generate a temporary password that meets the policy');
  }

  private async assertUnique(users: UsersRepository, username: string | null, email: string | null, exceptId: number | null): Promise<void> {
    const fields: { path: string; code: string }[] = [];
    const byName = username ? await users.findByLogin(username) : null;
    if (byName && byName.id !== exceptId) fields.push({ path: 'username', code: 'validation.usernameTaken' });
    const byEmail = email ? await users.findByLogin(email) : null;
    if (byEmail && byEmail.id !== exceptId) fields.push({ path: 'email', code: 'validation.emailTaken' });
    if (fields.length > 0) throw new AppError('CONFLICT', 'Username or email already used', fields);
  }

  private async assertNotLastAdmin(user: UserRecord, users: UsersRepository): Promise<void> {
    if (user.isActive && (await users.countActiveAdmins()) <= 1) {
      throw new AppError('LAST_ADMIN', 'At least one active administrator must remain');
    }
  }

  private async notify(user: UserRecord, via: PasswordChangeVia, at: number): Promise<void> {
    for (const listener of this.listeners) await listener({ user, via, at });
  }

  private async require(userId: number): Promise<UserRecord> {
    const user = await this.deps.users.findById(userId);
    if (!user) throw new AppError('NOT_FOUND', 'No such user');
    return user;
  }

  private async detail(user: UserRecord): Promise<UserDetail> {
    const now = this.deps.clock.now();
    const [throttled, createdBy] = await Promise.all([
      this.deps.users.isThrottled(user, now),
      user.createdBy !== null ? this.deps.users.findById(user.createdBy) : null,
    ]);
    return toUserDetail(user, { now, throttled, openSessions: this.deps.sessions.countForUser(user.id), createdBy });
  }
}
