// Pure (Node). PM compliance in SQL over pm_occurrences (migration 0010 stores each occurrence's tolerance window
// and units, so this is one aggregate and a later plan edit never rewrites history). SQL only here.
// Due: due date in [from, to] (the local date of due_at in the site's zone, so the month is substr(due_date, 1, 7)
// on both engines), status ≠ cancelled — a missed occurrence (the PC was off) is due and not done. Done in
// tolerance: done, and for a meter occurrence done_total ≤ due_total + tolerance_units, otherwise done_at within
// [window_start_at, window_end_at].
import { sql, type Expression, type SqlBool } from 'kysely';
import {
  COMPLIANCE_DRILL_LIMIT,
  monthsBetween,
  rateOf,
  type ComplianceOccurrence,
  type ComplianceQuery,
  type ComplianceSummary,
} from '../../../shared/preventive/compliance-contract';
import type { Executor } from '../kernel/db/database';
import { locationSubtree } from '../kernel/db/keyset';

/** 1 when the occurrence `o` was done within its tolerance, else 0 (same text on SQLite and PostgreSQL). */
const DONE_IN_TOLERANCE = sql<number>`CASE WHEN o.status = 'done' AND o.done_at IS NOT NULL AND (
  (o.due_total IS NOT NULL AND o.done_total IS NOT NULL AND o.done_total <= o.due_total + COALESCE(o.tolerance_units, 0))
  OR ((o.due_total IS NULL OR o.done_total IS NULL) AND o.done_at >= o.window_start_at AND o.done_at <= o.window_end_at)
) THEN 1 ELSE 0 END`;

/** The locations the filter covers (the one chosen and everything under it), or null for the whole site. */
async function locationScope(db: Executor, locationId: number | null): Promise<number[] | null> {
  if (locationId === null) return null;
  const links = await db.selectFrom('locations').select(['id', 'parent_id as parentId']).execute();
  return locationSubtree(links, locationId);
}

function dueInPeriod(db: Executor, query: ComplianceQuery, scope: number[] | null) {
  let q = db
    .selectFrom('pm_occurrences as o')
    .where('o.due_date', '>=', query.from)
    .where('o.due_date', '<=', query.to)
    .where('o.status', '<>', 'cancelled');
  if (scope) q = q.where('o.location_id', 'in', scope.length > 0 ? scope : [-1]);
  return q;
}

/** The compliance view of a period (kpi's dashboard reads `total.rate` through this function). */
export async function complianceSummary(db: Executor, query: ComplianceQuery): Promise<ComplianceSummary> {
  const scope = await locationScope(db, query.locationId);
  const [monthRows, locationRows] = await Promise.all([
    dueInPeriod(db, query, scope)
      .select([sql<string>`substr(o.due_date, 1, 7)`.as('month'), sql<number | string>`COUNT(*)`.as('due'), sql<number | string>`SUM(${DONE_IN_TOLERANCE})`.as('done')])
      .groupBy(sql`substr(o.due_date, 1, 7)`)
      .execute(),
    dueInPeriod(db, query, scope)
      .leftJoin('locations as l', 'l.id', 'o.location_id')
      .select(['o.location_id as locationId', 'l.name as locationName', sql<number | string>`COUNT(*)`.as('due'), sql<number | string>`SUM(${DONE_IN_TOLERANCE})`.as('done')])
      .groupBy(['o.location_id', 'l.name'])
      .execute(),
  ]);
  const byMonth = new Map(monthRows.map((row) => [row.month, { due: Number(row.due), done: Number(row.done ?? 0) }]));
  const months = monthsBetween(query.from, query.to).map((month) => {
    const figures = byMonth.get(month) ?? { due: 0, done: 0 };
    return { month, due: figures.due, doneInTolerance: figures.done, rate: rateOf(figures.due, figures.done) };
  });
  const byLocation = locationRows
    .map((row) => {
      const due = Number(row.due);
      const done = Number(row.done ?? 0);
      return { locationId: row.locationId === null ? null : Number(row.locationId), locationName: row.locationName ?? '', due, doneInTolerance: done, rate: rateOf(due, done) };
    })
    // Named locations by name; equipment without a location last.
    .sort((a, b) => (a.locationId === null ? 1 : b.locationId === null ? -1 : a.locationName.localeCompare(b.locationName, 'fr')));
  const due = months.reduce((sum, row) => sum + row.due, 0);
  const done = months.reduce((sum, row) => sum + row.doneInTolerance, 0);
  return { total: { due, doneInTolerance: done, rate: rateOf(due, done) }, months, byLocation };
}

export interface ComplianceDrill extends ComplianceQuery {
  month?: string;
  rowLocation?: number | 'none';
  doneInTolerance?: boolean;
}

export class ComplianceRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): ComplianceRepository {
    return new ComplianceRepository(trx);
  }

  summary(query: ComplianceQuery): Promise<ComplianceSummary> {
    return complianceSummary(this.db, query);
  }

  /** The occurrences behind one figure, by due date, at most COMPLIANCE_DRILL_LIMIT (+1 read to say it was cut). */
  async occurrences(drill: ComplianceDrill): Promise<{ rows: ComplianceOccurrence[]; truncated: boolean }> {
    const scope = await locationScope(this.db, drill.locationId);
    let q = dueInPeriod(this.db, drill, scope)
      .innerJoin('pm_plans as p', 'p.id', 'o.plan_id')
      .innerJoin('equipment as e', 'e.id', 'o.equipment_id')
      .leftJoin('locations as l', 'l.id', 'o.location_id')
      .leftJoin('work_orders as w', 'w.id', 'o.work_order_id')
      .select([
        'o.id',
        'o.plan_id as planId',
        'p.code as planCode',
        'p.name as planName',
        'e.code as equipmentCode',
        'e.designation as equipmentDesignation',
        'l.name as locationName',
        'o.due_date as dueDate',
        'o.due_total as dueTotal',
        'o.status',
        'o.late',
        'o.done_at as doneAt',
        'o.done_total as doneTotal',
        DONE_IN_TOLERANCE.as('inTolerance'),
        'w.number as workOrderNumber',
      ]);
    if (drill.month) q = q.where(sql`substr(o.due_date, 1, 7)`, '=', drill.month);
    if (drill.rowLocation === 'none') q = q.where('o.location_id', 'is', null);
    else if (drill.rowLocation !== undefined) q = q.where('o.location_id', '=', drill.rowLocation);
    if (drill.doneInTolerance) q = q.where(sql<SqlBool>`${DONE_IN_TOLERANCE} = 1` as Expression<SqlBool>);
    const rows = await q.orderBy('o.due_date').orderBy('o.id').limit(COMPLIANCE_DRILL_LIMIT + 1).execute();
    return {
      rows: rows.slice(0, COMPLIANCE_DRILL_LIMIT).map((row) => ({
        ...row,
        id: Number(row.id),
        planId: Number(row.planId),
        dueTotal: row.dueTotal === null ? null : Number(row.dueTotal),
        late: Number(row.late) === 1,
        doneAt: row.doneAt === null ? null : Number(row.doneAt),
        doneTotal: row.doneTotal === null ? null : Number(row.doneTotal),
        inTolerance: Number(row.inTolerance) === 1,
      })),
      truncated: rows.length > COMPLIANCE_DRILL_LIMIT,
    };
  }
}
