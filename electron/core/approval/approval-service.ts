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
import type { Db } from '../kernel/db/open-database';
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
  db: Db;
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
  /** Whether SMTP is configured (email issue); false until the lead wires it. */
  isEmailConfigured: () => boolean;
  /** Tells the user of a decision by email when SMTP works (email issue); a no-op until wired. Must not throw or block. */
  notifyDecision: (notice: ApprovalDecisionNotice) => void;
  responseFloorMs: number;
}

interface CompleteInput {
  identifier: string;
  code: string;
  newPassword: string;
  passwordConfirmation: string;
}

export class ApprovalService {
  /** One completion per user at a time: two windows with the right code must not both go through. */
  private readonly inFlight = new Map<number, Promise<void>>();

  constructor(private readonly deps: ApprovalServiceDeps) {
    // Any password change by another path cancels the open requests and recovery codes: they were made for a
    // password the person no longer needs to recover. The path that made the change keeps its own record.
    deps.accounts.onPasswordChanged(({ user, via, at }) => this.passwordChanged(user, via, at));
  }

  // ── Settings and options ────────────────────────────────────────────────────────────────────────────

  options(): ForgotPasswordOptions {
    const emailConfigured = this.deps.isEmailConfigured();
    const paths = forgotPasswordPaths(this.deps.settings.get().mode, emailConfigured);
    return { emailOption: paths.email, approvalOption: paths.approval, emailConfigured };
  }

  settingsView(): ApprovalSettingsView {
    return this.view(this.deps.settings.get());
  }

  updateSettings(input: ApprovalSettings, actorUserId: number): ApprovalSettingsView {
    return this.view(this.deps.settings.update(input, actorUserId));
  }

  private view(settings: ApprovalSettings): ApprovalSettingsView {
    const emailConfigured = this.deps.isEmailConfigured();
    return { ...settings, emailConfigured, paths: forgotPasswordPaths(settings.mode, emailConfigured) };
  }

  // ── Public: request, status, completion ────────────────────────────────────────────────────────────

  request(identifier: string): Promise<ResetRequestReceipt> {
    return this.withFloor(async () => {
      const settings = this.deps.settings.get();
      if (!forgotPasswordPaths(settings.mode, this.deps.isEmailConfigured()).approval) {
        throw new AppError('INVALID_STATE', 'Approval requests are turned off');
      }
      this.deps.throttle.hit('request', identifier);
      const canonical = generateReferenceCode();
      const checkNumber = generateCheckNumber();
      const codeHash = hashReferenceCode(canonical);
      const now = this.deps.clock.now();
      const { users, requests, audit } = this.deps;
      // The same statements run whatever the account: look up, look for an active request, write one audit entry.
      this.deps.db
        .transaction(() => {
          this.expireDue(now);
          const user = users.findByLogin(identifier);
          const usable = user?.isActive ? user : null;
          const active = requests.findActiveForUser(usable?.id ?? 0);
          let outcome: 'created' | 'already_active' | 'unknown' | 'inactive';
          let requestId: number | undefined;
          if (!usable) outcome = user ? 'inactive' : 'unknown';
          else if (active) {
            outcome = 'already_active';
            requestId = active.id;
          } else {
            outcome = 'created';
            requestId = requests.insert({
              userId: usable.id,
              codeHash,
              checkNumber,
              requestedAt: now,
              workstation: this.deps.workstation,
              expiresAt: now + settings.requestLifetimeDays * DAY,
            });
          }
          audit.append(
            {
              eventType: 'approval.requested',
              subjectUserId: user?.id ?? null,
              subjectLabel: user ? null : identifier.slice(0, 64),
              details: { outcome, ...(requestId ? { requestId } : {}) },
            },
            now,
          );
        })
        .immediate();
      return { referenceCode: formatReferenceCode(canonical), checkNumber, validDays: settings.requestLifetimeDays };
    });
  }

  checkStatus(identifier: string, code: string): Promise<ResetRequestStatusView> {
    return this.withFloor(async () => {
      const canonical = this.requireCodeFormat(code);
      this.deps.throttle.hit('code', identifier);
      const now = this.deps.clock.now();
      this.expireDue(now);
      const user = this.deps.users.findByLogin(identifier);
      const match = this.matchRequest(user, canonical);
      if (!match || !user) throw this.codeFailure(user, identifier, 'status', now);
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
      this.deps.throttle.hit('code', input.identifier);
      const user = this.deps.users.findByLogin(input.identifier);
      const run = async () => {
        const now = this.deps.clock.now();
        this.expireDue(now);
        const match = this.matchRequest(user, canonical);
        if (!match || !user) throw this.codeFailure(user, input.identifier, 'complete', now);
        // From here on, the person holds the right code: they may learn where their request stands.
        if (match.status === 'expired') throw new AppError('CODE_EXPIRED', 'The request expired', undefined, { status: match.status });
        if (match.status === 'completed') throw new AppError('CODE_USED', 'The request was already used', undefined, { status: match.status });
        if (match.status !== 'approved') throw new AppError('INVALID_STATE', `The request is ${match.status}`, undefined, { status: match.status });
        if (!user.isActive) throw new AppError('INVALID_STATE', 'The account is deactivated', undefined, { status: 'accountInactive' });
        await this.deps.accounts.setRecoveredPassword(user.id, input.newPassword, 'approval');
        const done = this.deps.clock.now();
        if (!this.deps.requests.complete(match.id, done)) this.deps.logger.warn('Approval request changed while completing', { requestId: match.id });
        this.deps.audit.append({ eventType: 'approval.completed', actorUserId: user.id, subjectUserId: user.id, details: { requestId: match.id } }, done);
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
      this.deps.throttle.hit('code', input.identifier);
      const user = this.deps.users.findByLogin(input.identifier);
      const { recoveryCodes, audit } = this.deps;
      const run = async () => {
        const now = this.deps.clock.now();
        const match = findMatching(hashReferenceCode(canonical), user ? recoveryCodes.listRecentForUser(user.id, MATCH_DEPTH) : []);
        if (!match || !user) {
          let attempts: number | null = null;
          if (user) {
            for (const open of recoveryCodes.listOpenForUser(user.id, now)) {
              attempts = recoveryCodes.recordFailedAttempt(open.id);
              if (attempts !== null && attempts >= MAX_CODE_ATTEMPTS) recoveryCodes.cancel(open.id, now);
            }
          }
          audit.append(
            {
              eventType: 'recovery.code_failed',
              subjectUserId: user?.id ?? null,
              subjectLabel: user ? null : input.identifier.slice(0, 64),
              details: attempts !== null ? { attempts, cancelled: attempts >= MAX_CODE_ATTEMPTS } : { reason: 'no_open_code' },
            },
            now,
          );
          throw new AppError('CODE_INVALID', 'No recovery code matches');
        }
        if (match.usedAt !== null) throw new AppError('CODE_USED', 'Recovery code already used');
        if (match.cancelledAt !== null) throw new AppError('INVALID_STATE', 'Recovery code cancelled', undefined, { status: 'cancelled' });
        if (match.expiresAt <= now) throw new AppError('CODE_EXPIRED', 'Recovery code expired');
        if (!user.isActive || user.role !== 'admin') throw new AppError('INVALID_STATE', 'Not an active administrator', undefined, { status: 'accountInactive' });
        await this.deps.accounts.setRecoveredPassword(user.id, input.newPassword, 'recovery');
        const done = this.deps.clock.now();
        recoveryCodes.markUsed(match.id, done);
        audit.append({ eventType: 'recovery.code_used', actorUserId: user.id, subjectUserId: user.id, details: { recoveryCodeId: match.id } }, done);
        return null;
      };
      return user ? this.exclusive(user.id, run) : run();
    });
  }

  // ── Administrators ───────────────────────────────────────────────────────────────────────────────────

  listPending(viewerUserId: number): PendingResetRequest[] {
    const now = this.deps.clock.now();
    this.expireDue(now);
    return this.deps.requests.listPending(now, viewerUserId);
  }

  listHistory(): ResetRequestHistoryEntry[] {
    this.expireDue(this.deps.clock.now());
    return this.deps.requests.listHistory(200);
  }

  metrics(): ApprovalMetrics {
    const now = this.deps.clock.now();
    this.expireDue(now);
    const { requests } = this.deps;
    return { pendingNow: requests.countPending(), last30Days: requests.metrics(now - 30 * DAY), allTime: requests.metrics(0) };
  }

  approve(requestId: number, notes: string, actorUserId: number): null {
    return this.decide(requestId, 'approved', notes, actorUserId);
  }

  reject(requestId: number, notes: string, actorUserId: number): null {
    return this.decide(requestId, 'rejected', notes, actorUserId);
  }

  private decide(requestId: number, decision: 'approved' | 'rejected', notes: string, actorUserId: number): null {
    const { requests, users, audit } = this.deps;
    const now = this.deps.clock.now();
    this.expireDue(now);
    const request = requests.findById(requestId);
    if (!request) throw new AppError('NOT_FOUND', 'No such request');
    // Even the only administrator: their own request needs another administrator, or IT's recovery code.
    if (request.userId === actorUserId) throw new AppError('SELF_APPROVAL', 'Administrators cannot decide their own request');
    if (request.status !== 'pending') throw new AppError('INVALID_STATE', `The request is ${request.status}`, undefined, { status: request.status });
    const user = users.findById(request.userId);
    if (!user) throw new AppError('NOT_FOUND', 'No such user');
    if (decision === 'approved' && !user.isActive) throw new AppError('INVALID_STATE', 'The account is deactivated', undefined, { status: 'accountInactive' });
    const cleanNotes = notes.trim() === '' ? null : notes.trim();
    this.deps.db.transaction(() => {
      if (!requests.decide(requestId, decision, actorUserId, cleanNotes, now)) throw new AppError('INVALID_STATE', 'The request changed meanwhile');
      audit.append(
        {
          eventType: decision === 'approved' ? 'approval.approved' : 'approval.rejected',
          actorUserId,
          subjectUserId: request.userId,
          details: { requestId, ...(cleanNotes ? { notes: cleanNotes } : {}) },
        },
        now,
      );
    })();
    try {
      this.deps.notifyDecision({ decision, request: requests.findById(requestId)!, user });
    } catch (error) {
      // The notice is a courtesy: the decision stands and the person can check the status with their code.
      this.deps.logger.error('Approval decision notice failed', { requestId, error: error instanceof Error ? error.message : String(error) });
    }
    return null;
  }

  // ── Housekeeping ─────────────────────────────────────────────────────────────────────────────────────

  /** Marks every request past its expiry as expired, with an audit entry each. At start-up, hourly, and before each use. */
  expireDue(now = this.deps.clock.now()): number {
    const { requests, audit } = this.deps;
    const due = requests.listDueForExpiry(now);
    if (due.length === 0) return 0;
    let expired = 0;
    this.deps.db.transaction(() => {
      for (const request of due) {
        if (!requests.markExpired(request.id, now)) continue;
        expired++;
        audit.append(
          { eventType: 'approval.expired', subjectUserId: request.userId, details: { requestId: request.id, previousStatus: request.status, expiresAt: request.expiresAt } },
          now,
        );
      }
    })();
    return expired;
  }

  private passwordChanged(user: UserRecord, via: PasswordChangeVia, at: number): void {
    const { requests, recoveryCodes, audit } = this.deps;
    this.deps.db.transaction(() => {
      const active = via === 'approval' ? null : requests.findActiveForUser(user.id);
      if (active && requests.cancel(active.id, 'password_changed', at)) {
        audit.append(
          { eventType: 'approval.cancelled', subjectUserId: user.id, details: { requestId: active.id, reason: 'password_changed', via } },
          at,
        );
      }
      if (via !== 'recovery') {
        const cancelled = recoveryCodes.cancelOpenForUser(user.id, at);
        if (cancelled > 0) audit.append({ eventType: 'recovery.code_cancelled', subjectUserId: user.id, details: { reason: 'password_changed', via, cancelled } }, at);
      }
    })();
  }

  // ── Helpers ──────────────────────────────────────────────────────────────────────────────────────────

  private matchRequest(user: UserRecord | null, canonical: string): ResetRequestRecord | null {
    const candidates = user ? this.deps.requests.listRecentForUser(user.id, MATCH_DEPTH) : [];
    return findMatching(hashReferenceCode(canonical), candidates);
  }

  /** A code that matches nothing: one more wrong try on the user's active request, cancelled at the fifth. */
  private codeFailure(user: UserRecord | null, identifier: string, channel: 'status' | 'complete', now: number): AppError {
    const { requests, audit } = this.deps;
    this.deps.db.transaction(() => {
      const active = user ? requests.findActiveForUser(user.id) : null;
      const attempts = active ? requests.recordFailedAttempt(active.id) : null;
      audit.append(
        {
          eventType: 'approval.code_failed',
          subjectUserId: user?.id ?? null,
          subjectLabel: user ? null : identifier.slice(0, 64),
          details: active && attempts !== null ? { requestId: active.id, attempts, channel } : { channel, reason: 'no_active_request' },
        },
        now,
      );
      if (active && attempts !== null && attempts >= MAX_CODE_ATTEMPTS && requests.cancel(active.id, 'code_attempts', now)) {
        audit.append({ eventType: 'approval.cancelled', subjectUserId: user!.id, details: { requestId: active.id, reason: 'code_attempts', attempts } }, now);
      }
    })();
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
