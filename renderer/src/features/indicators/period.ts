// Renderer. The dashboard's period presets, in local days: « Mois » = this month so far, « Trimestre » = this month
// and the two before, « 12 mois » (the default) = this month and the eleven before; and last month for the report.
export type Preset = 'month' | 'quarter' | 'year';

const pad = (n: number) => String(n).padStart(2, '0');
export const localDay = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

export function presetPeriod(preset: Preset, now = new Date()): { from: string; to: string } {
  const back = preset === 'month' ? 0 : preset === 'quarter' ? 2 : 11;
  return { from: localDay(new Date(now.getFullYear(), now.getMonth() - back, 1)), to: localDay(now) };
}

export function previousMonth(now = new Date()): string {
  const date = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
}

export function frenchDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
