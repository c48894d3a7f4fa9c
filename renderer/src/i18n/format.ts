// Renderer. Dates and waits in the interface language: one formatter each, so every screen writes them the same way.
import { useTranslation } from 'react-i18next';

export function useDateFormatter(timeStyle: 'short' | 'medium' = 'short'): (ms: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle });
  return (ms) => format.format(ms);
}

/**
 * A wait main asked for (a throttle's `retryAfterSeconds`), as the person reads it: seconds under a minute
 * ("10 s", never "1 min" for ten seconds), whole minutes rounded up above. "s" and "min" read the same in
 * French and English.
 */
export function formatWait(seconds: number): string {
  const whole = Math.max(1, Math.ceil(Number.isFinite(seconds) ? seconds : 60));
  return whole < 60 ? `${whole} s` : `${Math.ceil(whole / 60)} min`;
}
