// Pure (main and renderer). Meter arithmetic: every trigger counts on the meter's *total* (cumulative usage that
// survives a reset), the next multiple of a fixed grid, and the daily usage projected from recent readings so a
// meter-based due date can be forecast (the calendar, the 12-month forecast, the plan's lead time).

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 90;

/** The smallest anchor + k × every strictly above `floor`. */
export function nextMultipleAbove(anchor: number, every: number, floor: number): number {
  let k = Math.floor((floor - anchor) / every) + 1;
  // Floating-point: (floor − anchor) / every may land a hair under an exact multiple.
  while (anchor + (k - 1) * every > floor) k -= 1;
  while (anchor + k * every <= floor) k += 1;
  return roundUnits(anchor + k * every);
}

/** Meter values are user-entered decimals: keep keys like 'M:1500' free of 1499.9999999. */
export function roundUnits(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Units per day from recent readings: the least-squares slope of total against time over the last 90 days before
 * `now` (at least two readings at two different instants), never negative; null when it can't be known.
 */
export function projectDailyUsage(readings: readonly { total: number; readAt: number }[], now: number): number | null {
  const since = now - WINDOW_DAYS * DAY_MS;
  const recent = readings.filter((r) => r.readAt >= since && r.readAt <= now);
  if (recent.length < 2) return null;
  // Readings less than a day apart say nothing of a daily usage (three readings typed in a minute would project
  // thousands of hours a day and bring every meter occurrence due today).
  if (recent[recent.length - 1]!.readAt - recent[0]!.readAt < DAY_MS) return null;
  const n = recent.length;
  // Centre the times (days from the first reading) to keep the sums well conditioned.
  const t0 = recent[0]!.readAt;
  let sx = 0;
  let sy = 0;
  for (const r of recent) {
    sx += (r.readAt - t0) / DAY_MS;
    sy += r.total;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const r of recent) {
    const dx = (r.readAt - t0) / DAY_MS - mx;
    sxx += dx * dx;
    sxy += dx * (r.total - my);
  }
  if (sxx === 0) return null;
  return Math.max(0, sxy / sxx);
}

/** The meter's total projected at `instant` from its last reading and daily usage (never below the last total). */
export function projectTotal(meter: { total: number; readAt: number; dailyUsage: number | null }, instant: number): number {
  if (meter.dailyUsage === null || instant <= meter.readAt) return meter.total;
  return meter.total + (meter.dailyUsage * (instant - meter.readAt)) / DAY_MS;
}

/**
 * When the total reaches `target`: `reached` with an estimated instant (back from the last reading by the usage,
 * not before `floorInstant`) when it already has; `projected` forward from the usage; null when unknown.
 */
export function instantOfTotal(
  meter: { total: number; readAt: number; dailyUsage: number | null },
  target: number,
  floorInstant: number,
): { at: number; projected: boolean } | null {
  if (meter.total >= target) {
    const back = meter.dailyUsage && meter.dailyUsage > 0 ? ((meter.total - target) / meter.dailyUsage) * DAY_MS : 0;
    return { at: Math.min(meter.readAt, Math.max(floorInstant, meter.readAt - back)), projected: false };
  }
  if (!meter.dailyUsage || meter.dailyUsage <= 0) return null;
  return { at: meter.readAt + ((target - meter.total) / meter.dailyUsage) * DAY_MS, projected: true };
}
