// Pure (Node). All SQL about form drafts (table `drafts`, one row per user and form). Every statement is keyed
// by the user id: there is no way to read or delete a draft without saying whose it is.
import type { Draft } from '../../../shared/contract';
import type { Db } from '../kernel/db/open-database';

export interface DraftRecord {
  formKey: string;
  /** The form's fields as JSON text, exactly as stored. */
  data: string;
  savedAt: number;
}

interface DraftRow {
  form_key: string;
  data: string;
  saved_at: number;
}

export class DraftsRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      upsert: db.prepare(`
        INSERT INTO drafts (user_id, form_key, data, saved_at, expires_at)
        VALUES (@userId, @formKey, @data, @savedAt, @expiresAt)
        ON CONFLICT (user_id, form_key) DO UPDATE SET
          data = excluded.data, saved_at = excluded.saved_at, expires_at = excluded.expires_at`),
      get: db.prepare('SELECT form_key, data, saved_at FROM drafts WHERE user_id = ? AND form_key = ? AND expires_at > ?'),
      list: db.prepare(
        'SELECT form_key, saved_at FROM drafts WHERE user_id = ? AND expires_at > ? ORDER BY saved_at DESC, form_key ASC',
      ),
      delete: db.prepare('DELETE FROM drafts WHERE user_id = ? AND form_key = ?'),
      // Keeps the user's `keep` newest drafts (ties broken by form key, as `list` orders them).
      trim: db.prepare(`
        DELETE FROM drafts WHERE user_id = @userId AND form_key NOT IN (
          SELECT form_key FROM drafts WHERE user_id = @userId ORDER BY saved_at DESC, form_key ASC LIMIT @keep)`),
      purge: db.prepare('DELETE FROM drafts WHERE expires_at <= ?'),
    };
  }

  /** Inserts or replaces the user's draft of that form, then drops their oldest drafts beyond `keep`. */
  save(userId: number, draft: DraftRecord & { expiresAt: number }, keep: number): void {
    this.db.transaction(() => {
      this.statements.upsert.run({ userId, ...draft });
      this.statements.trim.run({ userId, keep });
    })();
  }

  /** The user's draft of that form, unless it expired at or before `now`. */
  find(userId: number, formKey: string, now: number): DraftRecord | null {
    const row = this.statements.get.get(userId, formKey, now) as DraftRow | undefined;
    return row ? { formKey: row.form_key, data: row.data, savedAt: row.saved_at } : null;
  }

  /** The user's unexpired drafts, newest first, without their data. */
  list(userId: number, now: number): Omit<Draft, 'data'>[] {
    const rows = this.statements.list.all(userId, now) as Omit<DraftRow, 'data'>[];
    return rows.map((row) => ({ formKey: row.form_key, savedAt: row.saved_at }));
  }

  delete(userId: number, formKey: string): void {
    this.statements.delete.run(userId, formKey);
  }

  /** Deletes every user's drafts that expired at or before `now`; returns how many. */
  purgeExpired(now: number): number {
    return this.statements.purge.run(now).changes;
  }
}
