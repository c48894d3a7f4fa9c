// Pure (Node). All SQL about attempts on the public reset channels (table `reset_attempts`), which the
// reset throttle counts in a sliding window. Kept in the database so restarting the app resets nothing.
import type { Db } from '../kernel/db/open-database';

export class ResetAttemptsRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      insert: db.prepare('INSERT INTO reset_attempts (scope, attempt_key, attempted_at) VALUES (?, ?, ?)'),
      window: db.prepare(`
        SELECT COUNT(*) AS n, MIN(attempted_at) AS oldest FROM reset_attempts
        WHERE scope = ? AND attempt_key = ? AND attempted_at > ?`),
      purge: db.prepare('DELETE FROM reset_attempts WHERE attempted_at <= ?'),
    };
  }

  record(scope: string, key: string, at: number): void {
    this.statements.insert.run(scope, key, at);
  }

  /** Attempts after `since`, and the oldest of them (when the window frees a slot). */
  countSince(scope: string, key: string, since: number): { count: number; oldest: number | null } {
    const row = this.statements.window.get(scope, key, since) as { n: number; oldest: number | null };
    return { count: row.n, oldest: row.oldest };
  }

  purgeBefore(before: number): void {
    this.statements.purge.run(before);
  }
}
