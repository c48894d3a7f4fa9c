// Renderer. « Pièces de rechange » (/magasin/pieces, maintainers): the search box has focus on arrival, so a
// scanner's part code + Enter opens that part at once; typing filters the list (folded text on référence,
// désignation and référence fabricant). Filters: category, « sous le minimum ». Keyset pages of 50 in référence
// order in the virtual data table, with the stock and the available quantity (stock − open reservations).
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGERS, type Role } from '../../../../shared/contract';
import type { PartSummary, PartsListFilter } from '../../../../shared/parts/contract';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { VirtualTable, type DataColumn } from '../../components/data-table/VirtualTable';
import { useChannelQuery, unwrap, type IpcError } from '../../api/query';
import { call } from '../../api/client';
import { useSessionStore } from '../session/session-store';
import { PartFormDialog } from './PartFormDialog';
import { quantityWithUnit } from './parts-format';
import './parts.css';

export function PartsListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const role = useSessionStore((state) => state.user?.role);
  const isManager = role !== undefined && (MANAGERS as readonly Role[]).includes(role);
  const [text, setText] = useState('');
  const [appliedText, setAppliedText] = useState('');
  const [category, setCategory] = useState('');
  const [belowMin, setBelowMin] = useState(false);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const categories = useChannelQuery(['parts', 'categories'], 'parts:categories', undefined);

  useEffect(() => searchRef.current?.focus(), []);
  // Typing filters after a short pause (a scanner's burst of keys makes one query).
  useEffect(() => {
    const timer = setTimeout(() => setAppliedText(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);

  const filter: PartsListFilter = { ...(appliedText ? { text: appliedText } : {}), ...(category ? { category } : {}), ...(belowMin ? { belowMin: true } : {}) };
  const list = useInfiniteQuery<{ rows: PartSummary[]; nextCursor: string | null }, IpcError>({
    queryKey: ['parts', 'list', filter],
    queryFn: async ({ pageParam }) => unwrap(await call('parts:list', { ...filter, ...(pageParam ? { cursor: pageParam as string } : {}) })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.rows) ?? [], [list.data]);

  /** Enter: an exact référence opens the part (a scan); otherwise the list shows what matches. */
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = text.trim();
    setNotFound(null);
    if (!typed) return;
    const found = await call('parts:lookup', { text: typed });
    if (found.ok && found.data.exact) {
      await navigate({ to: '/magasin/pieces/$code', params: { code: found.data.exact.code } });
      return;
    }
    setAppliedText(typed);
    if (/^\S+$/.test(typed)) setNotFound(typed);
  };

  const columns = useMemo<DataColumn<PartSummary>[]>(
    () => [
      {
        id: 'code',
        header: t('parts.columns.code'),
        width: '20%',
        cell: (row) => (
          <Link to="/magasin/pieces/$code" params={{ code: row.code }} className="parts-link" onClick={(event) => event.stopPropagation()}>
            {row.code}
          </Link>
        ),
      },
      {
        id: 'designation',
        header: t('parts.columns.designation'),
        width: '38%',
        // The manufacturer and its reference under the designation: one column fewer, nothing cut short.
        cell: (row) => (
          <>
            <span>
              {row.designation}
              {!row.isActive ? <span className="parts-badge parts-badge--muted"> {t('parts.inactive')}</span> : null}
            </span>
            <span className="list-sub">{[row.manufacturer, row.manufacturerRef].filter(Boolean).join(' · ') || '\u00a0'}</span>
          </>
        ),
      },
      { id: 'category', header: t('parts.columns.category'), width: '14%', cell: (row) => row.category ?? t('parts.none') },
      { id: 'stock', header: t('parts.columns.stock'), width: '12%', cell: (row) => <span className="parts-qty">{quantityWithUnit(row.stockMilli, row.unit)}</span> },
      {
        id: 'available',
        header: t('parts.columns.available'),
        width: '16%',
        cell: (row) => (
          <>
            <span className="parts-qty">{quantityWithUnit(row.availableMilli, row.unit)}</span>
            {row.belowMin ? <span className="list-sub parts-below">{t('parts.belowMinBadge')}</span> : null}
          </>
        ),
      },
    ],
    [t],
  );

  return (
    <section className="card card--full" aria-labelledby="parts-title">
      <div className="page-heading parts-header">
        <h1 id="parts-title">{t('parts.title')}</h1>
        <div className="parts-header__actions">
          <Link to="/magasin/stock" className="button button--ghost">
            {t('parts.stockNav')}
          </Link>
          {isManager ? (
            <>
              <Link to="/magasin/pieces/import" className="button button--ghost">
                {t('parts.importNav')}
              </Link>
              <Link to="/magasin/etiquettes" className="button button--ghost">
                {t('parts.labelsNav')}
              </Link>
              <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
                {t('parts.newPart')}
              </button>
            </>
          ) : null}
        </div>
      </div>

      <form className="parts-search" role="search" onSubmit={(event) => void submit(event)}>
        <TextField ref={searchRef} label={t('parts.search')} hint={t('parts.searchHint')} type="search" value={text} autoComplete="off" spellCheck={false} onChange={(event) => setText(event.target.value)} />
        <button type="submit" className="button button--primary">
          {t('parts.searchButton')}
        </button>
      </form>
      {notFound ? <Alert tone="info">{t('parts.scanNotFound', { code: notFound })}</Alert> : null}

      <div className="parts-filters">
        <SelectField label={t('parts.category')} value={category} onChange={(event) => setCategory(event.target.value)}>
          <option value="">{t('parts.allCategories')}</option>
          {(categories.data ?? []).map((item) => (
            <option key={item} value={item}>
              {item}
            </option>
          ))}
        </SelectField>
        <label className="parts-check">
          <input type="checkbox" checked={belowMin} onChange={(event) => setBelowMin(event.target.checked)} />
          <span>{t('parts.belowMin')}</span>
        </label>
      </div>

      {list.isError ? <Alert tone="error">{t(`errors.${list.error.code ?? 'INTERNAL_ERROR'}` as 'errors.INTERNAL_ERROR')}</Alert> : null}
      <VirtualTable
        label={t('parts.tableLabel')}
        columns={columns}
        rows={rows}
        getRowId={(row) => String(row.id)}
        getRowLabel={(row) => `${row.code} ${row.designation}`}
        sort={{ key: 'code', direction: 'asc' }}
        onSort={() => undefined}
        onOpen={(row) => void navigate({ to: '/magasin/pieces/$code', params: { code: row.code } })}
        hasNext={list.hasNextPage}
        hasPrevious={false}
        fetching={list.isFetchingNextPage}
        onNext={() => void list.fetchNextPage()}
        onPrevious={() => undefined}
        loading={list.isPending}
        emptyText={t('parts.empty')}
        loadMoreText={t('parts.loadMore')}
        loadingText={t('parts.loading')}
        rowClassName={(row) => (row.belowMin ? 'parts-row--below' : undefined)}
      />

      {creating ? (
        <PartFormDialog
          editing={null}
          onClose={() => setCreating(false)}
          onSaved={(detail) => {
            setCreating(false);
            void navigate({ to: '/magasin/pieces/$code', params: { code: detail.code } });
          }}
        />
      ) : null}
    </section>
  );
}
