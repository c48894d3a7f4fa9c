// Pure (main and renderer). Quantities of parts travel and are stored as INTEGER thousandths of the part's unit
// ("milli": 2,5 L is 2500) so a ledger's sums are exact on both engines and in JavaScript; money is INTEGER cents.
// Forms and tables convert at the edge with these helpers, never with ad-hoc arithmetic.

/** 2.5 → 2500. Rounds to the nearest thousandth (a form's decimal input). */
export function toMilli(quantity: number): number {
  return Math.round(quantity * 1000);
}

/** 2500 → 2.5. */
export function fromMilli(milli: number): number {
  return milli / 1000;
}

/** 2500 → « 2,5 » in French (up to 3 decimals, none when whole). */
export function formatQuantity(milli: number, locale = 'fr-FR'): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(fromMilli(milli));
}

/** 123456 cents → « 1 234,56 € ». */
export function formatCents(cents: number, locale = 'fr-FR'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** The value of a move: quantity (milli) × unit cost (cents per unit), rounded to the cent. */
export function moveValueCents(quantityMilli: number, unitCostCents: number): number {
  return Math.round((quantityMilli * unitCostCents) / 1000);
}
