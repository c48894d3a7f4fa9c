// Pure (Node). What the préventif generator reads and keeps per plan × equipment (pm_schedules), and the plans,
// equipment, meters and site calendar it reads in bulk once per pass (a pass over 2 000 plans is a handful of
// queries, not thousands). SQL only here.
import type { Selectable } from 'kysely';
import { SiteCalendarRepository } from './site-calendar-repository';
import type { Executor } from '../kernel/db/database';
import type { PmPlansTable, PmSchedulesTable } from '../kernel/db/schema';

export type ScheduleRow = Selectable<PmSchedulesTable>;
export type PlanRow = Pick<
  Selectable<PmPlansTable>,
  | 'id'
  | 'code'
  | 'name'
  | 'equipment_id'
  | 'category'
  | 'checklist_id'
  | 'work_type'
  | 'priority'
  | 'estimated_minutes'
  | 'lead_days'
  | 'tolerance_days'
  | 'tolerance_units'
  | 'triggers'
  | 'instructions'
  | 'created_at'
>;

export interface EquipmentTarget {
  id: number;
  category: string | null;
  locationId: number | null;
}

export interface MeterSnapshot {
  id: number;
  equipmentId: number;
  name: string;
  lastValue: number | null;
  lastTotal: number | null;
  lastReadAt: number | null;
  lastReadingId: number | null;
}

const CHUNK = 400;

export class SchedulesRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): SchedulesRepository {
    return new SchedulesRepository(trx);
  }

  /** The site's time zone and holidays: the site calendar's own repository answers (one reading of them). */
  siteTimeZone(): Promise<string> {
    return new SiteCalendarRepository(this.db).timeZone();
  }

  holidays(from: string, to: string): Promise<Set<string>> {
    return new SiteCalendarRepository(this.db).holidays(from, to);
  }

  activePlans(): Promise<PlanRow[]> {
    return this.db
      .selectFrom('pm_plans')
      .select(['id', 'code', 'name', 'equipment_id', 'category', 'checklist_id', 'work_type', 'priority', 'estimated_minutes', 'lead_days', 'tolerance_days', 'tolerance_units', 'triggers', 'instructions', 'created_at'])
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
  }

  /** Equipment a plan may apply to: not scrapped, not out of service. */
  async eligibleEquipment(): Promise<EquipmentTarget[]> {
    const rows = await this.db
      .selectFrom('equipment')
      .select(['id', 'category', 'location_id'])
      .where('status', 'not in', ['scrapped', 'out_of_service'])
      .execute();
    return rows.map((r) => ({ id: Number(r.id), category: r.category, locationId: r.location_id === null ? null : Number(r.location_id) }));
  }

  async planAssignees(): Promise<Map<number, number[]>> {
    const rows = await this.db
      .selectFrom('pm_plan_assignees')
      .innerJoin('users', 'users.id', 'pm_plan_assignees.user_id')
      .select(['pm_plan_assignees.plan_id', 'pm_plan_assignees.user_id'])
      .where('users.is_active', '=', 1)
      .orderBy('pm_plan_assignees.plan_id')
      .orderBy('pm_plan_assignees.user_id')
      .execute();
    const out = new Map<number, number[]>();
    for (const r of rows) {
      const planId = Number(r.plan_id);
      out.set(planId, [...(out.get(planId) ?? []), Number(r.user_id)]);
    }
    return out;
  }

  all(): Promise<ScheduleRow[]> {
    return this.db.selectFrom('pm_schedules').selectAll().execute();
  }

  /** Adds the plan × equipment rows not there yet (another process may add them at the same moment: no error). */
  async insertMissing(rows: readonly { planId: number; equipmentId: number }[], at: number): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db
        .insertInto('pm_schedules')
        .values(rows.slice(i, i + CHUNK).map((r) => ({ plan_id: r.planId, equipment_id: r.equipmentId, created_at: at, updated_at: at })))
        .onConflict((oc) => oc.columns(['plan_id', 'equipment_id']).doNothing())
        .execute();
    }
  }

  /** Keeps the next due occurrence current (the planning and the forecast read it). */
  async setNext(id: number, next: { at: number | null; date: string | null; total: number | null; key: string | null }, at: number): Promise<void> {
    await this.db
      .updateTable('pm_schedules')
      .set({ next_due_at: next.at, next_due_date: next.date, next_due_total: next.total, next_key: next.key, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  /** The meter total the schedule started from (before its first completion), once known. */
  async setStartTotal(id: number, total: number, at: number): Promise<void> {
    await this.db.updateTable('pm_schedules').set({ base_total: total, updated_at: at }).where('id', '=', id).where('last_done_at', 'is', null).execute();
  }

  /** A completion moves the base; an older completion found late never moves it back. */
  async moveBase(planId: number, equipmentId: number, base: { date: string; total: number | null; doneAt: number }, at: number): Promise<void> {
    await this.db
      .updateTable('pm_schedules')
      .set({ base_date: base.date, base_total: base.total, last_done_at: base.doneAt, updated_at: at })
      .where('plan_id', '=', planId)
      .where('equipment_id', '=', equipmentId)
      .where((eb) => eb.or([eb('last_done_at', 'is', null), eb('last_done_at', '<=', base.doneAt)]))
      .execute();
  }

  async activeMeters(): Promise<MeterSnapshot[]> {
    const rows = await this.db
      .selectFrom('meters')
      .select(['id', 'equipment_id', 'name', 'last_value', 'last_total', 'last_read_at', 'last_reading_id'])
      .where('is_active', '=', 1)
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      equipmentId: Number(r.equipment_id),
      name: r.name,
      lastValue: r.last_value,
      lastTotal: r.last_total,
      lastReadAt: r.last_read_at === null ? null : Number(r.last_read_at),
      lastReadingId: r.last_reading_id === null ? null : Number(r.last_reading_id),
    }));
  }

  /** Readings since `since` of every meter, by meter, oldest first: the daily usage projection's input. */
  async recentReadings(since: number): Promise<Map<number, { total: number; readAt: number }[]>> {
    const rows = await this.db.selectFrom('meter_readings').select(['meter_id', 'total', 'read_at']).where('read_at', '>=', since).orderBy('meter_id').orderBy('read_at').orderBy('id').execute();
    const out = new Map<number, { total: number; readAt: number }[]>();
    for (const r of rows) {
      const id = Number(r.meter_id);
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push({ total: Number(r.total), readAt: Number(r.read_at) });
    }
    return out;
  }

  /** The meter's total at `instant`: its last reading at or before it; else its first reading (the meter was read later). */
  async totalAt(meterId: number, instant: number): Promise<number | null> {
    const before = await this.db
      .selectFrom('meter_readings')
      .select('total')
      .where('meter_id', '=', meterId)
      .where('read_at', '<=', instant)
      .orderBy('read_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (before) return Number(before.total);
    const first = await this.db.selectFrom('meter_readings').select('total').where('meter_id', '=', meterId).orderBy('read_at').orderBy('id').limit(1).executeTakeFirst();
    return first ? Number(first.total) : null;
  }
}
