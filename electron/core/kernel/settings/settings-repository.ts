// Pure (Node). Key/value settings stored as JSON.
import type { Db } from '../db/open-database';

export class SettingsRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      get: db.prepare('SELECT value FROM settings WHERE key = ?'),
      upsert: db.prepare(`
        INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
    };
  }

  get<T>(key: string): T | undefined {
    const row = this.statements.get.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown, now: number): void {
    this.statements.upsert.run(key, JSON.stringify(value), now);
  }
}
