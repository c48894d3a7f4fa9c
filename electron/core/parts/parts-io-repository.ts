// Pure (Node). SQL of the parts import and export: what a file is checked against (every part's id and code), the
// writes of a commit in batches inside the caller's one transaction (an update bumps `version`, so a form opened
// before is told the part changed), and the export's rows (one per part and supplier, the preferred one first).
import type { Executor } from '../kernel/db/database';
import { containsFolded } from '../kernel/db/text-search';
import type { ExistingPart, PartWrite } from './parts-import';
import { partSearchText } from './parts-repository';

/** Rows per multi-row INSERT: well under SQLite's bound-variable limit and PostgreSQL's. */
const BATCH = 400;

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export interface PartExportRow {
  code: string;
  designation: string;
  manufacturer: string | null;
  manufacturerRef: string | null;
  unit: string;
  category: string | null;
  notes: string | null;
  supplier: string | null;
  supplierRef: string | null;
  leadTimeDays: number | null;
  unitPriceCents: number | null;
}

export interface PartsExportQuery {
  text?: string;
  category?: string;
}

export class PartsIoRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): PartsIoRepository {
    return new PartsIoRepository(trx);
  }

  async existing(): Promise<ExistingPart[]> {
    const rows = await this.db.selectFrom('parts').select(['id', 'code']).execute();
    return rows.map((row) => ({ id: Number(row.id), code: row.code }));
  }

  async insertParts(rows: PartWrite[], now: number): Promise<{ id: number; code: string }[]> {
    const ids: { id: number; code: string }[] = [];
    for (let start = 0; start < rows.length; start += BATCH) {
      const values = rows.slice(start, start + BATCH).map((row) => ({
        code: row.code,
        designation: row.designation,
        manufacturer: row.manufacturer ?? null,
        manufacturer_ref: row.manufacturerRef ?? null,
        unit: row.unit ?? 'pce',
        category: row.category ?? null,
        notes: row.notes ?? null,
        search_text: partSearchText(row.code, row.designation, row.manufacturerRef),
        created_at: now,
        updated_at: now,
      }));
      const inserted = await this.db.insertInto('parts').values(values).returning(['id', 'code']).execute();
      ids.push(...inserted.map((row) => ({ id: Number(row.id), code: row.code })));
    }
    return ids;
  }

  /** Writes the columns the file has; `search_text` from the part as it ends up. */
  async updatePart(id: number, row: PartWrite, now: number): Promise<void> {
    const current = await this.db.selectFrom('parts').select(['manufacturer_ref']).where('id', '=', id).executeTakeFirstOrThrow();
    const manufacturerRef = row.manufacturerRef === undefined ? current.manufacturer_ref : row.manufacturerRef;
    await this.db
      .updateTable('parts')
      .set((eb) => ({
        ...defined({
          code: row.code,
          designation: row.designation,
          manufacturer: row.manufacturer,
          manufacturer_ref: row.manufacturerRef,
          unit: row.unit,
          category: row.category,
          notes: row.notes,
        }),
        search_text: partSearchText(row.code, row.designation, manufacturerRef),
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', id)
      .execute();
  }

  /** One row per part and supplier (a part without supplier: one row), by code, the preferred supplier first. */
  async exportRows(query: PartsExportQuery): Promise<PartExportRow[]> {
    let select = this.db
      .selectFrom('parts as p')
      .leftJoin('part_suppliers as s', 's.part_id', 'p.id')
      .select(['p.code', 'p.designation', 'p.manufacturer', 'p.manufacturer_ref', 'p.unit', 'p.category', 'p.notes', 's.supplier', 's.supplier_ref', 's.lead_time_days', 's.unit_price_cents']);
    if (query.text) {
      const text = query.text;
      select = select.where((eb) => containsFolded(eb.ref('p.search_text'), text));
    }
    if (query.category) select = select.where('p.category', '=', query.category);
    const rows = await select.orderBy('p.code').orderBy('s.is_preferred', 'desc').orderBy('s.id').execute();
    return rows.map((row) => ({
      code: row.code,
      designation: row.designation,
      manufacturer: row.manufacturer,
      manufacturerRef: row.manufacturer_ref,
      unit: row.unit,
      category: row.category,
      notes: row.notes,
      supplier: row.supplier,
      supplierRef: row.supplier_ref,
      leadTimeDays: row.lead_time_days === null ? null : Number(row.lead_time_days),
      unitPriceCents: row.unit_price_cents === null ? null : Number(row.unit_price_cents),
    }));
  }
}
