// Pure. The three strength levels of the seed (Faible / Moyen / Fort) over zxcvbn's 0–4 score. Kept apart from
// strength.ts so forms and settings can use the levels without loading the dictionaries.
export const STRENGTH_LEVELS = ['weak', 'medium', 'strong'] as const;
export type StrengthLevel = (typeof STRENGTH_LEVELS)[number];

/**
 * 0–1: guessable within about a million tries → Faible.
 * 2–3: resists online guessing (our login is throttled and bcrypt-slow) → Moyen.
 * 4: resists even an offline attack on a stolen hash → Fort.
 */
export function levelFromScore(score: number): StrengthLevel {
  if (score >= 4) return 'strong';
  if (score >= 2) return 'medium';
  return 'weak';
}

export function meetsLevel(level: StrengthLevel, required: StrengthLevel): boolean {
  return STRENGTH_LEVELS.indexOf(level) >= STRENGTH_LEVELS.indexOf(required);
}
