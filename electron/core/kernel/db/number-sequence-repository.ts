// Pure (Node). Numbers the database hands out (OT-2026-000123, DI-2026-000045): one atomic upsert per number,
// so two processes on one PostgreSQL (or two cores on one SQLite file) never get the same one. No in-memory
// counter: the row is the counter. Call it inside the transaction that writes the numbered row, so a rolled-back
// write gives its number back.
import { sql } from 'kysely';
import type { Executor } from './database';

export class NumberSequenceRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): NumberSequenceRepository {
    return new NumberSequenceRepository(trx);
  }

  /** The next value of `name` (1 for a new sequence). */
  async next(name: string): Promise<number> {
    const row = await this.db
      .insertInto('number_sequences')
      .values({ name, last_value: 1 })
      .onConflict((oc) => oc.column('name').doUpdateSet({ last_value: sql<number>`number_sequences.last_value + 1` }))
      .returning('last_value')
      .executeTakeFirstOrThrow();
    return Number(row.last_value);
  }
}

/** `OT-2026-000123`: prefix, year of the given instant (local time of the workstation), six digits at least. */
export function formatNumber(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}
