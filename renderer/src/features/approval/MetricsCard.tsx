// Renderer. The metrics panel: pending now, then the last 30 days beside all time (main computes them in SQL).
import { useTranslation } from 'react-i18next';
import type { ApprovalMetrics, ApprovalMetricsWindow } from '../../../../shared/contract';
import { useDurationFormatter, usePercentFormatter } from './format';

type Row = { label: 'requests' | 'averageDecision' | 'approvalRate' | 'rejectionRate' | 'expired' | 'completed' | 'cancelled'; value: (w: ApprovalMetricsWindow) => string };

export function MetricsCard({ metrics }: { metrics: ApprovalMetrics }) {
  const { t } = useTranslation();
  const formatDuration = useDurationFormatter();
  const formatPercent = usePercentFormatter();
  const none = t('approvalRequests.metrics.none');
  const rows: Row[] = [
    { label: 'requests', value: (w) => String(w.requests) },
    { label: 'averageDecision', value: (w) => (w.averageDecisionMs === null ? none : formatDuration(w.averageDecisionMs)) },
    { label: 'approvalRate', value: (w) => (w.approvalRate === null ? none : formatPercent(w.approvalRate)) },
    { label: 'rejectionRate', value: (w) => (w.rejectionRate === null ? none : formatPercent(w.rejectionRate)) },
    { label: 'expired', value: (w) => String(w.expired) },
    { label: 'completed', value: (w) => String(w.completed) },
    { label: 'cancelled', value: (w) => String(w.cancelled) },
  ];
  return (
    <section className="card card--wide" aria-labelledby="approval-metrics-title">
      <h2 id="approval-metrics-title">{t('approvalRequests.metrics.title')}</h2>
      <p className="metric-highlight">
        <span className="metric-highlight__value" data-testid="pending-now">
          {metrics.pendingNow}
        </span>{' '}
        {t('approvalRequests.metrics.pendingNow')}
      </p>
      <table className="table metrics-table">
        <thead>
          <tr>
            <th scope="col">{t('approvalRequests.metrics.period')}</th>
            <th scope="col">{t('approvalRequests.metrics.last30Days')}</th>
            <th scope="col">{t('approvalRequests.metrics.allTime')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{t(`approvalRequests.metrics.${row.label}`)}</th>
              <td>{row.value(metrics.last30Days)}</td>
              <td>{row.value(metrics.allTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="field__hint">{t('approvalRequests.metrics.hint')}</p>
    </section>
  );
}
