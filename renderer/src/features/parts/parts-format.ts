// Renderer. How the parts screens write quantities and prices: French numbers with the part's unit (« 12,5 L »,
// « 3 pce »), euros from cents; and the text a price field holds (« 12,50 ») read back as cents.
import { formatCents, formatQuantity } from '../../../../shared/stock/quantity';

export function quantityWithUnit(milli: number, unit: string, locale = 'fr-FR'): string {
  return `${formatQuantity(milli, locale)} ${unit}`;
}

export function money(cents: number | null, locale = 'fr-FR'): string {
  return cents === null ? '—' : formatCents(cents, locale);
}

/** « 12,50 » / « 12.5 » → 1250; '' → null; anything else → NaN (the schema refuses it). */
export function centsOfText(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  return /^\d+(\.\d{0,2})?$/.test(cleaned) ? Math.round(Number(cleaned) * 100) : Number.NaN;
}

export function textOfCents(cents: number | null): string {
  return cents === null ? '' : (cents / 100).toFixed(2).replace('.', ',');
}
