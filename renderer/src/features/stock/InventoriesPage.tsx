// Renderer. `/magasin/inventaires` (managers): the count sessions, newest first, and « Lancer un inventaire » for
// a store (its lines: each part × bin of the store with the quantity expected at the start).
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { useChannelMutation, useChannelQuery } from '../../api/query';
import { stockErrorText } from './stock-ui';
import './stock.css';

export function InventoriesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const stores = useChannelQuery(['stock', 'stores'], 'stock:stores', {});
  const counts = useChannelQuery(['stock', 'inventories'], 'stock:inventories', {});
  const [storeId, setStoreId] = useState('');
  const start = useChannelMutation('stock:startInventory', {
    invalidates: ['stock'],
    onSuccess: ({ id }) => void navigate({ to: '/magasin/inventaires/$id', params: { id: String(id) } }),
  });
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const activeStores = (stores.data ?? []).filter((store) => store.isActive);
  return (
    <div className="stock-page">
      <section className="card card--full" aria-labelledby="inventories-title">
        <h1 id="inventories-title">{t('stock.inventory.title')}</h1>
        <form
          className="stock-inline-form stock-inline-form--row"
          onSubmit={(event) => {
            event.preventDefault();
            if (storeId) start.mutate({ storeId: Number(storeId) });
          }}
        >
          <label className="field">
            <span className="field__label">{t('stock.filters.store')}</span>
            <select className="field__input" value={storeId} onChange={(e) => setStoreId(e.target.value)} required>
              <option value="">—</option>
              {activeStores.map((store) => (
                <option key={store.id} value={store.id}>
                  {store.code} — {store.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button--primary" disabled={start.isPending || !storeId}>
            {t('stock.inventory.start')}
          </button>
        </form>
        <p className="field__hint">{t('stock.inventory.startHint')}</p>
        {start.isError ? <Alert tone="error">{stockErrorText(start.error)}</Alert> : null}
        {counts.data && counts.data.length === 0 ? <p>{t('stock.inventory.empty')}</p> : null}
        {counts.data && counts.data.length > 0 ? (
          <table className="table stock-table">
            <thead>
              <tr>
                <th>N°</th>
                <th>{t('stock.columns.store')}</th>
                <th>{t('stock.columns.status')}</th>
                <th>{t('stock.columns.startedAt')}</th>
                <th>{t('stock.columns.by')}</th>
                <th className="num">{t('stock.columns.lines')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {counts.data.map((count) => (
                <tr key={count.id}>
                  <td>{count.id}</td>
                  <td>
                    {count.store.code} — {count.store.name}
                  </td>
                  <td>{t(`stock.inventory.statuses.${count.status}`)}</td>
                  <td>{date.format(new Date(count.createdAt))}</td>
                  <td>{count.createdBy ?? '—'}</td>
                  <td className="num">
                    {count.counted} / {count.lines}
                  </td>
                  <td>
                    <Link to="/magasin/inventaires/$id" params={{ id: String(count.id) }}>
                      {t('stock.inventory.open')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
