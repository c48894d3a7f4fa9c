// Pure (Node). All SQL about login throttles (table `login_throttle`, one row per key, lower-cased: an account's
// username for every name that designates it, or an unknown name as typed; see LoginThrottle.keyFor).
// Several processes may count failures of one key at once (workstations on one PostgreSQL database): a failure is
// counted by ONE atomic statement (recordFailure), never read here and written back from code.
import type { Expression, ExpressionBuilder, Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { LoginThrottleTable, Schema } from '../kernel/db/schema';

export interface ThrottleRecord {
  identifier: string;
  consecutiveFailures: number;
  lastFailureAt: number;
  blockedUntil: number | null;
  /** Waits this streak has caused so far: the next wait is base × 2^blockCount. */
  blockCount: number;
}

/** How one failure counts, decided by LoginThrottle from the settings; the repository only applies it. */
export interface FailureRule {
  now: number;
  /** A streak whose last failure is at or before this instant (and that is not waiting) starts again. */
  staleBefore: number;
  /** The failure that brings the streak to this length starts a wait. */
  maxFailures: number;
  /** The wait a streak's n-th wait lasts (index n = waits so far), in ms; the last one applies beyond. Never empty. */
  waitsMs: readonly number[];
}

const toRecord = (row: Selectable<LoginThrottleTable>): ThrottleRecord => ({
  identifier: row.identifier,
  consecutiveFailures: Number(row.consecutive_failures),
  lastFailureAt: Number(row.last_failure_at),
  blockedUntil: row.blocked_until === null ? null : Number(row.blocked_until),
  blockCount: Number(row.block_count),
});

type UpsertBuilder = ExpressionBuilder<Schema & { excluded: LoginThrottleTable }, 'login_throttle' | 'excluded'>;

export class ThrottleRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): ThrottleRepository {
    return new ThrottleRepository(trx);
  }

  async get(identifier: string): Promise<ThrottleRecord | null> {
    const row = await this.db.selectFrom('login_throttle').selectAll().where('identifier', '=', identifier).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Writes a row as given (tests, and rows of earlier versions); failures go through `recordFailure`. */
  async save(record: ThrottleRecord): Promise<void> {
    const counts = {
      consecutive_failures: record.consecutiveFailures,
      last_failure_at: record.lastFailureAt,
      blocked_until: record.blockedUntil,
      block_count: record.blockCount,
    };
    await this.db
      .insertInto('login_throttle')
      .values({ identifier: record.identifier, ...counts })
      .onConflict((oc) => oc.column('identifier').doUpdateSet(counts))
      .execute();
  }

  /**
   * One more consecutive failure for `identifier`, in one statement: a new row, or the row's streak grown by one
   * (started afresh if it had gone stale), with a wait set when the streak reaches `maxFailures`.
   * A failure while a wait runs changes nothing (the row is left as it is) and answers null: waiting out a wait
   * must be enough. Otherwise answers the row as written; a `blockedUntil` after `now` means this failure started
   * its wait. Two processes counting the same key at once each see their own increment.
   */
  async recordFailure(identifier: string, rule: FailureRule): Promise<ThrottleRecord | null> {
    const { now, staleBefore, maxFailures, waitsMs } = rule;
    if (waitsMs.length === 0) throw new Error('recordFailure needs at least one wait');
    const startsWait = 1 >= maxFailures;
    const row = await this.db
      .insertInto('login_throttle')
      .values({
        identifier,
        consecutive_failures: 1,
        last_failure_at: now,
        blocked_until: startsWait ? now + waitsMs[0] : null,
        block_count: startsWait ? 1 : 0,
      })
      .onConflict((oc) =>
        oc
          .column('identifier')
          .doUpdateSet((eb: UpsertBuilder) => {
            // Every right-hand side reads the row as it was before this statement.
            const stale = eb('login_throttle.last_failure_at', '<=', staleBefore);
            const streak = eb.case().when(stale).then(0).else(eb.ref('login_throttle.consecutive_failures')).end();
            const waits = eb.case().when(stale).then(0).else(eb.ref('login_throttle.block_count')).end();
            const reaches = eb(streak, '>=', maxFailures - 1);
            return {
              consecutive_failures: eb(streak, '+', 1),
              last_failure_at: now,
              blocked_until: eb.case().when(reaches).then(waitEnd(eb, waits, now, waitsMs)).else(null).end(),
              block_count: eb.case().when(reaches).then(eb(waits, '+', 1)).else(waits).end(),
            };
          })
          // A wait running: nothing changes and nothing is returned.
          .where((eb) => eb.or([eb('login_throttle.blocked_until', 'is', null), eb('login_throttle.blocked_until', '<=', now)])),
      )
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** True when a row was there. */
  async delete(identifier: string): Promise<boolean> {
    const result = await this.db.deleteFrom('login_throttle').where('identifier', '=', identifier).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** A row counts while its wait runs or its streak is younger than the reset period. */
  async listActive(now: number, staleBefore: number): Promise<ThrottleRecord[]> {
    const rows = await this.db
      .selectFrom('login_throttle')
      .selectAll()
      .where((eb) => eb.or([eb('blocked_until', '>', now), eb('last_failure_at', '>', staleBefore)]))
      .orderBy('last_failure_at', 'desc')
      .orderBy('identifier')
      .execute();
    return rows.map(toRecord);
  }

  /** Names typed once and never again would otherwise pile up forever. Idempotent. */
  async deleteStale(now: number, staleBefore: number): Promise<void> {
    await this.db
      .deleteFrom('login_throttle')
      .where('last_failure_at', '<=', staleBefore)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
      .execute();
  }

  /**
   * The username of the account a typed name designates (by username or email, any case), or null. One indexed
   * lookup whether or not the account exists: the login's cost must not depend on it.
   */
  async findUsername(identifier: string): Promise<string | null> {
    // Same rule as UsersRepository.findByLogin ("@" means email); both columns compare case-insensitively.
    const row = await this.db
      .selectFrom('users')
      .select('username')
      .where(identifier.includes('@') ? 'email' : 'username', '=', identifier)
      .executeTakeFirst();
    return row?.username ?? null;
  }

  /** The account a typed name designates, for the audit log only. */
  async findUserId(identifier: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where(identifier.includes('@') ? 'email' : 'username', '=', identifier)
      .executeTakeFirst();
    return row ? Number(row.id) : null;
  }
}

/**
 * `now + waitsMs[waits]` (the last wait beyond the list), as a CASE over the streak's waits so far: the doubling and
 * its ceiling are decided in code, the choice among them by the row. Each instant is cast to bigint: PostgreSQL
 * would otherwise type a CASE of bare parameters as text.
 */
function waitEnd(eb: UpsertBuilder, waits: Expression<number>, now: number, waitsMs: readonly number[]): Expression<number> {
  const at = (ms: number) => eb.cast<number>(eb.val(now + ms), 'bigint');
  if (waitsMs.length === 1) return at(waitsMs[0]);
  let ladder = eb.case(waits).when(0).then(at(waitsMs[0]));
  for (let n = 1; n < waitsMs.length - 1; n++) ladder = ladder.when(n).then(at(waitsMs[n]));
  return ladder.else(at(waitsMs[waitsMs.length - 1])).end();
}
