// Pure (Node). The équipements table: SQL only here. Codes are unique whatever their case (COLLATE NOCASE on
// SQLite, the ICU `nocase` collation on PostgreSQL); `search_text` is foldText(code, designation), kept by every write.
// It also reads what the equipment page needs of the tables other helpers write (DIs, OTs, downtimes): their counts
// and the timeline. Those reads stay here so no other domain's repository has to grow for this page.
import type { Executor } from '../kernel/db/database';
import type { EquipmentTable, RequestStatus, WorkOrderStatus } from '../kernel/db/schema';
import { containsFolded, foldText } from '../kernel/db/text-search';
import type { Insertable, Selectable, Updateable } from 'kysely';

export type EquipmentRow = Selectable<EquipmentTable>;
export type NewEquipment = Omit<Insertable<EquipmentTable>, 'search_text' | 'id'>;
export type EquipmentChanges = Omit<Updateable<EquipmentTable>, 'search_text' | 'id' | 'created_at' | 'code' | 'designation'> & { code: string; designation: string; updated_at: number };

/** A list row: the equipment, its parent's code and since when it is stopped (its open downtime). */
export type EquipmentListRow = EquipmentRow & { parent_code: string | null; down_since: number | null };

export interface EquipmentListQuery {
  text?: string;
  /** Already expanded to the location's subtree. */
  locationIds?: number[];
  status?: EquipmentRow['status'];
  criticality?: EquipmentRow['criticality'];
  category?: string;
  after?: string;
  limit: number;
}

/** A DI still waiting for triage. */
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = ['new'];
/** An OT somebody still has to work on. */
export const OPEN_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['draft', 'planned', 'in_progress', 'on_hold'];
/** Rows whose location a move re-stamps: everything not yet archived (a finished OT still shows in lists until closed). */
const RESTAMPED_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['draft', 'planned', 'in_progress', 'on_hold', 'done'];

export class EquipmentRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): EquipmentRepository {
    return new EquipmentRepository(trx);
  }

  async insert(values: NewEquipment): Promise<number> {
    const row = await this.db
      .insertInto('equipment')
      .values({ ...values, search_text: foldText(values.code, values.designation) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /**
   * Compare-and-set on `updated_at`: writes only if nobody saved the equipment since `expectedUpdatedAt`.
   * False when the row changed meanwhile (or is gone).
   */
  async update(id: number, expectedUpdatedAt: number, changes: EquipmentChanges): Promise<boolean> {
    const result = await this.db
      .updateTable('equipment')
      .set({ ...changes, search_text: foldText(changes.code, changes.designation) })
      .where('id', '=', id)
      .where('updated_at', '=', expectedUpdatedAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * The status follows a failure: `in_service` → `stopped` when a DI says the machine is down, `stopped` →
   * `in_service` when the OT that repaired it says so. Only from `from` (a manager's hors service / réformé is left
   * alone); `updated_at` moves, so an edit form opened before is told the equipment changed meanwhile.
   */
  async moveStatus(id: number, from: EquipmentRow['status'], to: EquipmentRow['status'], at: number): Promise<boolean> {
    const result = await this.db.updateTable('equipment').set({ status: to, updated_at: at }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  findById(id: number): Promise<EquipmentRow | undefined> {
    return this.db.selectFrom('equipment').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Exact code, whatever its case: what a barcode scanner "types". */
  findByCode(code: string): Promise<EquipmentRow | undefined> {
    return this.db.selectFrom('equipment').selectAll().where('code', '=', code.trim()).executeTakeFirst();
  }

  /** Code or designation containing the text, accents and case ignored; by code. */
  search(text: string, limit: number): Promise<EquipmentRow[]> {
    return this.db
      .selectFrom('equipment')
      .selectAll()
      .where((eb) => containsFolded(eb.ref('search_text'), text))
      .orderBy('code')
      .limit(limit)
      .execute();
  }

  /** One keyset page in code order (the code is unique whatever its case, and both engines order it that way). */
  async list(query: EquipmentListQuery): Promise<EquipmentListRow[]> {
    let select = this.listSelect();
    if (query.text) {
      const text = query.text;
      select = select.where((eb) => containsFolded(eb.ref('e.search_text'), text));
    }
    if (query.locationIds) select = query.locationIds.length === 0 ? select.where('e.id', '<', 0) : select.where('e.location_id', 'in', query.locationIds);
    if (query.status) select = select.where('e.status', '=', query.status);
    if (query.criticality) select = select.where('e.criticality', '=', query.criticality);
    if (query.category) select = select.where('e.category', '=', query.category);
    if (query.after) select = select.where('e.code', '>', query.after);
    const rows = await select.orderBy('e.code').limit(query.limit).execute();
    return rows.map(toListRow);
  }

  /** One equipment as a list row (the scan's exact match). */
  async listRowByCode(code: string): Promise<EquipmentListRow | undefined> {
    const row = await this.listSelect().where('e.code', '=', code.trim()).executeTakeFirst();
    return row ? toListRow(row) : undefined;
  }

  private listSelect() {
    return this.db
      .selectFrom('equipment as e')
      .leftJoin('equipment as p', 'p.id', 'e.parent_id')
      .leftJoin('downtimes as d', (join) => join.onRef('d.equipment_id', '=', 'e.id').on('d.ended_at', 'is', null))
      .selectAll('e')
      .select(['p.code as parent_code', 'd.started_at as down_since']);
  }

  /** Moves these equipment (a machine's parts that were where it was) along with it. */
  async setLocation(ids: number[], locationId: number | null, at: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('equipment').set({ location_id: locationId, updated_at: at }).where('id', 'in', ids).execute();
  }

  findByIds(ids: number[]): Promise<EquipmentRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('equipment').selectAll().where('id', 'in', ids).execute();
  }

  /** Direct children of these equipment, by code. */
  childrenOf(parentIds: number[]): Promise<EquipmentRow[]> {
    if (parentIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('equipment').selectAll().where('parent_id', 'in', parentIds).orderBy('code').execute();
  }

  /** Moves the open DIs and OTs of these equipment to `locationId`: lists filter by location without a join. */
  async restampOpenWork(equipmentIds: number[], locationId: number | null): Promise<void> {
    if (equipmentIds.length === 0) return;
    await this.db
      .updateTable('work_requests')
      .set({ location_id: locationId })
      .where('equipment_id', 'in', equipmentIds)
      .where('status', 'in', OPEN_REQUEST_STATUSES)
      .execute();
    await this.db
      .updateTable('work_orders')
      .set({ location_id: locationId })
      .where('equipment_id', 'in', equipmentIds)
      .where('status', 'in', RESTAMPED_WORK_ORDER_STATUSES)
      .execute();
  }

  async countOpenWork(equipmentId: number): Promise<{ requests: number; workOrders: number }> {
    const requests = await this.db
      .selectFrom('work_requests')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('equipment_id', '=', equipmentId)
      .where('status', 'in', OPEN_REQUEST_STATUSES)
      .executeTakeFirstOrThrow();
    const workOrders = await this.db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('equipment_id', '=', equipmentId)
      .where('status', 'in', OPEN_WORK_ORDER_STATUSES)
      .executeTakeFirstOrThrow();
    return { requests: Number(requests.n), workOrders: Number(workOrders.n) };
  }

  /** The newest DIs of these equipment (a requester's own only, when `reporterUserId` is given). */
  async timelineRequests(equipmentIds: number[], limit: number, reporterUserId?: number) {
    let select = this.db
      .selectFrom('work_requests')
      .select(['number', 'status', 'symptom', 'machine_stopped', 'created_at', 'equipment_id'])
      .where('equipment_id', 'in', equipmentIds);
    if (reporterUserId !== undefined) select = select.where('reporter_user_id', '=', reporterUserId);
    const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((row) => ({ ...row, created_at: Number(row.created_at), equipment_id: Number(row.equipment_id) }));
  }

  async timelineWorkOrders(equipmentIds: number[], limit: number) {
    const rows = await this.db
      .selectFrom('work_orders')
      .select(['number', 'status', 'title', 'type', 'created_at', 'equipment_id'])
      .where('equipment_id', 'in', equipmentIds)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ ...row, created_at: Number(row.created_at), equipment_id: Number(row.equipment_id) }));
  }

  async timelineDowntimes(equipmentIds: number[], limit: number) {
    const rows = await this.db
      .selectFrom('downtimes')
      .select(['started_at', 'ended_at', 'planned', 'equipment_id'])
      .where('equipment_id', 'in', equipmentIds)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      started_at: Number(row.started_at),
      ended_at: row.ended_at === null ? null : Number(row.ended_at),
      planned: row.planned === 1,
      equipment_id: Number(row.equipment_id),
    }));
  }
}

function toListRow(row: EquipmentRow & { parent_code: string | null; down_since: number | null }): EquipmentListRow {
  return {
    ...row,
    id: Number(row.id),
    location_id: row.location_id === null ? null : Number(row.location_id),
    parent_id: row.parent_id === null ? null : Number(row.parent_id),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
    down_since: row.down_since === null ? null : Number(row.down_since),
  };
}
