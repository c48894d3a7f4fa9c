// Pure (Node). One-time codes for "Mot de passe oublié" and for invitations. The service API the accounts
// screens call:
//   requestReset(identifier)  same work and same answer for every name: one row written, nothing else; the
//                             request is processed right after, off the answer path (issue + queue the email).
//   verify(input)             { identifier, code } (typed) or { token } (deep link) → the user, or a typed reason.
//   consume(input, password)  verify, claim the code, applyNewPassword (injected), invalidate the user's other
//                             codes, queue the confirmation email. Single use, even under concurrent calls.
//   sendInvitation(userId, actorUserId)  a 72 h set-password code by email.
// A wrong typed code counts against every live code of the user named; the fifth kills them.
import type { Transaction } from 'kysely';
import type { Database } from '../kernel/db/database';
import type { Schema } from '../kernel/db/schema';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { Logger } from '../kernel/platform/logger';
import { protectSecret } from '../kernel/platform/redact';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { ResetTokenRecord, ResetTokenRepository, TokenPurpose } from './reset-token-repository';
import type { UserRecord, UsersRepository } from '../kernel/identity/users-repository';
import type { MailNotifier } from './mail-notifier';
import type { OutboxService } from './outbox';
import type { NewOutboxMessage } from './outbox-repository';
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

/** A code made in memory (its hashes ready), before anything is written. */
interface PreparedCode {
  userId: number;
  purpose: TokenPurpose;
  createdAt: number;
  expiresAt: number;
  code: string;
  token: string;
  salt: string;
}

type RequestOutcome = 'issued' | 'unknown' | 'inactive' | 'no_email' | 'email_off' | 'rate_limited';

export class ResetTokenService {
  private applyNewPassword: ApplyNewPassword | null;

  constructor(
    private readonly deps: {
      database: Database;
      users: UsersRepository;
      tokens: ResetTokenRepository;
      audit: AuditRepository;
      clock: Clock;
      logger: Logger;
      notifier: MailNotifier;
      outbox: OutboxService;
      /** Current validity of a reset code, from the Messagerie settings. */
      resetCodeMinutes: () => Promise<number>;
      /** Runs a task soon, after the current call has answered. */
      defer: (task: () => Promise<unknown>) => void;
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
  async requestReset(identifier: string): Promise<void> {
    await this.deps.tokens.insertRequest(identifier.trim().slice(0, 254), this.deps.clock.now());
    this.deps.defer(() => this.processPendingRequests());
  }

  /** Issues codes and queues emails for the requests written so far (by any core). Resolves with how many this call processed. */
  async processPendingRequests(): Promise<number> {
    let processed = 0;
    for (;;) {
      const pending = await this.deps.tokens.pendingRequests(50);
      if (pending.length === 0) return processed;
      for (const request of pending) {
        if (await this.processRequest(request)) processed++;
      }
    }
  }

  /**
   * One request: load and decide (and make the code and seal its email) first, then write everything in one
   * transaction that starts by claiming the request, so a request another core processed meanwhile gives nothing.
   */
  private async processRequest(request: { id: number; requestedAt: number; identifier: string }): Promise<boolean> {
    const { tokens, users, audit, clock, notifier } = this.deps;
    const now = clock.now();
    const user = await users.findByLogin(request.identifier);
    let outcome = await this.requestOutcome(user, now);
    let prepared: PreparedCode | null = null;
    let message: NewOutboxMessage | null = null;
    if (outcome === 'issued' && user) {
      const minutes = await this.deps.resetCodeMinutes();
      prepared = this.prepare(user.id, 'reset', minutes, now);
      message = await notifier.composeCode(
        user,
        { kind: 'reset_code', displayName: user.displayName, username: user.username, code: formatCode(prepared.code), link: buildDeepLink(prepared.token), validMinutes: minutes },
        prepared.expiresAt,
      );
    }
    const written = await this.deps.database.transaction(async (trx) => {
      if (!(await tokens.in(trx).markRequestProcessed(request.id, now))) return false;
      // The hourly limit, counted again by the write's transaction: requests processed meanwhile count too.
      if (prepared && (await tokens.in(trx).countIssuedSince(prepared.userId, 'reset', now - HOUR)) >= RESET_CODES_PER_HOUR) {
        outcome = 'rate_limited';
        prepared = null;
      }
      if (prepared && message) {
        await this.writeCode(trx, prepared, null);
        await this.deps.outbox.write(trx, message);
      }
      await audit.in(trx).append(
        {
          eventType: 'reset.requested',
          subjectUserId: user?.id ?? null,
          subjectLabel: user ? null : request.identifier.slice(0, 64),
          details: { outcome, requestedAt: request.requestedAt },
        },
        now,
      );
      return true;
    });
    if (written && prepared) this.deps.outbox.kick();
    return written;
  }

  /** A new code for the user: earlier live codes of the same purpose die. No email: callers queue it. */
  async issue(userId: number, purpose: TokenPurpose, validMinutes: number, actorUserId: number | null): Promise<IssuedCode> {
    const prepared = this.prepare(userId, purpose, validMinutes, this.deps.clock.now());
    const tokenId = await this.deps.database.transaction((trx) => this.writeCode(trx, prepared, actorUserId));
    return { tokenId, code: formatCode(prepared.code), link: buildDeepLink(prepared.token), expiresAt: prepared.expiresAt };
  }

  /** "Envoyer une invitation": a set-password code, valid 72 h, by email. */
  async sendInvitation(userId: number, actorUserId: number, validMinutes = INVITE_VALID_MINUTES): Promise<{ expiresAt: number; outboxId: number }> {
    const { users, audit, clock, notifier } = this.deps;
    const user = await users.findById(userId);
    if (!user) throw new AppError('NOT_FOUND', 'No such user');
    if (!user.email) throw new AppError('VALIDATION_FAILED', 'The user has no email address', [{ path: 'email', code: 'validation.required' }]);
    if (!(await notifier.enabled())) throw new AppError('SMTP_NOT_CONFIGURED', 'Email is not configured');
    const actor = await users.findById(actorUserId);
    const prepared = this.prepare(user.id, 'invite', validMinutes, clock.now());
    const message = await notifier.composeCode(
      user,
      {
        kind: 'invitation',
        displayName: user.displayName,
        username: user.username,
        invitedBy: actor?.displayName ?? '',
        code: formatCode(prepared.code),
        link: buildDeepLink(prepared.token),
        validMinutes,
      },
      prepared.expiresAt,
    );
    const outboxId = await this.deps.database.transaction(async (trx) => {
      const tokenId = await this.writeCode(trx, prepared, actorUserId);
      const id = await this.deps.outbox.write(trx, message);
      await audit.in(trx).append({ eventType: 'invite.issued', actorUserId, subjectUserId: user.id, details: { tokenId, expiresAt: prepared.expiresAt } }, clock.now());
      return id;
    });
    this.deps.outbox.kick();
    return { expiresAt: prepared.expiresAt, outboxId };
  }

  /** True while the user holds a live invitation code (the accounts service may refuse logins meanwhile). */
  hasPendingInvite(userId: number): Promise<boolean> {
    return this.deps.tokens.hasLive(userId, 'invite', this.deps.clock.now());
  }

  async verify(input: VerifyInput): Promise<VerifyResult> {
    const result = 'token' in input ? await this.verifyToken(input.token) : await this.verifyCode(input.identifier, input.code);
    if (!result.ok) {
      const subject = 'identifier' in input ? await this.deps.users.findByLogin(input.identifier) : null;
      await this.deps.audit.append(
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
    const verified = await this.verify(input);
    if (!verified.ok) throw codeError(verified);
    const claimedAt = clock.now();
    // The claim is one compare-and-set UPDATE: of two concurrent uses (on any core), one wins.
    if (!(await tokens.claim(verified.tokenId, claimedAt))) {
      // Someone used it (or it died) between verify and now: say which.
      const again = await this.verify(input);
      throw codeError(again.ok ? reject('used') : again);
    }
    try {
      // Outside any transaction: it hashes the password (bcrypt) and writes in its own.
      await apply(verified.userId, newPassword, { via: verified.purpose });
    } catch (error) {
      await tokens.unclaim(verified.tokenId, claimedAt);
      throw error;
    }
    const now = clock.now();
    await this.deps.database.transaction(async (trx) => {
      await tokens.in(trx).invalidateForUser(verified.userId, null, 'reset_done', now, verified.tokenId);
      await audit
        .in(trx)
        .append({ eventType: 'reset.completed', actorUserId: verified.userId, subjectUserId: verified.userId, details: { purpose: verified.purpose, tokenId: verified.tokenId } }, now);
    });
    if (verified.purpose === 'reset') await notifier.passwordChanged(verified.userId);
    return { userId: verified.userId, purpose: verified.purpose };
  }

  /** Expired and used codes lose their hashes after a day, and their rows after 30 days. At start-up and hourly; idempotent. */
  async purge(): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.database.transaction((trx) => this.deps.tokens.in(trx).purge(now, now - HASH_GRACE_MS, now - STATS_WINDOW_MS));
  }

  stats() {
    const now = this.deps.clock.now();
    return this.deps.tokens.stats(now, now - STATS_WINDOW_MS);
  }

  /** Makes a code and its link token in memory; both are masked in any log line for as long as they work. */
  private prepare(userId: number, purpose: TokenPurpose, validMinutes: number, now: number): PreparedCode {
    const code = generateCode();
    const token = generateLinkToken();
    for (const secret of [code, formatCode(code), token]) protectSecret(secret, { lifetimeMs: validMinutes * 60_000 });
    return { userId, purpose, createdAt: now, expiresAt: now + validMinutes * 60_000, code, token, salt: newSalt() };
  }

  /** Inside the caller's transaction: earlier live codes of the same purpose die, the new one is written and audited. */
  private async writeCode(trx: Transaction<Schema>, prepared: PreparedCode, actorUserId: number | null): Promise<number> {
    const tokens = this.deps.tokens.in(trx);
    const { userId, purpose, createdAt: now, expiresAt } = prepared;
    await tokens.invalidateForUser(userId, purpose, 'replaced', now);
    const id = await tokens.insert({
      userId,
      purpose,
      codeHash: hashCode(prepared.salt, prepared.code),
      codeSalt: prepared.salt,
      tokenHash: hashLinkToken(prepared.token),
      createdAt: now,
      expiresAt,
    });
    await this.deps.audit.in(trx).append({ eventType: 'reset.code_issued', actorUserId, subjectUserId: userId, details: { purpose, tokenId: id, expiresAt } }, now);
    return id;
  }

  private async requestOutcome(user: UserRecord | null, now: number): Promise<RequestOutcome> {
    if (!user) return 'unknown';
    if (!user.isActive) return 'inactive';
    if (!user.email) return 'no_email';
    if (!(await this.deps.notifier.enabled())) return 'email_off';
    if ((await this.deps.tokens.countIssuedSince(user.id, 'reset', now - HOUR)) >= RESET_CODES_PER_HOUR) return 'rate_limited';
    return 'issued';
  }

  private async verifyCode(identifier: string, typed: string): Promise<VerifyResult> {
    const normalized = normalizeCode(typed);
    if (!normalized.ok) return reject(normalized.reason);
    const { users, tokens, clock } = this.deps;
    const user = await users.findByLogin(identifier.trim());
    if (!user) return reject('invalid');
    const now = clock.now();
    const candidates = await tokens.recentForUser(user.id, 0);
    // Every candidate is hashed and compared, so the time doesn't depend on which one (if any) matches.
    let match: ResetTokenRecord | null = null;
    for (const candidate of candidates) {
      if (sameHash(hashCode(candidate.codeSalt, normalized.code), candidate.codeHash) && !match) match = candidate;
    }
    if (!match) {
      for (const candidate of candidates) {
        if (candidate.usedAt === null && candidate.invalidatedAt === null && candidate.expiresAt > now) {
          // One atomic statement each: wrong tries made at once on several workstations all count.
          await tokens.recordFailedAttempt(candidate.id, MAX_CODE_ATTEMPTS, now);
        }
      }
      return reject('invalid');
    }
    return this.judge(match, user, now);
  }

  private async verifyToken(token: string): Promise<VerifyResult> {
    if (!isWellFormedLinkToken(token)) return reject('invalid');
    const hash = hashLinkToken(token);
    const row = await this.deps.tokens.findByTokenHash(hash);
    if (!row || !sameHash(hash, row.tokenHash)) return reject('invalid');
    const user = await this.deps.users.findById(row.userId);
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
