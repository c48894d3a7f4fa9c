// Pure (main and renderer). Calendar triggers: the fixed grid computed from its anchor each time (so 31 Jan monthly
// clamps to 28/29 Feb and comes back to 31 Mar: it never drifts), the floating interval from a base date, and the
// move to the next working day when the plan skips weekends or the site's holidays.
import type { CalendarTrigger } from './triggers';
import { addDays, addMonths, daysBetween, isWeekend, type LocalDate } from './schedule-time-zone';

export interface WorkingDays {
  holidays: ReadonlySet<LocalDate>;
}

/** `date` + n × the trigger's interval. */
export function addInterval(date: LocalDate, trigger: Pick<CalendarTrigger, 'every' | 'unit'>, n: number): LocalDate {
  switch (trigger.unit) {
    case 'day':
      return addDays(date, n * trigger.every);
    case 'week':
      return addDays(date, n * trigger.every * 7);
    case 'month':
      return addMonths(date, n * trigger.every);
    case 'year':
      return addMonths(date, n * trigger.every * 12);
  }
}

/** The date itself, or the next day that is neither a weekend (if skipped) nor a holiday (if skipped). */
export function nextWorkingDay(date: LocalDate, trigger: Pick<CalendarTrigger, 'skipWeekends' | 'skipHolidays'>, ctx: WorkingDays): LocalDate {
  let d = date;
  // A year of consecutive non-working days would be a data error: stop rather than loop forever.
  for (let i = 0; i < 366; i += 1) {
    const off = (trigger.skipWeekends && isWeekend(d)) || (trigger.skipHolidays && ctx.holidays.has(d));
    if (!off) return d;
    d = addDays(d, 1);
  }
  return d;
}

/** The occurrence n of a fixed calendar (n ≥ 0), computed from the anchor, then moved to a working day. */
export function fixedCalendarDate(trigger: Extract<CalendarTrigger, { kind: 'calendar_fixed' }>, n: number, ctx: WorkingDays): LocalDate {
  return nextWorkingDay(addInterval(trigger.anchor, trigger, n), trigger, ctx);
}

function approximateDays(trigger: Pick<CalendarTrigger, 'every' | 'unit'>): number {
  const per = { day: 1, week: 7, month: 30.436875, year: 365.2425 }[trigger.unit];
  return per * trigger.every;
}

/**
 * The first fixed occurrence whose (working-day) date is ≥ `notBefore` and > `strictlyAfter`: estimated from the
 * distance to the anchor, then walked back and forth, because adjusted dates are only non-decreasing.
 */
export function firstFixedCalendarDate(
  trigger: Extract<CalendarTrigger, { kind: 'calendar_fixed' }>,
  notBefore: LocalDate,
  strictlyAfter: LocalDate | null,
  ctx: WorkingDays,
): LocalDate {
  const ok = (date: LocalDate) => date >= notBefore && (strictlyAfter === null || date > strictlyAfter);
  const floor = strictlyAfter !== null && strictlyAfter >= notBefore ? strictlyAfter : notBefore;
  let n = Math.max(0, Math.floor(daysBetween(trigger.anchor, floor) / approximateDays(trigger)));
  while (n > 0 && ok(fixedCalendarDate(trigger, n - 1, ctx))) n -= 1;
  let date = fixedCalendarDate(trigger, n, ctx);
  while (!ok(date)) {
    n += 1;
    date = fixedCalendarDate(trigger, n, ctx);
  }
  return date;
}
