// Pure (Node). The SQL the accounts domain needs besides the kernel's UsersRepository: serialising the writes whose
// rule spans several accounts ("at least one active administrator remains").
import { sql } from 'kysely';
import { engineOf, type Executor } from '../kernel/db/database';

export class AccountsRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): AccountsRepository {
    return new AccountsRepository(trx);
  }

  /**
   * Inside a transaction, before counting administrators and writing: holds every other write to `users` until this
   * transaction ends, so two administrators demoting or deactivating each other at once cannot both pass the count.
   * SQLite's transactions already take the one write lock up front (BEGIN IMMEDIATE); on PostgreSQL, SHARE ROW
   * EXCLUSIVE conflicts with itself and with every UPDATE/INSERT (readers are not held). Administration is rare:
   * the lock costs nothing that matters.
   */
  async lockUsers(): Promise<void> {
    if (engineOf(this.db) === 'postgres') await sql`lock table users in share row exclusive mode`.execute(this.db);
  }
}
