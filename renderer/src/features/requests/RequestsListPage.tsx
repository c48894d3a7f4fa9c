// Renderer. "Demandes d'intervention" (`/demandes`): the managers' triage list (technicians read it), the new
// ones first by default ("À trier"), "Machine à l'arrêt" on every row that has it, the same virtualized table,
// filters in the URL and export as the OT list. Rows open `/demandes/$number`, where the triage happens.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { REQUEST_STATUS_CODES, type RequestListRow, type RequestSort, type RequestStatusCode } from '../../../../shared/requests/list-contract';
import { Alert } from '../../components/Alert';
import { VirtualTable, type DataColumn } from '../../components/data-table/VirtualTable';
import { ChipGroup, ExportButtons, Field, SearchField } from '../../components/data-table/ListControls';
import { useListExport } from '../../components/data-table/list-export';
import { useKeysetList } from '../../components/data-table/use-keyset-list';
import { useDateFormatter } from '../../i18n/format';
import { useListFilterOptions } from '../work-orders/WorkOrdersListPage';
import { parseRequestsSearch, toRequestsFilter, type RequestsSearch } from './list-search';

const VIEWS = ['a-trier', 'arret', 'toutes'] as const;

function StoppedMark({ label }: { label: string }) {
  return (
    <span className="list-stopped">
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" focusable="false">
        <polygon points="7,2 17,2 22,7 22,17 17,22 7,22 2,17 2,7" fill="currentColor" />
        <rect x="7" y="10.5" width="10" height="3" fill="#fff" />
      </svg>
      {label}
    </span>
  );
}

export function RequestsListPage() {
  const { t, i18n } = useTranslation();
  const format = useDateFormatter();
  const navigate = useNavigate();
  const raw = useSearch({ strict: false }) as Record<string, unknown>;
  const search = useMemo(() => parseRequestsSearch(raw), [raw]);
  const filter = useMemo(() => toRequestsFilter(search), [search]);
  const options = useListFilterOptions();
  const { query, rows, next, previous } = useKeysetList<RequestListRow>('requests', 'requests:list', filter);
  const exporter = useListExport('requests:export', 'requests');
  const number = new Intl.NumberFormat(i18n.language);

  const update = useCallback(
    (patch: Partial<RequestsSearch>) => void navigate({ to: '/demandes', search: parseRequestsSearch({ ...search, ...patch } as Record<string, unknown>) as never, replace: true }),
    [navigate, search],
  );
  const view = search.vue ?? 'a-trier';
  const statuses = (search.statut?.split(',') ?? []) as RequestStatusCode[];
  const sort = filter.sort ?? 'created';

  const columns = useMemo<DataColumn<RequestListRow, RequestSort>[]>(
    () => [
      {
        // Number and symptom in one cell (the symptom under the number): at 1280 px beside the sidebar, two narrow
        // columns left the symptom a few letters wide.
        id: 'number',
        header: `${t('requestsList.columns.number')} · ${t('requestsList.columns.symptom')}`,
        width: 'auto',
        cell: (row) => (
          <span className="list-cell-two" title={row.symptom}>
            <Link to="/demandes/$number" params={{ number: row.number }} className="list-link" tabIndex={-1} onClick={(event) => event.stopPropagation()}>
              {row.number}
            </Link>
            <span className="list-sub">
              {row.symptom}
              {row.reporter ? ` — ${t('requestsList.reportedBy', { name: row.reporter })}` : ''}
            </span>
          </span>
        ),
      },
      {
        id: 'equipment',
        header: t('requestsList.columns.equipment'),
        width: '16%',
        sort: 'equipment',
        cell: (row) => (
          <span className="list-cell-two">
            <strong>{row.equipmentCode}</strong>
            <span className="list-sub">{row.equipmentDesignation}</span>
          </span>
        ),
      },
      { id: 'location', header: t('requestsList.columns.location'), width: '11%', cell: (row) => row.locationName ?? '' },
      {
        id: 'stopped',
        header: t('requestsList.columns.stopped'),
        width: '8rem',
        cell: (row) => (row.machineStopped ? <StoppedMark label={t('requestsList.stopped')} /> : <span className="muted-inline">{t('requestsList.running')}</span>),
      },
      {
        id: 'status',
        header: t('requestsList.columns.status'),
        width: '7rem',
        sort: 'status',
        cell: (row) => (
          <span className="list-cell-two">
            <span className={`list-status list-status--${row.status}`}>{t(`requestsList.status.${row.status}`)}</span>
            {row.workOrderNumber ? <span className="list-sub">{t('requestsList.becameOrder', { number: row.workOrderNumber })}</span> : null}
          </span>
        ),
      },
      { id: 'created', header: t('requestsList.columns.created'), width: '10rem', sort: 'created', cell: (row) => format(row.createdAt) },
    ],
    [t, format],
  );

  return (
    <>
      <div className="list-page__header">
        <h1>{t('requestsList.title')}</h1>
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
      </div>
      {exporter.state.error ? <Alert tone="error">{t(`errors.${exporter.state.error.code}`)}</Alert> : null}
      {exporter.state.done ? (
        <Alert tone={exporter.state.done.capped ? 'info' : 'success'}>
          {t(exporter.state.done.capped ? 'workOrdersList.exportCapped' : 'workOrdersList.exported', { rows: number.format(exporter.state.done.rows), fileName: exporter.state.done.fileName })}
        </Alert>
      ) : null}
      <nav aria-label={t('requestsList.viewsLabel')} className="list-tabs">
        {VIEWS.map((v) => (
          <Link key={v} to="/demandes" search={{ vue: v } as never} className="list-tab" aria-current={view === v ? 'page' : undefined}>
            {t(`requestsList.views.${v}`)}
          </Link>
        ))}
      </nav>
      <section aria-label={t('workOrdersList.filters.title')} className="list-filters">
        {view === 'toutes' || view === 'arret' ? (
          <ChipGroup
            legend={t('workOrdersList.filters.status')}
            options={REQUEST_STATUS_CODES.map((s) => ({ value: s, label: t(`requestsList.status.${s}`) }))}
            selected={statuses}
            onChange={(nextStatuses) => update({ statut: nextStatuses.join(',') || undefined })}
          />
        ) : null}
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
        <SearchField label={t('workOrdersList.filters.equipment')} placeholder="PR-001" value={search.equipement ?? ''} onChange={(code) => update({ equipement: code || undefined })} />
        <Field label={t('workOrdersList.filters.from')}>{(id) => <input id={id} type="date" value={search.du ?? ''} onChange={(e) => update({ du: e.target.value || undefined })} />}</Field>
        <Field label={t('workOrdersList.filters.to')}>{(id) => <input id={id} type="date" value={search.au ?? ''} onChange={(e) => update({ au: e.target.value || undefined })} />}</Field>
        <SearchField label={t('workOrdersList.filters.text')} placeholder={t('requestsList.filters.textPlaceholder')} value={search.q ?? ''} onChange={(q) => update({ q: q || undefined })} />
        <button type="button" className="button button--ghost" onClick={() => void navigate({ to: '/demandes', search: (search.vue ? { vue: search.vue } : {}) as never, replace: true })}>
          {t('workOrdersList.filters.reset')}
        </button>
      </section>
      {query.isError ? <Alert tone="error">{t(`errors.${query.error.error.code}`)}</Alert> : null}
      <VirtualTable<RequestListRow, RequestSort>
        label={t('requestsList.tableLabel')}
        columns={columns}
        rows={rows}
        getRowId={(row) => String(row.id)}
        getRowLabel={(row) => `${row.number} ${row.symptom}${row.machineStopped ? ` — ${t('requestsList.stopped')}` : ''}`}
        sort={{ key: sort, direction: filter.direction ?? 'desc' }}
        onSort={(key, direction) => update({ tri: key, ordre: direction })}
        firstDirection={(key) => (key === 'created' ? 'desc' : 'asc')}
        onOpen={(row) => void navigate({ to: '/demandes/$number', params: { number: row.number } as never })}
        hasNext={query.hasNextPage}
        hasPrevious={query.hasPreviousPage}
        fetching={query.isFetchingNextPage || query.isFetchingPreviousPage}
        onNext={next}
        onPrevious={previous}
        loading={query.isPending}
        emptyText={t('requestsList.empty')}
        loadMoreText={t('workOrdersList.loadMore')}
        loadingText={t('workOrdersList.loading')}
      />
    </>
  );
}
