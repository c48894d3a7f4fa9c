// Pure (Node). The stock ledger's SQL: one move and its stored balance, written by the caller in one transaction.
// The balance moves by an atomic conditional UPDATE (the row is created first with ON CONFLICT DO NOTHING), so
// two PCs issuing the last unit at once can't both succeed: the second UPDATE re-reads the committed row (row
// lock on PostgreSQL, one writer on SQLite) and matches nothing. A move is never updated nor deleted here.
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { StockMovesTable } from '../kernel/db/schema';

export type NewMove = Insertable<StockMovesTable>;

export interface MoveRow {
  id: number;
  part_id: number;
  bin_id: number;
  kind: StockMovesTable['kind'];
  quantity_milli: number;
  unit_cost_cents: number;
  value_cents: number;
  work_order_id: number | null;
  reversal_of_id: number | null;
  transfer_group: string | null;
  inventory_count_id: number | null;
  at: number;
}

export class StockLedgerRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): StockLedgerRepository {
    return new StockLedgerRepository(trx);
  }

  /**
   * Moves the stored balance of (part, bin) by `delta` unless it would go below zero (and negative stock is not
   * allowed). Answers false when refused: the caller throws, so its transaction writes nothing.
   */
  async moveBalance(partId: number, binId: number, delta: number, allowNegative: boolean, at: number): Promise<boolean> {
    await this.db
      .insertInto('stock_balances')
      .values({ part_id: partId, bin_id: binId, quantity_milli: 0, updated_at: at })
      .onConflict((oc) => oc.columns(['part_id', 'bin_id']).doNothing())
      .execute();
    let update = this.db
      .updateTable('stock_balances')
      .set({ quantity_milli: sql<number>`quantity_milli + ${delta}`, updated_at: at })
      .where('part_id', '=', partId)
      .where('bin_id', '=', binId);
    if (!allowNegative) update = update.where(sql<boolean>`quantity_milli + ${delta} >= 0`);
    const result = await update.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertMove(move: NewMove): Promise<number> {
    const row = await this.db.insertInto('stock_moves').values(move).returning('id').executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /**
   * Takes the part's row lock (PostgreSQL) before its average cost is read and rewritten, so two receipts of the
   * same part on two PCs compute one after the other from the stored totals. A no-op write on SQLite (one writer).
   */
  async lockPart(partId: number): Promise<{ avgCostCents: number } | undefined> {
    const row = await this.db
      .updateTable('parts')
      .set({ avg_cost_cents: sql<number>`avg_cost_cents` })
      .where('id', '=', partId)
      .returning('avg_cost_cents')
      .executeTakeFirst();
    return row ? { avgCostCents: Number(row.avg_cost_cents) } : undefined;
  }

  /** The part's stock across every bin (the weighted average is over the whole stock). */
  async totalOfPart(partId: number): Promise<number> {
    const row = await this.db
      .selectFrom('stock_balances')
      .select((eb) => eb.fn.sum<number>('quantity_milli').as('total'))
      .where('part_id', '=', partId)
      .executeTakeFirst();
    return Number(row?.total ?? 0);
  }

  async setAverageCost(partId: number, avgCostCents: number, at: number): Promise<void> {
    await this.db.updateTable('parts').set({ avg_cost_cents: avgCostCents, updated_at: at }).where('id', '=', partId).execute();
  }

  async balance(partId: number, binId: number): Promise<number> {
    const row = await this.db.selectFrom('stock_balances').select('quantity_milli').where('part_id', '=', partId).where('bin_id', '=', binId).executeTakeFirst();
    return Number(row?.quantity_milli ?? 0);
  }

  /** Takes the balance row's lock (PostgreSQL) so what is read next stays true until commit (inventory apply). */
  async lockBalance(partId: number, binId: number): Promise<number> {
    const row = await this.db
      .updateTable('stock_balances')
      .set({ quantity_milli: sql<number>`quantity_milli` })
      .where('part_id', '=', partId)
      .where('bin_id', '=', binId)
      .returning('quantity_milli')
      .executeTakeFirst();
    return Number(row?.quantity_milli ?? 0);
  }

  findMove(id: number): Promise<MoveRow | undefined> {
    return this.db
      .selectFrom('stock_moves')
      .select(['id', 'part_id', 'bin_id', 'kind', 'quantity_milli', 'unit_cost_cents', 'value_cents', 'work_order_id', 'reversal_of_id', 'transfer_group', 'inventory_count_id', 'at'])
      .where('id', '=', id)
      .executeTakeFirst()
      .then((row) => (row ? normalizeMove(row) : undefined));
  }

  async movesOfGroup(group: string): Promise<MoveRow[]> {
    const rows = await this.db
      .selectFrom('stock_moves')
      .select(['id', 'part_id', 'bin_id', 'kind', 'quantity_milli', 'unit_cost_cents', 'value_cents', 'work_order_id', 'reversal_of_id', 'transfer_group', 'inventory_count_id', 'at'])
      .where('transfer_group', '=', group)
      .where('kind', 'in', ['transfer_out', 'transfer_in'])
      .orderBy('id')
      .execute();
    return rows.map(normalizeMove);
  }

  async isReversed(moveId: number): Promise<boolean> {
    const row = await this.db.selectFrom('stock_moves').select('id').where('reversal_of_id', '=', moveId).executeTakeFirst();
    return row !== undefined;
  }

  /** Net issued quantity and value of a part on an OT (issues − returns, reversals included). */
  async netOnWorkOrder(workOrderId: number, partId: number): Promise<{ quantityMilli: number; valueCents: number }> {
    const row = await this.db
      .selectFrom('stock_moves')
      .select((eb) => [eb.fn.sum<number>('quantity_milli').as('q'), eb.fn.sum<number>('value_cents').as('v')])
      .where('work_order_id', '=', workOrderId)
      .where('part_id', '=', partId)
      .where('kind', 'in', ['issue', 'return', 'reversal'])
      .executeTakeFirst();
    // Issues are negative quantities into the bin: the OT holds the opposite.
    return { quantityMilli: -Number(row?.q ?? 0), valueCents: -Number(row?.v ?? 0) };
  }
}

function normalizeMove(row: MoveRow): MoveRow {
  return {
    ...row,
    id: Number(row.id),
    part_id: Number(row.part_id),
    bin_id: Number(row.bin_id),
    quantity_milli: Number(row.quantity_milli),
    unit_cost_cents: Number(row.unit_cost_cents),
    value_cents: Number(row.value_cents),
    work_order_id: row.work_order_id === null ? null : Number(row.work_order_id),
    reversal_of_id: row.reversal_of_id === null ? null : Number(row.reversal_of_id),
    inventory_count_id: row.inventory_count_id === null ? null : Number(row.inventory_count_id),
    at: Number(row.at),
  };
}
