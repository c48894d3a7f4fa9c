// Node (tests only). Writes the stock tables the `stock` helper owns (stores, bins, balances, min/max, and an OT
// with its reservations) straight into the database, so the parts catalog's tests can prove the stock and
// available figures it reads. Never used by the application: the stock domain writes these through its ledger.
import type { Executor } from '../../electron/core/kernel/db/database';

export class PartsStockFixturesRepository {
  constructor(private readonly db: Executor) {}

  async store(code: string, name: string, at: number): Promise<number> {
    const row = await this.db.insertInto('stores').values({ code, name, location_id: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async bin(storeId: number, code: string, label: string | null, at: number): Promise<number> {
    const row = await this.db.insertInto('bins').values({ store_id: storeId, code, label, created_at: at }).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async balance(partId: number, binId: number, quantityMilli: number, at: number): Promise<void> {
    await this.db.insertInto('stock_balances').values({ part_id: partId, bin_id: binId, quantity_milli: quantityMilli, updated_at: at }).execute();
  }

  async level(partId: number, storeId: number, minMilli: number, maxMilli: number | null): Promise<void> {
    await this.db.insertInto('part_store_levels').values({ part_id: partId, store_id: storeId, min_milli: minMilli, max_milli: maxMilli }).execute();
  }

  /** A bare OT on an equipment (only its id matters to a reservation). */
  async workOrder(equipmentId: number, number: string, at: number): Promise<number> {
    const row = await this.db
      .insertInto('work_orders')
      .values({ number, type: 'corrective', priority: 2, equipment_id: equipmentId, location_id: null, title: 'OT de test', search_text: number.toLowerCase(), created_at: at, updated_at: at } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async reservation(workOrderId: number, partId: number, storeId: number, quantityMilli: number, issuedMilli: number, status: 'open' | 'released', at: number): Promise<void> {
    await this.db
      .insertInto('part_reservations')
      .values({ work_order_id: workOrderId, part_id: partId, store_id: storeId, quantity_milli: quantityMilli, issued_milli: issuedMilli, status, created_by: null, created_at: at, updated_at: at })
      .execute();
  }
}
