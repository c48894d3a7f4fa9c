// Pure (Node). The préventif generator: for every active plan × equipment it applies to, keep a pm_schedules row,
// compute the next occurrence with the schedule math, and when it falls due (minus the plan's lead time) make its
// OT in ONE short transaction: INSERT the occurrence ON CONFLICT DO NOTHING RETURNING id — nothing back means
// another pass or process made it, stop — then the OT, its link and its gamme. At most one open occurrence per
// schedule: a fixed one falling due while the previous OT is open is recorded `missed`; after the PC was off, the
// oldest past-due occurrence gets one late OT and the others are recorded `missed` (never a flood). A completion
// sweep first moves finished OTs' occurrences to `done` (with the meter's total then) and the schedule's base.
import { localDateOf, nextOccurrence, projectDailyUsage, startOfLocalDate, type MeterInput, type MeterState, type Occurrence, type ScheduleBase, type ScheduleContext } from '../../../shared/preventive/schedule';
import { addDays } from '../../../shared/preventive/schedule-time-zone';
import { isMeterTrigger, parseTriggers, type TriggerKind, type Triggers } from '../../../shared/preventive/triggers';
import { ChecklistCopyRepository } from '../checklists';
import type { Database } from '../kernel/db/database';
import type { Logger } from '../kernel/platform/logger';
import { createWorkOrder } from '../work-orders';
import { OccurrencesRepository, type OccurrenceRow } from './occurrences-repository';
import { SchedulesRepository, type EquipmentTarget, type MeterSnapshot, type PlanRow, type ScheduleRow } from './schedules-repository';

const DAY = 86_400_000;
const USAGE_WINDOW = 90 * DAY;
/** Bounds the walk over one schedule's past-due occurrences (a daily plan off for years): never an endless loop. */
const MAX_STEPS = 5000;

export interface GeneratorCounts {
  /** OTs made. */
  created: number;
  /** Occurrences recorded as missed (no OT). */
  missed: number;
  /** Occurrences whose OT was found done or closed. */
  completed: number;
  /** Occurrences whose OT was found cancelled. */
  cancelled: number;
  /** Plan × equipment schedules looked at. */
  schedules: number;
}

export interface GeneratorDeps {
  database: Database;
  /** The system actor's workstation in the OT history (no user: the generator made it). */
  workstation: string;
  logger?: Logger;
}

const isFixed = (kind: TriggerKind) => kind === 'calendar_fixed' || kind === 'meter_fixed';
const isMeterKind = (kind: TriggerKind) => kind === 'meter_fixed' || kind === 'meter_floating' || kind === 'condition';
const scheduleKey = (planId: number, equipmentId: number) => `${planId}:${equipmentId}`;

interface PassData {
  ctx: ScheduleContext;
  today: string;
  now: number;
  assignees: Map<number, number[]>;
  meters: Map<string, MeterSnapshot>;
  readings: Map<number, { total: number; readAt: number }[]>;
  latest: Map<string, OccurrenceRow>;
  latestDone: Map<string, OccurrenceRow>;
  open: Map<string, OccurrenceRow>;
  /** The schedules' next due occurrence, written together at the end of the pass (a cache for the planning and forecast). */
  nextChanges: { id: number; next: { at: number | null; date: string | null; total: number | null; key: string | null } }[];
}

export class PreventiveGenerator {
  private readonly schedules: SchedulesRepository;
  private readonly occurrences: OccurrencesRepository;

  constructor(private readonly deps: GeneratorDeps) {
    this.schedules = new SchedulesRepository(deps.database.kysely);
    this.occurrences = new OccurrencesRepository(deps.database.kysely);
  }

  /** One pass at `now`: the completion sweep, then every schedule. Callers keep passes of one process one at a time. */
  async runOnce(now: number): Promise<GeneratorCounts> {
    const counts: GeneratorCounts = { created: 0, missed: 0, completed: 0, cancelled: 0, schedules: 0 };
    const timeZone = await this.schedules.siteTimeZone();
    const today = localDateOf(now, timeZone);
    const plans = await this.schedules.activePlans();
    const triggersOf = new Map<number, Triggers>();
    for (const plan of plans) {
      try {
        triggersOf.set(Number(plan.id), parseTriggers(plan.triggers));
      } catch (error) {
        // A plan is only written through the schema; a bad one is skipped (and said), never stops the others.
        this.deps.logger?.warn('Preventive plan skipped: triggers unreadable', { plan: plan.code, error: error instanceof Error ? error.message : String(error) });
      }
    }
    const meterList = await this.schedules.activeMeters();
    const meters = new Map(meterList.map((m) => [`${m.equipmentId}:${m.name}`, m]));

    await this.sweepCompletions(counts, timeZone, triggersOf, meters);

    const equipment = await this.schedules.eligibleEquipment();
    const targetsOf = targetsByPlan(plans, equipment);
    let rows = await this.schedules.all();
    const known = new Set(rows.map((r) => scheduleKey(Number(r.plan_id), Number(r.equipment_id))));
    const missing: { planId: number; equipmentId: number }[] = [];
    for (const plan of plans) {
      if (!triggersOf.has(Number(plan.id))) continue;
      for (const target of targetsOf.get(Number(plan.id)) ?? []) if (!known.has(scheduleKey(Number(plan.id), target.id))) missing.push({ planId: Number(plan.id), equipmentId: target.id });
    }
    if (missing.length > 0) {
      await this.schedules.insertMissing(missing, now);
      rows = await this.schedules.all();
    }
    const scheduleOf = new Map(rows.map((r) => [scheduleKey(Number(r.plan_id), Number(r.equipment_id)), r]));
    const bySchedule = (list: OccurrenceRow[]) => new Map(list.map((o) => [scheduleKey(Number(o.plan_id), Number(o.equipment_id)), o]));
    const data: PassData = {
      ctx: { timeZone, holidays: await this.schedules.holidays(addDays(today, -4 * 366), addDays(today, 3 * 366)) },
      today,
      now,
      assignees: await this.schedules.planAssignees(),
      meters,
      readings: await this.schedules.recentReadings(now - USAGE_WINDOW),
      latest: bySchedule(await this.occurrences.latestPerSchedule()),
      latestDone: bySchedule(await this.occurrences.latestDonePerSchedule()),
      open: bySchedule(await this.occurrences.open()),
      nextChanges: [],
    };
    for (const plan of plans) {
      const triggers = triggersOf.get(Number(plan.id));
      if (!triggers) continue;
      for (const target of targetsOf.get(Number(plan.id)) ?? []) {
        const schedule = scheduleOf.get(scheduleKey(Number(plan.id), target.id));
        if (!schedule) continue;
        counts.schedules += 1;
        try {
          await this.runSchedule(plan, triggers, target, schedule, data, counts);
        } catch (error) {
          // One schedule's failure (a lock timeout…) is logged; the next pass takes it up again.
          this.deps.logger?.error('Preventive schedule failed', { plan: plan.code, equipmentId: target.id, error: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    for (let i = 0; i < data.nextChanges.length; i += 500) {
      const chunk = data.nextChanges.slice(i, i + 500);
      await this.deps.database.transaction(async (trx) => {
        for (const change of chunk) await this.schedules.in(trx).setNext(change.id, change.next, now);
      });
    }
    return counts;
  }

  /** OTs done/closed → occurrence `done` with the meter's total then, and the schedule's base moves; cancelled → `cancelled`. */
  private async sweepCompletions(counts: GeneratorCounts, timeZone: string, triggersOf: Map<number, Triggers>, meters: Map<string, MeterSnapshot>): Promise<void> {
    for (const f of await this.occurrences.finished()) {
      if (f.workOrderStatus === 'cancelled') {
        if (await this.occurrences.markCancelled(f.id)) counts.cancelled += 1;
        continue;
      }
      const firstMeter = triggersOf.get(f.planId)?.find(isMeterTrigger);
      const meter = firstMeter ? meters.get(`${f.equipmentId}:${firstMeter.meter}`) : undefined;
      const doneTotal = meter ? await this.schedules.totalAt(meter.id, f.finishedAt) : null;
      const moved = await this.deps.database.transaction(async (trx) => {
        const done = await this.occurrences.in(trx).markDone(f.id, f.finishedAt, doneTotal);
        if (!done) return false;
        await this.schedules.in(trx).moveBase(f.planId, f.equipmentId, { date: localDateOf(f.finishedAt, timeZone), total: doneTotal, doneAt: f.finishedAt }, f.finishedAt);
        return true;
      });
      if (moved) counts.completed += 1;
    }
  }

  private async meterInput(plan: PlanRow, triggers: Triggers, target: EquipmentTarget, schedule: ScheduleRow, data: PassData): Promise<MeterInput> {
    const names = [...new Set(triggers.filter(isMeterTrigger).map((t) => t.meter))];
    if (names.length === 0) return null;
    const states = new Map<string, MeterState>();
    for (const [index, name] of names.entries()) {
      const meter = data.meters.get(`${target.id}:${name}`);
      if (!meter || meter.lastTotal === null || meter.lastReadAt === null) continue;
      const state: MeterState = {
        total: meter.lastTotal,
        readAt: meter.lastReadAt,
        dailyUsage: projectDailyUsage(data.readings.get(meter.id) ?? [], data.now),
        lastReading: meter.lastReadingId === null || meter.lastValue === null ? null : { id: meter.lastReadingId, value: meter.lastValue },
      };
      if (index === 0) {
        // The first meter's start total lives in base_total until the first completion (then base_total is the done total).
        if (schedule.last_done_at === null) {
          let start = schedule.base_total;
          if (start === null) {
            start = meter.lastReadAt <= Number(plan.created_at) ? meter.lastTotal : await this.schedules.totalAt(meter.id, Number(plan.created_at));
            if (start !== null) await this.schedules.setStartTotal(Number(schedule.id), start, data.now);
          }
          state.startTotal = start;
        }
      } else {
        // A second meter (a whichever-first on two meters) is rare: its totals are read when needed.
        state.startTotal = await this.schedules.totalAt(meter.id, Number(plan.created_at));
        if (schedule.last_done_at !== null) state.doneTotal = await this.schedules.totalAt(meter.id, Number(schedule.last_done_at));
      }
      states.set(name, state);
    }
    if (names.length === 1) return states.get(names[0]!) ?? null;
    return states;
  }

  private async runSchedule(plan: PlanRow, triggers: Triggers, target: EquipmentTarget, schedule: ScheduleRow, data: PassData, counts: GeneratorCounts): Promise<void> {
    const key = scheduleKey(Number(plan.id), target.id);
    const { ctx, today } = data;
    const meters = await this.meterInput(plan, triggers, target, schedule, data);
    const base = scheduleBaseOf(plan, schedule, data.latestDone.get(key), triggers, ctx.timeZone);
    const latest = data.latest.get(key);
    let after: Occurrence | null = latest ? toOccurrence(latest, triggers) : null;
    let open = data.open.has(key);
    const leadLimit = addDays(today, Number(plan.lead_days));
    const overdue = (o: Occurrence) => (isMeterKind(o.triggerKind) ? !o.projected : o.dueDate < today);
    // Within the lead time. A meter occurrence only projected (not reached) is made early only when the plan asks for
    // a lead time: with none, « toutes les 250 h » means when the meter reads 250, not when a forecast says so.
    const withinLead = (o: Occurrence) => o.dueDate <= leadLimit && (!o.projected || Number(plan.lead_days) > 0);
    const missedWhileOpen: Occurrence[] = [];

    for (let step = 0; step < MAX_STEPS; step += 1) {
      const next = nextOccurrence(triggers, base, meters, ctx, after);
      if (next === null || !(overdue(next) || withinLead(next))) break;
      if (open) {
        // The previous OT is still open: a fixed occurrence falling due meanwhile is missed; floating ones wait.
        if (!isFixed(next.triggerKind) || !overdue(next)) break;
        missedWhileOpen.push(next);
        after = next;
        continue;
      }
      // Catch-up: every past-due occurrence after this one is recorded missed; this one, the oldest, gets the OT.
      const skipped: Occurrence[] = [];
      for (let probe = nextOccurrence(triggers, base, meters, ctx, next); probe !== null && overdue(probe) && skipped.length < MAX_STEPS; probe = nextOccurrence(triggers, base, meters, ctx, probe)) {
        if (probe.key === (skipped.at(-1) ?? next).key) break;
        skipped.push(probe);
      }
      const late = isMeterKind(next.triggerKind) ? skipped.length > 0 : next.dueDate < today;
      const made = await this.makeWorkOrder(plan, target, next, late, data);
      if (!made) break; // Another pass or process made it: it carries on from there.
      counts.created += 1;
      // After the OT's own transaction: a crash between the two leaves the OT, and the next pass records these.
      if (skipped.length > 0) counts.missed += await this.occurrences.insertManyIfNew(skipped.map((o) => this.occurrenceRow(plan, target, o, 'missed', false, data)));
      after = skipped.at(-1) ?? next;
      open = true;
    }

    if (missedWhileOpen.length > 0) counts.missed += await this.occurrences.insertManyIfNew(missedWhileOpen.map((o) => this.occurrenceRow(plan, target, o, 'missed', false, data)));

    const upcoming = nextOccurrence(triggers, base, meters, ctx, after);
    const next = { at: upcoming?.dueAt ?? null, date: upcoming?.dueDate ?? null, total: upcoming?.dueTotal ?? null, key: upcoming?.key ?? null };
    if (next.key !== schedule.next_key || next.at !== (schedule.next_due_at === null ? null : Number(schedule.next_due_at)) || next.total !== schedule.next_due_total) {
      data.nextChanges.push({ id: Number(schedule.id), next });
    }
  }

  private occurrenceRow(plan: PlanRow, target: EquipmentTarget, o: Occurrence, status: 'generated' | 'missed', late: boolean, data: PassData) {
    const tolerance = Number(plan.tolerance_days);
    const zone = data.ctx.timeZone;
    return {
      plan_id: Number(plan.id),
      equipment_id: target.id,
      location_id: target.locationId,
      occurrence_key: o.key,
      trigger_kind: o.triggerKind,
      due_at: o.dueAt,
      due_date: o.dueDate,
      due_total: o.dueTotal,
      // The tolerance window as instants of the site's zone: from local midnight of due − tolerance to the end of due + tolerance.
      window_start_at: startOfLocalDate(addDays(o.dueDate, -tolerance), zone),
      window_end_at: startOfLocalDate(addDays(o.dueDate, tolerance + 1), zone) - 1,
      tolerance_units: o.dueTotal !== null ? Number(plan.tolerance_units) : null,
      status,
      late: late ? 1 : 0,
      work_order_id: null,
      done_at: null,
      done_total: null,
      created_at: data.now,
    } as const;
  }

  /** One transaction: the occurrence (or nothing, when it exists), its OT, the link both ways and the gamme's steps. */
  private makeWorkOrder(plan: PlanRow, target: EquipmentTarget, o: Occurrence, late: boolean, data: PassData): Promise<{ id: number; number: string } | null> {
    return this.deps.database.transaction(async (trx) => {
      const occurrences = this.occurrences.in(trx);
      const occurrenceId = await occurrences.insertIfNew(this.occurrenceRow(plan, target, o, 'generated', late, data));
      if (occurrenceId === null) return null;
      const order = await createWorkOrder(
        trx,
        {
          type: plan.work_type,
          priority: Number(plan.priority) as 1 | 2 | 3 | 4,
          equipmentId: target.id,
          locationId: target.locationId,
          title: plan.name,
          description: plan.instructions,
          dueAt: o.dueAt,
          plannedAt: o.dueAt,
          estimatedMinutes: plan.estimated_minutes === null ? null : Number(plan.estimated_minutes),
          assigneeIds: data.assignees.get(Number(plan.id)) ?? [],
        },
        { userId: null, workstation: this.deps.workstation, at: data.now, year: Number(data.today.slice(0, 4)) },
      );
      await occurrences.linkWorkOrder(occurrenceId, order.id);
      if (plan.checklist_id !== null) await new ChecklistCopyRepository(trx).copyToWorkOrder(Number(plan.checklist_id), order.id);
      return order;
    });
  }
}

function targetsByPlan(plans: PlanRow[], equipment: EquipmentTarget[]): Map<number, EquipmentTarget[]> {
  const byId = new Map(equipment.map((e) => [e.id, e]));
  const byCategory = new Map<string, EquipmentTarget[]>();
  for (const e of equipment) if (e.category !== null) byCategory.set(e.category, [...(byCategory.get(e.category) ?? []), e]);
  const out = new Map<number, EquipmentTarget[]>();
  for (const plan of plans) {
    if (plan.equipment_id !== null) {
      const e = byId.get(Number(plan.equipment_id));
      out.set(Number(plan.id), e ? [e] : []);
    } else if (plan.category !== null) {
      out.set(Number(plan.id), byCategory.get(plan.category) ?? []);
    }
  }
  return out;
}

/**
 * The completion base of one schedule as the schedule math wants it: the plan's start (its creation day in the site's
 * zone), and the last completion (pm_schedules.base_date / base_total / last_done_at, which trigger fired and which
 * occurrence it closed, from the latest `done` occurrence). The 12-month forecast builds its input the same way.
 */
export function scheduleBaseOf(
  plan: Pick<PlanRow, 'created_at'>,
  schedule: Pick<ScheduleRow, 'last_done_at' | 'base_date' | 'base_total'>,
  lastDone: Pick<OccurrenceRow, 'trigger_kind' | 'occurrence_key'> | undefined,
  triggers: Triggers,
  timeZone: string,
): ScheduleBase {
  return {
    startDate: localDateOf(Number(plan.created_at), timeZone),
    lastDone:
      schedule.last_done_at !== null && schedule.base_date !== null
        ? { date: schedule.base_date, total: schedule.base_total, firedIndex: lastDone ? indexOfKind(triggers, lastDone.trigger_kind) : null, key: lastDone?.occurrence_key ?? null }
        : null,
  };
}

function indexOfKind(triggers: Triggers, kind: string): number | null {
  const index = triggers.findIndex((t) => t.kind === kind);
  return index < 0 ? null : index;
}

/** A stored occurrence as the schedule math sees it (its trigger found again by kind: a plan may have changed since): the `after` of nextOccurrence / occurrencesBetween. */
export function toOccurrence(row: OccurrenceRow, triggers: Triggers): Occurrence {
  return {
    key: row.occurrence_key,
    triggerIndex: indexOfKind(triggers, row.trigger_kind) ?? 0,
    triggerKind: row.trigger_kind as TriggerKind,
    dueDate: row.due_date,
    dueAt: Number(row.due_at),
    dueTotal: row.due_total,
    projected: false,
  };
}
