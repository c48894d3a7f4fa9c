// Pure (Node). Slows down password guessing per typed name, without ever locking an account out.
//
// Coworkers know each other's usernames, so a hard lockout would let anyone keep anyone else out of the
// app. Instead, after `throttleMaxFailures` consecutive failures the name must wait, and each further
// failure after a wait doubles the wait up to a ceiling. The key is the account when the typed name designates
// one (username or email, any case: one streak for all of them, so switching between them buys no extra
// guesses), and the name as typed (trimmed, lower-cased) when it designates none. The answer during a wait is the
// same for both, and finding the key costs the same lookup for both: nothing is revealed.
import type { ThrottledIdentifier } from '../../../shared/security/contract';
import type { SecuritySettings } from '../../../shared/security/security-settings';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { ThrottleRecord, ThrottleRepository } from './throttle-repository';

const HOUR = 3_600_000;

export function throttleKey(identifier: string): string {
  return identifier.trim().toLowerCase();
}

export class LoginThrottle {
  /** The tail of the queue of attempts per key (see `exclusive`). */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: {
      repository: ThrottleRepository;
      audit: AuditRepository;
      clock: Clock;
      settings: () => SecuritySettings;
      /** A wait just started (the email domain tells a known account, after the answer). */
      onBlocked?: (event: { identifier: string; userId: number | null; consecutiveFailures: number; blockedUntil: number }) => void;
    },
  ) {}

  /**
   * The key a typed name is throttled under: its account's username (lower-cased) when it designates an account,
   * however it was typed; otherwise the typed name itself. Callers resolve it once per attempt and pass it to
   * `exclusive`, `assertAllowed` and `recordFailure`/`recordSuccess`. One lookup, known name or not.
   */
  keyFor(identifier: string): string {
    const typed = throttleKey(identifier);
    const username = this.deps.repository.findUsername(typed);
    return username === null ? typed : throttleKey(username);
  }

  /**
   * Runs one login attempt per name at a time. Without this, a burst of parallel attempts would all
   * pass `assertAllowed` before the first failure is recorded, and get as many guesses as the burst is long.
   */
  async exclusive<T>(identifier: string, attempt: () => Promise<T>): Promise<T> {
    const key = throttleKey(identifier);
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const run = previous.then(attempt);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.inFlight.get(key) === tail) this.inFlight.delete(key);
    }
  }

  /** Throws THROTTLED while the name must wait. Called before any password check, so a refusal costs no bcrypt. */
  assertAllowed(identifier: string): void {
    const now = this.deps.clock.now();
    const row = this.deps.repository.get(throttleKey(identifier));
    if (row && row.blockedUntil !== null && row.blockedUntil > now) {
      const retryAfterSeconds = Math.ceil((row.blockedUntil - now) / 1000);
      throw new AppError('THROTTLED', 'Too many attempts', undefined, { retryAfterSeconds });
    }
  }

  /** One more consecutive failure for this name; starts a wait once the streak is long enough. */
  recordFailure(identifier: string): void {
    const key = throttleKey(identifier);
    const { repository, clock } = this.deps;
    const settings = this.deps.settings();
    const now = clock.now();
    const staleBefore = now - settings.throttleResetHours * HOUR;
    repository.deleteStale(now, staleBefore);
    const row = repository.get(key);
    // Attempts refused during a wait never get here (they are refused before the password check), and a
    // failure somehow recorded during a wait is ignored: waiting out a wait must be enough, so neither
    // the streak nor the wait grows while it runs. Only a failure after the wait doubles the next one.
    if (row && row.blockedUntil !== null && row.blockedUntil > now) return;

    const consecutiveFailures = (row?.consecutiveFailures ?? 0) + 1;
    let blockCount = row?.blockCount ?? 0;
    let blockedUntil: number | null = null;
    if (consecutiveFailures >= settings.throttleMaxFailures) {
      const delayMs = Math.min(settings.throttleBaseDelaySeconds * 1000 * 2 ** blockCount, settings.throttleMaxDelayMinutes * 60_000);
      blockedUntil = now + delayMs;
      blockCount += 1;
      const userId = repository.findUserId(key);
      this.deps.audit.append(
        {
          eventType: 'login.throttled',
          subjectLabel: key,
          subjectUserId: userId,
          details: { delaySeconds: delayMs / 1000, consecutiveFailures },
        },
        now,
      );
      repository.save({ identifier: key, consecutiveFailures, lastFailureAt: now, blockedUntil, blockCount });
      this.deps.onBlocked?.({ identifier: key, userId, consecutiveFailures, blockedUntil });
      return;
    }
    repository.save({ identifier: key, consecutiveFailures, lastFailureAt: now, blockedUntil, blockCount });
  }

  /** A successful login ends the streak of its key (the account's). */
  recordSuccess(identifier: string): void {
    this.deps.repository.delete(throttleKey(identifier));
  }

  /** Names currently waiting or with a streak not yet reset, newest failure first. */
  list(): ThrottledIdentifier[] {
    const now = this.deps.clock.now();
    const staleBefore = now - this.deps.settings().throttleResetHours * HOUR;
    return this.deps.repository.listActive(now, staleBefore).map((row: ThrottleRecord) => ({
      identifier: row.identifier,
      consecutiveFailures: row.consecutiveFailures,
      // A wait that is over is no longer a wait; the streak still shows until it resets.
      blockedUntil: row.blockedUntil !== null && row.blockedUntil > now ? row.blockedUntil : null,
      lastFailureAt: row.lastFailureAt,
    }));
  }

  /** An administrator's "Débloquer": the name may log in at once and starts a fresh streak. Audited only if there was something to clear. */
  clear(identifier: string, actorUserId: number): boolean {
    const key = throttleKey(identifier);
    if (!this.deps.repository.delete(key)) return false;
    this.deps.audit.append(
      { eventType: 'login.unthrottled', actorUserId, subjectLabel: key, subjectUserId: this.deps.repository.findUserId(key) },
      this.deps.clock.now(),
    );
    return true;
  }

  /** From the user list: an account can be throttled under its username and under its email. */
  clearForUser(user: { username: string; email: string | null }, actorUserId: number): void {
    this.clear(user.username, actorUserId);
    if (user.email) this.clear(user.email, actorUserId);
  }
}
