// Renderer (pure). Meter values as people type and read them: « 1 250,5 » or « 1250.5 » typed, « 1 250,5 » shown in
// French. Kept free of React so it is unit-tested on its own.

/** The number typed in a reading field, or null when it is not one (empty is null too: nothing to save). */
export function parseReadingValue(text: string): number | null {
  // Spaces (also the narrow no-break ones Intl puts between thousands) are only thousands separators here.
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(compact)) return null;
  const value = Number(compact.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** A value for reading: up to 2 decimals, the language's separators. */
export function formatMeterValue(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}
