// Renderer. "Réinitialisations" (administrators): the requests waiting for a decision, the history, the metrics.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalMetrics, PendingResetRequest, ResetRequestHistoryEntry } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { pendingCountKnown } from './reset-requests-store';
import { DecisionDialog, type Decision } from './DecisionDialog';
import { HistoryCard } from './HistoryCard';
import { MetricsCard } from './MetricsCard';
import { PendingRequestsCard } from './PendingRequestsCard';
import type { StatusMessage } from '../security/status';
import './approval.css';

export function ResetRequestsPage() {
  const { t } = useTranslation();
  const [pending, setPending] = useState<PendingResetRequest[] | null>(null);
  const [history, setHistory] = useState<ResetRequestHistoryEntry[]>([]);
  const [metrics, setMetrics] = useState<ApprovalMetrics | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [status, setStatus] = useState<StatusMessage | null>(null);

  const load = useCallback(
    () =>
      Promise.all([call('approval:listPending'), call('approval:listHistory'), call('approval:getMetrics')]).then(
        ([pendingResult, historyResult, metricsResult]) => {
          if (!pendingResult.ok || !historyResult.ok || !metricsResult.ok) {
            setStatus({ tone: 'error', text: t('approvalRequests.loadFailed') });
            return;
          }
          setPending(pendingResult.data);
          pendingCountKnown(pendingResult.data.length);
          setHistory(historyResult.data);
          setMetrics(metricsResult.data);
        },
      ),
    [t],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async (notes: string): Promise<string | null> => {
    if (!decision) return null;
    const { request, kind } = decision;
    const result = await call(kind === 'approve' ? 'approval:approve' : 'approval:reject', { requestId: request.id, notes });
    if (!result.ok) {
      // Decided elsewhere meanwhile (another administrator, expiry): close and show the fresh list.
      if (result.error.code !== 'INVALID_STATE' && result.error.code !== 'NOT_FOUND') return t(`errors.${result.error.code}`);
      setStatus({ tone: 'error', text: t(`errors.${result.error.code}`) });
    } else {
      setStatus({ tone: 'success', text: t(kind === 'approve' ? 'approvalRequests.dialog.approved' : 'approvalRequests.dialog.rejected', { name: request.displayName }) });
    }
    setDecision(null);
    await load();
    return null;
  };

  return (
    <div className="reset-requests">
      <h1>{t('approvalRequests.title')}</h1>
      <p className="lead page-intro">{t('approvalRequests.intro')}</p>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      {pending ? <PendingRequestsCard requests={pending} onDecide={(request, kind) => setDecision({ request, kind })} /> : null}
      {metrics ? <MetricsCard metrics={metrics} /> : null}
      {pending ? <HistoryCard entries={history} /> : null}
      {decision ? <DecisionDialog decision={decision} onConfirm={confirm} onClose={() => setDecision(null)} /> : null}
    </div>
  );
}
