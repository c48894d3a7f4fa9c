// Node (vitest). How a throttle wait reads: seconds under a minute, whole minutes rounded up above.
import { describe, expect, it } from 'vitest';
import { formatWait } from './format';

describe('formatWait', () => {
  it('says seconds under a minute, never "1 min" for ten seconds', () => {
    expect(formatWait(10)).toBe('10 s');
    expect(formatWait(0.2)).toBe('1 s');
    expect(formatWait(59)).toBe('59 s');
    expect(formatWait(59.4)).toBe('1 min');
  });

  it('rounds minutes up from a minute on', () => {
    expect(formatWait(60)).toBe('1 min');
    expect(formatWait(61)).toBe('2 min');
    expect(formatWait(900)).toBe('15 min');
  });

  it('falls back to a minute when main sent no usable number', () => {
    expect(formatWait(Number.NaN)).toBe('1 min');
  });
});
