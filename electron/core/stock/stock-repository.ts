// Pure (Node). The magasin's SQL besides the ledger's writes: stores, bins, min/max, reservations on OTs, the
// balances with what is available (stock − open reservations), the moves journal (keyset, newest first), the
// reorder list and inventory counts. A reservation counts only while its OT is open, whatever its row says, so an
// OT finished on another PC frees its parts at once; the rows are then marked released by `releaseFinished`.
import { sql } from 'kysely';
import type { Executor } from '../kernel/db/database';
import { foldText } from '../kernel/db/text-search';

const CLOSED_STATUSES = ['done', 'closed', 'cancelled'] as const;

const n = (value: unknown): number => Number(value ?? 0);
const nOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export interface BalanceRow {
  partId: number;
  partCode: string;
  designation: string;
  unit: string;
  avgCostCents: number;
  storeId: number;
  storeCode: string;
  storeName: string;
  binId: number;
  binCode: string;
  quantityMilli: number;
}

export interface MoveListRow {
  id: number;
  at: number;
  kind: string;
  partId: number;
  partCode: string;
  designation: string;
  unit: string;
  binId: number;
  binCode: string;
  storeCode: string;
  quantityMilli: number;
  unitCostCents: number;
  valueCents: number;
  workOrderId: number | null;
  workOrderNumber: string | null;
  reversalOfId: number | null;
  reversedById: number | null;
  transferGroup: string | null;
  inventoryCountId: number | null;
  reason: string | null;
  supplier: string | null;
  documentRef: string | null;
  user: string | null;
  workstation: string;
}

export interface MovesFilter {
  partId?: number | null;
  kind?: string | null;
  from?: number | null;
  to?: number | null;
  workOrderId?: number | null;
  beforeId?: number | null;
  limit: number;
}

export class StockRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): StockRepository {
    return new StockRepository(trx);
  }

  // --- Stores and bins ------------------------------------------------------------------------------------------

  async stores() {
    const [stores, bins] = await Promise.all([
      this.db.selectFrom('stores').select(['id', 'code', 'name', 'is_active']).orderBy('code').execute(),
      this.db.selectFrom('bins').select(['id', 'store_id', 'code', 'label', 'is_active']).orderBy('code').execute(),
    ]);
    return stores.map((store) => ({
      id: n(store.id),
      code: store.code,
      name: store.name,
      isActive: store.is_active === 1,
      bins: bins
        .filter((bin) => n(bin.store_id) === n(store.id))
        .map((bin) => ({ id: n(bin.id), storeId: n(bin.store_id), code: bin.code, label: bin.label, isActive: bin.is_active === 1 })),
    }));
  }

  async findStore(id: number) {
    return this.db.selectFrom('stores').select(['id', 'code', 'name', 'is_active']).where('id', '=', id).executeTakeFirst();
  }

  async findBin(id: number) {
    const row = await this.db
      .selectFrom('bins')
      .innerJoin('stores', 'stores.id', 'bins.store_id')
      .select(['bins.id', 'bins.store_id', 'bins.code', 'bins.is_active', 'stores.code as store_code', 'stores.is_active as store_active'])
      .where('bins.id', '=', id)
      .executeTakeFirst();
    return row ? { id: n(row.id), storeId: n(row.store_id), code: row.code, isActive: row.is_active === 1 && row.store_active === 1, storeCode: row.store_code } : undefined;
  }

  /** Codes compare without case on both engines (COLLATE NOCASE / nocase). */
  async storeCodeTaken(code: string, exceptId: number | null): Promise<boolean> {
    let query = this.db.selectFrom('stores').select('id').where(sql<boolean>`lower(code) = lower(${code})`);
    if (exceptId !== null) query = query.where('id', '<>', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  async binCodeTaken(storeId: number, code: string, exceptId: number | null): Promise<boolean> {
    let query = this.db.selectFrom('bins').select('id').where('store_id', '=', storeId).where(sql<boolean>`lower(code) = lower(${code})`);
    if (exceptId !== null) query = query.where('id', '<>', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  async insertStore(values: { code: string; name: string; isActive: boolean }, at: number): Promise<number> {
    const row = await this.db
      .insertInto('stores')
      .values({ code: values.code, name: values.name, is_active: values.isActive ? 1 : 0, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return n(row.id);
  }

  async updateStore(id: number, values: { code: string; name: string; isActive: boolean }, at: number): Promise<void> {
    await this.db.updateTable('stores').set({ code: values.code, name: values.name, is_active: values.isActive ? 1 : 0, updated_at: at }).where('id', '=', id).execute();
  }

  async insertBin(values: { storeId: number; code: string; label: string; isActive: boolean }, at: number): Promise<number> {
    const row = await this.db
      .insertInto('bins')
      .values({ store_id: values.storeId, code: values.code, label: values.label || null, is_active: values.isActive ? 1 : 0, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return n(row.id);
  }

  async updateBin(id: number, values: { code: string; label: string; isActive: boolean }): Promise<void> {
    await this.db.updateTable('bins').set({ code: values.code, label: values.label || null, is_active: values.isActive ? 1 : 0 }).where('id', '=', id).execute();
  }

  async setLevel(partId: number, storeId: number, minMilli: number, maxMilli: number | null): Promise<void> {
    await this.db
      .insertInto('part_store_levels')
      .values({ part_id: partId, store_id: storeId, min_milli: minMilli, max_milli: maxMilli })
      .onConflict((oc) => oc.columns(['part_id', 'store_id']).doUpdateSet({ min_milli: minMilli, max_milli: maxMilli }))
      .execute();
  }

  // --- Parts (read only: the catalog belongs to the parts domain) ----------------------------------------------

  async searchParts(search: string, limit: number) {
    let query = this.db.selectFrom('parts').select(['id', 'code', 'designation', 'unit', 'avg_cost_cents']).where('is_active', '=', 1);
    const folded = foldText(search);
    if (folded) query = query.where('search_text', 'like', `%${folded.replace(/[%_]/g, '')}%`);
    const rows = await query.orderBy('code').limit(limit).execute();
    return rows.map((row) => ({ id: n(row.id), code: row.code, designation: row.designation, unit: row.unit }));
  }

  async partBrief(id: number) {
    const row = await this.db.selectFrom('parts').select(['id', 'code', 'designation', 'unit', 'avg_cost_cents', 'is_active']).where('id', '=', id).executeTakeFirst();
    return row ? { id: n(row.id), code: row.code, designation: row.designation, unit: row.unit, avgCostCents: n(row.avg_cost_cents), isActive: row.is_active === 1 } : undefined;
  }

  // --- Balances and availability --------------------------------------------------------------------------------

  /** Balance rows (part × bin) with the part and the store, ordered by part code then store and bin. */
  async balanceRows(filter: { storeId?: number | null; partId?: number | null; search?: string; limit: number }): Promise<BalanceRow[]> {
    let query = this.db
      .selectFrom('stock_balances as b')
      .innerJoin('bins', 'bins.id', 'b.bin_id')
      .innerJoin('stores', 'stores.id', 'bins.store_id')
      .innerJoin('parts as p', 'p.id', 'b.part_id')
      .select([
        'p.id as partId',
        'p.code as partCode',
        'p.designation',
        'p.unit',
        'p.avg_cost_cents as avgCostCents',
        'stores.id as storeId',
        'stores.code as storeCode',
        'stores.name as storeName',
        'bins.id as binId',
        'bins.code as binCode',
        'b.quantity_milli as quantityMilli',
      ]);
    if (filter.storeId) query = query.where('stores.id', '=', filter.storeId);
    if (filter.partId) query = query.where('b.part_id', '=', filter.partId);
    const folded = foldText(filter.search ?? '');
    if (folded) query = query.where('p.search_text', 'like', `%${folded.replace(/[%_]/g, '')}%`);
    const rows = await query.orderBy('p.code').orderBy('stores.code').orderBy('bins.code').limit(filter.limit).execute();
    return rows.map((row) => ({
      ...row,
      partId: n(row.partId),
      avgCostCents: n(row.avgCostCents),
      storeId: n(row.storeId),
      binId: n(row.binId),
      quantityMilli: n(row.quantityMilli),
    }));
  }

  /** Open reservations (quantity − issued, never below 0) of OTs still open, per part × store. */
  async reservedFor(partIds: readonly number[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (partIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('part_reservations as r')
      .innerJoin('work_orders as w', 'w.id', 'r.work_order_id')
      .select(['r.part_id', 'r.store_id', sql<number>`SUM(CASE WHEN r.quantity_milli > r.issued_milli THEN r.quantity_milli - r.issued_milli ELSE 0 END)`.as('reserved')])
      .where('r.status', '=', 'open')
      .where('w.status', 'not in', CLOSED_STATUSES)
      .where('r.part_id', 'in', partIds)
      .groupBy(['r.part_id', 'r.store_id'])
      .execute();
    for (const row of rows) out.set(`${n(row.part_id)}:${n(row.store_id)}`, n(row.reserved));
    return out;
  }

  async levelsFor(partIds: readonly number[]): Promise<Map<string, { minMilli: number; maxMilli: number | null }>> {
    const out = new Map<string, { minMilli: number; maxMilli: number | null }>();
    if (partIds.length === 0) return out;
    const rows = await this.db.selectFrom('part_store_levels').selectAll().where('part_id', 'in', partIds).execute();
    for (const row of rows) out.set(`${n(row.part_id)}:${n(row.store_id)}`, { minMilli: n(row.min_milli), maxMilli: nOrNull(row.max_milli) });
    return out;
  }

  /** The stock of a part in a store (every bin of it). */
  async storeStock(partId: number, storeId: number): Promise<number> {
    const row = await this.db
      .selectFrom('stock_balances as b')
      .innerJoin('bins', 'bins.id', 'b.bin_id')
      .select((eb) => eb.fn.sum<number>('b.quantity_milli').as('total'))
      .where('b.part_id', '=', partId)
      .where('bins.store_id', '=', storeId)
      .executeTakeFirst();
    return n(row?.total);
  }

  /** A part's stock and availability per store in one statement (stock − open reservations of open OTs). */
  async partAvailability(partId: number): Promise<{ storeId: number; stockMilli: number; reservedMilli: number; availableMilli: number }[]> {
    const rows = await this.db
      .selectFrom('stock_balances as b')
      .innerJoin('bins as bn', 'bn.id', 'b.bin_id')
      .select([
        'bn.store_id',
        sql<number>`SUM(b.quantity_milli)`.as('stock'),
        sql<number>`COALESCE((SELECT SUM(CASE WHEN r.quantity_milli > r.issued_milli THEN r.quantity_milli - r.issued_milli ELSE 0 END) FROM part_reservations r JOIN work_orders w ON w.id = r.work_order_id WHERE r.part_id = ${partId} AND r.store_id = bn.store_id AND r.status = 'open' AND w.status NOT IN ('done', 'closed', 'cancelled')), 0)`.as('reserved'),
      ])
      .where('b.part_id', '=', partId)
      .groupBy('bn.store_id')
      .orderBy('bn.store_id')
      .execute();
    return rows.map((row) => ({ storeId: n(row.store_id), stockMilli: n(row.stock), reservedMilli: n(row.reserved), availableMilli: n(row.stock) - n(row.reserved) }));
  }

  // --- Moves journal --------------------------------------------------------------------------------------------

  async moves(filter: MovesFilter): Promise<MoveListRow[]> {
    let query = this.db
      .selectFrom('stock_moves as m')
      .innerJoin('parts as p', 'p.id', 'm.part_id')
      .innerJoin('bins', 'bins.id', 'm.bin_id')
      .innerJoin('stores', 'stores.id', 'bins.store_id')
      .leftJoin('work_orders as w', 'w.id', 'm.work_order_id')
      .leftJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('stock_moves as r', 'r.reversal_of_id', 'm.id')
      .select([
        'm.id',
        'm.at',
        'm.kind',
        'p.id as partId',
        'p.code as partCode',
        'p.designation',
        'p.unit',
        'bins.id as binId',
        'bins.code as binCode',
        'stores.code as storeCode',
        'm.quantity_milli as quantityMilli',
        'm.unit_cost_cents as unitCostCents',
        'm.value_cents as valueCents',
        'm.work_order_id as workOrderId',
        'w.number as workOrderNumber',
        'm.reversal_of_id as reversalOfId',
        'r.id as reversedById',
        'm.transfer_group as transferGroup',
        'm.inventory_count_id as inventoryCountId',
        'm.reason',
        'm.supplier',
        'm.document_ref as documentRef',
        'u.display_name as user',
        'm.workstation',
      ]);
    if (filter.partId) query = query.where('m.part_id', '=', filter.partId);
    if (filter.kind) query = query.where('m.kind', '=', filter.kind as 'receipt');
    if (filter.from !== null && filter.from !== undefined) query = query.where('m.at', '>=', filter.from);
    if (filter.to !== null && filter.to !== undefined) query = query.where('m.at', '<', filter.to);
    if (filter.workOrderId) query = query.where('m.work_order_id', '=', filter.workOrderId);
    if (filter.beforeId) query = query.where('m.id', '<', filter.beforeId);
    const rows = await query.orderBy('m.id', 'desc').limit(filter.limit).execute();
    return rows.map((row) => ({
      ...row,
      id: n(row.id),
      at: n(row.at),
      partId: n(row.partId),
      binId: n(row.binId),
      quantityMilli: n(row.quantityMilli),
      unitCostCents: n(row.unitCostCents),
      valueCents: n(row.valueCents),
      workOrderId: nOrNull(row.workOrderId),
      reversalOfId: nOrNull(row.reversalOfId),
      reversedById: nOrNull(row.reversedById),
      inventoryCountId: nOrNull(row.inventoryCountId),
    }));
  }

  async workOrderIdByNumber(number: string): Promise<number | null> {
    const row = await this.db.selectFrom('work_orders').select('id').where('number', '=', number.toUpperCase()).executeTakeFirst();
    return row ? n(row.id) : null;
  }

  // --- Reservations ---------------------------------------------------------------------------------------------

  async findReservation(workOrderId: number, partId: number, storeId: number) {
    const row = await this.db
      .selectFrom('part_reservations')
      .selectAll()
      .where('work_order_id', '=', workOrderId)
      .where('part_id', '=', partId)
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    return row ? { id: n(row.id), quantityMilli: n(row.quantity_milli), issuedMilli: n(row.issued_milli), status: row.status } : undefined;
  }

  async findReservationById(id: number) {
    const row = await this.db.selectFrom('part_reservations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { id: n(row.id), workOrderId: n(row.work_order_id), status: row.status } : undefined;
  }

  async insertReservation(values: { workOrderId: number; partId: number; storeId: number; quantityMilli: number; userId: number }, at: number): Promise<number> {
    const row = await this.db
      .insertInto('part_reservations')
      .values({ work_order_id: values.workOrderId, part_id: values.partId, store_id: values.storeId, quantity_milli: values.quantityMilli, issued_milli: 0, status: 'open', created_by: values.userId, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return n(row.id);
  }

  /** Plans this quantity (replacing the planned one) and opens the reservation again if it was released. */
  async replanReservation(id: number, quantityMilli: number, at: number): Promise<void> {
    await this.db.updateTable('part_reservations').set({ quantity_milli: quantityMilli, status: 'open', updated_at: at }).where('id', '=', id).execute();
  }

  async releaseReservation(id: number, at: number): Promise<void> {
    await this.db.updateTable('part_reservations').set({ status: 'released', updated_at: at }).where('id', '=', id).execute();
  }

  /** Issues add to `issued_milli`, returns take from it (atomic, never below 0). */
  async addIssued(workOrderId: number, partId: number, storeId: number, delta: number, at: number): Promise<void> {
    await this.db
      .updateTable('part_reservations')
      .set({ issued_milli: sql<number>`CASE WHEN issued_milli + ${delta} < 0 THEN 0 ELSE issued_milli + ${delta} END`, updated_at: at })
      .where('work_order_id', '=', workOrderId)
      .where('part_id', '=', partId)
      .where('store_id', '=', storeId)
      .execute();
  }

  /** Marks released the open reservations of OTs that are done, closed or cancelled (set-based, idempotent). */
  async releaseFinished(at: number): Promise<number> {
    const result = await this.db
      .updateTable('part_reservations')
      .set({ status: 'released', updated_at: at })
      .where('status', '=', 'open')
      .where('work_order_id', 'in', (eb) => eb.selectFrom('work_orders').select('id').where('status', 'in', CLOSED_STATUSES))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async workOrderReservations(workOrderId: number) {
    const rows = await this.db
      .selectFrom('part_reservations as r')
      .innerJoin('parts as p', 'p.id', 'r.part_id')
      .innerJoin('stores as s', 's.id', 'r.store_id')
      .select(['r.id', 'r.part_id', 'r.store_id', 'r.quantity_milli', 'r.issued_milli', 'r.status', 'p.code', 'p.designation', 'p.unit', 's.code as store_code', 's.name as store_name'])
      .where('r.work_order_id', '=', workOrderId)
      .orderBy('r.id')
      .execute();
    return rows.map((row) => ({
      id: n(row.id),
      part: { id: n(row.part_id), code: row.code, designation: row.designation, unit: row.unit },
      store: { id: n(row.store_id), code: row.store_code, name: row.store_name },
      quantityMilli: n(row.quantity_milli),
      issuedMilli: n(row.issued_milli),
      status: row.status,
    }));
  }

  /** Per part × store: issued (positive), returned (positive) and the net value of the OT's moves. */
  async workOrderMoves(workOrderId: number) {
    const rows = await this.db
      .selectFrom('stock_moves as m')
      .innerJoin('bins', 'bins.id', 'm.bin_id')
      .innerJoin('stores as s', 's.id', 'bins.store_id')
      .innerJoin('parts as p', 'p.id', 'm.part_id')
      .select([
        'm.part_id',
        'bins.store_id',
        'p.code',
        'p.designation',
        'p.unit',
        's.code as store_code',
        's.name as store_name',
        sql<number>`SUM(CASE WHEN m.quantity_milli < 0 THEN -m.quantity_milli ELSE 0 END)`.as('out_milli'),
        sql<number>`SUM(CASE WHEN m.quantity_milli > 0 THEN m.quantity_milli ELSE 0 END)`.as('in_milli'),
        sql<number>`SUM(m.value_cents)`.as('value'),
      ])
      .where('m.work_order_id', '=', workOrderId)
      .where('m.kind', 'in', ['issue', 'return', 'reversal'])
      .groupBy(['m.part_id', 'bins.store_id', 'p.code', 'p.designation', 'p.unit', 's.code', 's.name'])
      .execute();
    return rows.map((row) => ({
      part: { id: n(row.part_id), code: row.code, designation: row.designation, unit: row.unit },
      store: { id: n(row.store_id), code: row.store_code, name: row.store_name },
      issuedMilli: n(row.out_milli),
      returnedMilli: n(row.in_milli),
      // An issue is a negative value into the bin: the OT's cost is its opposite.
      costCents: -n(row.value),
    }));
  }

  // --- Reorder --------------------------------------------------------------------------------------------------

  /** Every part × store with a minimum whose available quantity (stock − open reservations) is below it. */
  async reorder(storeId: number | null) {
    const stock = sql<number>`COALESCE((SELECT SUM(b.quantity_milli) FROM stock_balances b JOIN bins bn ON bn.id = b.bin_id WHERE b.part_id = l.part_id AND bn.store_id = l.store_id), 0)`;
    const reserved = sql<number>`COALESCE((SELECT SUM(CASE WHEN r.quantity_milli > r.issued_milli THEN r.quantity_milli - r.issued_milli ELSE 0 END) FROM part_reservations r JOIN work_orders w ON w.id = r.work_order_id WHERE r.part_id = l.part_id AND r.store_id = l.store_id AND r.status = 'open' AND w.status NOT IN ('done', 'closed', 'cancelled')), 0)`;
    let inner = this.db
      .selectFrom('part_store_levels as l')
      .innerJoin('parts as p', 'p.id', 'l.part_id')
      .innerJoin('stores as s', 's.id', 'l.store_id')
      .select([
        'l.part_id',
        'l.store_id',
        'l.min_milli',
        'l.max_milli',
        'p.code',
        'p.designation',
        'p.unit',
        's.code as store_code',
        's.name as store_name',
        stock.as('stock'),
        reserved.as('reserved'),
      ])
      .where('l.min_milli', '>', 0)
      .where('p.is_active', '=', 1)
      .where('s.is_active', '=', 1);
    if (storeId) inner = inner.where('l.store_id', '=', storeId);
    const rows = await this.db
      .selectFrom(inner.as('x'))
      .selectAll()
      .where(sql<boolean>`x.stock - x.reserved < x.min_milli`)
      .orderBy('x.store_code')
      .orderBy('x.code')
      .execute();
    const partIds = [...new Set(rows.map((row) => n(row.part_id)))];
    const suppliers = new Map<number, { supplier: string; supplierRef: string | null; leadTimeDays: number | null; unitPriceCents: number | null }>();
    for (let i = 0; i < partIds.length; i += 500) {
      const chunk = partIds.slice(i, i + 500);
      const supplierRows = await this.db
        .selectFrom('part_suppliers')
        .select(['part_id', 'supplier', 'supplier_ref', 'lead_time_days', 'unit_price_cents', 'is_preferred', 'id'])
        .where('part_id', 'in', chunk)
        // The preferred supplier first, then the oldest: the first row per part wins.
        .orderBy('part_id')
        .orderBy('is_preferred', 'desc')
        .orderBy('id')
        .execute();
      for (const row of supplierRows) {
        const partId = n(row.part_id);
        if (!suppliers.has(partId)) {
          suppliers.set(partId, { supplier: row.supplier, supplierRef: row.supplier_ref, leadTimeDays: nOrNull(row.lead_time_days), unitPriceCents: nOrNull(row.unit_price_cents) });
        }
      }
    }
    return rows.map((row) => ({
      part: { id: n(row.part_id), code: row.code, designation: row.designation, unit: row.unit },
      store: { id: n(row.store_id), code: row.store_code, name: row.store_name },
      quantityMilli: n(row.stock),
      reservedMilli: n(row.reserved),
      minMilli: n(row.min_milli),
      maxMilli: nOrNull(row.max_milli),
      supplier: suppliers.get(n(row.part_id)) ?? null,
    }));
  }

  // --- Inventory counts -----------------------------------------------------------------------------------------

  async inventories() {
    const rows = await this.db
      .selectFrom('inventory_counts as c')
      .innerJoin('stores as s', 's.id', 'c.store_id')
      .leftJoin('users as u', 'u.id', 'c.created_by')
      .select([
        'c.id',
        'c.status',
        'c.created_at',
        'c.applied_at',
        's.id as store_id',
        's.code as store_code',
        's.name as store_name',
        'u.display_name',
        (eb) => eb.selectFrom('inventory_count_lines as l').select((e) => e.fn.countAll<number>().as('c')).whereRef('l.count_id', '=', 'c.id').as('lines'),
        (eb) =>
          eb
            .selectFrom('inventory_count_lines as l')
            .select((e) => e.fn.countAll<number>().as('c'))
            .whereRef('l.count_id', '=', 'c.id')
            .where('l.counted_milli', 'is not', null)
            .as('counted'),
      ])
      .orderBy('c.id', 'desc')
      .limit(200)
      .execute();
    return rows.map((row) => ({
      id: n(row.id),
      store: { id: n(row.store_id), code: row.store_code, name: row.store_name },
      status: row.status,
      createdAt: n(row.created_at),
      createdBy: row.display_name,
      appliedAt: nOrNull(row.applied_at),
      lines: n(row.lines),
      counted: n(row.counted),
    }));
  }

  async findInventory(id: number) {
    return (await this.inventoriesWhere(id))[0];
  }

  private async inventoriesWhere(id: number) {
    const all = await this.db
      .selectFrom('inventory_counts as c')
      .innerJoin('stores as s', 's.id', 'c.store_id')
      .leftJoin('users as u', 'u.id', 'c.created_by')
      .select(['c.id', 'c.status', 'c.created_at', 'c.applied_at', 's.id as store_id', 's.code as store_code', 's.name as store_name', 'u.display_name'])
      .where('c.id', '=', id)
      .execute();
    return all.map((row) => ({
      id: n(row.id),
      store: { id: n(row.store_id), code: row.store_code, name: row.store_name },
      status: row.status,
      createdAt: n(row.created_at),
      createdBy: row.display_name,
      appliedAt: nOrNull(row.applied_at),
    }));
  }

  /** A count of a store: its lines are every part × bin of the store with a balance row, expected = the balance now. */
  async startInventory(storeId: number, userId: number, at: number): Promise<number> {
    const row = await this.db.insertInto('inventory_counts').values({ store_id: storeId, status: 'open', created_by: userId, created_at: at }).returning('id').executeTakeFirstOrThrow();
    const countId = n(row.id);
    await this.db
      .insertInto('inventory_count_lines')
      .columns(['count_id', 'part_id', 'bin_id', 'expected_milli'])
      .expression((eb) =>
        eb
          .selectFrom('stock_balances as b')
          .innerJoin('bins', 'bins.id', 'b.bin_id')
          .select([sql<number>`${countId}`.as('count_id'), 'b.part_id', 'b.bin_id', 'b.quantity_milli'])
          .where('bins.store_id', '=', storeId),
      )
      .execute();
    return countId;
  }

  /** The lines with their part, bin and the bin's balance now (current − expected = the moves since the start). */
  async inventoryLines(countId: number) {
    const rows = await this.db
      .selectFrom('inventory_count_lines as l')
      .innerJoin('parts as p', 'p.id', 'l.part_id')
      .innerJoin('bins', 'bins.id', 'l.bin_id')
      .leftJoin('stock_balances as b', (join) => join.onRef('b.part_id', '=', 'l.part_id').onRef('b.bin_id', '=', 'l.bin_id'))
      .select(['l.part_id', 'l.bin_id', 'l.expected_milli', 'l.counted_milli', 'p.code', 'p.designation', 'p.unit', 'p.avg_cost_cents', 'bins.code as bin_code', 'b.quantity_milli as current_milli'])
      .where('l.count_id', '=', countId)
      .orderBy('bins.code')
      .orderBy('p.code')
      .execute();
    return rows.map((row) => ({
      part: { id: n(row.part_id), code: row.code, designation: row.designation, unit: row.unit },
      bin: { id: n(row.bin_id), code: row.bin_code },
      expectedMilli: n(row.expected_milli),
      countedMilli: nOrNull(row.counted_milli),
      currentMilli: n(row.current_milli),
      avgCostCents: n(row.avg_cost_cents),
    }));
  }

  async setCounted(countId: number, partId: number, binId: number, countedMilli: number | null, userId: number, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('inventory_count_lines')
      .set({ counted_milli: countedMilli, counted_by: countedMilli === null ? null : userId, counted_at: countedMilli === null ? null : at })
      .where('count_id', '=', countId)
      .where('part_id', '=', partId)
      .where('bin_id', '=', binId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Compare-and-set from `open`: two PCs applying (or one applying, one cancelling) can't both win. */
  async closeInventory(countId: number, status: 'applied' | 'cancelled', userId: number, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('inventory_counts')
      .set(status === 'applied' ? { status, applied_by: userId, applied_at: at } : { status })
      .where('id', '=', countId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
