// Pure (Node). The localisations table (site → zone → ligne): SQL only here. The tree is small (a plant has tens
// to hundreds of places), so callers load it whole and walk it in code.
import type { Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { LocationsTable } from '../kernel/db/schema';

export type LocationRow = Selectable<LocationsTable>;

export class LocationsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): LocationsRepository {
    return new LocationsRepository(trx);
  }

  async all(): Promise<LocationRow[]> {
    const rows = await this.db.selectFrom('locations').selectAll().orderBy('code').execute();
    return rows.map((row) => ({ ...row, id: Number(row.id), parent_id: row.parent_id === null ? null : Number(row.parent_id) }));
  }

  findById(id: number): Promise<LocationRow | undefined> {
    return this.db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Whatever the case (the column's collation). */
  findByCode(code: string): Promise<LocationRow | undefined> {
    return this.db.selectFrom('locations').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async insert(values: Omit<LocationRow, 'id'>): Promise<number> {
    const row = await this.db.insertInto('locations').values(values).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async rename(id: number, code: string, name: string, at: number): Promise<boolean> {
    const result = await this.db.updateTable('locations').set({ code, name, updated_at: at }).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
