// Pure. Time is injected so every timer path can be tested with a fake clock.
export interface Clock {
  /** Milliseconds since the epoch (wall clock). */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
