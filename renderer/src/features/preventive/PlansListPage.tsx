// Renderer. « Plans de maintenance » (`/preventif/plans`, managers): the plans with a search, their target, their
// triggers in plain French and the next due date; a row opens the plan's editor. Up to 2,500 rows come in one
// answer (the seed holds 2,000 plans) and the virtualized table keeps only the rows on screen in the DOM.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { PlanListRow } from '../../../../shared/preventive/plans-contract';
import { triggersSummary } from '../../../../shared/preventive/plans-summary';
import { useChannelQuery } from '../../api/query';
import { Alert } from '../../components/Alert';
import { SearchField } from '../../components/data-table/ListControls';
import { VirtualTable, type DataColumn } from '../../components/data-table/VirtualTable';
import { formatDate } from '../work-orders/format';
import './plans.css';

type StatusFilter = 'current' | 'active' | 'paused' | 'archived' | 'all';

export function PlansListPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<StatusFilter>('current');
  const input = { text: text || undefined, status: status === 'current' ? undefined : status };
  const query = useChannelQuery(['preventive', 'plans', 'list', input], 'preventive:listPlans', input, { placeholderData: (previous) => previous });

  const columns = useMemo<DataColumn<PlanListRow, 'code'>[]>(
    () => [
      { id: 'code', header: t('plans.list.columns.code'), width: '15%', cell: (row) => <span className="plan-code">{row.code}</span> },
      { id: 'name', header: t('plans.list.columns.name'), width: '19%', cell: (row) => row.name },
      {
        id: 'target',
        header: t('plans.list.columns.target'),
        width: '17%',
        cell: (row) => (row.equipment ? `${row.equipment.code} — ${row.equipment.designation}` : t('plans.list.category', { name: row.category ?? '' })),
      },
      { id: 'type', header: t('plans.list.columns.type'), width: '11%', cell: (row) => t(`plans.workTypes.${row.workType}`) },
      { id: 'triggers', header: t('plans.list.columns.triggers'), width: '18%', cell: (row) => <span className="plan-summary-cell">{triggersSummary(row.triggers)}</span> },
      { id: 'next', header: t('plans.list.columns.next'), width: '10%', cell: (row) => formatDate(row.nextDueAt, i18n.language) },
      { id: 'status', header: t('plans.list.columns.status'), width: '9%', cell: (row) => <span className={`plan-status plan-status--${row.status}`}>{t(`plans.statuses.${row.status}`)}</span> },
    ],
    [t, i18n.language],
  );
  const rows = query.data?.rows ?? [];

  return (
    <>
      <div className="list-page__header">
        <h1>{t('plans.list.title')}</h1>
        <Link to="/preventif/plans/$code" params={{ code: 'nouveau' } as never} className="button button--primary">
          {t('plans.list.new')}
        </Link>
      </div>
      <p className="lead">{t('plans.list.intro')}</p>
      <section aria-label={t('plans.list.search')} className="list-filters">
        <SearchField label={t('plans.list.search')} placeholder={t('plans.list.searchPlaceholder')} value={text} onChange={setText} />
        <div className="list-filters__field">
          <label htmlFor="plans-status">{t('plans.list.status')}</label>
          <select id="plans-status" value={status} onChange={(event) => setStatus(event.target.value as StatusFilter)}>
            <option value="current">{t('plans.list.statusCurrent')}</option>
            <option value="active">{t('plans.statuses.active')}</option>
            <option value="paused">{t('plans.statuses.paused')}</option>
            <option value="archived">{t('plans.statuses.archived')}</option>
            <option value="all">{t('plans.list.statusAll')}</option>
          </select>
        </div>
        <p className="plans-count" aria-live="polite">
          {query.data ? t('plans.list.count', { count: query.data.total }) : ''}
        </p>
      </section>
      {query.data?.truncated ? <Alert tone="info">{t('plans.list.truncated', { shown: rows.length, total: query.data.total })}</Alert> : null}
      {query.isError ? <Alert tone="error">{t(`errors.${query.error.code}`)}</Alert> : null}
      <VirtualTable<PlanListRow, 'code'>
        label={t('plans.list.title')}
        columns={columns}
        rows={rows}
        getRowId={(row) => String(row.id)}
        getRowLabel={(row) => `${row.code} ${row.name}`}
        sort={{ key: 'code', direction: 'asc' }}
        onSort={() => undefined}
        onOpen={(row) => void navigate({ to: '/preventif/plans/$code', params: { code: row.code } as never })}
        hasNext={false}
        hasPrevious={false}
        fetching={false}
        onNext={() => undefined}
        onPrevious={() => undefined}
        loading={query.isPending}
        emptyText={t('plans.list.empty')}
        loadMoreText=""
        loadingText={t('plans.list.loading')}
      />
    </>
  );
}
