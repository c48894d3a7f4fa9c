// Pure (Node). The SQL of first-run setup: the one write that must not happen twice however many windows (or
// workstations) submit at once.
import { sql } from 'kysely';
import { engineOf, type Executor } from '../kernel/db/database';

export class SetupRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): SetupRepository {
    return new SetupRepository(trx);
  }

  /**
   * Inside a transaction: holds every other account creation until this transaction ends, then counts the accounts.
   * SQLite's transactions already take the one write lock up front (BEGIN IMMEDIATE); PostgreSQL's READ COMMITTED
   * would let two transactions each count none and each insert, so the table is locked against inserts first
   * (SHARE ROW EXCLUSIVE conflicts with itself and with INSERT; readers are not held).
   */
  async lockAndCountUsers(): Promise<number> {
    if (engineOf(this.db) === 'postgres') await sql`lock table users in share row exclusive mode`.execute(this.db);
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
