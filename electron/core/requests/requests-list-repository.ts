// Pure (Node). The DI list's SQL (issue 13): one keyset page of the filtered list from `work_requests` alone,
// then the page's equipment, location names, reporters' names and OT numbers in one query each. No sort key here
// is ever NULL, so one row-value comparison is the whole keyset.
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Executor } from '../kernel/db/database';
import { containsFolded } from '../kernel/db/text-search';
import type { RequestSort, RequestStatusCode } from '../../../shared/requests/list-contract';
import type { SortDirection } from '../../../shared/work-orders/list-contract';
import { afterKeyset, type Keyset, type KeyValue } from '../kernel/db/keyset';

export interface RequestsListQuery {
  statuses: readonly RequestStatusCode[] | null;
  equipmentId: number | null;
  locationIds: readonly number[] | null;
  machineStopped: boolean | null;
  /** Creation date bounds, ms: inclusive, exclusive. */
  from: number | null;
  to: number | null;
  text: string | null;
  sort: RequestSort;
  direction: SortDirection;
}

export interface RequestListBaseRow {
  id: number;
  number: string;
  symptom: string;
  status: RequestStatusCode;
  machineStopped: boolean;
  equipmentId: number;
  locationId: number | null;
  reporterName: string | null;
  reporterUserId: number | null;
  workOrderId: number | null;
  createdAt: number;
  sortKey: KeyValue;
}

/** Triage order: nouvelle first, then what was decided. */
const STATUS_RANK = sql<number>`(case r.status when 'new' then 0 when 'accepted' then 1 when 'duplicate' then 2 when 'refused' then 3 else 4 end)`;

function sortKeyOf(sort: RequestSort): RawBuilder<KeyValue> | Expression<KeyValue> {
  switch (sort) {
    case 'created':
      return sql<KeyValue>`r.created_at`;
    case 'status':
      return STATUS_RANK;
    case 'equipment':
      // A scalar subquery, not a join: the other sorts plan on work_requests alone.
      return sql<KeyValue>`(select e.code from equipment as e where e.id = r.equipment_id)`;
  }
}

export class RequestsListRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): RequestsListRepository {
    return new RequestsListRepository(trx);
  }

  /** Every location's parent link (a small table: the subtree is walked in code). */
  async locationLinks(): Promise<{ id: number; parentId: number | null }[]> {
    const rows = await this.db.selectFrom('locations').select(['id', 'parent_id']).execute();
    return rows.map((row) => ({ id: Number(row.id), parentId: row.parent_id === null ? null : Number(row.parent_id) }));
  }

  async locationNames(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('locations').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [Number(row.id), row.name]));
  }

  async equipmentIdByCode(code: string): Promise<number | null> {
    const row = await this.db.selectFrom('equipment').select('id').where('code', '=', code).executeTakeFirst();
    return row ? Number(row.id) : null;
  }

  async equipmentNames(ids: readonly number[]): Promise<Map<number, { code: string; designation: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('equipment').select(['id', 'code', 'designation']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [Number(row.id), { code: row.code, designation: row.designation }]));
  }

  async userNames(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [Number(row.id), row.display_name]));
  }

  async workOrderNumbers(ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('work_orders').select(['id', 'number']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((row) => [Number(row.id), row.number]));
  }

  async count(query: RequestsListQuery, cap: number): Promise<number> {
    const inner = this.filtered(query).select(sql<number>`1`.as('one')).limit(cap);
    const row = await this.db.selectFrom(inner.as('matches')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async page(query: RequestsListQuery, after: Keyset | null, limit: number): Promise<{ rows: RequestListBaseRow[]; more: boolean }> {
    const key = sortKeyOf(query.sort);
    let q = this.filtered(query).select([
      'r.id',
      'r.number',
      'r.symptom',
      'r.status',
      'r.machine_stopped',
      'r.location_id',
      'r.reporter_name',
      'r.reporter_user_id',
      'r.work_order_id',
      'r.created_at',
      'r.equipment_id',
      sql<KeyValue>`${key}`.as('sort_key'),
    ]);
    if (after) q = q.where(afterKeyset(key, sql.ref('r.id'), after, query.direction));
    const rows = await q.orderBy(key, query.direction).orderBy('r.id', query.direction).limit(limit + 1).execute();
    return {
      rows: rows.slice(0, limit).map((row) => ({
        id: Number(row.id),
        number: row.number,
        symptom: row.symptom,
        status: row.status,
        machineStopped: Number(row.machine_stopped) === 1,
        equipmentId: Number(row.equipment_id),
        locationId: row.location_id === null ? null : Number(row.location_id),
        reporterName: row.reporter_name,
        reporterUserId: row.reporter_user_id === null ? null : Number(row.reporter_user_id),
        workOrderId: row.work_order_id === null ? null : Number(row.work_order_id),
        createdAt: Number(row.created_at),
        sortKey: typeof row.sort_key === 'string' || row.sort_key === null ? row.sort_key : Number(row.sort_key),
      })),
      more: rows.length > limit,
    };
  }

  private filtered(query: RequestsListQuery) {
    let q = this.db.selectFrom('work_requests as r');
    if (query.statuses) q = q.where('r.status', 'in', [...query.statuses]);
    if (query.equipmentId !== null) q = q.where('r.equipment_id', '=', query.equipmentId);
    if (query.locationIds) q = q.where('r.location_id', 'in', [...query.locationIds]);
    if (query.machineStopped !== null) q = q.where('r.machine_stopped', '=', query.machineStopped ? 1 : 0);
    if (query.from !== null) q = q.where('r.created_at', '>=', query.from);
    if (query.to !== null) q = q.where('r.created_at', '<', query.to);
    if (query.text) q = q.where(containsFolded(sql.ref('r.search_text'), query.text));
    return q;
  }
}
