// Node (vitest). Property tests (fast-check) of the préventif's date and meter arithmetic: month ends and leap
// years from the anchor, local midnights across DST in Europe/Paris, floating after late and early completions,
// whichever-first, meter resets (totals keep counting) and skipped weekends / holidays.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { totalAfter } from '../../electron/core/meters/meters-repository';
import {
  addDays,
  addMonths,
  isWeekend,
  localDateOf,
  nextOccurrence,
  occurrencesBetween,
  projectDailyUsage,
  startOfLocalDate,
  type MeterState,
  type Occurrence,
  type ScheduleContext,
} from './schedule';
import { daysInMonth, formatLocalDate, parseLocalDate, zoneOffset } from './schedule-time-zone';
import type { Trigger, Triggers } from './triggers';

const PARIS: ScheduleContext = { timeZone: 'Europe/Paris', holidays: new Set() };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Any local date between 1990 and 2080. */
const localDate = fc.integer({ min: 0, max: 90 * 366 }).map((n) => addDays('1990-01-01', n));
const calendar = (t: Partial<Extract<Trigger, { kind: 'calendar_fixed' }>>): Trigger =>
  ({ kind: 'calendar_fixed', anchor: '2027-01-31', every: 1, unit: 'month', skipWeekends: false, skipHolidays: false, ...t }) as Trigger;
const floating = (t: Partial<Extract<Trigger, { kind: 'calendar_floating' }>>): Trigger =>
  ({ kind: 'calendar_floating', every: 1, unit: 'month', skipWeekends: false, skipHolidays: false, ...t }) as Trigger;

describe('fixed calendar: month ends and leap years, computed from the anchor', () => {
  test('31 Jan + 1 month is the end of February (28 or 29), + 2 months is 31 March', () => {
    const occ = occurrencesBetween([calendar({ anchor: '2028-01-31' })], { startDate: '2028-01-01', lastDone: null }, null, PARIS, '2028-01-01', '2029-03-31', 20);
    expect(occ.slice(0, 3).map((o) => o.dueDate)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
    expect(occ.find((o) => o.dueDate.startsWith('2029-02'))?.dueDate).toBe('2029-02-28');
  });

  test('every monthly occurrence n is the anchor day clamped to month anchor + n×every: it never drifts', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 1, max: 6 }), (anchor, every) => {
        const occ = occurrencesBetween([calendar({ anchor, every })], { startDate: anchor, lastDone: null }, null, PARIS, anchor, addMonths(anchor, every * 40), 40);
        const a = parseLocalDate(anchor);
        expect(occ.length).toBe(40);
        occ.forEach((o, n) => {
          const index = a.y * 12 + a.m - 1 + n * every;
          const y = Math.floor(index / 12);
          const m = (index % 12) + 1;
          expect(o.dueDate).toBe(formatLocalDate(y, m, Math.min(a.d, daysInMonth(y, m))));
        });
      }),
      { numRuns: 150 },
    );
  });

  test('an anchor on the 31st stays on month ends; 29 February yearly is 28 Feb except in leap years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2070 }), (year) => {
        const anchor = formatLocalDate(year, 1, 31);
        for (const o of occurrencesBetween([calendar({ anchor })], { startDate: anchor, lastDone: null }, null, PARIS, anchor, addMonths(anchor, 30), 30)) {
          const { y, m, d } = parseLocalDate(o.dueDate);
          expect(d).toBe(daysInMonth(y, m));
        }
        const leapAnchor = '1988-02-29';
        const yearly = occurrencesBetween([calendar({ anchor: leapAnchor, unit: 'year' })], { startDate: formatLocalDate(year, 1, 1), lastDone: null }, null, PARIS, formatLocalDate(year, 1, 1), formatLocalDate(year, 12, 31), 2);
        const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
        expect(yearly.map((o) => o.dueDate)).toEqual([formatLocalDate(year, 2, leap ? 29 : 28)]);
      }),
      { numRuns: 80 },
    );
  });
});

describe('time zone: due dates are local days, due instants local midnights (Europe/Paris, DST)', () => {
  test('startOfLocalDate is local midnight of that day, the day before ends one ms earlier', () => {
    fc.assert(
      fc.property(localDate, (date) => {
        const t = startOfLocalDate(date, 'Europe/Paris');
        expect(localDateOf(t, 'Europe/Paris')).toBe(date);
        expect(localDateOf(t - 1, 'Europe/Paris')).toBe(addDays(date, -1));
        expect((t + zoneOffset(t, 'Europe/Paris')) % DAY).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  test('consecutive daily dues are 24 h apart, 23 h into summer time and 25 h out of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2060 }), (year) => {
        const start = formatLocalDate(year, 1, 1);
        const occ = occurrencesBetween([calendar({ anchor: start, unit: 'day' })], { startDate: start, lastDone: null }, null, PARIS, start, formatLocalDate(year, 12, 31), 400);
        const gaps = occ.slice(1).map((o, i) => o.dueAt - occ[i]!.dueAt);
        expect(gaps.filter((g) => g === 23 * HOUR)).toHaveLength(1);
        expect(gaps.filter((g) => g === 25 * HOUR)).toHaveLength(1);
        expect(gaps.every((g) => g === 23 * HOUR || g === 24 * HOUR || g === 25 * HOUR)).toBe(true);
        // Every due is local midnight: in March the 23 h day is the last Sunday.
        const short = occ[gaps.indexOf(23 * HOUR)]!;
        expect(parseLocalDate(short.dueDate).m).toBe(3);
        expect(new Date(Date.UTC(year, 2, parseLocalDate(short.dueDate).d)).getUTCDay()).toBe(0);
      }),
      { numRuns: 20 },
    );
  });

  test('a known pair: 2027-03-28 starts at 23:00 UTC the day before, 2027-03-29 at 22:00 UTC', () => {
    expect(new Date(startOfLocalDate('2027-03-28', 'Europe/Paris')).toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(new Date(startOfLocalDate('2027-03-29', 'Europe/Paris')).toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(new Date(startOfLocalDate('2027-10-31', 'Europe/Paris')).toISOString()).toBe('2027-10-30T22:00:00.000Z');
    expect(new Date(startOfLocalDate('2027-11-01', 'Europe/Paris')).toISOString()).toBe('2027-10-31T23:00:00.000Z');
  });
});

describe('floating calendar: from the completion, late or early', () => {
  test('the next due is the completion date + the interval, whatever the previous due date', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: -20, max: 60 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('day', 'week', 'month', 'year'), (start, offset, every, unit) => {
        const trigger = floating({ every, unit: unit as 'day' });
        const base = { startDate: start, lastDone: null };
        const first = nextOccurrence([trigger], base, null, PARIS)!;
        const interval = (d: string) => ({ day: addDays(d, every), week: addDays(d, 7 * every), month: addMonths(d, every), year: addMonths(d, 12 * every) })[unit]!;
        expect(first.dueDate).toBe(interval(start));
        // Done `offset` days late (negative: early).
        const doneDate = addDays(first.dueDate, offset);
        const next = nextOccurrence([trigger], { startDate: start, lastDone: { date: doneDate, total: null, firedIndex: 0, key: first.key } }, null, PARIS, first)!;
        const expected = interval(doneDate);
        expect(next.dueDate).toBe(expected > first.dueDate ? expected : addDays(first.dueDate, 1));
      }),
      { numRuns: 200 },
    );
  });
});

describe('whichever first', () => {
  const meterState = (total: number, dailyUsage: number, readAt: number, startTotal = 0): MeterState => ({ total, readAt, dailyUsage, startTotal });

  test('the due is the earliest of the two; after a completion the trigger that did not fire restarts from it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 50, max: 5000 }),
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        fc.integer({ min: 0, max: 400 }),
        fc.boolean(),
        (months, every, usage, doneAfterDays, meterFixed) => {
          const start = '2027-01-04';
          const readAt = startOfLocalDate(start, PARIS.timeZone);
          const meter = meterState(0, usage, readAt);
          const cal = floating({ every: months });
          const met = (meterFixed ? { kind: 'meter_fixed', meter: 'H', every, anchor: 0 } : { kind: 'meter_floating', meter: 'H', every }) as Trigger;
          const both: Triggers = [cal, met];
          const base = { startDate: start, lastDone: null };
          const a = nextOccurrence([cal], base, meter, PARIS)!;
          const b = nextOccurrence([met], base, meter, PARIS)!;
          const c = nextOccurrence(both, base, meter, PARIS)!;
          expect(c.dueAt).toBe(Math.min(a.dueAt, b.dueAt));
          expect(c.key).toBe(a.dueAt <= b.dueAt ? a.key : b.key);

          // Completed some days after the start, at the meter's total then: the non-fired trigger restarts from it.
          const doneDate = addDays(start, doneAfterDays);
          const doneTotal = Math.round(usage * doneAfterDays);
          const done = { date: doneDate, total: doneTotal, firedIndex: c.triggerIndex, key: c.key };
          const later = meterState(doneTotal, usage, startOfLocalDate(doneDate, PARIS.timeZone));
          const next = nextOccurrence(both, { startDate: start, lastDone: done }, later, PARIS, c)!;
          // Each trigger's expected next: the calendar is floating (always from the completion); the meter restarts
          // from the completion total unless it fired and is fixed (then the next multiple above).
          const bump = (d: string) => (d > c.dueDate ? d : addDays(c.dueDate, 1));
          const calDate = bump(addMonths(doneDate, months));
          let meterTotal = meterFixed && c.triggerIndex === 1 ? (Math.floor(Math.max(doneTotal, c.dueTotal!) / every) + 1) * every : doneTotal + every;
          // Done before the meter moved: never the key just done again, one interval on.
          if (c.triggerIndex === 1 && meterTotal <= c.dueTotal!) meterTotal = c.dueTotal! + every;
          const meterDate = localDateOf(later.readAt + ((meterTotal - doneTotal) / usage) * DAY, PARIS.timeZone);
          const meterDue = meterDate < c.dueDate ? c.dueDate : meterDate;
          if (next.triggerIndex === 0) {
            expect(next.dueDate).toBe(calDate);
            expect(next.dueDate <= meterDue).toBe(true);
          } else {
            expect(next.dueTotal).toBe(meterTotal);
            expect(next.dueDate).toBe(meterDue);
            expect(next.dueDate <= calDate).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('6 months or 1 000 h: hours fire first at 10 h/day; the calendar then restarts from that completion', () => {
    const start = '2027-01-04';
    const t0 = startOfLocalDate(start, PARIS.timeZone);
    const both: Triggers = [floating({ every: 6 }), { kind: 'meter_floating', meter: 'H', every: 1000 } as Trigger];
    const first = nextOccurrence(both, { startDate: start, lastDone: null }, { total: 0, readAt: t0, dailyUsage: 10, startTotal: 0 }, PARIS)!;
    expect(first).toMatchObject({ key: 'M:1000', dueDate: '2027-04-14', projected: true });
    const next = nextOccurrence(
      both,
      { startDate: start, lastDone: { date: '2027-04-20', total: 1050, firedIndex: 1, key: 'M:1000' } },
      { total: 1050, readAt: startOfLocalDate('2027-04-20', PARIS.timeZone), dailyUsage: 1, startTotal: 0 },
      PARIS,
      first,
    )!;
    // At 1 h/day the hours are far: the calendar, restarted on 20 April, fires on 20 October.
    expect(next).toMatchObject({ key: 'D:2027-10-20', triggerIndex: 0 });
  });
});

describe('meters: totals across resets', () => {
  test('fixed every N: the reached occurrences are the multiples of N up to the total, resets included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ step: fc.integer({ min: 0, max: 400 }), reset: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 50, max: 700 }),
        (steps, every) => {
          let meter = { last_value: null as number | null, last_total: null as number | null };
          let value = 0;
          for (const s of steps) {
            value = s.reset ? s.step : value + s.step;
            const total = totalAfter(meter, value, s.reset);
            expect(total).toBeGreaterThanOrEqual(meter.last_total ?? 0);
            meter = { last_value: value, last_total: total };
          }
          const total = meter.last_total!;
          const state: MeterState = { total, readAt: startOfLocalDate('2027-06-01', 'Europe/Paris'), dailyUsage: null, startTotal: 0 };
          const reached = occurrencesBetween([{ kind: 'meter_fixed', meter: 'H', every, anchor: 0 }], { startDate: '2027-01-01', lastDone: null }, state, PARIS, '2000-01-01', '2100-01-01', 10_000);
          expect(reached.map((o) => o.dueTotal)).toEqual(Array.from({ length: Math.floor(total / every) }, (_, k) => (k + 1) * every));
          expect(reached.every((o) => !o.projected && o.key === `M:${o.dueTotal}`)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('readings 100, 200, 260 on every 250 h: due only at the third', () => {
    const trigger: Triggers = [{ kind: 'meter_fixed', meter: 'H', every: 250, anchor: 0 }];
    const at = (total: number): Occurrence | null =>
      nextOccurrence(trigger, { startDate: '2027-01-01', lastDone: null }, { total, readAt: startOfLocalDate('2027-02-01', 'Europe/Paris'), dailyUsage: null, startTotal: 0 }, PARIS);
    expect(at(100)).toBeNull();
    expect(at(200)).toBeNull();
    expect(at(260)).toMatchObject({ key: 'M:250', projected: false });
  });

  test('daily usage is the least-squares slope over the last 90 days', () => {
    const now = Date.UTC(2027, 5, 1);
    const readings = Array.from({ length: 20 }, (_, i) => ({ readAt: now - (19 - i) * 3 * DAY, total: 1000 + i * 3 * 16 }));
    expect(projectDailyUsage(readings, now)).toBeCloseTo(16, 6);
    expect(projectDailyUsage(readings.slice(0, 1), now)).toBeNull();
    expect(projectDailyUsage([{ readAt: now - 200 * DAY, total: 0 }, { readAt: now - 100 * DAY, total: 100 }], now)).toBeNull();
  });
});

describe('skip weekends and holidays', () => {
  test('a due date never lands on a skipped day, and is the first working day at or after the nominal date', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 1, max: 10 }), fc.constantFrom('day', 'week', 'month'), fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 40 }), (anchor, every, unit, holidayOffsets) => {
        const holidays = new Set(holidayOffsets.map((n) => addDays(anchor, n)));
        const ctx = { timeZone: 'Europe/Paris', holidays };
        const trigger = calendar({ anchor, every, unit: unit as 'day', skipWeekends: true, skipHolidays: true });
        const occ = occurrencesBetween([trigger], { startDate: anchor, lastDone: null }, null, ctx, anchor, addDays(anchor, 400), 100);
        for (const o of occ) {
          expect(isWeekend(o.dueDate)).toBe(false);
          expect(holidays.has(o.dueDate)).toBe(false);
        }
        // Strictly increasing: two nominal dates moved to the same Monday make one occurrence, not two.
        expect(new Set(occ.map((o) => o.key)).size).toBe(occ.length);
        occ.slice(1).forEach((o, i) => expect(o.dueDate > occ[i]!.dueDate).toBe(true));
      }),
      { numRuns: 150 },
    );
  });
});
