// Node (dev only). The magasin seed's SQL: what it reads of the plant (parts, maintainers, OTs) and its batch
// writes (stores, bins, levels, suppliers, moves, balances, average costs, reservations), multi-row INSERTs the
// caller groups in large transactions.
import { sql, type Insertable } from 'kysely';
import { engineOf, type Executor } from '../../electron/core/kernel/db/database';
import type { BinsTable, PartReservationsTable, PartStoreLevelsTable, PartSuppliersTable, StockBalancesTable, StockMovesTable, StoresTable } from '../../electron/core/kernel/db/schema';

export class SeedStockRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): SeedStockRepository {
    return new SeedStockRepository(trx);
  }

  async countStores(): Promise<number> {
    const row = await this.db.selectFrom('stores').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async partIds(): Promise<number[]> {
    return (await this.db.selectFrom('parts').select('id').where('is_active', '=', 1).orderBy('id').execute()).map((row) => Number(row.id));
  }

  async maintainerIds(): Promise<number[]> {
    return (await this.db.selectFrom('users').select('id').where('role', 'in', ['admin', 'maintenance_manager', 'technician']).orderBy('id').execute()).map((row) => Number(row.id));
  }

  async workOrders(): Promise<{ id: number; status: string }[]> {
    return (await this.db.selectFrom('work_orders').select(['id', 'status']).orderBy('id').execute()).map((row) => ({ id: Number(row.id), status: row.status }));
  }

  async insertStores(rows: Insertable<StoresTable>[]): Promise<number[]> {
    return (await this.db.insertInto('stores').values(rows).returning('id').execute()).map((row) => Number(row.id));
  }

  async insertBins(rows: Insertable<BinsTable>[]): Promise<number[]> {
    return (await this.db.insertInto('bins').values(rows).returning('id').execute()).map((row) => Number(row.id));
  }

  async insertLevels(rows: Insertable<PartStoreLevelsTable>[]): Promise<void> {
    await this.db.insertInto('part_store_levels').values(rows).onConflict((oc) => oc.columns(['part_id', 'store_id']).doNothing()).execute();
  }

  async insertSuppliers(rows: Insertable<PartSuppliersTable>[]): Promise<void> {
    await this.db.insertInto('part_suppliers').values(rows).execute();
  }

  async insertMoves(rows: Insertable<StockMovesTable>[]): Promise<void> {
    await this.db.insertInto('stock_moves').values(rows).execute();
  }

  async insertBalances(rows: Insertable<StockBalancesTable>[]): Promise<void> {
    await this.db.insertInto('stock_balances').values(rows).execute();
  }

  async insertReservations(rows: Insertable<PartReservationsTable>[]): Promise<void> {
    await this.db.insertInto('part_reservations').values(rows).onConflict((oc) => oc.columns(['work_order_id', 'part_id', 'store_id']).doNothing()).execute();
  }

  async setAverageCost(partId: number, avgCostCents: number, at: number): Promise<void> {
    await this.db.updateTable('parts').set({ avg_cost_cents: avgCostCents, updated_at: at }).where('id', '=', partId).execute();
  }

  /**
   * PostgreSQL: fresh statistics after the bulk load, as autovacuum would give them a little later, so the planner
   * does not plan the first lookups for empty tables. SQLite plans without them.
   */
  async analyze(): Promise<void> {
    if (engineOf(this.db) !== 'postgres') return;
    await sql`ANALYZE stock_moves, stock_balances, part_reservations, part_store_levels, part_suppliers, bins, stores, parts`.execute(this.db);
  }

  /** Balances that differ from the sum of their moves (the seed test wants none). */
  async balancesNotSums(): Promise<number> {
    const rows = await this.db
      .selectFrom('stock_balances as b')
      .leftJoin(
        (eb) => eb.selectFrom('stock_moves').select(['part_id', 'bin_id', (e) => e.fn.sum<number>('quantity_milli').as('total')]).groupBy(['part_id', 'bin_id']).as('m'),
        (join) => join.onRef('m.part_id', '=', 'b.part_id').onRef('m.bin_id', '=', 'b.bin_id'),
      )
      .select(['b.quantity_milli', 'm.total'])
      .execute();
    return rows.filter((row) => Number(row.quantity_milli) !== Number(row.total ?? 0)).length;
  }
}
