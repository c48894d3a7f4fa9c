// Node (tests). The parts screens' number edges: a price typed the French way (« 12,50 », « 1 234,5 € ») becomes
// cents and back; anything else is NaN so the shared schema refuses it; quantities show with their unit.
import { describe, expect, it } from 'vitest';
import { partFieldsSchema } from '../../../../shared/parts/contract';
import { toPartInput, type PartFormValues } from './PartFormDialog';
import { centsOfText, quantityWithUnit, textOfCents } from './parts-format';

describe('parts format', () => {
  it('reads prices typed the French way and writes them back', () => {
    expect(centsOfText('12,50')).toBe(1250);
    expect(centsOfText(' 1 234,5 € ')).toBe(123_450);
    expect(centsOfText('7')).toBe(700);
    expect(centsOfText('')).toBeNull();
    expect(centsOfText('douze')).toBeNaN();
    expect(centsOfText('1,234')).toBeNaN();
    expect(textOfCents(1250)).toBe('12,50');
    expect(textOfCents(null)).toBe('');
    expect(quantityWithUnit(2500, 'L')).toBe('2,5 L');
  });

  it('turns the form into the channel input the shared schema checks, refusing a bad price on its field', () => {
    const values: PartFormValues = {
      code: 'ROUL-1',
      designation: 'Roulement',
      manufacturer: '',
      manufacturerRef: '',
      unit: 'pce',
      category: '',
      notes: '',
      isActive: true,
      suppliers: [{ supplier: 'Brammer', supplierRef: '', leadTimeDays: '3', unitPriceCents: '12,50', isPreferred: true }],
    };
    const parsed = partFieldsSchema.parse(toPartInput(values));
    expect(parsed).toMatchObject({ manufacturer: null, category: null, suppliers: [{ supplier: 'Brammer', supplierRef: null, leadTimeDays: 3, unitPriceCents: 1250, isPreferred: true }] });
    const bad = partFieldsSchema.safeParse(toPartInput({ ...values, suppliers: [{ ...values.suppliers[0], unitPriceCents: 'abc' }] }));
    expect(bad.success ? [] : bad.error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['suppliers.0.unitPriceCents', 'validation.priceInvalid']]);
  });
});
