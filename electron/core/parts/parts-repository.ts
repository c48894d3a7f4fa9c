// Pure (Node). Pièces de rechange (the catalog): SQL only here. `search_text` holds foldText(code, designation,
// manufacturer reference) so one LIKE finds a part however it is typed. Stock is read here too, never written: the
// `stock` domain owns stores, bins, balances and reservations; the catalog's list and page only show their sums
// (stock = Σ balances over every bin; available = stock − Σ open reservations' quantity − issued).
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { PartsTable } from '../kernel/db/schema';
import { containsFolded, foldText } from '../kernel/db/text-search';

export type PartRow = Selectable<PartsTable>;

export interface NewPart {
  code: string;
  designation: string;
  unit?: string;
  manufacturer?: string | null;
  manufacturerRef?: string | null;
  category?: string | null;
  notes?: string | null;
  isActive?: boolean;
}

export interface SupplierWrite {
  supplier: string;
  supplierRef: string | null;
  leadTimeDays: number | null;
  unitPriceCents: number | null;
  isPreferred: boolean;
}

export interface SupplierRow extends SupplierWrite {
  id: number;
  partId: number;
}

export interface PartListRow {
  id: number;
  code: string;
  designation: string;
  manufacturer: string | null;
  manufacturerRef: string | null;
  unit: string;
  category: string | null;
  isActive: boolean;
  stockMilli: number;
  availableMilli: number;
  belowMin: boolean;
}

export interface PartListQuery {
  text?: string;
  category?: string;
  belowMin?: boolean;
  after?: string;
  codes?: string[];
  limit: number;
}

const num = (value: unknown): number => Number(value ?? 0);

/** Σ balances of the part over every bin (correlated on `p.id`). */
const STOCK = sql<number>`(select coalesce(sum(sb.quantity_milli), 0) from stock_balances sb where sb.part_id = p.id)`;
/** Σ what open reservations still hold (reserved − already issued). */
const RESERVED = sql<number>`(select coalesce(sum(r.quantity_milli - r.issued_milli), 0) from part_reservations r where r.part_id = p.id and r.status = 'open')`;
/** Some store where the part has a minimum and what is available there is below it. */
const BELOW_MIN: RawBuilder<boolean> = sql<boolean>`exists (select 1 from part_store_levels l where l.part_id = p.id and l.min_milli > 0 and
  (select coalesce(sum(sb.quantity_milli), 0) from stock_balances sb join bins b on b.id = sb.bin_id where sb.part_id = p.id and b.store_id = l.store_id)
  - (select coalesce(sum(r.quantity_milli - r.issued_milli), 0) from part_reservations r where r.part_id = p.id and r.store_id = l.store_id and r.status = 'open')
  < l.min_milli)`;

export function partSearchText(code: string, designation: string, manufacturerRef: string | null | undefined): string {
  return foldText(code, designation, manufacturerRef ?? '');
}

export class PartsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): PartsRepository {
    return new PartsRepository(trx);
  }

  insert(part: NewPart, at: number): Promise<PartRow> {
    return this.db
      .insertInto('parts')
      .values({
        code: part.code,
        designation: part.designation,
        unit: part.unit ?? 'pce',
        manufacturer: part.manufacturer ?? null,
        manufacturer_ref: part.manufacturerRef ?? null,
        category: part.category ?? null,
        notes: part.notes ?? null,
        is_active: part.isActive === false ? 0 : 1,
        search_text: partSearchText(part.code, part.designation, part.manufacturerRef),
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Compare-and-set on `version`: false when someone saved the part since `expectedVersion` (or it is gone). */
  async update(id: number, expectedVersion: number, part: NewPart, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('parts')
      .set((eb) => ({
        code: part.code,
        designation: part.designation,
        unit: part.unit ?? 'pce',
        manufacturer: part.manufacturer ?? null,
        manufacturer_ref: part.manufacturerRef ?? null,
        category: part.category ?? null,
        notes: part.notes ?? null,
        is_active: part.isActive === false ? 0 : 1,
        search_text: partSearchText(part.code, part.designation, part.manufacturerRef),
        version: eb('version', '+', 1),
        updated_at: at,
      }))
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  findById(id: number): Promise<PartRow | undefined> {
    return this.db.selectFrom('parts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Exact code, whatever its case (COLLATE NOCASE / nocase): what a scanner types. */
  findByCode(code: string): Promise<PartRow | undefined> {
    return this.db.selectFrom('parts').selectAll().where('code', '=', code.trim()).executeTakeFirst();
  }

  /** One keyset page in code order, with each part's stock and available quantity summed in SQL. */
  async list(query: PartListQuery): Promise<PartListRow[]> {
    let select = this.db
      .selectFrom('parts as p')
      .select(['p.id', 'p.code', 'p.designation', 'p.manufacturer', 'p.manufacturer_ref', 'p.unit', 'p.category', 'p.is_active'])
      .select([STOCK.as('stock_milli'), RESERVED.as('reserved_milli'), sql<number>`case when ${BELOW_MIN} then 1 else 0 end`.as('below_min')]);
    if (query.text) {
      const text = query.text;
      select = select.where((eb) => containsFolded(eb.ref('p.search_text'), text));
    }
    if (query.category) select = select.where('p.category', '=', query.category);
    if (query.belowMin) select = select.where(BELOW_MIN);
    if (query.codes) select = query.codes.length === 0 ? select.where('p.id', '<', 0) : select.where('p.code', 'in', query.codes);
    if (query.after) select = select.where('p.code', '>', query.after);
    const rows = await select.orderBy('p.code').limit(query.limit).execute();
    return rows.map((row) => ({
      id: Number(row.id),
      code: row.code,
      designation: row.designation,
      manufacturer: row.manufacturer,
      manufacturerRef: row.manufacturer_ref,
      unit: row.unit,
      category: row.category,
      isActive: Number(row.is_active) === 1,
      stockMilli: num(row.stock_milli),
      availableMilli: num(row.stock_milli) - num(row.reserved_milli),
      belowMin: num(row.below_min) === 1,
    }));
  }

  async count(query: Omit<PartListQuery, 'limit' | 'after'>): Promise<number> {
    let select = this.db.selectFrom('parts as p').select((eb) => eb.fn.countAll<number>().as('n'));
    if (query.text) {
      const text = query.text;
      select = select.where((eb) => containsFolded(eb.ref('p.search_text'), text));
    }
    if (query.category) select = select.where('p.category', '=', query.category);
    if (query.belowMin) select = select.where(BELOW_MIN);
    if (query.codes) select = query.codes.length === 0 ? select.where('p.id', '<', 0) : select.where('p.code', 'in', query.codes);
    return num((await select.executeTakeFirst())?.n);
  }

  async categories(): Promise<string[]> {
    const rows = await this.db.selectFrom('parts').select('category').distinct().where('category', 'is not', null).orderBy('category').execute();
    return rows.map((row) => row.category as string);
  }

  // ——— Suppliers ———

  async suppliersOf(partIds: number[]): Promise<SupplierRow[]> {
    if (partIds.length === 0) return [];
    const rows = await this.db.selectFrom('part_suppliers').selectAll().where('part_id', 'in', partIds).orderBy('part_id').orderBy('is_preferred', 'desc').orderBy('id').execute();
    return rows.map((row) => ({
      id: Number(row.id),
      partId: Number(row.part_id),
      supplier: row.supplier,
      supplierRef: row.supplier_ref,
      leadTimeDays: row.lead_time_days === null ? null : Number(row.lead_time_days),
      unitPriceCents: row.unit_price_cents === null ? null : Number(row.unit_price_cents),
      isPreferred: Number(row.is_preferred) === 1,
    }));
  }

  /** The part's suppliers become exactly these (an edit of the list is a replacement, in the caller's transaction). */
  async replaceSuppliers(partId: number, suppliers: readonly SupplierWrite[], at: number): Promise<void> {
    await this.db.deleteFrom('part_suppliers').where('part_id', '=', partId).execute();
    if (suppliers.length === 0) return;
    await this.db
      .insertInto('part_suppliers')
      .values(
        suppliers.map((s) => ({
          part_id: partId,
          supplier: s.supplier,
          supplier_ref: s.supplierRef,
          lead_time_days: s.leadTimeDays,
          unit_price_cents: s.unitPriceCents,
          is_preferred: s.isPreferred ? 1 : 0,
          created_at: at,
        })),
      )
      .execute();
  }

  // ——— Where-used ———

  async whereUsed(partId: number): Promise<{ id: number; code: string; designation: string }[]> {
    const rows = await this.db
      .selectFrom('part_equipment as pe')
      .innerJoin('equipment as e', 'e.id', 'pe.equipment_id')
      .select(['e.id', 'e.code', 'e.designation'])
      .where('pe.part_id', '=', partId)
      .orderBy('e.code')
      .execute();
    return rows.map((row) => ({ id: Number(row.id), code: row.code, designation: row.designation }));
  }

  /** Idempotent: adding a link that exists changes nothing. */
  async addEquipment(partId: number, equipmentId: number): Promise<void> {
    await this.db.insertInto('part_equipment').values({ part_id: partId, equipment_id: equipmentId }).onConflict((oc) => oc.columns(['part_id', 'equipment_id']).doNothing()).execute();
  }

  async removeEquipment(partId: number, equipmentId: number): Promise<boolean> {
    const result = await this.db.deleteFrom('part_equipment').where('part_id', '=', partId).where('equipment_id', '=', equipmentId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The parts that fit an equipment, with what is available of each. */
  async forEquipment(equipmentId: number): Promise<{ id: number; code: string; designation: string; unit: string; availableMilli: number }[]> {
    const rows = await this.db
      .selectFrom('part_equipment as pe')
      .innerJoin('parts as p', 'p.id', 'pe.part_id')
      .select(['p.id', 'p.code', 'p.designation', 'p.unit'])
      .select([STOCK.as('stock_milli'), RESERVED.as('reserved_milli')])
      .where('pe.equipment_id', '=', equipmentId)
      .orderBy('p.code')
      .execute();
    return rows.map((row) => ({ id: Number(row.id), code: row.code, designation: row.designation, unit: row.unit, availableMilli: num(row.stock_milli) - num(row.reserved_milli) }));
  }

  // ——— Stock, read-only ———

  /** The part's balances per store × bin (bins with a non-zero balance), by store then bin. */
  async stockLines(partId: number): Promise<{ storeCode: string; storeName: string; binCode: string; quantityMilli: number }[]> {
    const rows = await this.db
      .selectFrom('stock_balances as sb')
      .innerJoin('bins as b', 'b.id', 'sb.bin_id')
      .innerJoin('stores as s', 's.id', 'b.store_id')
      .select(['s.code as store_code', 's.name as store_name', 'b.code as bin_code', 'sb.quantity_milli'])
      .where('sb.part_id', '=', partId)
      .where('sb.quantity_milli', '<>', 0)
      .orderBy('s.code')
      .orderBy('b.code')
      .execute();
    return rows.map((row) => ({ storeCode: row.store_code, storeName: row.store_name, binCode: row.bin_code, quantityMilli: num(row.quantity_milli) }));
  }

  /** Per store where the part has stock, a reservation or a min/max: stock, reserved, available, min, max. */
  async storeLines(partId: number): Promise<{ storeCode: string; storeName: string; stockMilli: number; reservedMilli: number; minMilli: number | null; maxMilli: number | null }[]> {
    const rows = await this.db
      .selectFrom('stores as s')
      .leftJoin('part_store_levels as l', (join) => join.onRef('l.store_id', '=', 's.id').on('l.part_id', '=', partId))
      .select(['s.code', 's.name', 'l.min_milli', 'l.max_milli'])
      .select([
        sql<number>`(select coalesce(sum(sb.quantity_milli), 0) from stock_balances sb join bins b on b.id = sb.bin_id where sb.part_id = ${partId} and b.store_id = s.id)`.as('stock_milli'),
        sql<number>`(select coalesce(sum(r.quantity_milli - r.issued_milli), 0) from part_reservations r where r.part_id = ${partId} and r.store_id = s.id and r.status = 'open')`.as('reserved_milli'),
      ])
      .orderBy('s.code')
      .execute();
    return rows
      .map((row) => ({
        storeCode: row.code,
        storeName: row.name,
        stockMilli: num(row.stock_milli),
        reservedMilli: num(row.reserved_milli),
        minMilli: row.min_milli === null ? null : num(row.min_milli),
        maxMilli: row.max_milli === null ? null : num(row.max_milli),
      }))
      .filter((row) => row.stockMilli !== 0 || row.reservedMilli !== 0 || row.minMilli !== null || row.maxMilli !== null);
  }

  // ——— Labels of bins (read-only) ———

  async stores(): Promise<{ code: string; name: string; bins: number }[]> {
    const rows = await this.db
      .selectFrom('stores as s')
      .select(['s.code', 's.name', sql<number>`(select count(*) from bins b where b.store_id = s.id and b.is_active = 1)`.as('bins')])
      .where('s.is_active', '=', 1)
      .orderBy('s.code')
      .execute();
    return rows.map((row) => ({ code: row.code, name: row.name, bins: num(row.bins) }));
  }

  async binsOf(storeCode: string, limit: number): Promise<{ storeCode: string; storeName: string; binCode: string; label: string | null }[]> {
    const rows = await this.db
      .selectFrom('bins as b')
      .innerJoin('stores as s', 's.id', 'b.store_id')
      .select(['s.code as store_code', 's.name as store_name', 'b.code as bin_code', 'b.label'])
      .where('s.code', '=', storeCode.trim())
      .where('b.is_active', '=', 1)
      .orderBy('b.code')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ storeCode: row.store_code, storeName: row.store_name, binCode: row.bin_code, label: row.label }));
  }
}
