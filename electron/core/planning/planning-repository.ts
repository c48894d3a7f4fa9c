// Pure (Node). The planning's reads and the capacity table: SQL only here. The period's OTs come in one set-based
// query (OT × assignee rows, equipment joined), the people with their capacity in a second one — the month of 30
// technicians is two queries whatever the number of OTs. The reschedule's writes go through the work-orders
// repository (the OT's own table, history and assignees).
import { CompiledQuery, sql } from 'kysely';
import { engineOf, type Executor, type Engine } from '../kernel/db/database';
import { OPEN_WORK_ORDER_STATUSES } from '../../../shared/work-orders/list-contract';

const MAINTAINER_ROLES = ['admin', 'maintenance_manager', 'technician'] as const;

export interface PlanningRow {
  id: number;
  number: string;
  version: number;
  type: string;
  priority: number;
  status: string;
  title: string;
  planned_at: number | null;
  due_at: number | null;
  estimated_minutes: number | null;
  pm_occurrence_id: number | null;
  equipment_code: string;
  equipment_designation: string;
  assignee_id: number | null;
}

/** Stand-ins for the period's bounds in the statement compiled once (never a real instant: they are negative). */
const FROM_MARK = -987_654_321;
const TO_MARK = -987_654_322;
/** The month query's text, compiled once per engine: the planning asks it at every move, only the bounds change. */
const compiledMonth = new Map<Engine, CompiledQuery>();

export class PlanningRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): PlanningRepository {
    return new PlanningRepository(trx);
  }

  /**
   * Open OTs placed in [from, to): by planned_at, or by due_at when they have no planned date. One row per OT and
   * assignee (an OT nobody is assigned to comes once, assignee_id null), ordered so the caller folds them in one pass.
   */
  ordersBetweenQuery(from: number, to: number) {
    return this.db
      .selectFrom('work_orders as w')
      .innerJoin('equipment as e', 'e.id', 'w.equipment_id')
      .leftJoin('work_order_assignees as a', 'a.work_order_id', 'w.id')
      .select([
        'w.id',
        'w.number',
        'w.version',
        'w.type',
        'w.priority',
        'w.status',
        'w.title',
        'w.planned_at',
        'w.due_at',
        'w.estimated_minutes',
        'w.pm_occurrence_id',
        'e.code as equipment_code',
        'e.designation as equipment_designation',
        'a.user_id as assignee_id',
      ])
      .where('w.status', 'in', OPEN_WORK_ORDER_STATUSES)
      // The planned date, or the due date when there is none: one expression, so the statement stays simple to plan
      // (the open statuses' index narrows the rows; a few hundred open OTs are then checked by date).
      .where(sql`coalesce(w.planned_at, w.due_at)`, '>=', from)
      .where(sql`coalesce(w.planned_at, w.due_at)`, '<', to)
      .orderBy(sql`coalesce(w.planned_at, w.due_at)`)
      .orderBy('w.id')
      .orderBy('a.user_id');
  }

  async ordersBetween(from: number, to: number): Promise<PlanningRow[]> {
    const engine = engineOf(this.db);
    let template = compiledMonth.get(engine);
    if (!template) {
      template = this.ordersBetweenQuery(FROM_MARK, TO_MARK).compile();
      compiledMonth.set(engine, template);
    }
    const parameters = template.parameters.map((value) => (value === FROM_MARK ? from : value === TO_MARK ? to : value));
    type Row = Awaited<ReturnType<ReturnType<PlanningRepository['ordersBetweenQuery']>['execute']>>[number];
    const { rows } = await this.db.executeQuery<Row>(CompiledQuery.raw(template.sql, parameters));
    return rows.map((row) => ({
      id: Number(row.id),
      number: row.number,
      version: Number(row.version),
      type: row.type,
      priority: Number(row.priority),
      status: row.status,
      title: row.title,
      planned_at: row.planned_at === null ? null : Number(row.planned_at),
      due_at: row.due_at === null ? null : Number(row.due_at),
      estimated_minutes: row.estimated_minutes === null ? null : Number(row.estimated_minutes),
      pm_occurrence_id: row.pm_occurrence_id === null || row.pm_occurrence_id === undefined ? null : Number(row.pm_occurrence_id),
      equipment_code: row.equipment_code,
      equipment_designation: row.equipment_designation,
      assignee_id: row.assignee_id === null ? null : Number(row.assignee_id),
    }));
  }

  /** Active technicians and managers with their weekly capacity (null when none is set). */
  async people(): Promise<{ id: number; displayName: string; role: string; weeklyMinutes: number | null }[]> {
    const rows = await this.db
      .selectFrom('users as u')
      .leftJoin('technician_capacity as c', 'c.user_id', 'u.id')
      .select(['u.id', 'u.display_name', 'u.role', 'c.weekly_minutes'])
      .where('u.is_active', '=', 1)
      .where('u.role', 'in', MAINTAINER_ROLES)
      .orderBy('u.display_name')
      .orderBy('u.id')
      .execute();
    return rows.map((row) => ({ id: Number(row.id), displayName: row.display_name, role: row.role, weeklyMinutes: row.weekly_minutes === null ? null : Number(row.weekly_minutes) }));
  }

  async isMaintainer(userId: number): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('id').where('id', '=', userId).where('is_active', '=', 1).where('role', 'in', MAINTAINER_ROLES).executeTakeFirst();
    return row !== undefined;
  }

  async setCapacity(userId: number, weeklyMinutes: number, at: number): Promise<void> {
    await this.db
      .insertInto('technician_capacity')
      .values({ user_id: userId, weekly_minutes: weeklyMinutes, updated_at: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ weekly_minutes: weeklyMinutes, updated_at: at }))
      .execute();
  }
}
