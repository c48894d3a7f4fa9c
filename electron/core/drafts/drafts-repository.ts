// Pure (Node). All SQL about form drafts (table `drafts`, one row per user and form), on either engine through
// Kysely. Every statement is keyed by the user id: there is no way to read or delete a draft without saying whose.
import type { Draft } from '../../../shared/contract';
import type { Executor } from '../kernel/db/database';

export interface DraftRecord {
  formKey: string;
  /** The form's fields as JSON text, exactly as stored. */
  data: string;
  savedAt: number;
}

export class DraftsRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): DraftsRepository {
    return new DraftsRepository(trx);
  }

  /**
   * Inserts or replaces the user's draft of that form, then drops their oldest drafts beyond `keep`. Two
   * statements: call it inside a transaction (`in(trx)`) so nobody sees the user over the cap in between.
   */
  async save(userId: number, draft: DraftRecord & { expiresAt: number }, keep: number): Promise<void> {
    await this.db
      .insertInto('drafts')
      .values({ user_id: userId, form_key: draft.formKey, data: draft.data, saved_at: draft.savedAt, expires_at: draft.expiresAt })
      .onConflict((oc) =>
        oc.columns(['user_id', 'form_key']).doUpdateSet((eb) => ({
          data: eb.ref('excluded.data'),
          saved_at: eb.ref('excluded.saved_at'),
          expires_at: eb.ref('excluded.expires_at'),
        })),
      )
      .execute();
    // Keeps the user's `keep` newest drafts (ties broken by form key, as `list` orders them).
    await this.db
      .deleteFrom('drafts')
      .where('user_id', '=', userId)
      .where('form_key', 'not in', (eb) =>
        eb.selectFrom('drafts').select('form_key').where('user_id', '=', userId).orderBy('saved_at', 'desc').orderBy('form_key', 'asc').limit(keep),
      )
      .execute();
  }

  /** The user's draft of that form, unless it expired at or before `now`. */
  async find(userId: number, formKey: string, now: number): Promise<DraftRecord | null> {
    const row = await this.db
      .selectFrom('drafts')
      .select(['form_key', 'data', 'saved_at'])
      .where('user_id', '=', userId)
      .where('form_key', '=', formKey)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ? { formKey: row.form_key, data: row.data, savedAt: row.saved_at } : null;
  }

  /** The user's unexpired drafts, newest first, without their data. */
  async list(userId: number, now: number): Promise<Omit<Draft, 'data'>[]> {
    const rows = await this.db
      .selectFrom('drafts')
      .select(['form_key', 'saved_at'])
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .orderBy('saved_at', 'desc')
      .orderBy('form_key', 'asc')
      .execute();
    return rows.map((row) => ({ formKey: row.form_key, savedAt: row.saved_at }));
  }

  async delete(userId: number, formKey: string): Promise<void> {
    await this.db.deleteFrom('drafts').where('user_id', '=', userId).where('form_key', '=', formKey).execute();
  }

  /** Deletes every user's drafts that expired at or before `now`; returns how many. */
  async purgeExpired(now: number): Promise<number> {
    const result = await this.db.deleteFrom('drafts').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
