// Pure (Node). All SQL about IT's one-time recovery codes for an administrator (table `recovery_codes`).
import type { Db } from '../kernel/db/open-database';

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

interface RecoveryCodeRow {
  id: number;
  user_id: number;
  code_hash: string;
  issued_at: number;
  expires_at: number;
  used_at: number | null;
  cancelled_at: number | null;
  failed_attempts: number;
}

const toRecord = (row: RecoveryCodeRow): RecoveryCodeRecord => ({
  id: row.id,
  userId: row.user_id,
  codeHash: row.code_hash,
  issuedAt: row.issued_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  cancelledAt: row.cancelled_at,
  failedAttempts: row.failed_attempts,
});

const OPEN = 'used_at IS NULL AND cancelled_at IS NULL';

export class RecoveryCodesRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      insert: db.prepare('INSERT INTO recovery_codes (user_id, code_hash, issued_at, expires_at) VALUES (?, ?, ?, ?)'),
      cancelOpen: db.prepare(`UPDATE recovery_codes SET cancelled_at = ? WHERE user_id = ? AND ${OPEN}`),
      recentForUser: db.prepare('SELECT * FROM recovery_codes WHERE user_id = ? ORDER BY issued_at DESC, id DESC LIMIT ?'),
      openForUser: db.prepare(`SELECT * FROM recovery_codes WHERE user_id = ? AND ${OPEN} AND expires_at > ? ORDER BY id DESC`),
      markUsed: db.prepare(`UPDATE recovery_codes SET used_at = ? WHERE id = ? AND ${OPEN}`),
      cancel: db.prepare(`UPDATE recovery_codes SET cancelled_at = ? WHERE id = ? AND ${OPEN}`),
      failedAttempt: db.prepare(`UPDATE recovery_codes SET failed_attempts = failed_attempts + 1 WHERE id = ? AND ${OPEN} RETURNING failed_attempts`),
    };
  }

  insert(userId: number, codeHash: string, issuedAt: number, expiresAt: number): number {
    return Number(this.statements.insert.run(userId, codeHash, issuedAt, expiresAt).lastInsertRowid);
  }

  /** Unused codes of the user stop working (a new code replaces them, or the password changed another way). */
  cancelOpenForUser(userId: number, now: number): number {
    return this.statements.cancelOpen.run(now, userId).changes;
  }

  listRecentForUser(userId: number, limit: number): RecoveryCodeRecord[] {
    return (this.statements.recentForUser.all(userId, limit) as RecoveryCodeRow[]).map(toRecord);
  }

  /** Codes that could still be used now (not used, not cancelled, not expired). */
  listOpenForUser(userId: number, now: number): RecoveryCodeRecord[] {
    return (this.statements.openForUser.all(userId, now) as RecoveryCodeRow[]).map(toRecord);
  }

  markUsed(id: number, now: number): boolean {
    return this.statements.markUsed.run(now, id).changes === 1;
  }

  cancel(id: number, now: number): boolean {
    return this.statements.cancel.run(now, id).changes === 1;
  }

  recordFailedAttempt(id: number): number | null {
    const row = this.statements.failedAttempt.get(id) as { failed_attempts: number } | undefined;
    return row?.failed_attempts ?? null;
  }
}
