import { describe, expect, it } from 'vitest';
import { ACTIVITY_THROTTLE_MS, createActivityThrottle } from './activity-forwarder';

describe('activity throttle', () => {
  it('sends the first input at once, then at most one message per interval', () => {
    const shouldSend = createActivityThrottle(5_000);
    const sentAt: number[] = [];
    // A minute of continuous typing, 8 keys a second.
    for (let t = 0; t < 60_000; t += 125) if (shouldSend(t)) sentAt.push(t);
    expect(sentAt).toEqual([0, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 55_000]);
  });

  it('uses a few seconds by default, well under the shortest warning (10 s)', () => {
    expect(ACTIVITY_THROTTLE_MS).toBeGreaterThanOrEqual(1_000);
    expect(ACTIVITY_THROTTLE_MS).toBeLessThan(10_000);
  });
});
