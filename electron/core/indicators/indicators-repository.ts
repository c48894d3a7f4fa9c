// Pure (Node). Indicateurs: every KPI of the dashboard as a handful of SQL aggregates over the period and the
// location scope — SQL only here. Downtime is clipped to the period with CASE (both engines); the reliability
// figures (per equipment, per location, top 10) are one statement over one CTE, the costs another, then the
// backlog, the team's capacity and the labour split. No query per equipment.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../kernel/db/database';
import { costLinesSql, monthCase, type MonthBucket } from '../costs';
import { DEFAULT_WEEKLY_MINUTES } from '../../../shared/planning/contract';

/** The period [startAt, endAt), now-clipped end (time after now is neither operating nor down), and the scope. */
export interface IndicatorScope {
  startAt: number;
  endAt: number;
  effectiveEndAt: number;
  locationIds: readonly number[] | null;
}


const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

function inList(column: RawBuilder<unknown>, ids: readonly number[] | null): RawBuilder<unknown> {
  if (ids === null) return sql`1 = 1`;
  return ids.length === 0 ? sql`1 = 0` : sql`${column} in (${sql.join(ids.map((id) => sql.lit(id)))})`;
}

export interface ReliabilityRow {
  kind: 'total' | 'location' | 'top';
  id: number | null;
  name: string | null;
  designation: string | null;
  equipmentCount: number;
  calendarMs: number;
  downtimeMs: number;
  failures: number;
  restored: number;
  restoreMs: number;
}

export interface CostRow {
  kind: 'total' | 'month' | 'top' | 'cell';
  month: string | null;
  equipmentId: number | null;
  code: string | null;
  designation: string | null;
  labourCents: number;
  partsCents: number;
  servicesCents: number;
}

export interface DowntimeRow {
  id: number;
  equipmentCode: string;
  equipmentDesignation: string;
  startedAt: number;
  endedAt: number | null;
  inPeriodMs: number;
  planned: boolean;
  workOrderNumber: string | null;
  requestNumber: string | null;
}

/** A failure: an unplanned stop started in the period, not ended by a non-corrective OT (a DI « machine à l'arrêt »). */
function failureCondition(start: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`dt.planned = 0 and dt.started_at >= ${start} and (w.type is null or w.type = 'corrective')`;
}

export class IndicatorsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): IndicatorsRepository {
    return new IndicatorsRepository(trx);
  }

  /** The per-equipment CTE: calendar time since max(start, created_at), downtime clipped, failures and restorations. */
  private equipmentCte(scope: IndicatorScope): RawBuilder<unknown> {
    const start = sql.lit(scope.startAt);
    const end = sql.lit(scope.effectiveEndAt);
    const failure = failureCondition(start);
    return sql`select e.id, e.code, e.designation, e.location_id,
        (case when e.created_at > ${start} then ${end} - e.created_at else ${end} - ${start} end) as cal,
        coalesce(d.down, 0) as down, coalesce(d.failures, 0) as failures, coalesce(d.restored, 0) as restored, coalesce(d.restore_ms, 0) as restore_ms
      from equipment e left join (
        select dt.equipment_id,
          sum((case when dt.ended_at is null or dt.ended_at > ${end} then ${end} else dt.ended_at end)
            - (case when dt.started_at < ${start} then ${start} else dt.started_at end)) as down,
          sum(case when ${failure} then 1 else 0 end) as failures,
          sum(case when ${failure} and dt.ended_at is not null then 1 else 0 end) as restored,
          sum(case when ${failure} and dt.ended_at is not null then dt.ended_at - dt.started_at else 0 end) as restore_ms
        from downtimes dt left join work_orders w on w.id = dt.work_order_id
        where dt.started_at < ${end} and (dt.ended_at is null or dt.ended_at > ${start})
        group by dt.equipment_id
      ) d on d.equipment_id = e.id
      where e.created_at < ${end} and ${inList(sql`e.location_id`, scope.locationIds)}`;
  }

  /** Totals, per location and the top 10 by downtime, in one statement. */
  reliabilityQuery(scope: IndicatorScope) {
    const sums = sql`count(*) as n, sum(f.cal) as cal, sum(f.down) as down, sum(f.failures) as failures, sum(f.restored) as restored, sum(f.restore_ms) as restore_ms`;
    return sql<Record<string, unknown>>`with f as (${this.equipmentCte(scope)})
      select 'total' as kind, cast(null as bigint) as id, cast(null as text) as name, cast(null as text) as designation, ${sums} from f
      union all
      select 'location', f.location_id, max(l.name), cast(null as text), ${sums} from f left join locations l on l.id = f.location_id group by f.location_id
      union all
      select * from (select 'top' as kind, f.id, f.code, f.designation, 1, f.cal, f.down, f.failures, f.restored, f.restore_ms from f
        where f.down > 0 order by f.down desc, f.id limit 10) t`;
  }

  async reliability(scope: IndicatorScope): Promise<ReliabilityRow[]> {
    const { rows } = await this.reliabilityQuery(scope).execute(this.db);
    return rows.map((r) => ({
      kind: r.kind as ReliabilityRow['kind'],
      id: r.id === null ? null : Number(r.id),
      name: (r.name as string | null) ?? null,
      designation: (r.designation as string | null) ?? null,
      equipmentCount: num(r.n),
      calendarMs: num(r.cal),
      downtimeMs: num(r.down),
      failures: num(r.failures),
      restored: num(r.restored),
      restoreMs: num(r.restore_ms),
    }));
  }

  /**
   * The cost total, per month, the top 10 equipment by cost and their months, in one statement: the lines are
   * grouped once per (equipment, month) in a materialized CTE (at most equipment × months rows), and every branch
   * reads that small table instead of the lines again.
   */
  costQuery(scope: IndicatorScope, months: readonly MonthBucket[], topLimit = 10) {
    const lines = costLinesSql(scope);
    const month = monthCase(sql`c.at`, months);
    const sums = sql`round(sum(g.labour)) as labour, sum(g.parts) as parts, sum(g.services) as services`;
    return sql<Record<string, unknown>>`with g as materialized (
        select c.equipment_id, ${month} as month, sum(c.labour) as labour, sum(c.parts) as parts, sum(c.services) as services
        from ${lines} c group by c.equipment_id, ${month}),
      top as materialized (select g.equipment_id from g group by g.equipment_id having sum(g.labour) + sum(g.parts) + sum(g.services) <> 0
        order by sum(g.labour) + sum(g.parts) + sum(g.services) desc, g.equipment_id limit ${sql.lit(topLimit)})
      select 'total' as kind, cast(null as text) as month, cast(null as bigint) as equipment_id, cast(null as text) as code, cast(null as text) as designation, ${sums} from g
      union all
      select 'month', g.month, cast(null as bigint), cast(null as text), cast(null as text), ${sums} from g group by g.month
      union all
      select 'top', cast(null as text), g.equipment_id, max(q.code), max(q.designation), ${sums} from g join equipment q on q.id = g.equipment_id
        where g.equipment_id in (select equipment_id from top) group by g.equipment_id
      union all
      select 'cell', g.month, g.equipment_id, cast(null as text), cast(null as text), ${sums} from g where g.equipment_id in (select equipment_id from top) group by g.equipment_id, g.month`;
  }

  async costs(scope: IndicatorScope, months: readonly MonthBucket[], topLimit = 10): Promise<CostRow[]> {
    const { rows } = await this.costQuery(scope, months, topLimit).execute(this.db);
    return rows.map((r) => ({
      kind: r.kind as CostRow['kind'],
      month: (r.month as string | null) ?? null,
      equipmentId: r.equipment_id === null ? null : Number(r.equipment_id),
      code: (r.code as string | null) ?? null,
      designation: (r.designation as string | null) ?? null,
      labourCents: num(r.labour),
      partsCents: num(r.parts),
      servicesCents: num(r.services),
    }));
  }

  /** Open OTs of the scope: how many, their estimated minutes, and how many have no estimate. */
  backlogQuery(scope: IndicatorScope) {
    return sql<Record<string, unknown>>`select count(*) as n, sum(w.estimated_minutes) as minutes,
        sum(case when w.estimated_minutes is null then 1 else 0 end) as without_estimate
      from work_orders w where w.status in ('draft', 'planned', 'in_progress', 'on_hold') and ${inList(sql`w.location_id`, scope.locationIds)}`;
  }

  async backlog(scope: IndicatorScope): Promise<{ openCount: number; estimatedMinutes: number; withoutEstimate: number }> {
    const { rows } = await this.backlogQuery(scope).execute(this.db);
    return { openCount: num(rows[0]?.n), estimatedMinutes: num(rows[0]?.minutes), withoutEstimate: num(rows[0]?.without_estimate) };
  }

  /** The team's weekly capacity: each active technician's (technician_capacity), 35 h when unset. */
  capacityQuery() {
    return sql<Record<string, unknown>>`select count(*) as n, sum(coalesce(tc.weekly_minutes, ${sql.lit(DEFAULT_WEEKLY_MINUTES)})) as minutes
      from users u left join technician_capacity tc on tc.user_id = u.id where u.is_active = 1 and u.role = 'technician'`;
  }

  async capacity(): Promise<{ technicians: number; minutesPerWeek: number }> {
    const { rows } = await this.capacityQuery().execute(this.db);
    return { technicians: num(rows[0]?.n), minutesPerWeek: num(rows[0]?.minutes) };
  }

  /** Labour time of the period (finished entries, by start) per OT type. */
  labourQuery(scope: IndicatorScope) {
    return sql<Record<string, unknown>>`select w.type, sum(t.ended_at - t.started_at) as ms
      from time_entries t join work_orders w on w.id = t.work_order_id
      where t.ended_at is not null and t.started_at >= ${sql.lit(scope.startAt)} and t.started_at < ${sql.lit(scope.endAt)}
        and ${inList(sql`w.location_id`, scope.locationIds)}
      group by w.type`;
  }

  async labourByType(scope: IndicatorScope): Promise<Map<string, number>> {
    const { rows } = await this.labourQuery(scope).execute(this.db);
    return new Map(rows.map((r) => [String(r.type), num(r.ms)]));
  }

  /** The downtimes behind availability (`all`) or MTBF/MTTR (`failures`), newest first, at most `limit`. */
  async downtimes(scope: IndicatorScope, kind: 'all' | 'failures', equipmentId: number | null, limit: number): Promise<DowntimeRow[]> {
    const start = sql.lit(scope.startAt);
    const end = sql.lit(scope.effectiveEndAt);
    const which = kind === 'failures' ? failureCondition(start) : sql`1 = 1`;
    const { rows } = await sql<Record<string, unknown>>`select dt.id, e.code, e.designation, dt.started_at, dt.ended_at, dt.planned,
        (case when dt.ended_at is null or dt.ended_at > ${end} then ${end} else dt.ended_at end)
          - (case when dt.started_at < ${start} then ${start} else dt.started_at end) as in_period,
        w.number as wo_number, r.number as request_number
      from downtimes dt join equipment e on e.id = dt.equipment_id
        left join work_orders w on w.id = dt.work_order_id
        left join work_requests r on r.id = dt.request_id
      where dt.started_at < ${end} and (dt.ended_at is null or dt.ended_at > ${start}) and ${which}
        and ${inList(sql`e.location_id`, scope.locationIds)} ${equipmentId === null ? sql`` : sql`and e.id = ${equipmentId}`}
      order by dt.started_at desc, dt.id desc
      limit ${sql.lit(limit)}`.execute(this.db);
    return rows.map((r) => ({
      id: Number(r.id),
      equipmentCode: String(r.code),
      equipmentDesignation: String(r.designation),
      startedAt: Number(r.started_at),
      endedAt: r.ended_at === null ? null : Number(r.ended_at),
      inPeriodMs: num(r.in_period),
      planned: Number(r.planned) === 1,
      workOrderNumber: (r.wo_number as string | null) ?? null,
      requestNumber: (r.request_number as string | null) ?? null,
    }));
  }
}
