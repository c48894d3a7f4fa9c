// Pure (Node). Local days and months → epoch ms on this workstation's clock (the site's PCs share one time zone):
// a period of local days [from, to] both included is [startAt, endAt), and its months are the buckets the SQL
// CASE uses, so a month's boundaries are local midnights on both engines.
import type { MonthBucket } from './costs-repository';

export function localDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

/** [from 00:00, the day after `to` 00:00) in local time. */
export function periodRange(from: string, to: string): { startAt: number; endAt: number } {
  const [y, m, d] = to.split('-').map(Number);
  return { startAt: localDayStart(from), endAt: new Date(y, m - 1, d + 1).getTime() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local months [startAt, endAt) touches, each clipped to the period. */
export function monthBuckets(startAt: number, endAt: number): MonthBucket[] {
  const buckets: MonthBucket[] = [];
  const first = new Date(startAt);
  let year = first.getFullYear();
  let month = first.getMonth();
  for (let guard = 0; guard < 400; guard += 1) {
    const monthStart = new Date(year, month, 1).getTime();
    if (monthStart >= endAt) break;
    const next = new Date(year, month + 1, 1).getTime();
    buckets.push({ month: `${year}-${pad(month + 1)}`, startAt: Math.max(monthStart, startAt), endAt: Math.min(next, endAt) });
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return buckets;
}

/** 'YYYY-MM' → its first and last local days. */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(y, m, 0).getDate();
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}
