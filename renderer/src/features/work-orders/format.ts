// Renderer. How the OT page writes dates and durations, and turns date fields into main's instants (local
// midnight of the chosen day, the workstation's time zone) and back.
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')}` : `${m} min`;
}

export function formatDate(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined) return '—';
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(ms));
}

export function formatDateTime(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined) return '—';
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}

/** `YYYY-MM-DD` of a date field → local midnight in ms; empty → null. */
export function dayToInstant(day: unknown): number | null {
  if (typeof day !== 'string' || day === '') return null;
  const [y, m, d] = day.split('-').map(Number);
  const value = new Date(y, m - 1, d).getTime();
  return Number.isNaN(value) ? null : value;
}

/** Local instant → `YYYY-MM-DD` for a date field. */
export function instantToDay(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Hours typed (decimal comma or point) → whole minutes; empty → null; not a number → NaN (zod refuses it). */
export function hoursToMinutes(hours: unknown): number | null {
  if (hours === null || hours === undefined || hours === '') return null;
  const value = Number(String(hours).replace(',', '.'));
  return Number.isFinite(value) ? Math.round(value * 60) : Number.NaN;
}

export function minutesToHours(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '';
  return String(Math.round((minutes / 60) * 100) / 100);
}
