// Renderer. Durations (a request's age, the average time to decision) and rates, in the interface language.
import { useTranslation } from 'react-i18next';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function useDurationFormatter(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms) => {
    const total = Math.max(0, Math.round(ms / MINUTE));
    const d = Math.floor(total / (24 * 60));
    const h = Math.floor((total % (24 * 60)) / 60);
    const m = total % 60;
    if (ms >= DAY) return t('approvalRequests.duration.days', { d, h });
    if (ms >= HOUR) return t('approvalRequests.duration.hours', { h, m: String(m).padStart(2, '0') });
    return t('approvalRequests.duration.minutes', { m });
  };
}

export function usePercentFormatter(): (rate: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return (rate) => format.format(rate);
}
