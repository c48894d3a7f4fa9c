// Pure (Node). All SQL about one-time codes (table `reset_tokens`) and "Mot de passe oublié" requests
// (table `email_reset_requests`). Only SHA-256 hashes of codes and tokens are ever stored.
import type { ResetTokenStats } from '../../../shared/contract';
import type { Db } from '../kernel/db/open-database';

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

interface ResetTokenRow {
  id: number;
  user_id: number;
  purpose: TokenPurpose;
  code_hash: string;
  code_salt: string;
  token_hash: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  invalidated_at: number | null;
  invalidated_reason: InvalidatedReason | null;
  failed_attempts: number;
}

const toRecord = (row: ResetTokenRow): ResetTokenRecord => ({
  id: row.id,
  userId: row.user_id,
  purpose: row.purpose,
  codeHash: row.code_hash,
  codeSalt: row.code_salt,
  tokenHash: row.token_hash,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  invalidatedAt: row.invalidated_at,
  invalidatedReason: row.invalidated_reason,
  failedAttempts: row.failed_attempts,
});

const LIVE = 'used_at IS NULL AND invalidated_at IS NULL';

export class ResetTokenRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare(`
        INSERT INTO reset_tokens (user_id, purpose, code_hash, code_salt, token_hash, created_at, expires_at)
        VALUES (@userId, @purpose, @codeHash, @codeSalt, @tokenHash, @createdAt, @expiresAt)`),
      byId: db.prepare('SELECT * FROM reset_tokens WHERE id = ?'),
      byTokenHash: db.prepare('SELECT * FROM reset_tokens WHERE token_hash = ?'),
      // Newest first; purged rows (no hashes) can't match anything and are left out.
      recentForUser: db.prepare(`
        SELECT * FROM reset_tokens WHERE user_id = ? AND code_hash IS NOT NULL AND created_at > ? ORDER BY created_at DESC, id DESC LIMIT 10`),
      invalidatePurpose: db.prepare(`
        UPDATE reset_tokens SET invalidated_at = @now, invalidated_reason = @reason
        WHERE user_id = @userId AND purpose = @purpose AND ${LIVE} AND id <> @exceptId`),
      invalidateAll: db.prepare(`
        UPDATE reset_tokens SET invalidated_at = @now, invalidated_reason = @reason
        WHERE user_id = @userId AND ${LIVE} AND id <> @exceptId`),
      failedAttempt: db.prepare(`
        UPDATE reset_tokens SET failed_attempts = failed_attempts + 1,
          invalidated_at = CASE WHEN failed_attempts + 1 >= @max THEN @now ELSE invalidated_at END,
          invalidated_reason = CASE WHEN failed_attempts + 1 >= @max THEN 'too_many_attempts' ELSE invalidated_reason END
        WHERE id = @id AND ${LIVE}`),
      claim: db.prepare(`UPDATE reset_tokens SET used_at = @now WHERE id = @id AND ${LIVE} AND expires_at > @now`),
      unclaim: db.prepare('UPDATE reset_tokens SET used_at = NULL WHERE id = @id AND used_at = @usedAt AND invalidated_at IS NULL'),
      countIssued: db.prepare('SELECT COUNT(*) AS n FROM reset_tokens WHERE user_id = ? AND purpose = ? AND created_at > ?'),
      hasLive: db.prepare(`SELECT COUNT(*) AS n FROM reset_tokens WHERE user_id = ? AND purpose = ? AND ${LIVE} AND expires_at > ?`),
      // The hashes of finished codes are erased after a grace period (so "déjà utilisé" / "expiré" can still be
      // told for a day); the rows themselves are kept 30 days for the statistics.
      eraseHashes: db.prepare(`
        UPDATE reset_tokens SET code_hash = NULL, code_salt = NULL, token_hash = NULL
        WHERE code_hash IS NOT NULL AND (used_at <= @before OR invalidated_at <= @before OR expires_at <= @before)`),
      deleteOld: db.prepare('DELETE FROM reset_tokens WHERE created_at <= ? AND (used_at IS NOT NULL OR invalidated_at IS NOT NULL OR expires_at <= ?)'),
      stats: db.prepare(`
        SELECT
          SUM(CASE WHEN ${LIVE} AND expires_at > @now THEN 1 ELSE 0 END) AS active,
          SUM(CASE WHEN used_at IS NOT NULL AND created_at > @since THEN 1 ELSE 0 END) AS used,
          SUM(CASE WHEN ${LIVE} AND expires_at <= @now AND created_at > @since THEN 1 ELSE 0 END) AS expired,
          SUM(CASE WHEN used_at IS NULL AND invalidated_at IS NOT NULL AND created_at > @since THEN 1 ELSE 0 END) AS invalidated
        FROM reset_tokens`),
      insertRequest: db.prepare('INSERT INTO email_reset_requests (requested_at, identifier) VALUES (?, ?)'),
      pendingRequests: db.prepare('SELECT id, requested_at, identifier FROM email_reset_requests WHERE processed_at IS NULL ORDER BY id LIMIT ?'),
      markProcessed: db.prepare('UPDATE email_reset_requests SET processed_at = ?, identifier = NULL WHERE id = ?'),
      countRequests: db.prepare('SELECT COUNT(*) AS n FROM email_reset_requests WHERE requested_at > ?'),
      deleteRequests: db.prepare('DELETE FROM email_reset_requests WHERE requested_at <= ? AND processed_at IS NOT NULL'),
    };
  }

  insert(token: NewResetToken): number {
    return Number(this.statements.insert.run(token).lastInsertRowid);
  }

  findById(id: number): ResetTokenRecord | null {
    const row = this.statements.byId.get(id) as ResetTokenRow | undefined;
    return row ? toRecord(row) : null;
  }

  findByTokenHash(tokenHash: string): ResetTokenRecord | null {
    const row = this.statements.byTokenHash.get(tokenHash) as ResetTokenRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The user's codes created after `since` that still have their hashes, newest first (at most 10). */
  recentForUser(userId: number, since: number): ResetTokenRecord[] {
    return (this.statements.recentForUser.all(userId, since) as ResetTokenRow[]).map(toRecord);
  }

  /** Invalidates the user's live codes of one purpose, or of every purpose when `purpose` is null. */
  invalidateForUser(userId: number, purpose: TokenPurpose | null, reason: InvalidatedReason, now: number, exceptId = 0): number {
    const params = { userId, purpose, reason, now, exceptId };
    return (purpose ? this.statements.invalidatePurpose : this.statements.invalidateAll).run(params).changes;
  }

  /** One more wrong code against a live token; at `max` the token dies. */
  recordFailedAttempt(id: number, max: number, now: number): void {
    this.statements.failedAttempt.run({ id, max, now });
  }

  /** Marks a live, unexpired token used. False if someone else used it first, or it died meanwhile. */
  claim(id: number, now: number): boolean {
    return this.statements.claim.run({ id, now }).changes === 1;
  }

  /** Gives a claimed token back (the new password was refused): only if nothing else happened to it. */
  unclaim(id: number, usedAt: number): void {
    this.statements.unclaim.run({ id, usedAt });
  }

  countIssuedSince(userId: number, purpose: TokenPurpose, since: number): number {
    return (this.statements.countIssued.get(userId, purpose, since) as { n: number }).n;
  }

  hasLive(userId: number, purpose: TokenPurpose, now: number): boolean {
    return (this.statements.hasLive.get(userId, purpose, now) as { n: number }).n > 0;
  }

  purge(now: number, hashGraceBefore: number, deleteBefore: number): void {
    this.db.transaction(() => {
      this.statements.eraseHashes.run({ before: hashGraceBefore });
      this.statements.deleteOld.run(deleteBefore, now);
      this.statements.deleteRequests.run(deleteBefore);
    })();
  }

  stats(now: number, since: number): ResetTokenStats {
    const row = this.statements.stats.get({ now, since }) as Record<'active' | 'used' | 'expired' | 'invalidated', number | null>;
    return {
      active: row.active ?? 0,
      used: row.used ?? 0,
      expired: row.expired ?? 0,
      invalidated: row.invalidated ?? 0,
      requestsLast30Days: (this.statements.countRequests.get(since) as { n: number }).n,
    };
  }

  insertRequest(identifier: string, now: number): number {
    return Number(this.statements.insertRequest.run(now, identifier).lastInsertRowid);
  }

  pendingRequests(limit: number): { id: number; requestedAt: number; identifier: string }[] {
    const rows = this.statements.pendingRequests.all(limit) as { id: number; requested_at: number; identifier: string }[];
    return rows.map((row) => ({ id: row.id, requestedAt: row.requested_at, identifier: row.identifier }));
  }

  markRequestProcessed(id: number, now: number): void {
    this.statements.markProcessed.run(now, id);
  }
}
