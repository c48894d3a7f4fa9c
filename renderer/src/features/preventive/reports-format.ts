// Renderer. Formats of the préventif's reports: local dates ('YYYY-MM-DD', already days of the site's zone, so they
// are formatted as calendar days, never shifted by the PC's zone), months, rates and meter totals.
import i18next from 'i18next';

const locale = () => (i18next.language === 'en' ? 'en-GB' : 'fr-FR');
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale()}|${key}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(), { ...options, timeZone: 'UTC' });
    cache.set(id, f);
  }
  return f;
}

const utcOf = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
};

/** « jeu. 14 mai 2026 » */
export const formatDay = (day: string) => formatter('day', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' }).format(utcOf(day));
/** « 14/05/2026 » */
export const formatShortDay = (day: string) => formatter('short', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(utcOf(day));
/** « 14 mai » */
export const formatDayMonth = (day: string) => formatter('dm', { day: 'numeric', month: 'short' }).format(utcOf(day));
/** « mai 2026 » */
export const formatMonth = (month: string) => formatter('month', { month: 'long', year: 'numeric' }).format(utcOf(`${month}-01`));
/** « mai 26 », for 12 narrow columns */
export const formatShortMonth = (month: string) => formatter('smonth', { month: 'short', year: '2-digit' }).format(utcOf(`${month}-01`));

export const formatRate = (rate: number | null) =>
  rate === null ? '—' : new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);

export const formatTotal = (total: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(total);

/** Today as a local date of this PC ('YYYY-MM-DD'): the default of the period fields. */
export function todayLocal(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The first day of the month `months` before this one ('YYYY-MM-01'). */
export function firstOfMonthBefore(today: string, months: number): string {
  const [y, m] = today.split('-').map(Number);
  const index = y * 12 + (m - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
