// Node (dev only). The seeds' random numbers: mulberry32, small, fast and the same on every machine, so the same
// --seed gives the same plant, préventif, parts, stock and costs everywhere (the bench uses them too).
/** A generator from a seed (each seed file mixes its own constant in, so its numbers don't repeat another's). */
export function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const chance = (p: number) => next() < p;
  /** One key of `weights`, in proportion. */
  const weighted = <K extends string>(weights: Readonly<Record<K, number>>): K => {
    const entries = Object.entries(weights) as [K, number][];
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries[entries.length - 1][0];
  };
  /** Log-normal: most values near `median`, a long tail of big ones, clamped. */
  const longTail = (median: number, spread: number, min: number, max: number) => {
    const u1 = Math.max(next(), 1e-9);
    const u2 = next();
    const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.min(max, Math.max(min, Math.round(median * Math.exp(spread * normal))));
  };
  return { next, int, pick, chance, weighted, longTail };
}
