// Renderer. "Ordres de travail" (`/ot`, maintainers): saved views as tabs, the filter bar, the virtualized table
// of keyset pages, CSV / Excel export of the filtered list. The filter lives in the URL (`vue`, `statut`, …), so
// a link to a view works; the list refreshes by itself when main says OTs changed.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import {
  OPEN_WORK_ORDER_STATUSES,
  WORK_ORDER_STATUS_CODES,
  WORK_ORDER_TYPE_CODES,
  type WorkOrderListRow,
  type WorkOrderSort,
  type WorkOrderStatusCode,
  type WorkOrderSavedView,
} from '../../../../shared/work-orders/list-contract';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { VirtualTable } from '../../components/data-table/VirtualTable';
import { ChipGroup, ExportButtons, Field, SearchField } from '../../components/data-table/ListControls';
import { useListExport } from '../../components/data-table/list-export';
import { useKeysetList } from '../../components/data-table/use-keyset-list';
import { useSessionStore } from '../session/session-store';
import { useDayFormatter, workOrderColumns } from './list-columns';
import { defaultDirection, parseWorkOrdersSearch, toWorkOrdersFilter, type WorkOrdersSearch } from './list-search';

const VIEWS: readonly WorkOrderSavedView[] = ['mes', 'a-planifier', 'retard', 'attente-pieces', 'tous'];

export function useListFilterOptions() {
  return useQuery({
    queryKey: ['locations', 'list-filter-options'],
    queryFn: async () => {
      const answer = await call('workOrders:listOptions');
      if (!answer.ok) throw new Error(answer.error.code);
      return answer.data;
    },
    staleTime: 60_000,
  });
}

export function WorkOrdersListPage() {
  const { t, i18n } = useTranslation();
  const format = useDayFormatter();
  const navigate = useNavigate();
  const raw = useSearch({ strict: false }) as Record<string, unknown>;
  const search = useMemo(() => parseWorkOrdersSearch(raw), [raw]);
  const role = useSessionStore((state) => state.user?.role);
  const filter = useMemo(() => toWorkOrdersFilter(search), [search]);
  const options = useListFilterOptions();
  const { query, rows, next, previous } = useKeysetList<WorkOrderListRow>('work-orders', 'workOrders:list', filter);
  const exporter = useListExport('workOrders:export', 'work-orders');

  const update = useCallback(
    (patch: Partial<WorkOrdersSearch>) => {
      const merged = parseWorkOrdersSearch({ ...search, ...patch } as Record<string, unknown>);
      void navigate({ to: '/ot', search: merged as never, replace: true });
    },
    [navigate, search],
  );
  const columns = useMemo(() => workOrderColumns(t, format), [t, format]);
  const view = search.vue ?? 'tous';
  const statuses = (search.statut?.split(',') ?? []) as WorkOrderStatusCode[];
  const rangeReversed = search.du !== undefined && search.au !== undefined && search.du > search.au;
  const sort = filter.sort ?? 'due';
  const number = new Intl.NumberFormat(i18n.language);
  const activeFilters = [search.type, search.priorite, search.lieu, search.intervenant, search.equipement, search.du, search.au, search.date].filter((v) => v !== undefined).length;
  const [moreOpen, setMoreOpen] = useState(activeFilters > 0);

  return (
    <>
      <div className="list-page__header">
        <h1>{t('workOrdersList.title')}</h1>
        <ExportButtons
          state={exporter.state}
          texts={{
            csv: t('workOrdersList.exportCsv'),
            xlsx: t('workOrdersList.exportXlsx'),
            starting: t('workOrdersList.exportStarting'),
            progress: (done, total) => t('workOrdersList.exportProgress', { rows: number.format(done), total: number.format(total) }),
          }}
          onExport={(fileFormat) => void exporter.start({ ...filter, format: fileFormat, language: i18n.language === 'en' ? 'en' : 'fr' })}
        />
        {role === 'admin' || role === 'maintenance_manager' ? (
          <Link to="/ot/nouveau" className="button button--primary">
            {t('workOrdersList.newOrder')}
          </Link>
        ) : null}
      </div>
      {exporter.state.error ? <Alert tone="error">{t(`errors.${exporter.state.error.code}`)}</Alert> : null}
      {exporter.state.done ? (
        <Alert tone={exporter.state.done.capped ? 'info' : 'success'}>
          {t(exporter.state.done.capped ? 'workOrdersList.exportCapped' : 'workOrdersList.exported', { rows: number.format(exporter.state.done.rows), fileName: exporter.state.done.fileName })}
        </Alert>
      ) : null}

      <nav aria-label={t('workOrdersList.viewsLabel')} className="list-tabs">
        {VIEWS.map((v) => (
          <Link key={v} to="/ot" search={{ vue: v } as never} className="list-tab" aria-current={view === v ? 'page' : undefined}>
            {t(`workOrdersList.views.${v}`)}
          </Link>
        ))}
      </nav>

      <section aria-label={t('workOrdersList.filters.title')} className="list-filters">
        <ChipGroup
          legend={t('workOrdersList.filters.status')}
          options={WORK_ORDER_STATUS_CODES.map((s) => ({ value: s, label: t(`workOrdersList.status.${s}`) }))}
          selected={statuses.length > 0 ? statuses : view === 'tous' || view === 'mes' ? [...OPEN_WORK_ORDER_STATUSES] : []}
          onChange={(next) => update({ statut: next.join(',') || undefined })}
        />
        <SearchField label={t('workOrdersList.filters.text')} placeholder={t('workOrdersList.filters.textPlaceholder')} value={search.q ?? ''} onChange={(q) => update({ q: q || undefined })} />
        <button type="button" className="button button--ghost" aria-expanded={moreOpen} aria-controls="ot-more-filters" onClick={() => setMoreOpen((open) => !open)}>
          {t('workOrdersList.filters.more', { count: activeFilters })}
        </button>
        <button type="button" className="button button--ghost" onClick={() => void navigate({ to: '/ot', search: (search.vue ? { vue: search.vue } : {}) as never, replace: true })}>
          {t('workOrdersList.filters.reset')}
        </button>
      </section>
      {moreOpen ? (
        <section id="ot-more-filters" aria-label={t('workOrdersList.filters.moreTitle')} className="list-filters list-filters--more">
          <Field label={t('workOrdersList.filters.type')}>
            {(id) => (
              <select id={id} value={search.type ?? ''} onChange={(e) => update({ type: (e.target.value || undefined) as WorkOrdersSearch['type'] })}>
                <option value="">{t('workOrdersList.filters.all')}</option>
                {WORK_ORDER_TYPE_CODES.map((type) => (
                  <option key={type} value={type}>
                    {t(`workOrdersList.type.${type}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('workOrdersList.filters.priority')}>
            {(id) => (
              <select id={id} value={search.priorite ?? ''} onChange={(e) => update({ priorite: e.target.value ? Number(e.target.value) : undefined })}>
                <option value="">{t('workOrdersList.filters.all')}</option>
                {(['1', '2', '3', '4'] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`workOrdersList.priority.${p}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('workOrdersList.filters.location')}>
            {(id) => (
              <select id={id} value={search.lieu ?? ''} onChange={(e) => update({ lieu: e.target.value ? Number(e.target.value) : undefined })}>
                <option value="">{t('workOrdersList.filters.allLocations')}</option>
                {(options.data?.locations ?? []).map((l) => (
                  <option key={l.id} value={l.id}>
                    {'\u00a0\u00a0'.repeat(l.depth) + l.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {view !== 'mes' ? (
            <Field label={t('workOrdersList.filters.assignee')}>
              {(id) => (
                <select id={id} value={search.intervenant ?? ''} onChange={(e) => update({ intervenant: e.target.value || undefined })}>
                  <option value="">{t('workOrdersList.filters.all')}</option>
                  <option value="moi">{t('workOrdersList.filters.me')}</option>
                  {(options.data?.assignees ?? []).map((a) => (
                    <option key={a.id} value={String(a.id)}>
                      {a.displayName}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          <Field label={t('workOrdersList.filters.dateField')}>
            {(id) => (
              <select id={id} value={search.date ?? 'echeance'} onChange={(e) => update({ date: e.target.value === 'creation' ? 'creation' : undefined })}>
                <option value="echeance">{t('workOrdersList.filters.due')}</option>
                <option value="creation">{t('workOrdersList.filters.created')}</option>
              </select>
            )}
          </Field>
          <Field label={t('workOrdersList.filters.from')}>{(id) => <input id={id} type="date" value={search.du ?? ''} onChange={(e) => update({ du: e.target.value || undefined })} />}</Field>
          <Field label={t('workOrdersList.filters.to')}>
            {(id) => <input id={id} type="date" value={search.au ?? ''} aria-invalid={rangeReversed || undefined} onChange={(e) => update({ au: e.target.value || undefined })} />}
          </Field>
        </section>
      ) : null}
      {rangeReversed ? <Alert tone="error">{t('workOrdersList.filters.rangeReversed')}</Alert> : null}
      {query.isError ? <Alert tone="error">{t(`errors.${query.error.error.code}`)}</Alert> : null}

      <VirtualTable<WorkOrderListRow, WorkOrderSort>
        label={t('workOrdersList.tableLabel')}
        columns={columns}
        rows={rows}
        getRowId={(row) => String(row.id)}
        getRowLabel={(row) => `${row.number} ${row.title}`}
        sort={{ key: sort, direction: filter.direction ?? defaultDirection(sort) }}
        onSort={(key, direction) => update({ tri: key, ordre: direction })}
        firstDirection={defaultDirection}
        onOpen={(row) => void navigate({ to: '/ot/$number', params: { number: row.number } as never })}
        hasNext={query.hasNextPage}
        hasPrevious={query.hasPreviousPage}
        fetching={query.isFetchingNextPage || query.isFetchingPreviousPage}
        onNext={next}
        onPrevious={previous}
        loading={query.isPending}
        emptyText={t('workOrdersList.empty')}
        loadMoreText={t('workOrdersList.loadMore')}
        loadingText={t('workOrdersList.loading')}
      />
    </>
  );
}
