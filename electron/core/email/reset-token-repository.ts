// Pure (Node). All SQL about one-time codes (table `reset_tokens`) and "Mot de passe oublié" requests
// (table `email_reset_requests`). Only SHA-256 hashes of codes and tokens are ever stored.
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { ResetTokenStats } from '../../../shared/contract';
import type { Executor } from '../kernel/db/database';
import type { ResetTokensTable, Schema } from '../kernel/db/schema';

export type TokenPurpose = 'reset' | 'invite';
export type InvalidatedReason = 'replaced' | 'reset_done' | 'too_many_attempts' | 'revoked';

export interface NewResetToken {
  userId: number;
  purpose: TokenPurpose;
  codeHash: string;
  codeSalt: string;
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
}

export interface ResetTokenRecord extends NewResetToken {
  id: number;
  usedAt: number | null;
  invalidatedAt: number | null;
  invalidatedReason: InvalidatedReason | null;
  failedAttempts: number;
}

const toRecord = (row: Selectable<ResetTokensTable>): ResetTokenRecord => ({
  id: row.id,
  userId: row.user_id,
  purpose: row.purpose,
  // Purged rows (no hashes) are never returned by the lookups that compare them.
  codeHash: row.code_hash as string,
  codeSalt: row.code_salt as string,
  tokenHash: row.token_hash as string,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  invalidatedAt: row.invalidated_at,
  invalidatedReason: row.invalidated_reason as InvalidatedReason | null,
  failedAttempts: row.failed_attempts,
});

type Eb = ExpressionBuilder<Schema, 'reset_tokens'>;
const live = (eb: Eb) => eb.and([eb('used_at', 'is', null), eb('invalidated_at', 'is', null)]);
const count = (eb: ExpressionBuilder<Schema, keyof Schema>) => eb.fn.countAll<number | string>().as('n');

export class ResetTokenRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): ResetTokenRepository {
    return new ResetTokenRepository(trx);
  }

  async insert(token: NewResetToken): Promise<number> {
    const row = await this.db
      .insertInto('reset_tokens')
      .values({
        user_id: token.userId,
        purpose: token.purpose,
        code_hash: token.codeHash,
        code_salt: token.codeSalt,
        token_hash: token.tokenHash,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async findById(id: number): Promise<ResetTokenRecord | null> {
    const row = await this.db.selectFrom('reset_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async findByTokenHash(tokenHash: string): Promise<ResetTokenRecord | null> {
    const row = await this.db.selectFrom('reset_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The user's codes created after `since` that still have their hashes, newest first (at most 10). */
  async recentForUser(userId: number, since: number): Promise<ResetTokenRecord[]> {
    const rows = await this.db
      .selectFrom('reset_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .where('code_hash', 'is not', null)
      .where('created_at', '>', since)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(10)
      .execute();
    return rows.map(toRecord);
  }

  /** Invalidates the user's live codes of one purpose, or of every purpose when `purpose` is null. */
  async invalidateForUser(userId: number, purpose: TokenPurpose | null, reason: InvalidatedReason, now: number, exceptId = 0): Promise<number> {
    let query = this.db
      .updateTable('reset_tokens')
      .set({ invalidated_at: now, invalidated_reason: reason })
      .where('user_id', '=', userId)
      .where(live)
      .where('id', '<>', exceptId);
    if (purpose) query = query.where('purpose', '=', purpose);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** One more wrong code against a live token, in one statement (several cores may count at once); at `max` the token dies. */
  async recordFailedAttempt(id: number, max: number, now: number): Promise<void> {
    await this.db
      .updateTable('reset_tokens')
      .set((eb) => {
        const reached = eb(eb('failed_attempts', '+', 1), '>=', max);
        return {
          failed_attempts: eb('failed_attempts', '+', 1),
          invalidated_at: eb.case().when(reached).then(now).else(eb.ref('invalidated_at')).end(),
          invalidated_reason: eb.case().when(reached).then('too_many_attempts').else(eb.ref('invalidated_reason')).end(),
        };
      })
      .where('id', '=', id)
      .where(live)
      .execute();
  }

  /** Marks a live, unexpired token used. False if someone else used it first, or it died meanwhile. */
  async claim(id: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('reset_tokens')
      .set({ used_at: now })
      .where('id', '=', id)
      .where(live)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives a claimed token back (the new password was refused): only if nothing else happened to it. */
  async unclaim(id: number, usedAt: number): Promise<void> {
    await this.db
      .updateTable('reset_tokens')
      .set({ used_at: null })
      .where('id', '=', id)
      .where('used_at', '=', usedAt)
      .where('invalidated_at', 'is', null)
      .execute();
  }

  async countIssuedSince(userId: number, purpose: TokenPurpose, since: number): Promise<number> {
    const row = await this.db
      .selectFrom('reset_tokens')
      .select(count)
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async hasLive(userId: number, purpose: TokenPurpose, now: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('reset_tokens')
      .select(count)
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where(live)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    return Number(row.n) > 0;
  }

  /**
   * The hashes of finished codes are erased after a grace period (so "déjà utilisé" / "expiré" can still be told
   * for a day); the rows themselves are kept 30 days for the statistics. Idempotent; call inside a transaction.
   */
  async purge(now: number, hashGraceBefore: number, deleteBefore: number): Promise<void> {
    await this.db
      .updateTable('reset_tokens')
      .set({ code_hash: null, code_salt: null, token_hash: null })
      .where('code_hash', 'is not', null)
      .where((eb) => eb.or([eb('used_at', '<=', hashGraceBefore), eb('invalidated_at', '<=', hashGraceBefore), eb('expires_at', '<=', hashGraceBefore)]))
      .execute();
    await this.db
      .deleteFrom('reset_tokens')
      .where('created_at', '<=', deleteBefore)
      .where((eb) => eb.or([eb('used_at', 'is not', null), eb('invalidated_at', 'is not', null), eb('expires_at', '<=', now)]))
      .execute();
    await this.db.deleteFrom('email_reset_requests').where('requested_at', '<=', deleteBefore).where('processed_at', 'is not', null).execute();
  }

  async stats(now: number, since: number): Promise<ResetTokenStats> {
    const row = await this.db
      .selectFrom('reset_tokens')
      .select((eb) => [
        eb.fn.countAll<number | string>().filterWhere((f) => f.and([live(f), f('expires_at', '>', now)])).as('active'),
        eb.fn.countAll<number | string>().filterWhere((f) => f.and([f('used_at', 'is not', null), f('created_at', '>', since)])).as('used'),
        eb.fn
          .countAll<number | string>()
          .filterWhere((f) => f.and([live(f), f('expires_at', '<=', now), f('created_at', '>', since)]))
          .as('expired'),
        eb.fn
          .countAll<number | string>()
          .filterWhere((f) => f.and([f('used_at', 'is', null), f('invalidated_at', 'is not', null), f('created_at', '>', since)]))
          .as('invalidated'),
      ])
      .executeTakeFirstOrThrow();
    const requests = await this.db.selectFrom('email_reset_requests').select(count).where('requested_at', '>', since).executeTakeFirstOrThrow();
    return {
      active: Number(row.active),
      used: Number(row.used),
      expired: Number(row.expired),
      invalidated: Number(row.invalidated),
      requestsLast30Days: Number(requests.n),
    };
  }

  async insertRequest(identifier: string, now: number): Promise<number> {
    const row = await this.db.insertInto('email_reset_requests').values({ requested_at: now, identifier }).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async pendingRequests(limit: number): Promise<{ id: number; requestedAt: number; identifier: string }[]> {
    const rows = await this.db
      .selectFrom('email_reset_requests')
      .select(['id', 'requested_at', 'identifier'])
      .where('processed_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: row.id, requestedAt: row.requested_at, identifier: row.identifier ?? '' }));
  }

  /**
   * Claims a pending request for processing (it is then processed, and its identifier forgotten). False when
   * another core processed it first: the caller writes nothing else, so one request gives one code at most.
   */
  async markRequestProcessed(id: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('email_reset_requests')
      .set({ processed_at: now, identifier: null })
      .where('id', '=', id)
      .where('processed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
