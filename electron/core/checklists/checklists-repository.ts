// Pure (Node). Gammes and their ordered steps: SQL only here. Saving a gamme replaces its steps inside the caller's
// transaction, after a compare-and-set on `version`, so two managers editing the same gamme can't interleave
// their lists of steps; the OTs already made keep their own copies (work_order_steps) and never change.
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { ChecklistStepsTable, ChecklistsTable } from '../kernel/db/schema';
import { containsFolded } from '../kernel/db/text-search';

export type ChecklistRow = Selectable<ChecklistsTable>;
export type ChecklistStepRow = Selectable<ChecklistStepsTable>;

export interface NewStep {
  kind: ChecklistStepRow['kind'];
  label: string;
  required: boolean;
  help: string | null;
  unit: string | null;
  minValue: number | null;
  maxValue: number | null;
}

export interface ChecklistListRow {
  id: number;
  code: string;
  name: string;
  description: string;
  isActive: boolean;
  stepCount: number;
  planCount: number;
  updatedAt: number;
}

export class ChecklistsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): ChecklistsRepository {
    return new ChecklistsRepository(trx);
  }

  findByCode(code: string): Promise<ChecklistRow | undefined> {
    // The column is COLLATE NOCASE (nocase on PostgreSQL): « vid-01 » finds « VID-01 ».
    return this.db.selectFrom('checklists').selectAll().where('code', '=', code).executeTakeFirst();
  }

  findById(id: number): Promise<ChecklistRow | undefined> {
    return this.db.selectFrom('checklists').selectAll().where('id', '=', id).executeTakeFirst();
  }

  steps(checklistId: number): Promise<ChecklistStepRow[]> {
    return this.db.selectFrom('checklist_steps').selectAll().where('checklist_id', '=', checklistId).orderBy('position').execute();
  }

  async insert(input: { code: string; name: string; description: string; searchText: string; createdBy: number; at: number }): Promise<number> {
    const row = await this.db
      .insertInto('checklists')
      .values({ code: input.code, name: input.name, description: input.description, search_text: input.searchText, created_by: input.createdBy, created_at: input.at, updated_at: input.at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Compare-and-set on `version`, bumping it. False: someone saved the gamme meanwhile. */
  async updateIfVersion(id: number, version: number, changes: Partial<Pick<ChecklistRow, 'code' | 'name' | 'description' | 'search_text' | 'is_active'>> & { updated_at: number }): Promise<boolean> {
    const result = await this.db
      .updateTable('checklists')
      .set({ ...changes, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Replaces every step, in the order given (positions 1…n). */
  async replaceSteps(checklistId: number, steps: readonly NewStep[]): Promise<void> {
    await this.db.deleteFrom('checklist_steps').where('checklist_id', '=', checklistId).execute();
    if (steps.length === 0) return;
    await this.db
      .insertInto('checklist_steps')
      .values(
        steps.map((step, index) => ({
          checklist_id: checklistId,
          position: index + 1,
          kind: step.kind,
          label: step.label,
          required: step.required ? 1 : 0,
          unit: step.unit,
          min_value: step.minValue,
          max_value: step.maxValue,
          help: step.help,
        })),
      )
      .execute();
  }

  async planCount(checklistId: number): Promise<number> {
    const row = await this.db.selectFrom('pm_plans').select((eb) => eb.fn.countAll().as('n')).where('checklist_id', '=', checklistId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async workOrderCount(checklistId: number): Promise<number> {
    const row = await this.db.selectFrom('work_orders').select((eb) => eb.fn.countAll().as('n')).where('checklist_id', '=', checklistId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async delete(id: number, version: number): Promise<boolean> {
    await this.db.deleteFrom('checklist_steps').where('checklist_id', '=', id).execute();
    const result = await this.db.deleteFrom('checklists').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** The list page: search over code, name and description; « utilisée par N plans » counted in SQL. */
  async list(search: string, includeInactive: boolean, limit = 500): Promise<ChecklistListRow[]> {
    let query = this.db
      .selectFrom('checklists as c')
      .select((eb) => [
        'c.id',
        'c.code',
        'c.name',
        'c.description',
        'c.is_active',
        'c.updated_at',
        eb.selectFrom('checklist_steps as s').select(eb.fn.countAll().as('n')).whereRef('s.checklist_id', '=', 'c.id').as('stepCount'),
        eb.selectFrom('pm_plans as p').select(eb.fn.countAll().as('n')).whereRef('p.checklist_id', '=', 'c.id').as('planCount'),
      ])
      .orderBy('c.code')
      .limit(limit);
    if (!includeInactive) query = query.where('c.is_active', '=', 1);
    if (search.trim()) query = query.where(containsFolded(sql.ref('c.search_text'), search));
    const rows = await query.execute();
    return rows.map((row) => ({
      id: Number(row.id),
      code: row.code,
      name: row.name,
      description: row.description,
      isActive: row.is_active === 1,
      stepCount: Number(row.stepCount ?? 0),
      planCount: Number(row.planCount ?? 0),
      updatedAt: Number(row.updated_at),
    }));
  }
}
