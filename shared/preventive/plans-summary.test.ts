// Node (tests). The plan's plain-French summary line: each of the five kinds, the options, and two triggers
// « au premier atteint ».
import { describe, expect, it } from 'vitest';
import { triggersSummary } from './plans-summary';
import { triggersSchema } from './triggers';

const parse = (value: unknown) => triggersSchema.parse(value);

describe('triggersSummary', () => {
  it('reads the issue example back: three months from an anchor, or 500 h, whichever first', () => {
    const triggers = parse([
      { kind: 'calendar_fixed', every: 3, unit: 'month', anchor: '2027-01-31' },
      { kind: 'meter_fixed', meter: 'Heures de marche', every: 500 },
    ]);
    expect(triggersSummary(triggers, { 'Heures de marche': 'h' })).toBe('Tous les 3 mois à partir du 31/01/2027, ou toutes les 500 h, au premier atteint');
  });

  it('says each kind plainly', () => {
    expect(triggersSummary(parse([{ kind: 'calendar_fixed', every: 1, unit: 'week', anchor: '2027-03-01', skipWeekends: true, skipHolidays: true }]))).toBe(
      'Toutes les semaines à partir du 01/03/2027, hors week-ends et jours fériés',
    );
    expect(triggersSummary(parse([{ kind: 'calendar_floating', every: 6, unit: 'month' }]))).toBe('6 mois après la dernière réalisation');
    expect(triggersSummary(parse([{ kind: 'calendar_floating', every: 1, unit: 'year', skipHolidays: true }]))).toBe('1 an après la dernière réalisation, hors jours fériés');
    expect(triggersSummary(parse([{ kind: 'meter_fixed', meter: 'Kilométrage', every: 6000, anchor: 1000 }]), { Kilométrage: 'km' })).toBe('Tous les 6 000 km, à partir de 1 000 km');
    expect(triggersSummary(parse([{ kind: 'meter_floating', meter: 'Cycles', every: 250 }]))).toBe('250 (Cycles) après la dernière réalisation');
    expect(triggersSummary(parse([{ kind: 'condition', meter: 'Température huile', above: 80, below: 10 }]), { 'Température huile': '°C' })).toBe(
      'Quand « Température huile » dépasse 80 °C ou descend sous 10 °C',
    );
    expect(triggersSummary(parse([{ kind: 'calendar_fixed', every: 1, unit: 'day', anchor: '2027-01-01' }]))).toBe('Tous les jours à partir du 01/01/2027');
  });

  it('writes « toutes les 250 h » for hours and « tous les … » for masculine units', () => {
    expect(triggersSummary(parse([{ kind: 'meter_fixed', meter: 'Heures', every: 250 }]), { Heures: 'h' })).toBe('Toutes les 250 h');
    expect(triggersSummary(parse([{ kind: 'meter_fixed', meter: 'Cycles', every: 10000 }]), { Cycles: 'cycles' })).toBe('Tous les 10 000 cycles');
  });
});
