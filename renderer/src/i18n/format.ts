// Renderer. Dates in the interface language: one formatter, so every screen writes them the same way.
import { useTranslation } from 'react-i18next';

export function useDateFormatter(timeStyle: 'short' | 'medium' = 'short'): (ms: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle });
  return (ms) => format.format(ms);
}
