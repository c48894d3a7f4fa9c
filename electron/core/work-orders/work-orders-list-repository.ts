// Pure (Node). The OT list's SQL (issue 13, "Lists that stay fast at plant scale"): one keyset page of the
// filtered list, then the page's assignees and location names in one query each (never one per row).
// Keyset, never OFFSET: a deep page costs what the first one does, and a row inserted between two pages neither
// repeats nor hides another. Empty due dates sort last in both directions: they are read in a second phase
// (`due_at IS NULL`, by id) once the dated rows are exhausted, so each phase stays an index range scan.
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Executor } from '../kernel/db/database';
import { containsFolded } from '../kernel/db/text-search';
import type { HoldReasonCode, SortDirection, WorkOrderSort, WorkOrderStatusCode } from '../../../shared/work-orders/list-contract';
import type { WorkOrderTypeCode } from '../../../shared/work-orders/contract';
import { afterKeyset, type Keyset, type KeyValue } from '../kernel/db/keyset';

/** The filter as main resolved it: ids instead of codes, the location's whole subtree, milliseconds. */
export interface WorkOrdersListQuery {
  /** null: any status. */
  statuses: readonly WorkOrderStatusCode[] | null;
  types: readonly WorkOrderTypeCode[] | null;
  priorities: readonly number[] | null;
  equipmentId: number | null;
  locationIds: readonly number[] | null;
  assigneeId: number | null;
  holdReason: HoldReasonCode | null;
  /** "En retard": due strictly before this instant. */
  dueBefore: number | null;
  dateField: 'due' | 'created';
  /** Inclusive lower and exclusive upper bounds, ms. */
  from: number | null;
  to: number | null;
  text: string | null;
  sort: WorkOrderSort;
  direction: SortDirection;
}

export interface WorkOrderListBaseRow {
  id: number;
  number: string;
  title: string;
  status: WorkOrderStatusCode;
  holdReason: HoldReasonCode | null;
  type: WorkOrderTypeCode;
  priority: number;
  equipmentId: number;
  locationId: number | null;
  dueAt: number | null;
  createdAt: number;
  sortKey: KeyValue;
}

/** The lifecycle order, for the "Statut" column: brouillon first, annulé last. */
const STATUS_RANK = sql<number>`(case wo.status when 'draft' then 0 when 'planned' then 1 when 'in_progress' then 2 when 'on_hold' then 3 when 'done' then 4 when 'closed' then 5 else 6 end)`;

function sortKeyOf(sort: WorkOrderSort): RawBuilder<KeyValue> | Expression<KeyValue> {
  switch (sort) {
    case 'due':
      return sql<KeyValue>`wo.due_at`;
    case 'priority':
      return sql<KeyValue>`wo.priority`;
    case 'number':
      return sql<KeyValue>`wo.number`;
    case 'created':
      return sql<KeyValue>`wo.created_at`;
    case 'status':
      return STATUS_RANK;
    case 'equipment':
      // A scalar subquery, not a join: the other sorts then plan as one table (a join made SQLite drive the
      // query from equipment and sort every OT), and this rarer sort pays its own lookups.
      return sql<KeyValue>`(select e.code from equipment as e where e.id = wo.equipment_id)`;
  }
}

export class WorkOrdersListRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): WorkOrdersListRepository {
    return new WorkOrdersListRepository(trx);
  }

  /** Every location's parent link: the table is small (a plant has dozens), the subtree is walked in code. */
  async locationLinks(): Promise<{ id: number; parentId: number | null }[]> {
    const rows = await this.db.selectFrom('locations').select(['id', 'parent_id']).execute();
    return rows.map((row) => ({ id: Number(row.id), parentId: row.parent_id === null ? null : Number(row.parent_id) }));
  }

  async locationTree(): Promise<{ id: number; parentId: number | null; name: string; code: string }[]> {
    const rows = await this.db.selectFrom('locations').select(['id', 'parent_id', 'name', 'code']).orderBy('code').execute();
    return rows.map((row) => ({ id: Number(row.id), parentId: row.parent_id === null ? null : Number(row.parent_id), name: row.name, code: row.code }));
  }

  /** Active people who work on OTs (technicians and managers), by name. */
  async assignableUsers(): Promise<{ id: number; displayName: string }[]> {
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('is_active', '=', 1)
      .where('role', 'in', ['technician', 'maintenance_manager', 'admin'])
      .orderBy('display_name')
      .execute();
    return rows.map((row) => ({ id: Number(row.id), displayName: row.display_name }));
  }

  async locationNames(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('locations').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [Number(row.id), row.name]));
  }

  /** The equipment with this code (any case), or null. */
  async equipmentIdByCode(code: string): Promise<number | null> {
    const row = await this.db.selectFrom('equipment').select('id').where('code', '=', code).executeTakeFirst();
    return row ? Number(row.id) : null;
  }

  /** Code and designation of the page's equipment, in one query. */
  async equipmentNames(ids: readonly number[]): Promise<Map<number, { code: string; designation: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('equipment').select(['id', 'code', 'designation']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [Number(row.id), { code: row.code, designation: row.designation }]));
  }

  /** Display names of each OT's assignees, by name: one query for the whole page. */
  async assigneeNames(workOrderIds: readonly number[]): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>();
    if (workOrderIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('work_order_assignees as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.work_order_id', 'u.display_name'])
      .where('a.work_order_id', 'in', workOrderIds)
      .orderBy('u.display_name')
      .execute();
    for (const row of rows) {
      const id = Number(row.work_order_id);
      const names = result.get(id) ?? [];
      names.push(row.display_name);
      result.set(id, names);
    }
    return result;
  }

  /** How many rows the filter matches, counting no further than `cap` (the export's progress and its limit). */
  async count(query: WorkOrdersListQuery, cap: number): Promise<number> {
    const inner = this.filtered(query).select(sql<number>`1`.as('one')).limit(cap);
    const row = await this.db.selectFrom(inner.as('matches')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * `limit` rows after `after` in the query's order, and whether more follow. Due dates: the dated rows first (in
   * the asked direction), then the undated ones by id, so a NULL never breaks the keyset's comparison.
   */
  async page(query: WorkOrdersListQuery, after: Keyset | null, limit: number): Promise<{ rows: WorkOrderListBaseRow[]; more: boolean }> {
    const key = sortKeyOf(query.sort);
    const id = sql.ref('wo.id');
    const dir = query.direction;
    const rows: WorkOrderListBaseRow[] = [];
    const nullable = query.sort === 'due';
    const inNullPhase = nullable && after !== null && after.value === null;
    if (!inNullPhase) {
      let dated = this.selectRows(query, key);
      if (nullable) dated = dated.where('wo.due_at', 'is not', null);
      if (after) dated = dated.where(afterKeyset(key, id, after, dir));
      rows.push(...(await dated.orderBy(key, dir).orderBy('wo.id', dir).limit(limit + 1).execute()).map(toBaseRow));
    }
    if (nullable && rows.length <= limit) {
      let undated = this.selectRows(query, key).where('wo.due_at', 'is', null);
      if (inNullPhase && after) undated = undated.where('wo.id', dir === 'asc' ? '>' : '<', after.id);
      rows.push(...(await undated.orderBy('wo.id', dir).limit(limit + 1 - rows.length).execute()).map(toBaseRow));
    }
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  private selectRows(query: WorkOrdersListQuery, key: RawBuilder<KeyValue> | Expression<KeyValue>) {
    return this.filtered(query).select([
      'wo.id',
      'wo.number',
      'wo.title',
      'wo.status',
      'wo.hold_reason',
      'wo.type',
      'wo.priority',
      'wo.location_id',
      'wo.due_at',
      'wo.created_at',
      'wo.equipment_id',
      sql<KeyValue>`${key}`.as('sort_key'),
    ]);
  }

  private filtered(query: WorkOrdersListQuery) {
    let q = this.db.selectFrom('work_orders as wo');
    if (query.statuses) q = q.where('wo.status', 'in', [...query.statuses]);
    if (query.types) q = q.where('wo.type', 'in', [...query.types]);
    if (query.priorities) q = q.where('wo.priority', 'in', [...query.priorities]);
    if (query.equipmentId !== null) q = q.where('wo.equipment_id', '=', query.equipmentId);
    if (query.locationIds) q = q.where('wo.location_id', 'in', [...query.locationIds]);
    if (query.holdReason) q = q.where('wo.hold_reason', '=', query.holdReason);
    if (query.dueBefore !== null) q = q.where('wo.due_at', '<', query.dueBefore);
    const dateColumn = query.dateField === 'created' ? 'wo.created_at' : 'wo.due_at';
    if (query.from !== null) q = q.where(dateColumn, '>=', query.from);
    if (query.to !== null) q = q.where(dateColumn, '<', query.to);
    if (query.text) q = q.where(containsFolded(sql.ref('wo.search_text'), query.text));
    const assigneeId = query.assigneeId;
    if (assigneeId !== null) {
      q = q.where('wo.id', 'in', (eb) => eb.selectFrom('work_order_assignees').select('work_order_id').where('user_id', '=', assigneeId));
    }
    return q;
  }
}

function toBaseRow(row: {
  id: number;
  number: string;
  title: string;
  status: WorkOrderStatusCode;
  hold_reason: HoldReasonCode | null;
  type: WorkOrderTypeCode;
  priority: number;
  location_id: number | null;
  due_at: number | null;
  created_at: number;
  equipment_id: number;
  sort_key: KeyValue;
}): WorkOrderListBaseRow {
  return {
    id: Number(row.id),
    number: row.number,
    title: row.title,
    status: row.status,
    holdReason: row.hold_reason,
    type: row.type,
    priority: Number(row.priority),
    equipmentId: Number(row.equipment_id),
    locationId: row.location_id === null ? null : Number(row.location_id),
    dueAt: row.due_at === null ? null : Number(row.due_at),
    createdAt: Number(row.created_at),
    sortKey: typeof row.sort_key === 'string' || row.sort_key === null ? row.sort_key : Number(row.sort_key),
  };
}
