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
import type { Database, Executor } from '../kernel/db/database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { ThrottleRecord, ThrottleRepository } from './throttle-repository';

const HOUR = 3_600_000;
const DI_THROTTLE_KEY = /^DI-(REPORT|LOOKUP):/;

export function throttleKey(identifier: string): string {
  return identifier.trim().toLowerCase();
}

/** The waits of one streak in ms, first to ceiling: base × 2^n, capped (the settings keep base ≤ ceiling). */
export function throttleWaits(settings: SecuritySettings): number[] {
  const base = settings.throttleBaseDelaySeconds * 1000;
  const ceiling = settings.throttleMaxDelayMinutes * 60_000;
  const waits: number[] = [];
  for (let n = 0; waits.length === 0 || waits[waits.length - 1] < ceiling; n++) waits.push(Math.min(base * 2 ** n, ceiling));
  return waits;
}

export interface BlockedEvent {
  identifier: string;
  userId: number | null;
  consecutiveFailures: number;
  blockedUntil: number;
}

export class LoginThrottle {
  /** The tail of the queue of attempts per key (see `exclusive`). */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: {
      database: Pick<Database, 'transaction'>;
      repository: ThrottleRepository;
      audit: AuditRepository;
      clock: Clock;
      settings: () => Promise<SecuritySettings>;
      /** A wait just started (the email domain tells a known account, after the answer). */
      onBlocked?: (event: BlockedEvent) => void | Promise<void>;
    },
  ) {}

  /**
   * The key a typed name is throttled under: its account's username (lower-cased) when it designates an account,
   * however it was typed; otherwise the typed name itself. Callers resolve it once per attempt and pass it to
   * `exclusive`, `assertAllowed` and `recordFailure`/`recordSuccess`. One query, known name or not.
   */
  async keyFor(identifier: string): Promise<string> {
    const typed = throttleKey(identifier);
    const username = await this.deps.repository.findUsername(typed);
    return username === null ? typed : throttleKey(username);
  }

  /**
   * Runs one login attempt per name at a time in this process. Without this, a burst of parallel attempts would
   * all pass `assertAllowed` before the first failure is recorded, and get as many guesses as the burst is long.
   * (The count itself is the database's, one atomic statement per failure: see ThrottleRepository.recordFailure.)
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
  async assertAllowed(identifier: string): Promise<void> {
    const row = await this.deps.repository.get(throttleKey(identifier));
    const now = this.deps.clock.now();
    if (row && row.blockedUntil !== null && row.blockedUntil > now) {
      const retryAfterSeconds = Math.ceil((row.blockedUntil - now) / 1000);
      throw new AppError('THROTTLED', 'Too many attempts', undefined, { retryAfterSeconds });
    }
  }

  /**
   * One more consecutive failure for this name; starts a wait once the streak is long enough. `alongside` writes
   * what the caller records of the same failure (its audit entry) in the same transaction.
   */
  async recordFailure(identifier: string, alongside?: (trx: Executor) => Promise<void>): Promise<void> {
    const key = throttleKey(identifier);
    const { repository, audit, clock, database } = this.deps;
    const settings = await this.deps.settings();
    const now = clock.now();
    const staleBefore = now - settings.throttleResetHours * HOUR;
    await repository.deleteStale(now, staleBefore);
    const rule = { now, staleBefore, maxFailures: settings.throttleMaxFailures, waitsMs: throttleWaits(settings) };
    // Attempts refused during a wait never get here (they are refused before the password check), and a
    // failure somehow recorded during a wait is ignored (the statement leaves the row alone): waiting out a wait
    // must be enough, so neither the streak nor the wait grows while it runs. Only a failure after the wait
    // doubles the next one.
    const blocked = await database.transaction(async (trx): Promise<BlockedEvent | null> => {
      await alongside?.(trx);
      const row = await repository.in(trx).recordFailure(key, rule);
      if (!row || row.blockedUntil === null || row.blockedUntil <= now) return null;
      // This failure started the wait. One lookup, known name or not.
      const userId = await repository.in(trx).findUserId(key);
      await audit.in(trx).append(
        {
          eventType: 'login.throttled',
          subjectLabel: key,
          subjectUserId: userId,
          details: { delaySeconds: (row.blockedUntil - now) / 1000, consecutiveFailures: row.consecutiveFailures },
        },
        now,
      );
      return { identifier: key, userId, consecutiveFailures: row.consecutiveFailures, blockedUntil: row.blockedUntil };
    });
    if (blocked) await this.deps.onBlocked?.(blocked);
  }

  /** A successful login ends the streak of its key (the account's). */
  async recordSuccess(identifier: string): Promise<void> {
    await this.deps.repository.delete(throttleKey(identifier));
  }

  /** Names currently waiting or with a streak not yet reset, newest failure first. */
  async list(): Promise<ThrottledIdentifier[]> {
    const settings = await this.deps.settings();
    const now = this.deps.clock.now();
    const staleBefore = now - settings.throttleResetHours * HOUR;
    const rows = await this.deps.repository.listActive(now, staleBefore);
    return rows.map((row: ThrottleRecord) => ({
      identifier: row.identifier,
      consecutiveFailures: row.consecutiveFailures,
      // A wait that is over is no longer a wait; the streak still shows until it resets.
      blockedUntil: row.blockedUntil !== null && row.blockedUntil > now ? row.blockedUntil : null,
      lastFailureAt: row.lastFailureAt,
    }));
  }

  /** An administrator's "Débloquer": the name may log in at once and starts a fresh streak. Audited only if there was something to clear. */
  async clear(identifier: string, actorUserId: number): Promise<boolean> {
    // The DI counters of a workstation share this table under capitalised keys no typed login name can reach
    // (`DI-REPORT:POSTE-3`, see requests/request-throttle.ts): the list shows them, so "Débloquer" clears them as listed.
    const key = DI_THROTTLE_KEY.test(identifier.trim()) ? identifier.trim() : throttleKey(identifier);
    const { repository, audit, clock } = this.deps;
    const subjectUserId = await repository.findUserId(key);
    return this.deps.database.transaction(async (trx) => {
      if (!(await repository.in(trx).delete(key))) return false;
      await audit.in(trx).append({ eventType: 'login.unthrottled', actorUserId, subjectLabel: key, subjectUserId }, clock.now());
      return true;
    });
  }

  /** From the user list: an account can be throttled under its username and under its email. */
  async clearForUser(user: { username: string; email: string | null }, actorUserId: number): Promise<void> {
    await this.clear(user.username, actorUserId);
    if (user.email) await this.clear(user.email, actorUserId);
  }
}
