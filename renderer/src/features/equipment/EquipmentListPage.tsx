// Renderer. "Équipements" (/equipements): the search box has focus on arrival, so a scanner's code + Enter opens
// that equipment at once; typing filters the list (accents and case ignored). Filters by location (with
// everything under it), state, criticality and category; pages of 50 in code order, "Afficher plus" for the next.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGERS, type Role } from '../../../../shared/contract';
import { CRITICALITIES, EQUIPMENT_STATUSES, type EquipmentListFilter } from '../../../../shared/equipment/contract';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useSessionStore } from '../session/session-store';
import { CriticalityBadge, DownSince, StatusBadge } from './EquipmentBadges';
import { request, useChannel, type ChannelError } from './equipment-api';
import { EquipmentFormDialog } from './EquipmentFormDialog';
import { locationOptions } from './location-options';
import './equipment.css';

type Filters = Omit<EquipmentListFilter, 'text' | 'after'>;

export function EquipmentListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // A code of digits only comes back from the URL as a number: the box always holds text.
  const rawSearch = useSearch({ strict: false }) as { q?: unknown };
  const search = { q: rawSearch.q === undefined || rawSearch.q === null ? undefined : String(rawSearch.q) };
  const role = useSessionStore((state) => state.user?.role);
  const isManager = role !== undefined && (MANAGERS as readonly Role[]).includes(role);
  const [text, setText] = useState(search.q ?? '');
  const [appliedText, setAppliedText] = useState(search.q ?? '');
  const [filters, setFilters] = useState<Filters>({});
  const [notFound, setNotFound] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const locations = useChannel(['locations', 'tree'], 'locations:tree', undefined);
  const categories = useChannel(['reference', 'category'], 'reference:list', { list: 'category' });

  useEffect(() => searchRef.current?.focus(), []);
  // A search handed over by the header's scan box (adjusted while rendering, as React advises, not in an effect).
  const [handedOver, setHandedOver] = useState(search.q);
  if (search.q !== handedOver) {
    setHandedOver(search.q);
    if (search.q !== undefined) {
      setText(search.q);
      setAppliedText(search.q);
    }
  }
  // Typing filters after a short pause (a scanner's burst of keys makes one query).
  useEffect(() => {
    const timer = setTimeout(() => setAppliedText(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);

  const filter: EquipmentListFilter = { ...filters, ...(appliedText ? { text: appliedText } : {}) };
  const list = useInfiniteQuery({
    queryKey: ['equipment', 'list', filter],
    queryFn: ({ pageParam }) => request('equipment:list', { ...filter, ...(pageParam ? { after: pageParam } : {}) }),
    initialPageParam: '' as string,
    getNextPageParam: (page) => page.nextAfter ?? undefined,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const asOf = list.data?.pages[0]?.asOf ?? 0;

  /** Enter: an exact code opens the equipment (a scan); otherwise the list shows what matches. */
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = text.trim();
    setNotFound(null);
    if (!typed) return;
    const found = await request('equipment:lookup', { text: typed }).catch(() => null);
    if (found?.exact) {
      await navigate({ to: '/equipements/$code', params: { code: found.exact.code } });
      return;
    }
    setAppliedText(typed);
    if (/^\S+$/.test(typed) && !found?.matches.some((m) => m.code.toLowerCase() === typed.toLowerCase())) setNotFound(typed);
  };

  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K] | '') =>
    setFilters((current) => {
      const next = { ...current };
      if (value === '' || value === undefined) delete next[key];
      else next[key] = value as Filters[K];
      return next;
    });

  return (
    <section className="card card--full" aria-labelledby="equipment-title">
      <div className="page-heading equipment-header">
        <div>
          <h1 id="equipment-title">{t('equipment.title')}</h1>
        </div>
        {isManager ? (
          <div className="equipment-header__actions">
            <Link to="/localisations" className="button button--ghost equipment-link-button">
              {t('equipment.locationsLink')}
            </Link>
            <Link to="/equipements/import" className="button button--ghost equipment-link-button">
              {t('equipmentIo.importNav')}
            </Link>
            <Link to="/equipements/etiquettes" className="button button--ghost equipment-link-button">
              {t('equipmentIo.labelsNav')}
            </Link>
            <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
              {t('equipment.newEquipment')}
            </button>
          </div>
        ) : null}
      </div>

      <form className="equipment-search" role="search" onSubmit={(event) => void submit(event)}>
        <TextField ref={searchRef} label={t('equipment.search')} hint={t('equipment.searchHint')} type="search" value={text} autoComplete="off" spellCheck={false} onChange={(event) => setText(event.target.value)} />
        <button type="submit" className="button button--primary">
          {t('equipment.searchButton')}
        </button>
      </form>
      {notFound ? <Alert tone="info">{t('equipment.scanNotFound', { code: notFound })}</Alert> : null}

      <fieldset className="fieldset equipment-filters">
        <legend className="visually-hidden">{t('equipment.filtersLabel')}</legend>
        <SelectField label={t('equipment.location')} value={filters.locationId ?? ''} onChange={(event) => setFilter('locationId', event.target.value === '' ? '' : Number(event.target.value))}>
          <option value="">{t('equipment.allLocations')}</option>
          {locationOptions(locations.data ?? []).map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('equipment.status')} value={filters.status ?? ''} onChange={(event) => setFilter('status', event.target.value as Filters['status'] | '')}>
          <option value="">{t('equipment.allStatuses')}</option>
          {EQUIPMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`equipment.statuses.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('equipment.criticality')} value={filters.criticality ?? ''} onChange={(event) => setFilter('criticality', event.target.value as Filters['criticality'] | '')}>
          <option value="">{t('equipment.allCriticalities')}</option>
          {CRITICALITIES.map((value) => (
            <option key={value} value={value}>
              {t(`equipment.criticalities.${value}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('equipment.category')} value={filters.category ?? ''} onChange={(event) => setFilter('category', event.target.value)}>
          <option value="">{t('equipment.allCategories')}</option>
          {(categories.data ?? []).map((item) => (
            <option key={item.code} value={item.code}>
              {item.label}
            </option>
          ))}
        </SelectField>
        <button type="button" className="button button--ghost" onClick={() => setFilters({})} disabled={Object.keys(filters).length === 0}>
          {t('equipment.clearFilters')}
        </button>
      </fieldset>

      <h2 className="visually-hidden">{t('equipment.listTitle')}</h2>
      {list.isError ? <Alert tone="error">{t(`errors.${(list.error as ChannelError).code ?? 'INTERNAL_ERROR'}` as 'errors.INTERNAL_ERROR')}</Alert> : null}
      {list.isPending ? (
        <p role="status">{t('equipment.loading')}</p>
      ) : items.length === 0 ? (
        <p role="status">{t('equipment.noneMatch')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table equipment-table">
            <thead>
              <tr>
                <th scope="col">{t('equipment.columns.code')}</th>
                <th scope="col">{t('equipment.columns.designation')}</th>
                <th scope="col">{t('equipment.columns.location')}</th>
                <th scope="col">{t('equipment.columns.criticality')}</th>
                <th scope="col">{t('equipment.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td className="nowrap">
                    <Link to="/equipements/$code" params={{ code: item.code }} className="equipment-table__link">
                      {item.code}
                    </Link>
                  </td>
                  <td>
                    {item.designation}
                    {item.parentCode ? <span className="table__sub"> ({t('equipment.parentLabel')} {item.parentCode})</span> : null}
                  </td>
                  <td>{item.locationLabel ?? t('equipment.none')}</td>
                  <td>
                    <CriticalityBadge criticality={item.criticality} />
                  </td>
                  <td>
                    <span className="badges">
                      {item.downSince !== null ? <DownSince since={item.downSince} asOf={Math.max(asOf, item.downSince)} /> : <StatusBadge status={item.status} />}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="equipment-list__footer">
        <p className="muted" role="status">
          {items.length > 0 ? t('equipment.shown', { count: items.length }) : ''}
        </p>
        {list.hasNextPage ? (
          <button type="button" className="button button--ghost" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('equipment.showMore')}
          </button>
        ) : null}
      </div>

      {creating ? (
        <EquipmentFormDialog
          editing={null}
          onClose={() => setCreating(false)}
          onSaved={(detail) => {
            setCreating(false);
            void navigate({ to: '/equipements/$code', params: { code: detail.code } });
          }}
        />
      ) : null}
    </section>
  );
}
