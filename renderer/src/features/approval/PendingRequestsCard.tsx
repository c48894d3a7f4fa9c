// Renderer. Requests waiting for a decision: who, their role, when and from which PC, how long ago, the request
// number to check with the person. An administrator's own request has no buttons: someone else decides it.
import { useTranslation } from 'react-i18next';
import type { PendingResetRequest } from '../../../../shared/contract';
import { TableCard } from '../../components/TableCard';
import { useDateFormatter } from '../../i18n/format';
import { useDurationFormatter } from './format';

export function PendingRequestsCard(props: { requests: PendingResetRequest[]; onDecide: (request: PendingResetRequest, kind: 'approve' | 'reject') => void }) {
  const { t } = useTranslation();
  const formatDate = useDateFormatter();
  const formatDuration = useDurationFormatter();
  return (
    <TableCard
      id="pending-requests-title"
      title={t('approvalRequests.pending.title')}
      emptyText={t('approvalRequests.pending.none')}
      columns={[
        t('approvalRequests.pending.user'),
        t('approvalRequests.pending.role'),
        t('approvalRequests.pending.requestedAt'),
        t('approvalRequests.pending.workstation'),
        t('approvalRequests.pending.age'),
        t('approvalRequests.pending.number'),
        t('approvalRequests.pending.actions'),
      ]}
      rows={props.requests}
      rowKey={(request) => request.id}
      cells={(request) => [
        <>
          {request.displayName} <span className="muted-inline">({request.username})</span>
          {request.failedAttempts > 0 ? (
            <span className="table-note">{t('approvalRequests.pending.failedAttempts', { count: request.failedAttempts })}</span>
          ) : null}
        </>,
        t(`roles.${request.role}`),
        formatDate(request.requestedAt),
        request.workstation,
        formatDuration(request.ageMs),
        <span className="check-number">{request.checkNumber}</span>,
        request.ownRequest ? (
          <span className="muted-inline">{t('approvalRequests.pending.own')}</span>
        ) : (
          <span className="row-actions">
            <button
              type="button"
              className="button button--primary"
              aria-label={t('approvalRequests.pending.approveLabel', { name: request.displayName })}
              onClick={() => props.onDecide(request, 'approve')}
            >
              {t('approvalRequests.pending.approve')}
            </button>
            <button
              type="button"
              className="button button--ghost"
              aria-label={t('approvalRequests.pending.rejectLabel', { name: request.displayName })}
              onClick={() => props.onDecide(request, 'reject')}
            >
              {t('approvalRequests.pending.reject')}
            </button>
          </span>
        ),
      ]}
    />
  );
}
