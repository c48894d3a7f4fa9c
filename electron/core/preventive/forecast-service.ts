// Pure (Node). The 12-month forecast: loads everything in a few set-based queries (ForecastRepository, the site
// calendar), then runs the engine's pure schedule math (shared/preventive/schedule.ts) in memory for each plan ×
// equipment — no query per plan or per meter, so 2,000 plans stay well under the bench's 2 s goal.
import {
  FORECAST_LIMIT_PER_SCHEDULE,
  FORECAST_MONTHS,
  type ForecastQuery,
  type ForecastRow,
  type ForecastView,
} from '../../../shared/preventive/forecast-contract';
import { addDays, addMonths, localDateOf, occurrencesBetween, projectDailyUsage, type MeterState, type ScheduleBase } from '../../../shared/preventive/schedule';
import { parseTriggers, type Triggers } from '../../../shared/preventive/triggers';
import type { Executor } from '../kernel/db/database';
import { ForecastRepository, type ForecastMeter, type ForecastTarget } from './forecast-repository';
import { SiteCalendarRepository } from './site-calendar-repository';

const DAY_MS = 86_400_000;
/** The usage is projected from the readings of the last 90 days (projectDailyUsage's window). */
const USAGE_WINDOW_MS = 90 * DAY_MS;

/** The forecast's window: today (site zone) to the last day of the 11th month after this one, and its 12 months. */
export function forecastWindow(today: string): { from: string; to: string; months: string[] } {
  const first = `${today.slice(0, 7)}-01`;
  const months = Array.from({ length: FORECAST_MONTHS }, (_, i) => addMonths(first, i).slice(0, 7));
  return { from: today, to: addDays(addMonths(first, FORECAST_MONTHS), -1), months };
}

const meterKey = (equipmentId: number, name: string) => `${equipmentId}\u0000${name}`;

function meterState(meter: ForecastMeter, readings: readonly { total: number; readAt: number }[] | undefined, now: number): MeterState {
  return {
    total: meter.lastTotal ?? 0,
    readAt: meter.lastReadAt ?? 0,
    // A meter without any reading has no usage to project from.
    dailyUsage: meter.lastReadAt === null ? null : projectDailyUsage(readings ?? [], now),
    lastReading: meter.lastReadingId !== null && meter.lastValue !== null ? { id: meter.lastReadingId, value: meter.lastValue } : null,
    // The forecast starts today: counting from the current total skips walking years of reached multiples one by
    // one (the next fixed multiple above it is the first future one either way; a floating trigger whose completion
    // total isn't known counts from now). A known completion total (base_total) still wins for a floating trigger.
    startTotal: meter.lastTotal,
  };
}

/** One plan × equipment: its base from the schedule (the last completion), or the plan's creation date. */
export function scheduleBase(target: ForecastTarget, timeZone: string): ScheduleBase {
  const done = target.baseDate ?? (target.lastDoneAt !== null ? localDateOf(target.lastDoneAt, timeZone) : null);
  return {
    startDate: localDateOf(target.planCreatedAt, timeZone),
    // The schedule doesn't keep the key of the occurrence its completion closed; a key no occurrence has tells the
    // schedule math that every occurrence the forecast chains is still open (counted as done on its due date).
    lastDone: done !== null ? { date: done, total: target.baseTotal, firedIndex: null, key: 'forecast:base' } : null,
  };
}

export async function computeForecast(db: Executor, query: ForecastQuery, now: number): Promise<ForecastView> {
  const repository = new ForecastRepository(db);
  const calendar = new SiteCalendarRepository(db);
  const timeZone = await calendar.timeZone();
  const window = forecastWindow(localDateOf(now, timeZone));
  const [targets, meters, readings, holidays] = await Promise.all([
    repository.targets(query),
    repository.meters(query.equipmentId),
    repository.readingsSince(now - USAGE_WINDOW_MS, query.equipmentId),
    // Every holiday (a few a year): chained dates before today may skip them too.
    calendar.holidays('0000-01-01', '9999-12-31'),
  ]);
  const ctx = { timeZone, holidays };
  const metersByName = new Map(meters.map((meter) => [meterKey(meter.equipmentId, meter.name), meter]));
  const states = new Map<number, MeterState>();
  const stateOf = (meter: ForecastMeter) => {
    let state = states.get(meter.id);
    if (!state) {
      state = meterState(meter, readings.get(meter.id), now);
      states.set(meter.id, state);
    }
    return state;
  };

  const rows: ForecastRow[] = [];
  for (const target of targets) {
    let triggers: Triggers;
    try {
      triggers = parseTriggers(target.triggers);
    } catch {
      continue; // A plan is only ever written through the schema: an unreadable one is skipped, not fatal.
    }
    const byName = new Map<string, MeterState>();
    let note: ForecastRow['note'] = null;
    for (const trigger of triggers) {
      if (!('meter' in trigger)) continue;
      const meter = metersByName.get(meterKey(target.equipmentId, trigger.meter));
      if (!meter) {
        note = 'no_meter';
        continue;
      }
      const state = stateOf(meter);
      byName.set(trigger.meter, state);
      if (trigger.kind !== 'condition' && state.dailyUsage === null && note === null) note = 'no_usage';
    }
    if (note === null && triggers.some((trigger) => trigger.kind === 'condition')) note = 'condition';
    const occurrences = occurrencesBetween(triggers, scheduleBase(target, timeZone), byName.size > 0 ? byName : null, ctx, window.from, window.to, FORECAST_LIMIT_PER_SCHEDULE);
    rows.push({
      planId: target.planId,
      planCode: target.planCode,
      planName: target.planName,
      equipmentId: target.equipmentId,
      equipmentCode: target.equipmentCode,
      equipmentDesignation: target.equipmentDesignation,
      occurrences: occurrences.map((o) => ({ key: o.key, dueDate: o.dueDate, dueTotal: o.dueTotal, triggerKind: o.triggerKind, projected: o.projected })),
      // A calendar trigger beside the meter still gives dates: the note only says why some may be missing.
      note: occurrences.length > 0 && note === 'condition' ? null : note,
    });
  }
  rows.sort((a, b) => a.planCode.localeCompare(b.planCode, 'fr') || a.equipmentCode.localeCompare(b.equipmentCode, 'fr'));
  return { ...window, rows };
}
