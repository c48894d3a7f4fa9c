// Node (tests). The planning's week and month ranges: Monday to Sunday, months shown as whole weeks, leap years.
import { describe, expect, it } from 'vitest';
import { addDays, monthRange, shiftPeriod, weekRange } from './planning-dates';

describe('planning dates', () => {
  it('takes the week from Monday to Sunday, across a month end', () => {
    expect(weekRange('2027-03-03')).toEqual({ from: '2027-03-01', to: '2027-03-07' });
    expect(weekRange('2027-01-31')).toEqual({ from: '2027-01-25', to: '2027-01-31' });
    expect(weekRange('2027-02-01')).toEqual({ from: '2027-02-01', to: '2027-02-07' });
  });

  it('shows a month as whole weeks (at most six), leap February included', () => {
    expect(monthRange('2027-03-15')).toEqual({ from: '2027-03-01', to: '2027-04-04' });
    expect(monthRange('2028-02-10')).toEqual({ from: '2028-01-31', to: '2028-03-05' });
    expect(monthRange('2026-11-30')).toEqual({ from: '2026-10-26', to: '2026-12-06' });
  });

  it('moves by a week or a month, over the clock change', () => {
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(shiftPeriod('2027-01-31', 'month', 1)).toBe('2027-02-01');
    expect(shiftPeriod('2027-03-29', 'week', -1)).toBe('2027-03-22');
  });
});
