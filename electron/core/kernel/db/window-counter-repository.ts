// Pure (Node). Counters in a fixed window, in the `login_throttle` table (no migration of their own): one row per
// key, counted by ONE atomic upsert, so several processes on one PostgreSQL database (or two windows of one PC) each
// see their own increment. The public DI channels count under "DI-…" keys, a site server's failed enrolments under
// "SITE-ENROL:…": capitals, while login keys are always lower-cased (LoginThrottle.throttleKey), so no name typed at
// the login screen can touch these rows, and theirs never touch a login's. Columns as used here: consecutive_failures = calls in the window, last_failure_at = the window's
// start, blocked_until = the window's end once the limit is passed (for the Sécurité page), block_count unused.
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from './database';
import type { LoginThrottleTable, Schema } from './schema';

type UpsertBuilder = ExpressionBuilder<Schema & { excluded: LoginThrottleTable }, 'login_throttle' | 'excluded'>;

export interface WindowCount {
  /** Calls in the current window, this one included. */
  count: number;
  windowStart: number;
}

export class WindowCounterRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): WindowCounterRepository {
    return new WindowCounterRepository(trx);
  }

  /** Until when `key` must wait (null: it may try). */
  async blockedUntil(key: string): Promise<number | null> {
    const row = await this.db.selectFrom('login_throttle').select('blocked_until').where('identifier', '=', key).executeTakeFirst();
    return row?.blocked_until === null || row?.blocked_until === undefined ? null : Number(row.blocked_until);
  }

  /** Counts one call under `key` and answers the window's count: a window older than `windowMs` starts afresh. */
  async hit(key: string, now: number, windowMs: number, max: number): Promise<WindowCount> {
    const row = await this.db
      .insertInto('login_throttle')
      .values({ identifier: key, consecutive_failures: 1, last_failure_at: now, blocked_until: max < 1 ? now + windowMs : null, block_count: 0 })
      .onConflict((oc) =>
        oc.column('identifier').doUpdateSet((eb: UpsertBuilder) => {
          // Every right-hand side reads the row as it was before this statement.
          const bigint = (value: number) => eb.cast<number>(eb.val(value), 'bigint');
          const expired = eb('login_throttle.last_failure_at', '<=', now - windowMs);
          const count = eb.case().when(expired).then(1).else(eb(eb.ref('login_throttle.consecutive_failures'), '+', 1)).end();
          const start = eb.case().when(expired).then(bigint(now)).else(eb.ref('login_throttle.last_failure_at')).end();
          return {
            consecutive_failures: count,
            last_failure_at: start,
            blocked_until: eb.case().when(eb(count, '>', max)).then(eb(start, '+', bigint(windowMs))).else(eb.cast<number | null>(eb.val(null), 'bigint')).end(),
          };
        }),
      )
      .returning(['consecutive_failures', 'last_failure_at'])
      .executeTakeFirstOrThrow();
    return { count: Number(row.consecutive_failures), windowStart: Number(row.last_failure_at) };
  }
}
