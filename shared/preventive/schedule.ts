// Pure (main and renderer). The schedule math of a plan de maintenance on one equipment: given its triggers, its
// completion base and its meter(s), the next occurrence and the occurrences of a period. The generator (engine)
// and the 12-month forecast (reports) both count on these; nothing here touches the database or the clock.
//
// Rules (issue 14):
// - fixed calendar: occurrence n = anchor + n × interval computed from the anchor each time (month ends clamp and
//   never drift), then moved to the next working day when the plan skips weekends / the site's holidays;
// - floating calendar: base (last completion, or the plan's start) + interval;
// - fixed meter: the next anchor + k × every above the last generated / done total (or the total at the start);
// - floating meter: total at the last completion (or at the start) + every;
// - condition: the latest reading above / below a threshold (key 'C:<reading id>');
// - two triggers: whichever comes first; after a completion the trigger that did not fire restarts from it.
// An occurrence generated but not yet done counts, for what follows it, as if done on its due date (at its due
// total): that is how the forecast chains occurrences, and how the generator finds the next fixed one.
import type { Trigger, TriggerKind, Triggers } from './triggers';
import { addInterval, firstFixedCalendarDate, nextWorkingDay } from './schedule-calendar';
import { instantOfTotal, nextMultipleAbove, projectTotal, roundUnits } from './schedule-meter';
import { addDays, localDateOf, startOfLocalDate, type LocalDate } from './schedule-time-zone';

export { projectDailyUsage, projectTotal } from './schedule-meter';
export { addDays, addMonths, daysBetween, isWeekend, localDateOf, startOfLocalDate, weekdayOf, type LocalDate } from './schedule-time-zone';

export interface ScheduleContext {
  timeZone: string;
  holidays: ReadonlySet<LocalDate>;
}

export interface MeterState {
  /** The meter's cumulative total at its latest reading. */
  total: number;
  readAt: number;
  /** Projected units per day (projectDailyUsage), null when unknown. */
  dailyUsage: number | null;
  /** Total when the schedule began (its last reading at or before the start): the floor of the first fixed multiple
   *  and the base of a floating trigger before the first completion. Null/absent = 0. */
  startTotal?: number | null;
  /** Total at the last completion, when it differs from `lastDone.total` (a second meter of a whichever-first). */
  doneTotal?: number | null;
  /** The latest reading, for a condition trigger. */
  lastReading?: { id: number; value: number } | null;
}

/** One meter for every meter trigger, or one per meter name (a whichever-first on two meters). */
export type MeterInput = MeterState | ReadonlyMap<string, MeterState> | null;

export interface ScheduleBase {
  /** The plan's start on this equipment: no occurrence before it; the floating base before the first completion. */
  startDate: LocalDate;
  lastDone: {
    date: LocalDate;
    total: number | null;
    firedIndex: number | null;
    /** The occurrence this completion closed: tells a done `after` from one still open (an `after` with another key
     *  and due after this completion is open). Absent = it closed `after`. */
    key?: string | null;
  } | null;
}

export interface Occurrence {
  /** 'D:2027-03-31' | 'M:1500' | 'C:<reading id>': the idempotence key. */
  key: string;
  triggerIndex: number;
  triggerKind: TriggerKind;
  dueDate: LocalDate;
  /** Local midnight of dueDate in the site's zone, as UTC ms. */
  dueAt: number;
  dueTotal: number | null;
  /** A meter due date forecast from the daily usage, not yet reached. */
  projected: boolean;
}

interface EffectiveBase {
  date: LocalDate;
  firedIndex: number | null;
  totalOf: (trigger: Trigger, index: number) => number | null;
}

function meterOf(input: MeterInput, name: string): MeterState | null {
  if (input === null) return null;
  if (input instanceof Map) return input.get(name) ?? null;
  return input as MeterState;
}

function effectiveBase(triggers: Triggers, base: ScheduleBase, meters: MeterInput, after: Occurrence | null): EffectiveBase | null {
  const done = base.lastDone;
  // `after` is still open when no completion closed it: a completion of another occurrence older than it (an
  // earlier one), not one made after it (a late OT done after the missed occurrences that followed it).
  const afterIsOpen = after !== null && (done === null || (done.key !== undefined && done.key !== null && done.key !== after.key && after.dueDate > done.date));
  if (after !== null && afterIsOpen) {
    // Still open: for what follows, it counts as done on its due date at its due total.
    return {
      date: after.dueDate,
      firedIndex: after.triggerIndex,
      totalOf: (trigger, index) => {
        if (!('meter' in trigger)) return null;
        if (index === after.triggerIndex && after.dueTotal !== null) return after.dueTotal;
        const fired = triggers[after.triggerIndex];
        if (fired && 'meter' in fired && fired.meter === trigger.meter && after.dueTotal !== null) return after.dueTotal;
        const m = meterOf(meters, trigger.meter);
        return m ? projectTotal(m, after.dueAt) : null;
      },
    };
  }
  if (done === null) return null;
  return {
    date: done.date,
    firedIndex: done.firedIndex,
    totalOf: (trigger) => {
      if (!('meter' in trigger)) return null;
      const m = meterOf(meters, trigger.meter);
      return m?.doneTotal ?? done.total ?? null;
    },
  };
}

function candidate(
  triggers: Triggers,
  index: number,
  base: ScheduleBase,
  meters: MeterInput,
  ctx: ScheduleContext,
  after: Occurrence | null,
  eff: EffectiveBase | null,
): Occurrence | null {
  const trigger = triggers[index]!;
  // Whichever-first: after a completion, the trigger that did not fire restarts from it.
  const restart = triggers.length > 1 && eff !== null && eff.firedIndex !== index;
  const calendar = (date: LocalDate): Occurrence => {
    let due = date;
    // Never at or before the last occurrence (a floating base completed early, a restart): keys stay increasing.
    if (after !== null && due <= after.dueDate && trigger.kind !== 'condition' && 'unit' in trigger) due = nextWorkingDay(addDays(after.dueDate, 1), trigger, ctx);
    return { key: `D:${due}`, triggerIndex: index, triggerKind: trigger.kind, dueDate: due, dueAt: startOfLocalDate(due, ctx.timeZone), dueTotal: null, projected: false };
  };
  switch (trigger.kind) {
    case 'calendar_fixed': {
      if (restart) return calendar(nextWorkingDay(addInterval(eff.date, trigger, 1), trigger, ctx));
      return calendar(firstFixedCalendarDate(trigger, base.startDate, after?.dueDate ?? null, ctx));
    }
    case 'calendar_floating':
      return calendar(nextWorkingDay(addInterval(eff?.date ?? base.startDate, trigger, 1), trigger, ctx));
    case 'meter_fixed':
    case 'meter_floating': {
      const m = meterOf(meters, trigger.meter);
      if (!m) return null;
      const startTotal = m.startTotal ?? 0;
      let target: number;
      if (trigger.kind === 'meter_floating' || restart) {
        target = roundUnits((eff ? eff.totalOf(trigger, index) ?? startTotal : startTotal) + trigger.every);
        // Done before any use (total at or below the last due): the next is one interval on, never the same key again.
        const last = after !== null ? triggers[after.triggerIndex] : undefined;
        if (after !== null && after.dueTotal !== null && last && 'meter' in last && last.meter === trigger.meter && target <= after.dueTotal) {
          target = roundUnits(after.dueTotal + trigger.every);
        }
      } else {
        let floor = m.startTotal ?? trigger.anchor;
        const doneTotal = eff?.totalOf(trigger, index);
        if (doneTotal !== null && doneTotal !== undefined) floor = Math.max(floor, doneTotal);
        if (after !== null && after.triggerIndex === index && after.dueTotal !== null) floor = Math.max(floor, after.dueTotal);
        target = nextMultipleAbove(trigger.anchor, trigger.every, floor);
      }
      const floorInstant = startOfLocalDate(eff?.date ?? base.startDate, ctx.timeZone);
      const when = instantOfTotal(m, target, floorInstant);
      if (when === null) return null;
      let dueDate = localDateOf(when.at, ctx.timeZone);
      if (after !== null && dueDate < after.dueDate) dueDate = after.dueDate;
      return { key: `M:${target}`, triggerIndex: index, triggerKind: trigger.kind, dueDate, dueAt: startOfLocalDate(dueDate, ctx.timeZone), dueTotal: target, projected: when.projected };
    }
    case 'condition': {
      const m = meterOf(meters, trigger.meter);
      const reading = m?.lastReading;
      if (!m || !reading) return null;
      const out = (trigger.above !== null && reading.value > trigger.above) || (trigger.below !== null && reading.value < trigger.below);
      const key = `C:${reading.id}`;
      if (!out || after?.key === key || base.lastDone?.key === key) return null;
      const dueDate = localDateOf(m.readAt, ctx.timeZone);
      return { key, triggerIndex: index, triggerKind: trigger.kind, dueDate, dueAt: startOfLocalDate(dueDate, ctx.timeZone), dueTotal: null, projected: false };
    }
  }
}

/** The next occurrence strictly after `after` (the last one generated), whichever trigger comes first; null if none can be known. */
export function nextOccurrence(triggers: Triggers, base: ScheduleBase, meter: MeterInput, ctx: ScheduleContext, after: Occurrence | null = null): Occurrence | null {
  const eff = effectiveBase(triggers, base, meter, after);
  let best: Occurrence | null = null;
  for (let i = 0; i < triggers.length; i += 1) {
    const c = candidate(triggers, i, base, meter, ctx, after, eff);
    if (c === null || c.key === after?.key) continue;
    // The earliest wins; on the same day a reached meter beats a projected one, then the first trigger.
    if (best === null || c.dueAt < best.dueAt || (c.dueAt === best.dueAt && best.projected && !c.projected)) best = c;
  }
  return best;
}

/**
 * Every occurrence with dueDate in [from, to], at most `limit`, chaining from `after` (the last one generated, if
 * any) as if each were done on its due date: the 12-month forecast and the generator's catch-up.
 */
export function occurrencesBetween(
  triggers: Triggers,
  base: ScheduleBase,
  meter: MeterInput,
  ctx: ScheduleContext,
  from: LocalDate,
  to: LocalDate,
  limit: number,
  after: Occurrence | null = null,
): Occurrence[] {
  const out: Occurrence[] = [];
  let previous = after;
  // A daily plan anchored years back walks its past first: bounded, so bad data can't hang the caller.
  for (let guard = 0; guard < 200_000 && out.length < limit; guard += 1) {
    const next = nextOccurrence(triggers, base, meter, ctx, previous);
    if (next === null || next.dueDate > to) break;
    if (previous !== null && next.key === previous.key) break;
    if (next.dueDate >= from) out.push(next);
    previous = next;
  }
  return out;
}
