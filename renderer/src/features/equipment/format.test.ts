// Node (tests). Durations and sizes as the shop screens write them.
import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize } from './format';

describe('formatDuration', () => {
  it('minutes, hours and minutes, days and hours', () => {
    expect(formatDuration(45 * 60_000 + 59_000, 'fr')).toBe('45 min');
    expect(formatDuration(2 * 3_600_000 + 15 * 60_000, 'fr')).toBe('2 h 15');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000, 'fr')).toBe('2 h 05');
    expect(formatDuration(3 * 3_600_000, 'fr')).toBe('3 h');
    expect(formatDuration(76 * 3_600_000, 'fr')).toBe('3 j 4 h');
    expect(formatDuration(48 * 3_600_000, 'en')).toBe('2 d');
    expect(formatDuration(-5, 'fr')).toBe('0 min');
  });
});

describe('formatSize', () => {
  it('Ko/Mo in French, KB/MB in English', () => {
    expect(formatSize(850 * 1024, 'fr')).toBe('850 Ko');
    expect(formatSize(2.4 * 1024 * 1024, 'fr')).toBe('2,4 Mo');
    expect(formatSize(2.4 * 1024 * 1024, 'en')).toBe('2.4 MB');
    expect(formatSize(10, 'en')).toBe('1 KB');
  });
});
