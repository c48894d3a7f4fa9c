// Pure (Node). All SQL about login throttles (table `login_throttle`, one row per key, lower-cased: an account's
// username for every name that designates it, or an unknown name as typed; see LoginThrottle.keyFor).
import type { Db } from '../kernel/db/open-database';

export interface ThrottleRecord {
  identifier: string;
  consecutiveFailures: number;
  lastFailureAt: number;
  blockedUntil: number | null;
  /** Waits this streak has caused so far: the next wait is base × 2^blockCount. */
  blockCount: number;
}

interface ThrottleRow {
  identifier: string;
  consecutive_failures: number;
  last_failure_at: number;
  blocked_until: number | null;
  block_count: number;
}

const toRecord = (row: ThrottleRow): ThrottleRecord => ({
  identifier: row.identifier,
  consecutiveFailures: row.consecutive_failures,
  lastFailureAt: row.last_failure_at,
  blockedUntil: row.blocked_until,
  blockCount: row.block_count,
});

export class ThrottleRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      get: db.prepare('SELECT * FROM login_throttle WHERE identifier = ?'),
      upsert: db.prepare(`
        INSERT INTO login_throttle (identifier, consecutive_failures, last_failure_at, blocked_until, block_count)
        VALUES (@identifier, @consecutiveFailures, @lastFailureAt, @blockedUntil, @blockCount)
        ON CONFLICT (identifier) DO UPDATE SET
          consecutive_failures = excluded.consecutive_failures,
          last_failure_at = excluded.last_failure_at,
          blocked_until = excluded.blocked_until,
          block_count = excluded.block_count`),
      delete: db.prepare('DELETE FROM login_throttle WHERE identifier = ?'),
      // A row counts while its wait runs or its streak is younger than the reset period.
      listActive: db.prepare(`
        SELECT * FROM login_throttle WHERE blocked_until > @now OR last_failure_at > @staleBefore
        ORDER BY last_failure_at DESC, identifier`),
      deleteStale: db.prepare(`
        DELETE FROM login_throttle
        WHERE last_failure_at <= @staleBefore AND (blocked_until IS NULL OR blocked_until <= @now)`),
      // Same rule as UsersRepository.findByLogin ("@" means email); the columns are COLLATE NOCASE.
      userIdByUsername: db.prepare('SELECT id FROM users WHERE username = ?'),
      userIdByEmail: db.prepare('SELECT id FROM users WHERE email = ?'),
      usernameByUsername: db.prepare('SELECT username FROM users WHERE username = ?'),
      usernameByEmail: db.prepare('SELECT username FROM users WHERE email = ?'),
    };
  }

  get(identifier: string): ThrottleRecord | null {
    const row = this.statements.get.get(identifier) as ThrottleRow | undefined;
    return row ? toRecord(row) : null;
  }

  save(record: ThrottleRecord): void {
    this.statements.upsert.run(record);
  }

  /** True when a row was there. */
  delete(identifier: string): boolean {
    return this.statements.delete.run(identifier).changes > 0;
  }

  listActive(now: number, staleBefore: number): ThrottleRecord[] {
    return (this.statements.listActive.all({ now, staleBefore }) as ThrottleRow[]).map(toRecord);
  }

  /** Names typed once and never again would otherwise pile up forever. */
  deleteStale(now: number, staleBefore: number): void {
    this.statements.deleteStale.run({ now, staleBefore });
  }

  /**
   * The username of the account a typed name designates (by username or email, any case), or null. One indexed
   * lookup whether or not the account exists: the login's cost must not depend on it.
   */
  findUsername(identifier: string): string | null {
    const statement = identifier.includes('@') ? this.statements.usernameByEmail : this.statements.usernameByUsername;
    const row = statement.get(identifier) as { username: string } | undefined;
    return row?.username ?? null;
  }

  /** The account a typed name designates, for the audit log only. */
  findUserId(identifier: string): number | null {
    const statement = identifier.includes('@') ? this.statements.userIdByEmail : this.statements.userIdByUsername;
    const row = statement.get(identifier) as { id: number } | undefined;
    return row?.id ?? null;
  }
}
