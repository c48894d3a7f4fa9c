// Node (vitest). Reading values typed the French or the English way, and shown back.
import { describe, expect, it } from 'vitest';
import { formatMeterValue, parseReadingValue } from './format';

describe('meter values', () => {
  it('reads a comma or a point as the decimal mark and spaces as thousands', () => {
    expect(parseReadingValue('120')).toBe(120);
    expect(parseReadingValue(' 1 250,5 ')).toBe(1250.5);
    expect(parseReadingValue('1250.75')).toBe(1250.75);
    expect(parseReadingValue('0')).toBe(0);
    expect(parseReadingValue('-3')).toBe(-3);
  });

  it('refuses what is not a number, and empty', () => {
    for (const text of ['', '  ', 'abc', '12h', '1,2,3', '1.2.3', ',5']) expect(parseReadingValue(text)).toBeNull();
  });

  it('shows up to two decimals with the language’s marks', () => {
    expect(formatMeterValue(1250.5, 'fr').replace(/\u202f|\u00a0/g, ' ')).toBe('1 250,5');
    expect(formatMeterValue(1250.456, 'en')).toBe('1,250.46');
  });
});
