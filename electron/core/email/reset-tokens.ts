// Pure (Node). One-time codes for "Mot de passe oublié" and for invitations. The service API the accounts
// screens call:
//   requestReset(identifier)  same work and same answer for every name: one row written, nothing else; the
//                             request is processed right after, off the answer path (issue + queue the email).
//   verify(input)             { identifier, code } (typed) or { token } (deep link) → the user, or a typed reason.
//   consume(input, password)  verify, claim the code, applyNewPassword (injected), invalidate the user's other
//                             codes, queue the confirmation email. Single use, even under concurrent calls.
//   sendInvitation(userId, actorUserId)  a 72 h set-password code by email.
// A wrong typed code counts against every live code of the user named; the fifth kills them.
import type { Db } from '../kernel/db/open-database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { Logger } from '../kernel/platform/logger';
import { protectSecret } from '../kernel/platform/redact';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { ResetTokenRecord, ResetTokenRepository, TokenPurpose } from './reset-token-repository';
import type { UserRecord, UsersRepository } from '../kernel/identity/users-repository';
import type { MailNotifier } from './mail-notifier';
import {
  buildDeepLink,
  formatCode,
  generateCode,
  generateLinkToken,
  hashCode,
  hashLinkToken,
  isWellFormedLinkToken,
  newSalt,
  normalizeCode,
  sameHash,
} from './one-time-codes';

export const MAX_CODE_ATTEMPTS = 5;
export const INVITE_VALID_MINUTES = 72 * 60;
/** A person asking again and again gets at most this many codes an hour (each one an email). */
export const RESET_CODES_PER_HOUR = 5;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Finished codes keep their hashes this long, so "déjà utilisé" or "expiré" can still be told. */
const HASH_GRACE_MS = DAY;
const STATS_WINDOW_MS = 30 * DAY;

/** Sets the new password, ends the user's sessions and bumps credential_version: the accounts service provides it. */
export type ApplyNewPassword = (userId: number, newPassword: string, context: { via: TokenPurpose }) => Promise<void>;

export type VerifyInput = { identifier: string; code: string } | { token: string };

export type CodeRejection = 'invalid' | 'too_short' | 'expired' | 'used' | 'replaced' | 'too_many_attempts' | 'password_changed' | 'account_disabled';
export type CodeErrorCode = 'CODE_INVALID' | 'CODE_EXPIRED' | 'CODE_USED';

export type VerifyResult =
  | { ok: true; userId: number; username: string; tokenId: number; purpose: TokenPurpose; expiresAt: number }
  | { ok: false; code: CodeErrorCode; reason: CodeRejection };

export interface IssuedCode {
  tokenId: number;
  /** XXXXX-XXXXX */
  code: string;
  link: string;
  expiresAt: number;
}

const REJECTION_CODE: Record<CodeRejection, CodeErrorCode> = {
  invalid: 'CODE_INVALID',
  too_short: 'CODE_INVALID',
  too_many_attempts: 'CODE_INVALID',
  account_disabled: 'CODE_INVALID',
  expired: 'CODE_EXPIRED',
  replaced: 'CODE_EXPIRED',
  password_changed: 'CODE_EXPIRED',
  used: 'CODE_USED',
};

type Rejected = Extract<VerifyResult, { ok: false }>;
const reject = (reason: CodeRejection): Rejected => ({ ok: false, code: REJECTION_CODE[reason], reason });

export class ResetTokenService {
  private applyNewPassword: ApplyNewPassword | null;

  constructor(
    private readonly deps: {
      db: Db;
      users: UsersRepository;
      tokens: ResetTokenRepository;
      audit: AuditRepository;
      clock: Clock;
      logger: Logger;
      notifier: MailNotifier;
      /** Current validity of a reset code, from the Messagerie settings. */
      resetCodeMinutes: () => number;
      /** Runs a task soon, after the current call has answered. */
      defer: (task: () => void) => void;
      applyNewPassword?: ApplyNewPassword;
    },
  ) {
    this.applyNewPassword = deps.applyNewPassword ?? null;
  }

  /** The accounts service registers its password setter here once it exists. */
  setApplyNewPassword(apply: ApplyNewPassword): void {
    this.applyNewPassword = apply;
  }

  /**
   * "Mot de passe oublié". Whatever was typed (unknown name, no address, inactive, email off, asked too often),
   * the work here is the same: one insert. Everything that depends on the account happens in
   * `processPendingRequests`, after the answer. Never sends anything inline.
   */
  requestReset(identifier: string): void {
    this.deps.tokens.insertRequest(identifier.trim().slice(0, 254), this.deps.clock.now());
    this.deps.defer(() => this.processPendingRequests());
  }

  /** Issues codes and queues emails for the requests written so far. Returns how many were processed. */
  processPendingRequests(): number {
    const { tokens, users, audit, clock, db } = this.deps;
    let processed = 0;
    for (;;) {
      const pending = tokens.pendingRequests(50);
      if (pending.length === 0) return processed;
      for (const request of pending) {
        db.transaction(() => {
          const now = clock.now();
          const user = users.findByLogin(request.identifier);
          const outcome = this.requestOutcome(user, now);
          if (outcome === 'issued' && user) {
            const minutes = this.deps.resetCodeMinutes();
            const issued = this.issue(user.id, 'reset', minutes, null);
            this.deps.notifier.code(
              user,
              { kind: 'reset_code', displayName: user.displayName, username: user.username, code: issued.code, link: issued.link, validMinutes: minutes },
              issued.expiresAt,
            );
          }
          audit.append(
            {
              eventType: 'reset.requested',
              subjectUserId: user?.id ?? null,
              subjectLabel: user ? null : request.identifier.slice(0, 64),
              details: { outcome, requestedAt: request.requestedAt },
            },
            now,
          );
          tokens.markRequestProcessed(request.id, now);
        })();
        processed++;
      }
    }
  }

  /** A new code for the user: earlier live codes of the same purpose die. No email: callers queue it. */
  issue(userId: number, purpose: TokenPurpose, validMinutes: number, actorUserId: number | null): IssuedCode {
    const { tokens, audit, clock } = this.deps;
    const now = clock.now();
    const code = generateCode();
    const token = generateLinkToken();
    const salt = newSalt();
    const expiresAt = now + validMinutes * 60_000;
    // Both halves, in every form they are shown in, are masked in any log line for as long as they work.
    for (const secret of [code, formatCode(code), token]) protectSecret(secret, { lifetimeMs: validMinutes * 60_000 });
    const tokenId = this.deps.db.transaction(() => {
      tokens.invalidateForUser(userId, purpose, 'replaced', now);
      const id = tokens.insert({ userId, purpose, codeHash: hashCode(salt, code), codeSalt: salt, tokenHash: hashLinkToken(token), createdAt: now, expiresAt });
      audit.append({ eventType: 'reset.code_issued', actorUserId, subjectUserId: userId, details: { purpose, tokenId: id, expiresAt } }, now);
      return id;
    })();
    return { tokenId, code: formatCode(code), link: buildDeepLink(token), expiresAt };
  }

  /** "Envoyer une invitation": a set-password code, valid 72 h, by email. */
  sendInvitation(userId: number, actorUserId: number, validMinutes = INVITE_VALID_MINUTES): { expiresAt: number; outboxId: number } {
    const { users, audit, clock, notifier } = this.deps;
    const user = users.findById(userId);
    if (!user) throw new AppError('NOT_FOUND', 'No such user');
    if (!user.email) throw new AppError('VALIDATION_FAILED', 'The user has no email address', [{ path: 'email', code: 'validation.required' }]);
    if (!notifier.enabled()) throw new AppError('SMTP_NOT_CONFIGURED', 'Email is not configured');
    const actor = users.findById(actorUserId);
    return this.deps.db.transaction(() => {
      const issued = this.issue(user.id, 'invite', validMinutes, actorUserId);
      const outboxId = notifier.code(
        user,
        { kind: 'invitation', displayName: user.displayName, username: user.username, invitedBy: actor?.displayName ?? '', code: issued.code, link: issued.link, validMinutes },
        issued.expiresAt,
      );
      audit.append({ eventType: 'invite.issued', actorUserId, subjectUserId: user.id, details: { tokenId: issued.tokenId, expiresAt: issued.expiresAt } }, clock.now());
      return { expiresAt: issued.expiresAt, outboxId };
    })();
  }

  /** True while the user holds a live invitation code (the accounts service may refuse logins meanwhile). */
  hasPendingInvite(userId: number): boolean {
    return this.deps.tokens.hasLive(userId, 'invite', this.deps.clock.now());
  }

  verify(input: VerifyInput): VerifyResult {
    const result = 'token' in input ? this.verifyToken(input.token) : this.verifyCode(input.identifier, input.code);
    if (!result.ok) {
      const subject = 'identifier' in input ? this.deps.users.findByLogin(input.identifier) : null;
      this.deps.audit.append(
        {
          eventType: 'reset.code_rejected',
          subjectUserId: subject?.id ?? null,
          subjectLabel: subject || !('identifier' in input) ? null : input.identifier.slice(0, 64),
          details: { reason: result.reason, via: 'token' in input ? 'link' : 'code' },
        },
        this.deps.clock.now(),
      );
    }
    return result;
  }

  /**
   * Uses the code: sets the new password through `applyNewPassword`, then the code and every other live code
   * of the user are dead, and the confirmation email is queued (resets only). Throws CODE_* with
   * `details.reason`, or whatever `applyNewPassword` throws (e.g. the password policy): the code then stays usable.
   */
  async consume(input: VerifyInput, newPassword: string): Promise<{ userId: number; purpose: TokenPurpose }> {
    const apply = this.applyNewPassword;
    if (!apply) throw new Error('ResetTokenService: applyNewPassword is not wired');
    const { tokens, audit, clock, notifier } = this.deps;
    const verified = this.verify(input);
    if (!verified.ok) throw codeError(verified);
    const claimedAt = clock.now();
    if (!tokens.claim(verified.tokenId, claimedAt)) {
      // Someone used it (or it died) between verify and now: say which.
      const again = this.verify(input);
      throw codeError(again.ok ? reject('used') : again);
    }
    try {
      await apply(verified.userId, newPassword, { via: verified.purpose });
    } catch (error) {
      tokens.unclaim(verified.tokenId, claimedAt);
      throw error;
    }
    const now = clock.now();
    tokens.invalidateForUser(verified.userId, null, 'reset_done', now, verified.tokenId);
    audit.append({ eventType: 'reset.completed', actorUserId: verified.userId, subjectUserId: verified.userId, details: { purpose: verified.purpose, tokenId: verified.tokenId } }, now);
    if (verified.purpose === 'reset') notifier.passwordChanged(verified.userId);
    return { userId: verified.userId, purpose: verified.purpose };
  }

  /** Expired and used codes lose their hashes after a day, and their rows after 30 days. At start-up and hourly. */
  purge(): void {
    const now = this.deps.clock.now();
    this.deps.tokens.purge(now, now - HASH_GRACE_MS, now - STATS_WINDOW_MS);
  }

  stats() {
    const now = this.deps.clock.now();
    return this.deps.tokens.stats(now, now - STATS_WINDOW_MS);
  }

  private requestOutcome(user: UserRecord | null, now: number): 'issued' | 'unknown' | 'inactive' | 'no_email' | 'email_off' | 'rate_limited' {
    if (!user) return 'unknown';
    if (!user.isActive) return 'inactive';
    if (!user.email) return 'no_email';
    if (!this.deps.notifier.enabled()) return 'email_off';
    if (this.deps.tokens.countIssuedSince(user.id, 'reset', now - HOUR) >= RESET_CODES_PER_HOUR) return 'rate_limited';
    return 'issued';
  }

  private verifyCode(identifier: string, typed: string): VerifyResult {
    const normalized = normalizeCode(typed);
    if (!normalized.ok) return reject(normalized.reason);
    const { users, tokens, clock } = this.deps;
    const user = users.findByLogin(identifier.trim());
    if (!user) return reject('invalid');
    const now = clock.now();
    const candidates = tokens.recentForUser(user.id, 0);
    // Every candidate is hashed and compared, so the time doesn't depend on which one (if any) matches.
    let match: ResetTokenRecord | null = null;
    for (const candidate of candidates) {
      if (sameHash(hashCode(candidate.codeSalt, normalized.code), candidate.codeHash) && !match) match = candidate;
    }
    if (!match) {
      for (const candidate of candidates) {
        if (candidate.usedAt === null && candidate.invalidatedAt === null && candidate.expiresAt > now) {
          tokens.recordFailedAttempt(candidate.id, MAX_CODE_ATTEMPTS, now);
        }
      }
      return reject('invalid');
    }
    return this.judge(match, user, now);
  }

  private verifyToken(token: string): VerifyResult {
    if (!isWellFormedLinkToken(token)) return reject('invalid');
    const hash = hashLinkToken(token);
    const row = this.deps.tokens.findByTokenHash(hash);
    if (!row || !sameHash(hash, row.tokenHash)) return reject('invalid');
    const user = this.deps.users.findById(row.userId);
    if (!user) return reject('invalid');
    return this.judge(row, user, this.deps.clock.now());
  }

  /** The code matched: is it still good? */
  private judge(token: ResetTokenRecord, user: UserRecord, now: number): VerifyResult {
    if (token.usedAt !== null) return reject('used');
    if (token.invalidatedReason === 'reset_done') return reject('used');
    if (token.invalidatedReason === 'too_many_attempts') return reject('too_many_attempts');
    if (token.invalidatedAt !== null) return reject('replaced');
    if (token.expiresAt <= now) return reject('expired');
    if (token.createdAt < user.passwordChangedAt) return reject('password_changed');
    if (!user.isActive) return reject('account_disabled');
    return { ok: true, userId: user.id, username: user.username, tokenId: token.id, purpose: token.purpose, expiresAt: token.expiresAt };
  }
}

export function codeError(result: Rejected): AppError {
  return new AppError(result.code, 'The code cannot be used', undefined, { reason: result.reason });
}
