// Pure (main and renderer). The site calendar of the préventif: the site's time zone (due dates are local dates of
// that zone) and its public holidays (jours fériés, which calendar plans may skip). Everyone who maintains reads
// it (the planning shows holidays); only managers change it, and every change is audited. Also the French public
// holidays of a year, computed here so the button « Ajouter les jours fériés français » and its test share it.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MAINTAINERS, MANAGERS } from '../contract/roles';

/** The settings key of the site's zone; absent: Europe/Paris. */
export const SITE_TIME_ZONE_KEY = 'site.timeZone';
export const DEFAULT_SITE_TIME_ZONE = 'Europe/Paris';

/** The zones the page offers first: France (mainland and overseas) and its neighbours. Any IANA zone is accepted. */
export const COMMON_TIME_ZONES = [
  'Europe/Paris',
  'Europe/Brussels',
  'Europe/Luxembourg',
  'Europe/Zurich',
  'Europe/Monaco',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Lisbon',
  'Europe/London',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'America/Toronto',
  'Africa/Casablanca',
  'Africa/Algiers',
  'Africa/Tunis',
  'Africa/Dakar',
  'Africa/Abidjan',
  'UTC',
] as const;

/** True when the runtime's Intl knows this IANA zone (what every date computation of the site will use). */
export function isValidTimeZone(zone: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const isRealDay = (value: string) => {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** A local date 'YYYY-MM-DD' that exists in the calendar (no 31 April). */
export const siteDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid').refine(isRealDay, 'validation.invalid');
export const timeZoneSchema = z.string().trim().min(1, 'validation.required').refine(isValidTimeZone, 'preventiveReports.validation.timeZone');
export const holidayYear = z.number().int('validation.invalid').min(1900, 'validation.outOfRange').max(2200, 'validation.outOfRange');

export interface SiteHoliday {
  day: string;
  label: string;
}

export interface SiteCalendarView {
  timeZone: string;
  /** Every holiday of the site, by day (the table is small: a dozen a year). */
  holidays: SiteHoliday[];
}

export const holidayInput = z.object({
  day: siteDay,
  label: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
});

export const siteCalendarContract = {
  'preventive:siteCalendar': channel<SiteCalendarView>()({ input: z.object({}).strict(), access: MAINTAINERS }),
  'preventive:siteCalendarSetZone': channel<SiteCalendarView>()({ input: z.object({ timeZone: timeZoneSchema }).strict(), access: MANAGERS }),
  /** Adds a holiday, or renames the one already on that day. */
  'preventive:siteCalendarAddHoliday': channel<SiteCalendarView>()({ input: holidayInput.strict(), access: MANAGERS }),
  'preventive:siteCalendarRemoveHoliday': channel<SiteCalendarView>()({ input: z.object({ day: siteDay }).strict(), access: MANAGERS }),
  /** The French public holidays of a year; days already listed are kept as they are. `added`: how many were new. */
  'preventive:siteCalendarAddFrenchHolidays': channel<SiteCalendarView & { added: number }>()({ input: z.object({ year: holidayYear }).strict(), access: MANAGERS }),
};

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, « Meeus/Jones/Butcher »). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const plusDays = (day: string, days: number) => {
  const [y, m, d] = day.split('-').map(Number);
  return isoDay(new Date(Date.UTC(y, m - 1, d + days)));
};

/**
 * The eleven French public holidays (jours fériés, Code du travail L3133-1) of a year, in date order: the eight
 * fixed ones, and Easter Monday, Ascension (Easter + 39) and Whit Monday (Easter + 50) from Easter. Alsace-Moselle's
 * two extra days (Vendredi saint, 26 décembre) are left to the user: most sites are not there.
 */
export function frenchPublicHolidays(year: number): SiteHoliday[] {
  const easter = easterSunday(year);
  const list: SiteHoliday[] = [
    { day: `${year}-01-01`, label: "Jour de l'an" },
    { day: plusDays(easter, 1), label: 'Lundi de Pâques' },
    { day: `${year}-05-01`, label: 'Fête du Travail' },
    { day: `${year}-05-08`, label: 'Victoire 1945' },
    { day: plusDays(easter, 39), label: 'Ascension' },
    { day: plusDays(easter, 50), label: 'Lundi de Pentecôte' },
    { day: `${year}-07-14`, label: 'Fête nationale' },
    { day: `${year}-08-15`, label: 'Assomption' },
    { day: `${year}-11-01`, label: 'Toussaint' },
    { day: `${year}-11-11`, label: 'Armistice 1918' },
    { day: `${year}-12-25`, label: 'Noël' },
  ];
  // Ascension falls on 1 or 8 May some years (2008, 2035…): one day, both names.
  const byDay = new Map<string, string>();
  for (const holiday of list) byDay.set(holiday.day, byDay.has(holiday.day) ? `${byDay.get(holiday.day)} et ${holiday.label}` : holiday.label);
  return [...byDay].map(([day, label]) => ({ day, label })).sort((x, y) => x.day.localeCompare(y.day));
}
