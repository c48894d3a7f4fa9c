// Node (tests). The French public holidays of a year and the Easter they hang on: known Easter Sundays (the
// Gregorian computus, checked against published tables), 2026's eleven days exactly, the years Ascension falls on
// 1 or 8 May (one day, both names), and the zone check the settings rely on.
import { describe, expect, it } from 'vitest';
import { easterSunday, frenchPublicHolidays, isValidTimeZone } from './site-calendar-contract';

describe('easterSunday', () => {
  it.each([
    [1961, '1961-04-02'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, day) => {
    expect(easterSunday(year)).toBe(day);
  });
});

describe('frenchPublicHolidays', () => {
  it('2026: the eight fixed days and the three from Easter, in date order', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      { day: '2026-01-01', label: "Jour de l'an" },
      { day: '2026-04-06', label: 'Lundi de Pâques' },
      { day: '2026-05-01', label: 'Fête du Travail' },
      { day: '2026-05-08', label: 'Victoire 1945' },
      { day: '2026-05-14', label: 'Ascension' },
      { day: '2026-05-25', label: 'Lundi de Pentecôte' },
      { day: '2026-07-14', label: 'Fête nationale' },
      { day: '2026-08-15', label: 'Assomption' },
      { day: '2026-11-01', label: 'Toussaint' },
      { day: '2026-11-11', label: 'Armistice 1918' },
      { day: '2026-12-25', label: 'Noël' },
    ]);
  });

  it('2027 and 2024: Easter Monday, Ascension and Whit Monday move with Easter', () => {
    const days = (year: number) => frenchPublicHolidays(year).map((h) => h.day);
    expect(days(2027)).toEqual(expect.arrayContaining(['2027-03-29', '2027-05-06', '2027-05-17']));
    expect(days(2024)).toEqual(expect.arrayContaining(['2024-04-01', '2024-05-09', '2024-05-20']));
  });

  it('2008: Ascension on 1 May makes one day with both names (ten days that year)', () => {
    const list = frenchPublicHolidays(2008);
    expect(list).toHaveLength(10);
    expect(list.find((h) => h.day === '2008-05-01')?.label).toBe('Fête du Travail et Ascension');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zones the runtime knows, refuses the rest', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('America/Martinique')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Parris')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('Europe/Paris; DROP')).toBe(false);
  });
});
