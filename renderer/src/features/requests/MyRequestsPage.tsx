// Renderer. `/demandes/mes`: the DIs I filed, newest first, page by page from main, with where each stands (the
// refusal's reason, the DI it duplicates, the OT it became); a new one may still be cancelled.
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestView } from '../../../../shared/requests/contract';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useDateFormatter } from '../../i18n/format';
import { RequestStatusBadge } from './RequestStatusBadge';
import { ChannelError, request, requestKeys } from './requests-api';
import './requests.css';

export function MyRequestsPage() {
  const { t } = useTranslation();
  const formatDate = useDateFormatter();
  const queryClient = useQueryClient();
  const [cancelling, setCancelling] = useState<RequestView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useInfiniteQuery({
    queryKey: requestKeys.mine,
    queryFn: ({ pageParam }) => request('requests:mine', pageParam === undefined ? {} : { cursor: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  const cancel = async (item: RequestView) => {
    try {
      await request('requests:cancel', { number: item.number });
      setError(null);
    } catch (caught) {
      setError(caught instanceof ChannelError ? t(`errors.${caught.error.code}`) : t('requests.failed'));
    }
    setCancelling(null);
    await queryClient.invalidateQueries({ queryKey: ['requests'] });
  };

  return (
    <section className="card card--full" aria-labelledby="my-requests-title">
      <div className="di-page__actions di-page__actions--title">
        <h1 id="my-requests-title">{t('requests.mine.title')}</h1>
        <Link to="/demandes/nouvelle" className="button button--primary">
          {t('requests.mine.new')}
        </Link>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {query.isPending ? <p role="status">{t('requests.mine.loading')}</p> : null}
      {query.isError ? <Alert tone="error">{t('requests.failed')}</Alert> : null}
      {query.isSuccess && items.length === 0 ? <p className="muted">{t('requests.mine.empty')}</p> : null}
      {items.length > 0 ? (
        <table className="di-table">
          <thead>
            <tr>
              <th scope="col">{t('requests.mine.number')}</th>
              <th scope="col">{t('requests.mine.date')}</th>
              <th scope="col">{t('requests.mine.equipment')}</th>
              <th scope="col">{t('requests.mine.symptom')}</th>
              <th scope="col">{t('requests.mine.status')}</th>
              <th scope="col">{t('requests.mine.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.number}>
                <td>
                  <Link to="/demandes/$number" params={{ number: item.number }}>
                    {item.number}
                  </Link>
                </td>
                <td>{formatDate(item.createdAt)}</td>
                <td>
                  {item.equipmentCode} — {item.equipmentDesignation}
                </td>
                <td>{item.symptom.length > 120 ? `${item.symptom.slice(0, 119)}…` : item.symptom}</td>
                <td>
                  <RequestStatusBadge status={item.status} />
                  {item.status === 'refused' && item.refusalReason ? <span className="di-note">{t('requests.mine.refusedBecause', { reason: item.refusalReason })}</span> : null}
                  {item.status === 'duplicate' && item.duplicateOfNumber ? <span className="di-note">{t('requests.mine.duplicateOf', { number: item.duplicateOfNumber })}</span> : null}
                  {item.workOrderNumber ? (
                    <span className="di-note">
                      <Link to="/ot/$number" params={{ number: item.workOrderNumber }}>
                        {t('requests.mine.workOrder', { number: item.workOrderNumber })}
                      </Link>
                    </span>
                  ) : null}
                </td>
                <td>
                  {item.status === 'new' ? (
                    <button type="button" className="button button--ghost" onClick={() => setCancelling(item)} aria-label={`${t('requests.mine.cancel')} ${item.number}`}>
                      {t('requests.mine.cancel')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {query.hasNextPage ? (
        <button type="button" className="button button--ghost" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? t('requests.mine.loading') : t('requests.mine.more')}
        </button>
      ) : null}
      {cancelling ? (
        <ConfirmDialog
          title={t('requests.mine.cancelTitle', { number: cancelling.number })}
          body={t('requests.mine.cancelBody')}
          confirmLabel={t('requests.mine.cancelConfirm')}
          cancelLabel={t('requests.mine.keep')}
          onConfirm={() => cancel(cancelling)}
          onCancel={() => setCancelling(null)}
          danger
        />
      ) : null}
    </section>
  );
}
