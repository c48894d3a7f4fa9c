// Renderer. Euros typed in a form ↔ INTEGER cents: « 42,50 », « 42.5 », « 1 250 » are read; anything else is refused.
/** Cents from a typed amount, or null when it is not an amount in euros with at most 2 decimals. */
export function parseEuros(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const cents = Math.round(Number(cleaned) * 100);
  return Number.isSafeInteger(cents) ? cents : null;
}

/** 4250 → « 42,50 » for an input's initial value. */
export function centsToInput(cents: number | null): string {
  return cents === null ? '' : (cents / 100).toFixed(2).replace('.', ',');
}
