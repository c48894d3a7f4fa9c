// Pure (Node). All SQL about attempts on the public reset channels (table `reset_attempts`), which the
// reset throttle counts in a sliding window. Kept in the database so restarting the app resets nothing, and so
// every workstation (every process on one PostgreSQL database) counts against the same window.
import { sql } from 'kysely';
import { engineOf, type Executor } from '../kernel/db/database';

export class ResetAttemptsRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): ResetAttemptsRepository {
    return new ResetAttemptsRepository(trx);
  }

  /**
   * Inside a transaction, before counting: makes "count, then record if under the limit" one step against every
   * other process. PostgreSQL: a table lock that conflicts with itself and with inserts (purges and reads are not
   * held up for long: the transaction is two counts and an insert). SQLite: the transaction's BEGIN IMMEDIATE
   * already holds the database's one write lock, so there is nothing more to take.
   */
  async lockForCounting(): Promise<void> {
    if (engineOf(this.db) === 'postgres') await sql`lock table reset_attempts in share row exclusive mode`.execute(this.db);
  }

  async record(scope: string, key: string, at: number): Promise<void> {
    await this.db.insertInto('reset_attempts').values({ scope, attempt_key: key, attempted_at: at }).execute();
  }

  /** Attempts after `since`, and the oldest of them (when the window frees a slot). */
  async countSince(scope: string, key: string, since: number): Promise<{ count: number; oldest: number | null }> {
    const row = await this.db
      .selectFrom('reset_attempts')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('attempted_at').as('oldest')])
      .where('scope', '=', scope)
      .where('attempt_key', '=', key)
      .where('attempted_at', '>', since)
      .executeTakeFirstOrThrow();
    return { count: Number(row.n), oldest: row.oldest === null ? null : Number(row.oldest) };
  }

  async purgeBefore(before: number): Promise<number> {
    const result = await this.db.deleteFrom('reset_attempts').where('attempted_at', '<=', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
