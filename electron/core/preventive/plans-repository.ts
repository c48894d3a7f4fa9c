// Pure (Node). The plans de maintenance tables as the plan editor sees them (pm_plans, pm_plan_assignees) and the
// few reads of other tables the editor offers from (gammes, people, category values, meter names, a plan's recent
// occurrences with their OT): SQL only here. The generator's own reads live in the engine's repositories.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { PmPlansTable } from '../kernel/db/schema';
import { containsFolded } from '../kernel/db/text-search';

export type PlanRow = Selectable<PmPlansTable>;
export type NewPlanRow = Omit<Insertable<PmPlansTable>, 'id'>;
export type PlanChanges = Omit<Updateable<PmPlansTable>, 'id' | 'version' | 'created_at' | 'created_by'>;

export interface PlanListQuery {
  text: string | null;
  /** A status, 'current' (active and paused: the default list), or null for every plan. */
  status: PlanRow['status'] | 'current' | null;
  limit: number;
}

/** A column reference for the LIKE helper, which only splices it into SQL. */
const sqlRef = (column: string) => sql.ref(column);

const MAINTAINER_ROLES = ['admin', 'maintenance_manager', 'technician'] as const;

export class PlansRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): PlansRepository {
    return new PlansRepository(trx);
  }

  /** Inserts the plan; undefined when its code is taken (the UNIQUE index decides, even under a race). */
  async insert(values: NewPlanRow): Promise<number | undefined> {
    const row = await this.db
      .insertInto('pm_plans')
      .values(values)
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row ? Number(row.id) : undefined;
  }

  findById(id: number): Promise<PlanRow | undefined> {
    return this.db.selectFrom('pm_plans').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByCode(code: string): Promise<PlanRow | undefined> {
    return this.db.selectFrom('pm_plans').selectAll().where('code', '=', code).executeTakeFirst();
  }

  /** Another plan (not `exceptId`) already holds this code. */
  async codeTaken(code: string, exceptId: number): Promise<boolean> {
    const row = await this.db.selectFrom('pm_plans').select('id').where('code', '=', code).where('id', '<>', exceptId).executeTakeFirst();
    return row !== undefined;
  }

  /** Compare-and-set: writes only if the plan is still at `version`, and bumps it. False: someone changed it meanwhile. */
  async updateIfVersion(id: number, version: number, changes: PlanChanges): Promise<boolean> {
    const result = await this.db
      .updateTable('pm_plans')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async assigneeIds(planId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('pm_plan_assignees').select('user_id').where('plan_id', '=', planId).orderBy('user_id').execute();
    return rows.map((row) => Number(row.user_id));
  }

  async replaceAssignees(planId: number, userIds: readonly number[]): Promise<void> {
    await this.db.deleteFrom('pm_plan_assignees').where('plan_id', '=', planId).execute();
    if (userIds.length === 0) return;
    await this.db
      .insertInto('pm_plan_assignees')
      .values(userIds.map((userId) => ({ plan_id: planId, user_id: userId })))
      .execute();
  }

  /** The list: one query with the equipment's code and the earliest next due date of the plan's schedules. */
  async list(query: PlanListQuery) {
    let select = this.db
      .selectFrom('pm_plans as p')
      .leftJoin('equipment as e', 'e.id', 'p.equipment_id')
      .select((eb) => [
        'p.id',
        'p.code',
        'p.name',
        'p.category',
        'p.work_type',
        'p.status',
        'p.triggers',
        'p.updated_at',
        'e.code as equipment_code',
        'e.designation as equipment_designation',
        eb.selectFrom('pm_schedules as s').whereRef('s.plan_id', '=', 'p.id').select((inner) => inner.fn.min('s.next_due_at').as('m')).as('next_due_at'),
      ]);
    if (query.status === 'current') select = select.where('p.status', '<>', 'archived');
    else if (query.status) select = select.where('p.status', '=', query.status);
    if (query.text) select = select.where(containsFolded(sqlRef('p.search_text'), query.text));
    return select.orderBy('p.code').limit(query.limit).execute();
  }

  async count(query: Omit<PlanListQuery, 'limit'>): Promise<number> {
    let select = this.db.selectFrom('pm_plans as p').select((eb) => eb.fn.countAll<number | string>().as('n'));
    if (query.status === 'current') select = select.where('p.status', '<>', 'archived');
    else if (query.status) select = select.where('p.status', '=', query.status);
    if (query.text) select = select.where(containsFolded(sqlRef('p.search_text'), query.text));
    return Number((await select.executeTakeFirstOrThrow()).n);
  }

  // --- What the editor offers ----------------------------------------------------------------------------------

  async activeChecklists(): Promise<{ id: number; code: string; name: string }[]> {
    const rows = await this.db.selectFrom('checklists').select(['id', 'code', 'name']).where('is_active', '=', 1).orderBy('code').execute();
    return rows.map((row) => ({ id: Number(row.id), code: row.code, name: row.name }));
  }

  async checklistExists(id: number): Promise<boolean> {
    return (await this.db.selectFrom('checklists').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  async activeMaintainers(): Promise<{ id: number; displayName: string; role: string }[]> {
    const rows = await this.db.selectFrom('users').select(['id', 'display_name', 'role']).where('is_active', '=', 1).where('role', 'in', MAINTAINER_ROLES).orderBy('display_name').execute();
    return rows.map((row) => ({ id: Number(row.id), displayName: row.display_name, role: row.role }));
  }

  /** The `category` reference list's active labels, and any category already used on equipment. */
  async categories(): Promise<string[]> {
    const [listed, used] = await Promise.all([
      this.db.selectFrom('reference_items').select('label').where('list', '=', 'category').where('is_active', '=', 1).execute(),
      this.db.selectFrom('equipment').select('category').distinct().where('category', 'is not', null).execute(),
    ]);
    const all = new Set<string>([...listed.map((row) => row.label), ...used.map((row) => row.category as string)]);
    return [...all].sort((a, b) => a.localeCompare(b, 'fr'));
  }

  /** Meter names on one equipment, or across the equipment of a category, with how many carry each. */
  async meterNames(target: { equipmentId: number } | { category: string }) {
    let select = this.db
      .selectFrom('meters as m')
      .innerJoin('equipment as e', 'e.id', 'm.equipment_id')
      .select((eb) => ['m.name', eb.fn.min('m.unit').as('unit'), eb.fn.count<number | string>('m.id').as('n')])
      .where('m.is_active', '=', 1);
    select = 'equipmentId' in target ? select.where('m.equipment_id', '=', target.equipmentId) : select.where('e.category', '=', target.category);
    const rows = await select.groupBy('m.name').orderBy('m.name').execute();
    return rows.map((row) => ({ name: row.name, unit: String(row.unit), equipmentCount: Number(row.n) }));
  }

  /** The plan's most recent occurrences with their OT (number and status), newest due first. */
  async recentOccurrences(planId: number, limit: number) {
    const rows = await this.db
      .selectFrom('pm_occurrences as o')
      .innerJoin('equipment as e', 'e.id', 'o.equipment_id')
      .leftJoin('work_orders as w', 'w.id', 'o.work_order_id')
      .select(['o.id', 'e.code as equipment_code', 'o.due_date', 'o.due_total', 'o.status', 'o.late', 'o.done_at', 'w.number as wo_number', 'w.status as wo_status'])
      .where('o.plan_id', '=', planId)
      .orderBy('o.due_at', 'desc')
      .orderBy('o.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      equipmentCode: row.equipment_code,
      dueDate: row.due_date,
      dueTotal: row.due_total === null ? null : Number(row.due_total),
      status: row.status,
      late: Number(row.late) === 1,
      workOrderNumber: row.wo_number ?? null,
      workOrderStatus: row.wo_status ?? null,
      doneAt: row.done_at === null ? null : Number(row.done_at),
    }));
  }
}
