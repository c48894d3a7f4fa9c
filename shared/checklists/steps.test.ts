// Pure (tests). The step rules both sides use: limits are inclusive (a value on the limit is in), an empty limit
// doesn't count, and the follow-up titles read as the brief wrote them, in French number format.
import { describe, expect, it } from 'vitest';
import { brokenLimitText, followUpTitle, isOutOfLimits, limitsText } from './steps';

describe('gamme steps', () => {
  it('flags a value strictly outside its limits, and only then', () => {
    expect(isOutOfLimits(6, 2, 6)).toBe(false);
    expect(isOutOfLimits(2, 2, 6)).toBe(false);
    expect(isOutOfLimits(6.01, 2, 6)).toBe(true);
    expect(isOutOfLimits(1.99, 2, 6)).toBe(true);
    expect(isOutOfLimits(-1000, null, 6)).toBe(false);
    expect(isOutOfLimits(1000, 2, null)).toBe(false);
    expect(isOutOfLimits(null, 2, 6)).toBe(false);
  });

  it('writes the limits and the broken one in French', () => {
    expect(limitsText(2, 6.5)).toBe('min 2 – max 6,5');
    expect(limitsText(null, 6)).toBe('max 6');
    expect(limitsText(null, null)).toBe('');
    expect(brokenLimitText(7.2, 2, 6)).toBe('max 6');
    expect(brokenLimitText(1, 2, 6)).toBe('min 2');
  });

  it('titles the follow-up DI/OT with the step, the value and the OT', () => {
    const base = { unit: 'bar', minValue: 2, maxValue: 6, checkResult: null };
    expect(followUpTitle({ ...base, kind: 'measurement', label: 'Pression hydraulique', numberValue: 7.2 }, 'OT-2026-000012')).toBe(
      'Mesure hors limites : Pression hydraulique 7,2 bar (max 6) sur OT-2026-000012',
    );
    expect(followUpTitle({ ...base, kind: 'check', label: 'Niveau d’huile', unit: null, numberValue: null, checkResult: 'nok' }, 'OT-2026-000012')).toBe(
      'Contrôle NOK : Niveau d’huile sur OT-2026-000012',
    );
  });
});
