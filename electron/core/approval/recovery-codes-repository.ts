// Pure (Node). All SQL about IT's one-time recovery codes for an administrator (table `recovery_codes`).
// Kysely on either engine (SQLite, PostgreSQL).
import type { Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { RecoveryCodesTable } from '../kernel/db/schema';

export interface RecoveryCodeRecord {
  id: number;
  userId: number;
  codeHash: string;
  issuedAt: number;
  expiresAt: number;
  usedAt: number | null;
  cancelledAt: number | null;
  failedAttempts: number;
}

const toRecord = (row: Selectable<RecoveryCodesTable>): RecoveryCodeRecord => ({
  id: row.id,
  userId: row.user_id,
  codeHash: row.code_hash,
  issuedAt: row.issued_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  cancelledAt: row.cancelled_at,
  failedAttempts: row.failed_attempts,
});

export class RecoveryCodesRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): RecoveryCodesRepository {
    return new RecoveryCodesRepository(trx);
  }

  async insert(userId: number, codeHash: string, issuedAt: number, expiresAt: number): Promise<number> {
    const row = await this.db
      .insertInto('recovery_codes')
      .values({ user_id: userId, code_hash: codeHash, issued_at: issuedAt, expires_at: expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Unused codes of the user stop working (a new code replaces them, or the password changed another way). */
  async cancelOpenForUser(userId: number, now: number): Promise<number> {
    const result = await this.db
      .updateTable('recovery_codes')
      .set({ cancelled_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async listRecentForUser(userId: number, limit: number): Promise<RecoveryCodeRecord[]> {
    const rows = await this.db
      .selectFrom('recovery_codes')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('issued_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /** Codes that could still be used now (not used, not cancelled, not expired). */
  async listOpenForUser(userId: number, now: number): Promise<RecoveryCodeRecord[]> {
    const rows = await this.db
      .selectFrom('recovery_codes')
      .selectAll()
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toRecord);
  }

  /** Open → used; false when it was used or cancelled meanwhile. */
  markUsed(id: number, now: number): Promise<boolean> {
    return this.endIfOpen(id, { used_at: now });
  }

  /** Open → cancelled; false when it was used or cancelled meanwhile. */
  cancel(id: number, now: number): Promise<boolean> {
    return this.endIfOpen(id, { cancelled_at: now });
  }

  /** A code ends once: the write itself checks it is still open (compare-and-set), whatever another process did. */
  private async endIfOpen(id: number, end: { used_at: number } | { cancelled_at: number }): Promise<boolean> {
    const result = await this.db
      .updateTable('recovery_codes')
      .set(end)
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * One more wrong code on each of the user's usable codes, in one statement (wrong codes typed at the same time
   * on two workstations both count): each code and its new count.
   */
  async recordFailedAttempt(userId: number, now: number): Promise<{ id: number; attempts: number }[]> {
    const rows = await this.db
      .updateTable('recovery_codes')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['id', 'failed_attempts'])
      .execute();
    return rows.map((row) => ({ id: row.id, attempts: row.failed_attempts })).sort((a, b) => b.id - a.id);
  }

  /** Cancels an open code whose tries are used up; true for the one caller that cancelled it. */
  async cancelIfAttemptsReached(id: number, maxAttempts: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('recovery_codes')
      .set({ cancelled_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('cancelled_at', 'is', null)
      .where('failed_attempts', '>=', maxAttempts)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
