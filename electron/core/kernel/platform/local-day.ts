// Pure (Node). Turns "du / au" days (the audit viewer, the DI and OT lists) into millisecond bounds in this computer's
// local time: a day runs from its local midnight to the next one, so a day with a clock change lasts 23 or 25 hours.

/** Local midnight at the start of a YYYY-MM-DD day. */
export function localDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

/** Local midnight at the start of the following day: the exclusive end of an inclusive "au". */
export function localDayEnd(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + 1).getTime();
}

/** YYYY-MM-DD of an instant, in local time (for file names). */
export function localDayOf(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}
