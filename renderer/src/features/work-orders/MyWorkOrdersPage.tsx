// Renderer. "Mes OT" (`/ot/mes`): the technician's home. The open OTs assigned to the person signed in, overdue
// first, then today's, then the coming ones, as big cards with the next step written on them (the step itself
// is done on the OT's page). Same keyset pages as the list; refreshes when OTs change.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import type { WorkOrderListRow } from '../../../../shared/work-orders/list-contract';
import { Alert } from '../../components/Alert';
import { useKeysetList } from '../../components/data-table/use-keyset-list';
import { DueCell, StatusBadge, useDayFormatter } from './list-columns';
import '../../components/data-table/data-table.css';

type Group = 'overdue' | 'today' | 'later' | 'noDate';
const FILTER = { view: 'mes', sort: 'due', direction: 'asc' } as const;

/** Which heading an OT goes under, by its due date in this PC's day. */
export function groupOf(row: WorkOrderListRow, now: Date): Group {
  if (row.overdue) return 'overdue';
  if (row.dueAt === null) return 'noDate';
  const endOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  return row.dueAt < endOfToday ? 'today' : 'later';
}

export function MyWorkOrdersPage() {
  const { t } = useTranslation();
  const format = useDayFormatter();
  const { query, rows, next } = useKeysetList<WorkOrderListRow>('work-orders', 'workOrders:list', FILTER);
  const groups = useMemo(() => {
    const now = new Date();
    const result: Record<Group, WorkOrderListRow[]> = { overdue: [], today: [], later: [], noDate: [] };
    for (const row of rows) result[groupOf(row, now)].push(row);
    return result;
  }, [rows]);

  return (
    <>
      <div className="list-page__header">
        <h1>{t('workOrdersList.my.title')}</h1>
        <Link to="/ot" className="button button--ghost">
          {t('workOrdersList.my.all')}
        </Link>
      </div>
      <p className="lead">{t('workOrdersList.my.intro')}</p>
      {query.isError ? <Alert tone="error">{t(`errors.${query.error.error.code}`)}</Alert> : null}
      {query.isPending ? <p role="status">{t('workOrdersList.loading')}</p> : null}
      {!query.isPending && rows.length === 0 && !query.isError ? <Alert tone="info">{t('workOrdersList.my.empty')}</Alert> : null}
      {(['overdue', 'today', 'later', 'noDate'] as const).map((group) =>
        groups[group].length > 0 ? (
          <section key={group} aria-labelledby={`my-orders-${group}`}>
            <h2 id={`my-orders-${group}`} className="my-orders__group">
              {t(`workOrdersList.my.${group}`)} ({groups[group].length})
            </h2>
            <ul className="my-orders">
              {groups[group].map((row) => (
                <li key={row.id}>
                  <Link to="/ot/$number" params={{ number: row.number }} className={`my-order my-order--${group}`}>
                    <p className="my-order__title">
                      {row.number} — {row.title}
                    </p>
                    <StatusBadge row={row} t={t} />
                    <p className="my-order__meta">
                      {row.equipmentCode} · {row.equipmentDesignation}
                      {row.locationName ? ` · ${row.locationName}` : ''} · {t(`workOrdersList.priority.${String(row.priority) as '1'}`)}
                    </p>
                    <span>
                      <DueCell row={row} t={t} format={format} />
                    </span>
                    <span className="my-order__next">{t(`workOrdersList.my.next.${row.status}`)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
      {query.hasNextPage ? (
        <button type="button" className="button button--ghost" disabled={query.isFetchingNextPage} onClick={next}>
          {query.isFetchingNextPage ? t('workOrdersList.loading') : t('workOrdersList.loadMore')}
        </button>
      ) : null}
    </>
  );
}
