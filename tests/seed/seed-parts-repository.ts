// Node (dev only). SQL of the parts seed: how many parts exist, every equipment id (for where-used links), and the
// multi-row INSERTs of parts, suppliers and part_equipment inside the caller's transaction.
import type { Insertable } from 'kysely';
import type { Executor } from '../../electron/core/kernel/db/database';
import type { PartEquipmentTable, PartSuppliersTable, PartsTable } from '../../electron/core/kernel/db/schema';

export class SeedPartsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): SeedPartsRepository {
    return new SeedPartsRepository(trx);
  }

  async countParts(): Promise<number> {
    const row = await this.db.selectFrom('parts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async equipmentIds(): Promise<number[]> {
    const rows = await this.db.selectFrom('equipment').select('id').orderBy('id').execute();
    return rows.map((row) => Number(row.id));
  }

  async insertParts(rows: Insertable<PartsTable>[]): Promise<{ id: number; code: string }[]> {
    const inserted = await this.db.insertInto('parts').values(rows).returning(['id', 'code']).execute();
    return inserted.map((row) => ({ id: Number(row.id), code: row.code }));
  }

  async insertSuppliers(rows: Insertable<PartSuppliersTable>[]): Promise<void> {
    await this.db.insertInto('part_suppliers').values(rows).execute();
  }

  async insertWhereUsed(rows: Insertable<PartEquipmentTable>[]): Promise<void> {
    await this.db.insertInto('part_equipment').values(rows).onConflict((oc) => oc.columns(['part_id', 'equipment_id']).doNothing()).execute();
  }

  async countSuppliers(): Promise<number> {
    const row = await this.db.selectFrom('part_suppliers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countWhereUsed(): Promise<number> {
    const row = await this.db.selectFrom('part_equipment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
