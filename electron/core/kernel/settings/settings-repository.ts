// Pure (Node). Key/value settings stored as JSON, on either engine.
import type { Executor } from '../db/database';

export class SettingsRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): SettingsRepository {
    return new SettingsRepository(trx);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async set(key: string, value: unknown, now: number): Promise<void> {
    const text = JSON.stringify(value);
    await this.db
      .insertInto('settings')
      .values({ key, value: text, updated_at: now })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: text, updated_at: now }))
      .execute();
  }
}
