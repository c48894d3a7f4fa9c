// Renderer (pure). The planning's local days: the week (Monday to Sunday) and the month view's weeks around a day,
// and moving a day by n, all as 'YYYY-MM-DD' in this computer's time zone (as main counts them).
const two = (n: number) => String(n).padStart(2, '0');

export function dayOf(date: Date): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** Noon of the day: far from midnight, so a clock change never moves it to another day. */
export function dateOf(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d, 12);
}

export function addDays(day: string, n: number): string {
  const date = dateOf(day);
  date.setDate(date.getDate() + n);
  return dayOf(date);
}

export function mondayOf(day: string): string {
  const weekday = (dateOf(day).getDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

export function weekRange(day: string): { from: string; to: string } {
  const from = mondayOf(day);
  return { from, to: addDays(from, 6) };
}

/** The whole weeks that hold the month of `day`: from the Monday on or before the 1st to the Sunday on or after its last day. */
export function monthRange(day: string): { from: string; to: string } {
  const date = dateOf(day);
  const first = dayOf(new Date(date.getFullYear(), date.getMonth(), 1, 12));
  const last = dayOf(new Date(date.getFullYear(), date.getMonth() + 1, 0, 12));
  return { from: mondayOf(first), to: addDays(mondayOf(last), 6) };
}

export function shiftPeriod(day: string, mode: 'week' | 'month', direction: 1 | -1): string {
  if (mode === 'week') return addDays(day, 7 * direction);
  const date = dateOf(day);
  return dayOf(new Date(date.getFullYear(), date.getMonth() + direction, 1, 12));
}

export function isWeekend(day: string): boolean {
  const weekday = dateOf(day).getDay();
  return weekday === 0 || weekday === 6;
}
