// Pure (Node). SQL of the equipment export and the label sheet: equipment by the list's filters (text on the folded
// `search_text`, a set of locations, statuses, criticalities) with their location's and parent's codes, and locations.
import type { Executor } from '../kernel/db/database';
import type { Criticality, EquipmentStatus, LocationKind } from '../kernel/db/schema';
import { containsFolded } from '../kernel/db/text-search';
import { sql, type SqlBool } from 'kysely';

/** An empty `in ()` is invalid SQL: an empty list of choices matches nothing. */
const NOTHING = sql<SqlBool>`1 = 0`;

export interface EquipmentExportRow {
  code: string;
  designation: string;
  locationCode: string | null;
  parentCode: string | null;
  category: string | null;
  criticality: Criticality;
  status: EquipmentStatus;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  commissionedOn: string | null;
  notes: string | null;
}

export interface LocationExportRow {
  code: string;
  name: string;
  kind: LocationKind;
  parentCode: string | null;
}

export interface EquipmentQuery {
  text?: string;
  /** null: no location filter; a list: equipment in one of these locations. */
  locationIds: number[] | null;
  status?: EquipmentStatus[];
  criticality?: Criticality[];
  codes?: string[];
}

export class EquipmentExportRepository {
  constructor(private readonly db: Executor) {}

  private filtered(query: EquipmentQuery) {
    let select = this.db
      .selectFrom('equipment as e')
      .leftJoin('locations as l', 'l.id', 'e.location_id')
      .leftJoin('equipment as p', 'p.id', 'e.parent_id');
    if (query.text) select = select.where((eb) => containsFolded(eb.ref('e.search_text'), query.text as string));
    if (query.locationIds) select = query.locationIds.length === 0 ? select.where(NOTHING) : select.where('e.location_id', 'in', query.locationIds);
    if (query.status?.length) select = select.where('e.status', 'in', query.status);
    if (query.criticality?.length) select = select.where('e.criticality', 'in', query.criticality);
    if (query.codes) select = query.codes.length === 0 ? select.where(NOTHING) : select.where('e.code', 'in', query.codes);
    return select;
  }

  async equipment(query: EquipmentQuery, limit?: number): Promise<EquipmentExportRow[]> {
    let select = this.filtered(query)
      .select([
        'e.code',
        'e.designation',
        'l.code as location_code',
        'p.code as parent_code',
        'e.category',
        'e.criticality',
        'e.status',
        'e.manufacturer',
        'e.model',
        'e.serial_number',
        'e.commissioned_on',
        'e.notes',
      ])
      .orderBy('e.code');
    if (limit !== undefined) select = select.limit(limit);
    const rows = await select.execute();
    return rows.map((row) => ({
      code: row.code,
      designation: row.designation,
      locationCode: row.location_code ?? null,
      parentCode: row.parent_code ?? null,
      category: row.category,
      criticality: row.criticality,
      status: row.status,
      manufacturer: row.manufacturer,
      model: row.model,
      serialNumber: row.serial_number,
      commissionedOn: row.commissioned_on,
      notes: row.notes,
    }));
  }

  async countEquipment(query: EquipmentQuery): Promise<number> {
    const row = await this.filtered(query).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async locations(): Promise<(LocationExportRow & { id: number; parentId: number | null })[]> {
    const rows = await this.db
      .selectFrom('locations as l')
      .leftJoin('locations as p', 'p.id', 'l.parent_id')
      .select(['l.id', 'l.code', 'l.name', 'l.kind', 'l.parent_id', 'p.code as parent_code'])
      .orderBy('l.code')
      .execute();
    return rows.map((row) => ({ id: Number(row.id), code: row.code, name: row.name, kind: row.kind, parentId: row.parent_id === null ? null : Number(row.parent_id), parentCode: row.parent_code ?? null }));
  }
}
