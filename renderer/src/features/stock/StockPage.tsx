// Renderer. `/magasin/stock`: three tabs chosen by the `onglet` search param — « État du stock » (balances per
// part × store with its bins, reserved and available), « Mouvements » (the journal, newest first, keyset pages,
// with « Contre-passer » for managers) and « Magasins et emplacements » (managers create, rename, deactivate; the
// administrator's « Autoriser le stock négatif »). Managers record réceptions, transferts and ajustements here.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoveView, MovesQuery, PartOption, StoreView } from '../../../../shared/contract';
import { STOCK_MOVE_KINDS } from '../../../../shared/stock/contract';
import { formatCents, formatQuantity } from '../../../../shared/stock/quantity';
import { Alert } from '../../components/Alert';
import { call } from '../../api/client';
import { unwrap, useChannelMutation, useChannelQuery } from '../../api/query';
import { AdjustDialog, LevelsDialog, ReceiveDialog, ReverseDialog, TransferDialog } from './StockForms';
import { PartPicker, stockErrorText, useIsAdmin, useIsManager } from './stock-ui';
import './stock.css';

export type StockTab = 'etat' | 'mouvements' | 'magasins';
const TABS: readonly StockTab[] = ['etat', 'mouvements', 'magasins'];

export function parseStockSearch(search: Record<string, unknown>): { onglet?: StockTab } {
  return TABS.includes(search.onglet as StockTab) ? { onglet: search.onglet as StockTab } : {};
}

export function StockPage() {
  const { t } = useTranslation();
  const search = useSearch({ strict: false }) as { onglet?: StockTab };
  const tab = search.onglet ?? 'etat';
  const navigate = useNavigate();
  const stores = useChannelQuery(['stock', 'stores'], 'stock:stores', {});
  return (
    <div className="stock-page">
      <h1 className="stock-title">{t('stock.title')}</h1>
      <div role="tablist" aria-label={t('stock.title')} className="stock-tabs">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`stock-tab-${name}`}
            aria-selected={tab === name}
            aria-controls="stock-panel"
            className={`stock-tab${tab === name ? ' stock-tab--active' : ''}`}
            onClick={() => void navigate({ to: '/magasin/stock', search: { onglet: name } as never })}
          >
            {t(`stock.tabs.${name}`)}
          </button>
        ))}
      </div>
      <section id="stock-panel" role="tabpanel" aria-labelledby={`stock-tab-${tab}`} className="card card--full">
        {tab === 'etat' ? <BalancesTab stores={stores.data ?? []} /> : tab === 'mouvements' ? <MovesTab /> : <StoresTab stores={stores.data ?? []} />}
      </section>
    </div>
  );
}

type Dialog = 'receive' | 'transfer' | 'adjust' | 'levels' | null;

function BalancesTab({ stores }: { stores: StoreView[] }) {
  const { t } = useTranslation();
  const manager = useIsManager();
  const [storeId, setStoreId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const balances = useChannelQuery(['stock', 'balances', storeId, search], 'stock:balances', { storeId, search });
  return (
    <>
      <div className="stock-toolbar">
        <label className="field">
          <span className="field__label">{t('stock.filters.store')}</span>
          <select className="field__input" value={storeId ?? ''} onChange={(e) => setStoreId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('stock.filters.allStores')}</option>
            {stores.map((store) => (
              <option key={store.id} value={store.id}>
                {store.code} — {store.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('stock.filters.search')}</span>
          <input className="field__input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        {manager ? (
          <div className="stock-toolbar__actions">
            <button type="button" className="button button--primary" onClick={() => setDialog('receive')}>
              {t('stock.actions.receive')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setDialog('transfer')}>
              {t('stock.actions.transfer')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setDialog('adjust')}>
              {t('stock.actions.adjust')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setDialog('levels')}>
              {t('stock.actions.levels')}
            </button>
          </div>
        ) : null}
      </div>
      {balances.isError ? <Alert tone="error">{stockErrorText(balances.error)}</Alert> : null}
      {balances.data && balances.data.length === 0 ? <p>{t('stock.empty.balances')}</p> : null}
      {balances.data && balances.data.length > 0 ? (
        <div className="table-scroll">
          <table className="table stock-table">
            <thead>
              <tr>
                <th>{t('stock.columns.part')}</th>
                <th>{t('stock.columns.store')}</th>
                <th>{t('stock.columns.bins')}</th>
                <th className="num">{t('stock.columns.stock')}</th>
                <th className="num">{t('stock.columns.reserved')}</th>
                <th className="num">{t('stock.columns.available')}</th>
                <th className="num">{t('stock.columns.minMax')}</th>
                {manager ? <th className="num">{t('stock.columns.avgCost')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {balances.data.map((row) => {
                const below = row.minMilli !== null && row.availableMilli < row.minMilli;
                return (
                  <tr key={`${row.part.id}:${row.store.id}`} className={below ? 'stock-row--below' : undefined}>
                    <td>
                      <Link to="/magasin/pieces/$code" params={{ code: row.part.code }} className="stock-code">
                        {row.part.code}
                      </Link>
                      <span className="stock-designation">{row.part.designation}</span>
                    </td>
                    <td className="stock-nowrap">{row.store.code}</td>
                    <td>{row.bins.map((bin) => `${bin.code} : ${formatQuantity(bin.quantityMilli)}`).join(' · ')}</td>
                    <td className="num">
                      {formatQuantity(row.quantityMilli)} {row.part.unit}
                    </td>
                    <td className="num">{formatQuantity(row.reservedMilli)}</td>
                    <td className="num">
                      <strong>{formatQuantity(row.availableMilli)}</strong>
                    </td>
                    <td className="num">{row.minMilli === null ? '—' : `${formatQuantity(row.minMilli)} / ${row.maxMilli === null ? '—' : formatQuantity(row.maxMilli)}`}</td>
                    {manager ? <td className="num">{row.avgCostCents === null ? '—' : formatCents(row.avgCostCents)}</td> : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {dialog === 'receive' ? <ReceiveDialog stores={stores} onClose={() => setDialog(null)} /> : null}
      {dialog === 'transfer' ? <TransferDialog stores={stores} onClose={() => setDialog(null)} /> : null}
      {dialog === 'adjust' ? <AdjustDialog stores={stores} onClose={() => setDialog(null)} /> : null}
      {dialog === 'levels' ? <LevelsDialog stores={stores} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

const PAGE = 100;

function dayStart(value: string): number | null {
  if (!value) return null;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

function MovesTab() {
  const { t, i18n } = useTranslation();
  const manager = useIsManager();
  const [part, setPart] = useState<PartOption | null>(null);
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [workOrder, setWorkOrder] = useState('');
  const [reversing, setReversing] = useState<number | null>(null);
  const toStart = dayStart(to);
  const filter: MovesQuery = {
    partId: part?.id ?? null,
    kind: (kind || null) as MovesQuery['kind'],
    from: dayStart(from),
    to: toStart === null ? null : toStart + 86_400_000,
    workOrderNumber: workOrder.trim() || null,
    limit: PAGE,
  };
  const moves = useInfiniteQuery({
    queryKey: ['stock', 'moves', filter],
    queryFn: async ({ pageParam }) => unwrap(await call('stock:moves', { ...filter, beforeId: pageParam })),
    initialPageParam: null as number | null,
    getNextPageParam: (last: MoveView[]) => (last.length < PAGE ? undefined : last[last.length - 1].id),
  });
  const rows = moves.data?.pages.flat() ?? [];
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <>
      <div className="stock-toolbar">
        <PartPicker id="moves-part" value={part} onChange={setPart} />
        <label className="field">
          <span className="field__label">{t('stock.filters.kind')}</span>
          <select className="field__input" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('stock.filters.allKinds')}</option>
            {STOCK_MOVE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`stock.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('stock.filters.from')}</span>
          <input className="field__input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('stock.filters.to')}</span>
          <input className="field__input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('stock.filters.workOrder')}</span>
          <input className="field__input" value={workOrder} placeholder="OT-2026-000001" onChange={(e) => setWorkOrder(e.target.value)} />
        </label>
      </div>
      {moves.isError ? <Alert tone="error">{stockErrorText(moves.error)}</Alert> : null}
      {moves.isSuccess && rows.length === 0 ? <p>{t('stock.empty.moves')}</p> : null}
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="table stock-table stock-moves">
            <thead>
              <tr>
                <th>{t('stock.columns.date')}</th>
                <th>{t('stock.columns.kind')}</th>
                <th>{t('stock.columns.part')}</th>
                <th className="num">{t('stock.columns.quantity')}</th>
                {manager ? <th className="num">{t('stock.columns.value')}</th> : null}
                <th>{t('stock.columns.details')}</th>
                <th>{t('stock.columns.who')}</th>
                {manager ? <th>{t('stock.columns.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((move) => (
                <tr key={move.id}>
                  <td>
                    <span className="stock-nowrap">{dateFormat.format(new Date(move.at))}</span>
                    <span className="stock-designation">n° {move.id}</span>
                  </td>
                  <td>
                    {t(`stock.kinds.${move.kind}`)}
                    {move.reversalOfId ? <span className="stock-designation">{t('stock.ofMove', { id: move.reversalOfId })}</span> : null}
                    {move.workOrder ? (
                      <Link to="/ot/$number" params={{ number: move.workOrder.number }} className="stock-designation stock-nowrap">
                        {move.workOrder.number}
                      </Link>
                    ) : null}
                  </td>
                  <td title={move.part.designation}>
                    <span className="stock-code">{move.part.code}</span>
                    <span className="stock-designation stock-nowrap">
                      {move.bin.storeCode} · {move.bin.code}
                    </span>
                  </td>
                  <td className={`num ${move.quantityMilli < 0 ? 'stock-neg' : 'stock-pos'}`}>
                    {move.quantityMilli > 0 ? '+' : ''}
                    {formatQuantity(move.quantityMilli)}
                  </td>
                  {manager ? (
                    <td className="num">
                      {move.valueCents === null ? '—' : formatCents(move.valueCents)}
                      {move.unitCostCents === null ? null : <span className="stock-designation">{t('stock.perUnit', { cost: formatCents(move.unitCostCents) })}</span>}
                    </td>
                  ) : null}
                  <td>{[move.reason, move.supplier, move.documentRef].filter(Boolean).join(' · ') || '—'}</td>
                  <td>
                    {move.user ?? '—'}
                    <span className="stock-designation">{move.workstation}</span>
                  </td>
                  {manager ? (
                    <td>
                      {move.reversedById ? (
                        <span className="badge badge--off">{t('stock.reversed')}</span>
                      ) : move.kind !== 'reversal' ? (
                        <button type="button" className="button button--ghost stock-small" onClick={() => setReversing(move.id)}>
                          {t('stock.actions.reverse')}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {moves.hasNextPage ? (
        <button type="button" className="button button--ghost" disabled={moves.isFetchingNextPage} onClick={() => void moves.fetchNextPage()}>
          {t('stock.more')}
        </button>
      ) : null}
      {reversing !== null ? <ReverseDialog moveId={reversing} onClose={() => setReversing(null)} /> : null}
    </>
  );
}

function StoresTab({ stores }: { stores: StoreView[] }) {
  const { t } = useTranslation();
  const manager = useIsManager();
  const admin = useIsAdmin();
  const [error, setError] = useState<string | null>(null);
  const saveStore = useChannelMutation('stock:saveStore', { invalidates: ['stock'], onError: (e) => setError(stockErrorText(e)), onSuccess: () => setError(null) });
  const saveBin = useChannelMutation('stock:saveBin', { invalidates: ['stock'], onError: (e) => setError(stockErrorText(e)), onSuccess: () => setError(null) });
  const [storeCode, setStoreCode] = useState('');
  const [storeName, setStoreName] = useState('');
  return (
    <>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {stores.length === 0 ? <p>{t('stock.empty.stores')}</p> : null}
      {stores.map((store) => (
        <StoreCard key={store.id} store={store} manager={manager} onSaveStore={(input) => saveStore.mutate(input)} onSaveBin={(input) => saveBin.mutate(input)} />
      ))}
      {manager ? (
        <form
          className="stock-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            saveStore.mutate({ id: null, code: storeCode, name: storeName, isActive: true }, { onSuccess: () => (setStoreCode(''), setStoreName('')) });
          }}
        >
          <h2>{t('stock.actions.newStore')}</h2>
          <label className="field">
            <span className="field__label">{t('stock.form.code')}</span>
            <input className="field__input" value={storeCode} onChange={(e) => setStoreCode(e.target.value)} required maxLength={32} />
          </label>
          <label className="field">
            <span className="field__label">{t('stock.form.name')}</span>
            <input className="field__input" value={storeName} onChange={(e) => setStoreName(e.target.value)} required maxLength={200} />
          </label>
          <button type="submit" className="button button--primary" disabled={saveStore.isPending}>
            {t('stock.actions.newStore')}
          </button>
        </form>
      ) : null}
      {admin ? <NegativeStockSetting /> : null}
    </>
  );
}

function StoreCard({
  store,
  manager,
  onSaveStore,
  onSaveBin,
}: {
  store: StoreView;
  manager: boolean;
  onSaveStore: (input: { id: number; code: string; name: string; isActive: boolean }) => void;
  onSaveBin: (input: { id: number | null; storeId: number; code: string; label: string; isActive: boolean }) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(store.name);
  const [binCode, setBinCode] = useState('');
  const [binLabel, setBinLabel] = useState('');
  return (
    <div className="stock-store">
      <div className="stock-store__header">
        {editing ? (
          <form
            className="stock-inline-form stock-inline-form--row"
            onSubmit={(event) => {
              event.preventDefault();
              onSaveStore({ id: store.id, code: store.code, name, isActive: store.isActive });
              setEditing(false);
            }}
          >
            <label className="field">
              <span className="field__label">{t('stock.form.name')}</span>
              <input className="field__input" value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <button type="submit" className="button button--primary">
              {t('stock.actions.save')}
            </button>
          </form>
        ) : (
          <h2>
            {store.code} — {store.name} {store.isActive ? null : <span className="badge badge--off">{t('stock.stores.inactive')}</span>}
          </h2>
        )}
        {manager && !editing ? (
          <div className="stock-toolbar__actions">
            <button type="button" className="button button--ghost stock-small" onClick={() => setEditing(true)}>
              {t('stock.actions.rename')}
            </button>
            <button type="button" className="button button--ghost stock-small" onClick={() => onSaveStore({ id: store.id, code: store.code, name: store.name, isActive: !store.isActive })}>
              {store.isActive ? t('stock.stores.deactivate') : t('stock.stores.activate')}
            </button>
          </div>
        ) : null}
      </div>
      {store.bins.length === 0 ? <p className="stock-muted">{t('stock.stores.noBins')}</p> : null}
      <ul className="stock-bins" aria-label={t('stock.stores.binsOf', { code: store.code })}>
        {store.bins.map((bin) => (
          <li key={bin.id} className={bin.isActive ? undefined : 'stock-bin--off'}>
            <strong>{bin.code}</strong>
            {bin.label ? ` — ${bin.label}` : ''}
            {bin.isActive ? null : ` (${t('stock.stores.inactive')})`}
            {manager ? (
              <button type="button" className="button button--ghost stock-small" onClick={() => onSaveBin({ id: bin.id, storeId: store.id, code: bin.code, label: bin.label ?? '', isActive: !bin.isActive })}>
                {bin.isActive ? t('stock.stores.deactivate') : t('stock.stores.activate')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {manager ? (
        <form
          className="stock-inline-form stock-inline-form--row"
          onSubmit={(event) => {
            event.preventDefault();
            onSaveBin({ id: null, storeId: store.id, code: binCode, label: binLabel, isActive: true });
            setBinCode('');
            setBinLabel('');
          }}
        >
          <label className="field">
            <span className="field__label">{t('stock.form.code')}</span>
            <input className="field__input" aria-label={`${t('stock.actions.newBin')} — ${t('stock.form.code')} (${store.code})`} value={binCode} onChange={(e) => setBinCode(e.target.value)} required maxLength={32} />
          </label>
          <label className="field">
            <span className="field__label">{t('stock.form.label')}</span>
            <input className="field__input" value={binLabel} onChange={(e) => setBinLabel(e.target.value)} maxLength={200} />
          </label>
          <button type="submit" className="button button--ghost">
            {t('stock.actions.newBin')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

function NegativeStockSetting() {
  const { t } = useTranslation();
  const settings = useChannelQuery(['stock', 'settings'], 'stock:settings', {});
  const update = useChannelMutation('stock:updateSettings', { invalidates: ['stock'] });
  return (
    <fieldset className="fieldset stock-setting">
      <legend>{t('stock.settings.title')}</legend>
      <label className="stock-check">
        <input
          type="checkbox"
          checked={settings.data?.allowNegativeStock ?? false}
          disabled={!settings.data || update.isPending}
          onChange={(e) => update.mutate({ allowNegativeStock: e.target.checked })}
        />
        {t('stock.settings.allowNegative')}
      </label>
      <p className="field__hint">{t('stock.settings.hint')}</p>
      {update.isError ? <Alert tone="error">{stockErrorText(update.error)}</Alert> : null}
    </fieldset>
  );
}
