// Pure (Node). Password reset by administrator approval (issue 6), for plants without reliable email:
// a person asks, an administrator approves or rejects with notes, the person sets a new password with the
// reference code only they were shown. Also the redemption of IT's recovery code (recovery-codes.ts).
//
// What the public channels may reveal:
// - A request always answers a reference code, a check number and the lifetime, for any identifier typed, after
//   the same work and no sooner than a fixed floor. Unknown and inactive accounts get an equally plausible code
//   that nothing stores. An account that already has an active request gets the same answer too: nothing is
//   created or overwritten, and the screen's generic text says to everyone "if a request was already in progress
//   for this account, it stays, and this new code won't work". Saying "in progress" only to real accounts would
//   tell anyone who asks twice that the account exists.
// - A code check (status, completion, recovery) that matches nothing answers CODE_INVALID, unknown account or
//   not. Only a matching code reveals the request's state (pending, rejected and the notes, expired…).
// - 5 wrong codes cancel the user's active request (or recovery code); the throttle (reset-throttle.ts) also limits
//   attempts per typed identifier and per workstation.
//
// On either engine (SQLite, PostgreSQL), with several processes on one database: every decision that must hold
// against a concurrent change is re-checked by the write itself (the one-active-request unique index, tries
// counted by one UPDATE … RETURNING, compare-and-set on the request's status), never by an earlier read.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  ApprovalMetrics,
  ApprovalSettingsView,
  ForgotPasswordOptions,
  PendingResetRequest,
  ResetRequestHistoryEntry,
  ResetRequestReceipt,
  ResetRequestStatusView,
} from '../../../shared/contract';
import { assertConfirmed } from '../auth';
import { forgotPasswordPaths, type ApprovalSettings } from '../../../shared/approval/approval-settings';
import { formatReferenceCode, normalizeReferenceCode } from '../../../shared/approval/reference-code';
import type { AccountsService, PasswordChangeVia } from '../accounts';
import type { Database } from '../kernel/db/database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { Logger } from '../kernel/platform/logger';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { RecoveryCodesRepository } from './recovery-codes-repository';
import type { ResetRequestRecord, ResetRequestsRepository } from './reset-requests-repository';
import type { UserRecord, UsersRepository } from '../kernel/identity/users-repository';
import type { ApprovalSettingsService } from './approval-settings-service';
import { findMatching, generateCheckNumber, generateReferenceCode, hashReferenceCode } from './reference-code';
import type { ResetThrottle } from './reset-throttle';

const DAY = 86_400_000;
/** A code dies at the fifth wrong try, and its request (or recovery code) with it. */
export const MAX_CODE_ATTEMPTS = 5;
/** How many of a user's latest requests a typed code is compared with (for the status of older ones). */
const MATCH_DEPTH = 20;
/** Public answers never come sooner than this: the time says nothing about the account. */
export const DEFAULT_RESPONSE_FLOOR_MS = 250;

/** An administrator's decision, for the email notice (no secret in it: the code stays with the requester). */
export interface ApprovalDecisionNotice {
  decision: 'approved' | 'rejected';
  request: ResetRequestRecord;
  user: UserRecord;
}

export interface ApprovalServiceDeps {
  database: Database;
  users: UsersRepository;
  requests: ResetRequestsRepository;
  recoveryCodes: RecoveryCodesRepository;
  audit: AuditRepository;
  accounts: AccountsService;
  settings: ApprovalSettingsService;
  throttle: ResetThrottle;
  clock: Clock;
  logger: Logger;
  workstation: string;
  /** Whether SMTP is configured (email domain). */
  isEmailConfigured: () => boolean | Promise<boolean>;
  /** Tells the user of a decision by email when SMTP works (email domain). A failure is logged, never thrown. */
  notifyDecision: (notice: ApprovalDecisionNotice) => void | Promise<void>;
  responseFloorMs: number;
}

interface CompleteInput {
  identifier: string;
  code: string;
  newPassword: string;
  passwordConfirmation: string;
}

export class ApprovalService {
  /**
   * One completion per user at a time in this process: two windows with the right code must not both go
   * through. Across processes the writes decide: the password write is a compare-and-set on the account's
   * credential version (AccountsService), and the request's completion one on its status.
   */
  private readonly inFlight = new Map<number, Promise<void>>();

  constructor(private readonly deps: ApprovalServiceDeps) {
    // Any password change by another path cancels the open requests and recovery codes: they were made for a
    // password the person no longer needs to recover. The path that made the change keeps its own record.
    deps.accounts.onPasswordChanged(({ user, via, at }) => this.passwordChanged(user, via, at));
  }

  // ── Settings and options ────────────────────────────────────────────────────────────────────────────

  async options(): Promise<ForgotPasswordOptions> {
    const emailConfigured = await this.deps.isEmailConfigured();
    const paths = forgotPasswordPaths((await this.deps.settings.get()).mode, emailConfigured);
    return { emailOption: paths.email, approvalOption: paths.approval, emailConfigured };
  }

  async settingsView(): Promise<ApprovalSettingsView> {
    return this.view(await this.deps.settings.get());
  }

  async updateSettings(input: ApprovalSettings, actorUserId: number): Promise<ApprovalSettingsView> {
    return this.view(await this.deps.settings.update(input, actorUserId));
  }

  private async view(settings: ApprovalSettings): Promise<ApprovalSettingsView> {
    const emailConfigured = await this.deps.isEmailConfigured();
    return { ...settings, emailConfigured, paths: forgotPasswordPaths(settings.mode, emailConfigured) };
  }

  // ── Public: request, status, completion ────────────────────────────────────────────────────────────

  request(identifier: string): Promise<ResetRequestReceipt> {
    return this.withFloor(async () => {
      const settings = await this.deps.settings.get();
      if (!forgotPasswordPaths(settings.mode, await this.deps.isEmailConfigured()).approval) {
        throw new AppError('INVALID_STATE', 'Approval requests are turned off');
      }
      await this.deps.throttle.hit('request', identifier);
      const canonical = generateReferenceCode();
      const checkNumber = generateCheckNumber();
      const codeHash = hashReferenceCode(canonical);
      const now = this.deps.clock.now();
      // An expired request must not hold the "one active request" slot.
      await this.expireDue(now);
      const user = await this.deps.users.findByLogin(identifier);
      const usable = user?.isActive ? user : null;
      // The same statements run whatever the account: look for an active request, write one audit entry.
      await this.deps.database.transaction(async (trx) => {
        const requests = this.deps.requests.in(trx);
        const active = await requests.findActiveForUser(usable?.id ?? 0);
        let outcome: 'created' | 'already_active' | 'unknown' | 'inactive';
        let requestId: number | undefined;
        if (!usable) outcome = user ? 'inactive' : 'unknown';
        else if (active) {
          outcome = 'already_active';
          requestId = active.id;
        } else {
          // The unique index decides: a request made meanwhile elsewhere makes this insert do nothing.
          const created = await requests.insertIfNoneActive({
            userId: usable.id,
            codeHash,
            checkNumber,
            requestedAt: now,
            workstation: this.deps.workstation,
            expiresAt: now + settings.requestLifetimeDays * DAY,
          });
          if (created !== null) {
            outcome = 'created';
            requestId = created;
          } else {
            outcome = 'already_active';
            requestId = (await requests.findActiveForUser(usable.id))?.id;
          }
        }
        await this.deps.audit.in(trx).append(
          {
            eventType: 'approval.requested',
            subjectUserId: user?.id ?? null,
            subjectLabel: user ? null : identifier.slice(0, 64),
            details: { outcome, ...(requestId ? { requestId } : {}) },
          },
          now,
        );
      });
      return { referenceCode: formatReferenceCode(canonical), checkNumber, validDays: settings.requestLifetimeDays };
    });
  }

  checkStatus(identifier: string, code: string): Promise<ResetRequestStatusView> {
    return this.withFloor(async () => {
      const canonical = this.requireCodeFormat(code);
      await this.deps.throttle.hit('code', identifier);
      const now = this.deps.clock.now();
      await this.expireDue(now);
      const user = await this.deps.users.findByLogin(identifier);
      const match = await this.matchRequest(user, canonical);
      if (!match || !user) throw await this.codeFailure(user, identifier, 'status', now);
      return {
        status: match.status,
        checkNumber: match.checkNumber,
        requestedAt: match.requestedAt,
        expiresAt: match.expiresAt,
        decidedAt: match.decidedAt,
        adminNotes: match.adminNotes,
        completedAt: match.completedAt,
        endedAt: match.endedAt,
        cancelReason: match.cancelReason,
      };
    });
  }

  /**
   * "J'ai une demande approuvée". A password the policy refuses leaves the request approved: the person tries
   * another. Nobody is signed in by it; every session of the user ends (setRecoveredPassword).
   */
  complete(input: CompleteInput): Promise<null> {
    return this.withFloor(async () => {
      this.requireSamePasswords(input);
      const canonical = this.requireCodeFormat(input.code);
      await this.deps.throttle.hit('code', input.identifier);
      const user = await this.deps.users.findByLogin(input.identifier);
      const run = async () => {
        const now = this.deps.clock.now();
        await this.expireDue(now);
        const match = await this.matchRequest(user, canonical);
        if (!match || !user) throw await this.codeFailure(user, input.identifier, 'complete', now);
        // From here on, the person holds the right code: they may learn where their request stands.
        if (match.status === 'expired') throw new AppError('CODE_EXPIRED', 'The request expired', undefined, { status: match.status });
        if (match.status === 'completed') throw new AppError('CODE_USED', 'The request was already used', undefined, { status: match.status });
        if (match.status !== 'approved') throw new AppError('INVALID_STATE', `The request is ${match.status}`, undefined, { status: match.status });
        if (!user.isActive) throw new AppError('INVALID_STATE', 'The account is deactivated', undefined, { status: 'accountInactive' });
        await this.deps.accounts.setRecoveredPassword(user.id, input.newPassword, 'approval');
        const done = this.deps.clock.now();
        await this.deps.database.transaction(async (trx) => {
          if (!(await this.deps.requests.in(trx).complete(match.id, done))) this.deps.logger.warn('Approval request changed while completing', { requestId: match.id });
          await this.deps.audit
            .in(trx)
            .append({ eventType: 'approval.completed', actorUserId: user.id, subjectUserId: user.id, details: { requestId: match.id } }, done);
        });
        return null;
      };
      return user ? this.exclusive(user.id, run) : run();
    });
  }

  /** "Code de secours": IT's one-time code for an administrator (issued by the command line, never the UI). */
  completeRecovery(input: CompleteInput): Promise<null> {
    return this.withFloor(async () => {
      this.requireSamePasswords(input);
      const canonical = this.requireCodeFormat(input.code);
      await this.deps.throttle.hit('code', input.identifier);
      const user = await this.deps.users.findByLogin(input.identifier);
      const { recoveryCodes } = this.deps;
      const run = async () => {
        const now = this.deps.clock.now();
        const match = findMatching(hashReferenceCode(canonical), user ? await recoveryCodes.listRecentForUser(user.id, MATCH_DEPTH) : []);
        if (!match || !user) {
          await this.deps.database.transaction(async (trx) => {
            const codes = recoveryCodes.in(trx);
            let attempts: number | null = null;
            if (user) {
              // One statement counts the try on every usable code: concurrent wrong codes all count.
              for (const failed of await codes.recordFailedAttempt(user.id, now)) {
                attempts = failed.attempts;
                if (attempts >= MAX_CODE_ATTEMPTS) await codes.cancelIfAttemptsReached(failed.id, MAX_CODE_ATTEMPTS, now);
              }
            }
            await this.deps.audit.in(trx).append(
              {
                eventType: 'recovery.code_failed',
                subjectUserId: user?.id ?? null,
                subjectLabel: user ? null : input.identifier.slice(0, 64),
                details: attempts !== null ? { attempts, cancelled: attempts >= MAX_CODE_ATTEMPTS } : { reason: 'no_open_code' },
              },
              now,
            );
          });
          throw new AppError('CODE_INVALID', 'No recovery code matches');
        }
        if (match.usedAt !== null) throw new AppError('CODE_USED', 'Recovery code already used');
        if (match.cancelledAt !== null) throw new AppError('INVALID_STATE', 'Recovery code cancelled', undefined, { status: 'cancelled' });
        if (match.expiresAt <= now) throw new AppError('CODE_EXPIRED', 'Recovery code expired');
        if (!user.isActive || user.role !== 'admin') throw new AppError('INVALID_STATE', 'Not an active administrator', undefined, { status: 'accountInactive' });
        await this.deps.accounts.setRecoveredPassword(user.id, input.newPassword, 'recovery');
        const done = this.deps.clock.now();
        await this.deps.database.transaction(async (trx) => {
          if (!(await recoveryCodes.in(trx).markUsed(match.id, done))) this.deps.logger.warn('Recovery code changed while redeeming', { recoveryCodeId: match.id });
          await this.deps.audit
            .in(trx)
            .append({ eventType: 'recovery.code_used', actorUserId: user.id, subjectUserId: user.id, details: { recoveryCodeId: match.id } }, done);
        });
        return null;
      };
      return user ? this.exclusive(user.id, run) : run();
    });
  }

  // ── Administrators ───────────────────────────────────────────────────────────────────────────────────

  async listPending(viewerUserId: number): Promise<PendingResetRequest[]> {
    const now = this.deps.clock.now();
    await this.expireDue(now);
    return this.deps.requests.listPending(now, viewerUserId);
  }

  async listHistory(): Promise<ResetRequestHistoryEntry[]> {
    await this.expireDue(this.deps.clock.now());
    return this.deps.requests.listHistory(200);
  }

  async metrics(): Promise<ApprovalMetrics> {
    const now = this.deps.clock.now();
    await this.expireDue(now);
    const { requests } = this.deps;
    return { pendingNow: await requests.countPending(), last30Days: await requests.metrics(now - 30 * DAY), allTime: await requests.metrics(0) };
  }

  approve(requestId: number, notes: string, actorUserId: number): Promise<null> {
    return this.decide(requestId, 'approved', notes, actorUserId);
  }

  reject(requestId: number, notes: string, actorUserId: number): Promise<null> {
    return this.decide(requestId, 'rejected', notes, actorUserId);
  }

  private async decide(requestId: number, decision: 'approved' | 'rejected', notes: string, actorUserId: number): Promise<null> {
    const { requests, users } = this.deps;
    const now = this.deps.clock.now();
    await this.expireDue(now);
    const request = await requests.findById(requestId);
    if (!request) throw new AppError('NOT_FOUND', 'No such request');
    // Even the only administrator: their own request needs another administrator, or IT's recovery code.
    if (request.userId === actorUserId) throw new AppError('SELF_APPROVAL', 'Administrators cannot decide their own request');
    if (request.status !== 'pending') throw new AppError('INVALID_STATE', `The request is ${request.status}`, undefined, { status: request.status });
    const user = await users.findById(request.userId);
    if (!user) throw new AppError('NOT_FOUND', 'No such user');
    if (decision === 'approved' && !user.isActive) throw new AppError('INVALID_STATE', 'The account is deactivated', undefined, { status: 'accountInactive' });
    const cleanNotes = notes.trim() === '' ? null : notes.trim();
    await this.deps.database.transaction(async (trx) => {
      // Compare-and-set on "still pending, not expired": another administrator's decision meanwhile wins.
      if (!(await requests.in(trx).decide(requestId, decision, actorUserId, cleanNotes, now))) throw new AppError('INVALID_STATE', 'The request changed meanwhile');
      await this.deps.audit.in(trx).append(
        {
          eventType: decision === 'approved' ? 'approval.approved' : 'approval.rejected',
          actorUserId,
          subjectUserId: request.userId,
          details: { requestId, ...(cleanNotes ? { notes: cleanNotes } : {}) },
        },
        now,
      );
    });
    try {
      const decided = await requests.findById(requestId);
      if (decided) await this.deps.notifyDecision({ decision, request: decided, user });
    } catch (error) {
      // The notice is a courtesy: the decision stands and the person can check the status with their code.
      this.deps.logger.error('Approval decision notice failed', { requestId, error: error instanceof Error ? error.message : String(error) });
    }
    return null;
  }

  // ── Housekeeping ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Marks every request past its expiry as expired, with an audit entry each. At start-up, hourly, and before
   * each use. Idempotent: two passes at once (two processes) expire each request once, audited once.
   */
  async expireDue(now = this.deps.clock.now()): Promise<number> {
    const due = await this.deps.requests.listDueForExpiry(now);
    if (due.length === 0) return 0;
    return this.deps.database.transaction(async (trx) => {
      const requests = this.deps.requests.in(trx);
      const audit = this.deps.audit.in(trx);
      let expired = 0;
      for (const request of due) {
        if (!(await requests.markExpired(request.id, request.status, now))) continue;
        expired++;
        await audit.append(
          { eventType: 'approval.expired', subjectUserId: request.userId, details: { requestId: request.id, previousStatus: request.status, expiresAt: request.expiresAt } },
          now,
        );
      }
      return expired;
    });
  }

  private async passwordChanged(user: UserRecord, via: PasswordChangeVia, at: number): Promise<void> {
    await this.deps.database.transaction(async (trx) => {
      const audit = this.deps.audit.in(trx);
      const cancelledRequest = via === 'approval' ? null : await this.deps.requests.in(trx).cancelActiveForUser(user.id, 'password_changed', at);
      if (cancelledRequest !== null) {
        await audit.append({ eventType: 'approval.cancelled', subjectUserId: user.id, details: { requestId: cancelledRequest, reason: 'password_changed', via } }, at);
      }
      if (via !== 'recovery') {
        const cancelled = await this.deps.recoveryCodes.in(trx).cancelOpenForUser(user.id, at);
        if (cancelled > 0) await audit.append({ eventType: 'recovery.code_cancelled', subjectUserId: user.id, details: { reason: 'password_changed', via, cancelled } }, at);
      }
    });
  }

  // ── Helpers ──────────────────────────────────────────────────────────────────────────────────────────

  private async matchRequest(user: UserRecord | null, canonical: string): Promise<ResetRequestRecord | null> {
    const candidates = user ? await this.deps.requests.listRecentForUser(user.id, MATCH_DEPTH) : [];
    return findMatching(hashReferenceCode(canonical), candidates);
  }

  /** A code that matches nothing: one more wrong try on the user's active request, cancelled at the fifth. */
  private async codeFailure(user: UserRecord | null, identifier: string, channel: 'status' | 'complete', now: number): Promise<AppError> {
    await this.deps.database.transaction(async (trx) => {
      const requests = this.deps.requests.in(trx);
      const audit = this.deps.audit.in(trx);
      // One statement finds the active request and counts the try: concurrent wrong codes all count.
      const failed = user ? await requests.recordFailedAttempt(user.id) : null;
      await audit.append(
        {
          eventType: 'approval.code_failed',
          subjectUserId: user?.id ?? null,
          subjectLabel: user ? null : identifier.slice(0, 64),
          details: failed ? { requestId: failed.requestId, attempts: failed.attempts, channel } : { channel, reason: 'no_active_request' },
        },
        now,
      );
      if (failed && failed.attempts >= MAX_CODE_ATTEMPTS && (await requests.cancelIfAttemptsReached(failed.requestId, MAX_CODE_ATTEMPTS, now))) {
        await audit.append(
          { eventType: 'approval.cancelled', subjectUserId: user!.id, details: { requestId: failed.requestId, reason: 'code_attempts', attempts: failed.attempts } },
          now,
        );
      }
    });
    return new AppError('CODE_INVALID', 'No request matches this code');
  }

  /** A typo in the code's format is caught before anything counts: it says nothing about any account. */
  private requireCodeFormat(code: string): string {
    const canonical = normalizeReferenceCode(code);
    if (!canonical) throw new AppError('VALIDATION_FAILED', 'Not a reference code', [{ path: 'code', code: 'approvalForgot.codeFormat' }]);
    return canonical;
  }

  private requireSamePasswords(input: CompleteInput): void {
    assertConfirmed(input.newPassword, input.passwordConfirmation);
  }

  private async withFloor<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      const left = this.deps.responseFloorMs - (performance.now() - started);
      if (left > 0) await sleep(left);
    }
  }

  private async exclusive<T>(userId: number, run: () => Promise<T>): Promise<T> {
    const previous = this.inFlight.get(userId) ?? Promise.resolve();
    const result = previous.then(run);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.set(userId, tail);
    try {
      return await result;
    } finally {
      if (this.inFlight.get(userId) === tail) this.inFlight.delete(userId);
    }
  }
}
