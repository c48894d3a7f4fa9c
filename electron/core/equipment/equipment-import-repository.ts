// Pure (Node). SQL of the equipment import: what the file is checked against (every location, every equipment's
// code and parent, the categories) and the writes of a commit, in batches inside the caller's one transaction.
// `search_text` is foldText(code, designation) on every write, as the equipment repository keeps it.
import type { Executor } from '../kernel/db/database';
import type { Criticality, EquipmentStatus, LocationKind } from '../kernel/db/schema';
import { foldText } from '../kernel/db/text-search';

export interface ExistingLocation {
  id: number;
  code: string;
  name: string;
  kind: LocationKind;
  parentId: number | null;
}

export interface ExistingEquipment {
  id: number;
  code: string;
  parentId: number | null;
  locationId: number | null;
}

export interface LocationWrite {
  code: string;
  name: string;
  kind: LocationKind;
  parentId: number | null;
}

/** An equipment's columns; a field left undefined is not in the file and stays as it is on an update. */
export interface EquipmentWrite {
  code: string;
  designation: string;
  locationId?: number | null;
  parentId?: number | null;
  category?: string | null;
  criticality?: Criticality;
  status?: EquipmentStatus;
  manufacturer?: string | null;
  model?: string | null;
  serialNumber?: string | null;
  commissionedOn?: string | null;
  notes?: string | null;
}

/** Rows per multi-row INSERT: well under SQLite's bound-variable limit and PostgreSQL's. */
const BATCH = 400;

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export class EquipmentImportRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): EquipmentImportRepository {
    return new EquipmentImportRepository(trx);
  }

  async locations(): Promise<ExistingLocation[]> {
    const rows = await this.db.selectFrom('locations').select(['id', 'code', 'name', 'kind', 'parent_id']).execute();
    return rows.map((row) => ({ id: Number(row.id), code: row.code, name: row.name, kind: row.kind, parentId: row.parent_id === null ? null : Number(row.parent_id) }));
  }

  async equipment(): Promise<ExistingEquipment[]> {
    const rows = await this.db.selectFrom('equipment').select(['id', 'code', 'parent_id', 'location_id']).execute();
    return rows.map((row) => ({
      id: Number(row.id),
      code: row.code,
      parentId: row.parent_id === null ? null : Number(row.parent_id),
      locationId: row.location_id === null ? null : Number(row.location_id),
    }));
  }

  /** Inserts locations (parents already written) and returns each new id by code. */
  async insertLocations(rows: LocationWrite[], now: number): Promise<{ id: number; code: string }[]> {
    const ids: { id: number; code: string }[] = [];
    for (let start = 0; start < rows.length; start += BATCH) {
      const values = rows.slice(start, start + BATCH).map((row) => ({ code: row.code, name: row.name, kind: row.kind, parent_id: row.parentId, created_at: now, updated_at: now }));
      const inserted = await this.db.insertInto('locations').values(values).returning(['id', 'code']).execute();
      ids.push(...inserted.map((row) => ({ id: Number(row.id), code: row.code })));
    }
    return ids;
  }

  async updateLocation(id: number, row: LocationWrite, now: number): Promise<void> {
    await this.db.updateTable('locations').set({ code: row.code, name: row.name, kind: row.kind, parent_id: row.parentId, updated_at: now }).where('id', '=', id).execute();
  }

  async insertEquipment(rows: EquipmentWrite[], now: number): Promise<{ id: number; code: string }[]> {
    const ids: { id: number; code: string }[] = [];
    for (let start = 0; start < rows.length; start += BATCH) {
      const values = rows.slice(start, start + BATCH).map((row) => ({
        code: row.code,
        designation: row.designation,
        location_id: row.locationId ?? null,
        parent_id: row.parentId ?? null,
        category: row.category ?? null,
        criticality: row.criticality ?? 'B',
        status: row.status ?? 'in_service',
        manufacturer: row.manufacturer ?? null,
        model: row.model ?? null,
        serial_number: row.serialNumber ?? null,
        commissioned_on: row.commissionedOn ?? null,
        notes: row.notes ?? null,
        search_text: foldText(row.code, row.designation),
        created_at: now,
        updated_at: now,
      }));
      const inserted = await this.db.insertInto('equipment').values(values).returning(['id', 'code']).execute();
      ids.push(...inserted.map((row) => ({ id: Number(row.id), code: row.code })));
    }
    return ids;
  }

  async updateEquipment(id: number, row: EquipmentWrite, now: number): Promise<void> {
    await this.db
      .updateTable('equipment')
      .set({
        ...defined({
          code: row.code,
          designation: row.designation,
          location_id: row.locationId,
          parent_id: row.parentId,
          category: row.category,
          criticality: row.criticality,
          status: row.status,
          manufacturer: row.manufacturer,
          model: row.model,
          serial_number: row.serialNumber,
          commissioned_on: row.commissionedOn,
          notes: row.notes,
        }),
        search_text: foldText(row.code, row.designation),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** An equipment moved: its open DIs and OTs carry its new location (lists filter on theirs, without a join). */
  async restampOpenWork(equipmentId: number, locationId: number | null): Promise<void> {
    await this.db
      .updateTable('work_orders')
      .set({ location_id: locationId })
      .where('equipment_id', '=', equipmentId)
      .where('status', 'not in', ['done', 'closed', 'cancelled'])
      .execute();
    await this.db.updateTable('work_requests').set({ location_id: locationId }).where('equipment_id', '=', equipmentId).where('status', '=', 'new').execute();
  }
}
