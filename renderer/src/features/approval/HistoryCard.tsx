// Renderer. Every request no longer pending: its state, who decided and when, the note, and how it ended.
import { useTranslation } from 'react-i18next';
import type { ResetRequestHistoryEntry } from '../../../../shared/contract';
import { TableCard } from '../../components/TableCard';
import { useDateFormatter } from '../../i18n/format';

export function HistoryCard({ entries }: { entries: ResetRequestHistoryEntry[] }) {
  const { t } = useTranslation();
  const formatDate = useDateFormatter();
  return (
    <TableCard
      id="request-history-title"
      title={t('approvalRequests.history.title')}
      emptyText={t('approvalRequests.history.none')}
      columns={[
        t('approvalRequests.history.user'),
        t('approvalRequests.history.status'),
        t('approvalRequests.history.requestedAt'),
        t('approvalRequests.history.decision'),
        t('approvalRequests.history.notes'),
        t('approvalRequests.history.ended'),
      ]}
      rows={entries}
      rowKey={(entry) => entry.id}
      cells={(entry) => {
        const ended = entry.completedAt ?? entry.endedAt;
        return [
          <>
            {entry.displayName} <span className="muted-inline">({entry.username})</span>
          </>,
          <>
            <span className={`status-badge status-badge--${entry.status}`}>{t(`approvalRequests.history.statuses.${entry.status}`)}</span>
            {entry.cancelReason ? <span className="table-note">{t(`approvalRequests.history.cancelReasons.${entry.cancelReason}`)}</span> : null}
          </>,
          formatDate(entry.requestedAt),
          entry.decision && entry.decidedAt !== null ? (
            <>
              {t(`approvalRequests.history.statuses.${entry.decision}`)}
              <span className="table-note">
                {t('approvalRequests.history.decidedBy', { name: entry.decidedBy?.displayName ?? '', date: formatDate(entry.decidedAt) })}
              </span>
            </>
          ) : (
            <span className="muted-inline">{t('approvalRequests.history.noDecision')}</span>
          ),
          entry.adminNotes ? <span className="admin-notes">{entry.adminNotes}</span> : '',
          ended !== null ? formatDate(ended) : '',
        ];
      }}
    />
  );
}
