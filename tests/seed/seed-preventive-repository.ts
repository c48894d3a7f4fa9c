// Node (dev only). The SQL of the préventif part of `npm run seed`: gammes and their steps, meters and their
// readings, plans and their assignees, as multi-row INSERTs (the caller chunks them and groups them in transactions),
// the set-based update that moves each meter's last reading, and the wipe `--force` needs before the plant's.
import { sql, type Insertable } from 'kysely';
import type { Executor } from '../../electron/core/kernel/db/database';
import type { ChecklistStepsTable, ChecklistsTable, MeterReadingsTable, MetersTable, PmPlanAssigneesTable, PmPlansTable } from '../../electron/core/kernel/db/schema';

export class SeedPreventiveRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): SeedPreventiveRepository {
    return new SeedPreventiveRepository(trx);
  }

  async inServiceEquipment(): Promise<{ id: number; category: string | null }[]> {
    const rows = await this.db.selectFrom('equipment').select(['id', 'category']).where('status', 'in', ['in_service', 'stopped']).orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), category: r.category }));
  }

  async technicians(): Promise<number[]> {
    const rows = await this.db.selectFrom('users').select('id').where('role', '=', 'technician').where('is_active', '=', 1).orderBy('id').execute();
    return rows.map((r) => Number(r.id));
  }

  async countPlans(): Promise<number> {
    const row = await this.db.selectFrom('pm_plans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertChecklists(rows: Insertable<ChecklistsTable>[]): Promise<{ id: number; code: string }[]> {
    const out = await this.db.insertInto('checklists').values(rows).returning(['id', 'code']).execute();
    return out.map((r) => ({ id: Number(r.id), code: r.code }));
  }

  async insertSteps(rows: Insertable<ChecklistStepsTable>[]): Promise<void> {
    await this.db.insertInto('checklist_steps').values(rows).execute();
  }

  async insertMeters(rows: Insertable<MetersTable>[]): Promise<{ id: number; equipmentId: number; name: string }[]> {
    const out = await this.db.insertInto('meters').values(rows).returning(['id', 'equipment_id', 'name']).execute();
    return out.map((r) => ({ id: Number(r.id), equipmentId: Number(r.equipment_id), name: r.name }));
  }

  async insertReadings(rows: Insertable<MeterReadingsTable>[]): Promise<void> {
    await this.db.insertInto('meter_readings').values(rows).execute();
  }

  /** Every meter's last_* from its latest reading, as the app's compare-and-set would have left them. */
  async refreshMetersLast(): Promise<void> {
    const latest = (column: string) => sql.raw(`(SELECT r.${column} FROM meter_readings r WHERE r.meter_id = meters.id ORDER BY r.read_at DESC, r.id DESC LIMIT 1)`);
    await sql`UPDATE meters SET last_reading_id = ${latest('id')}, last_value = ${latest('value')}, last_total = ${latest('total')}, last_read_at = ${latest('read_at')}`.execute(this.db);
  }

  async insertPlans(rows: Insertable<PmPlansTable>[]): Promise<{ id: number; code: string }[]> {
    const out = await this.db.insertInto('pm_plans').values(rows).returning(['id', 'code']).execute();
    return out.map((r) => ({ id: Number(r.id), code: r.code }));
  }

  async insertAssignees(rows: Insertable<PmPlanAssigneesTable>[]): Promise<void> {
    await this.db.insertInto('pm_plan_assignees').values(rows).execute();
  }

  /** `--force`: the préventif goes before the plant (its rows point at OTs, equipment and users), children first. */
  async wipePreventive(): Promise<void> {
    await this.db.updateTable('work_orders').set({ pm_occurrence_id: null, checklist_id: null }).execute();
    await this.db.deleteFrom('work_order_steps').execute();
    await this.db.deleteFrom('pm_occurrences').execute();
    await this.db.deleteFrom('pm_schedules').execute();
    await this.db.deleteFrom('pm_plan_assignees').execute();
    await this.db.deleteFrom('pm_plans').execute();
    await this.db.deleteFrom('checklist_steps').execute();
    await this.db.deleteFrom('checklists').execute();
    await this.db.deleteFrom('meter_readings').execute();
    await this.db.deleteFrom('meters').execute();
  }
}
