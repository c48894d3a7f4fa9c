// Pure (main and renderer). Local dates of the site's time zone and their arithmetic, through the Intl API only (no
// time-zone library): a due date is a calendar day where the plant is, and its instant is that day's local midnight,
// so a daily plan stays on midnight across DST (consecutive dues 23, 24 or 25 h apart) instead of drifting an hour.

/** A local date of the site's time zone, 'YYYY-MM-DD'. */
export type LocalDate = string;

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one (the generator asks thousands of times).
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

interface Wall { y: number; m: number; d: number; h: number; mi: number; s: number }

function wallTime(instant: number, timeZone: string): Wall {
  const w: Wall = { y: 0, m: 0, d: 0, h: 0, mi: 0, s: 0 };
  for (const p of formatterOf(timeZone).formatToParts(new Date(instant))) {
    if (p.type === 'year') w.y = Number(p.value);
    else if (p.type === 'month') w.m = Number(p.value);
    else if (p.type === 'day') w.d = Number(p.value);
    else if (p.type === 'hour') w.h = Number(p.value) % 24;
    else if (p.type === 'minute') w.mi = Number(p.value);
    else if (p.type === 'second') w.s = Number(p.value);
  }
  return w;
}

const QUARTER_HOUR = 900_000;
const offsetCache = new Map<string, Map<number, number>>();

/**
 * The zone's offset from UTC at `instant`, in ms (Paris in summer: +7 200 000). Cached per quarter hour: every
 * zone changes its offset on a quarter-hour boundary of UTC, and Intl formatting is what a pass over thousands of
 * plans would otherwise spend its time in.
 */
export function zoneOffset(instant: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone);
  if (!cache) offsetCache.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(instant / QUARTER_HOUR);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    const start = bucket * QUARTER_HOUR;
    const w = wallTime(start, timeZone);
    offset = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - start;
    if (cache.size > 200_000) cache.clear();
    cache.set(bucket, offset);
  }
  return offset;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatLocalDate(y: number, m: number, d: number): LocalDate {
  return `${y < 0 ? '-' : ''}${pad(Math.abs(y), 4)}-${pad(m)}-${pad(d)}`;
}

export function parseLocalDate(date: LocalDate): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a local date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** The calendar day of `instant` in `timeZone`. */
export function localDateOf(instant: number, timeZone: string): LocalDate {
  const wall = new Date(instant + zoneOffset(instant, timeZone));
  return formatLocalDate(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate());
}

const startCache = new Map<string, number>();

/** The first instant of `date` in `timeZone` (local midnight; the first instant after the gap where midnight doesn't exist). */
export function startOfLocalDate(date: LocalDate, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  const cached = startCache.get(key);
  if (cached !== undefined) return cached;
  const t = computeStartOfLocalDate(date, timeZone);
  if (startCache.size > 100_000) startCache.clear();
  startCache.set(key, t);
  return t;
}

function computeStartOfLocalDate(date: LocalDate, timeZone: string): number {
  const { y, m, d } = parseLocalDate(date);
  const wall = Date.UTC(y, m - 1, d);
  // Two rounds: the offset at the guess may differ from the offset at the answer when a DST change is near.
  let t = wall - zoneOffset(wall, timeZone);
  t = wall - zoneOffset(t, timeZone);
  if (localDateOf(t, timeZone) !== date) {
    // Midnight falls in a DST gap (some zones change at 00:00): the day starts at the end of the gap.
    const after = wall - zoneOffset(t + DAY_MS / 2, timeZone);
    t = localDateOf(after, timeZone) === date ? after : t + 3_600_000;
  }
  // Earlier instants of the same local day exist only on a "fall back" at midnight: take the first.
  const hourBefore = t - 3_600_000;
  if (localDateOf(hourBefore, timeZone) === date) t = hourBefore;
  return t;
}

/** Days in a month (month 1–12), leap years included. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Pure calendar arithmetic on local dates: no time zone involved. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const { y, m, d } = parseLocalDate(date);
  const t = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  return formatLocalDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** `date` + n months, the day clamped to the month's end (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { y, m, d } = parseLocalDate(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return formatLocalDate(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const pa = parseLocalDate(a);
  const pb = parseLocalDate(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  const { y, m, d } = parseLocalDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export const isWeekend = (date: LocalDate): boolean => {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
};
