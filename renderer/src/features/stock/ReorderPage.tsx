// Renderer. `/magasin/reappro` (managers): the parts whose available quantity in a store (stock − open
// reservations) is below its minimum, with the quantity to order (up to the maximum, or 2 × the minimum without
// one), the preferred supplier and its lead time; exported to .xlsx for purchasing.
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatQuantity } from '../../../../shared/stock/quantity';
import { Alert } from '../../components/Alert';
import { downloadBase64 } from '../../components/download-file';
import { useChannelMutation, useChannelQuery } from '../../api/query';
import { stockErrorText } from './stock-ui';
import './stock.css';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ReorderPage() {
  const { t } = useTranslation();
  const [storeId, setStoreId] = useState<number | null>(null);
  const stores = useChannelQuery(['stock', 'stores'], 'stock:stores', {});
  const lines = useChannelQuery(['stock', 'reorder', storeId], 'stock:reorder', { storeId });
  const exportFile = useChannelMutation('stock:exportReorder', { onSuccess: (file) => downloadBase64(file.fileName, file.base64, XLSX) });
  return (
    <section className="card card--full stock-page" aria-labelledby="reorder-title">
      <div className="table-card__header">
        <h1 id="reorder-title">{t('stock.reorder.title')}</h1>
        <button type="button" className="button button--primary" disabled={exportFile.isPending} onClick={() => exportFile.mutate({ storeId })}>
          {t('stock.reorder.export')}
        </button>
      </div>
      <p>{t('stock.reorder.intro')}</p>
      <div className="stock-toolbar">
        <label className="field">
          <span className="field__label">{t('stock.filters.store')}</span>
          <select className="field__input" value={storeId ?? ''} onChange={(e) => setStoreId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('stock.filters.allStores')}</option>
            {(stores.data ?? []).map((store) => (
              <option key={store.id} value={store.id}>
                {store.code} — {store.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {lines.isError ? <Alert tone="error">{stockErrorText(lines.error)}</Alert> : null}
      {exportFile.isError ? <Alert tone="error">{stockErrorText(exportFile.error)}</Alert> : null}
      {lines.data && lines.data.length === 0 ? <p>{t('stock.reorder.empty')}</p> : null}
      {lines.data && lines.data.length > 0 ? (
        <div className="table-scroll">
          <table className="table stock-table">
            <thead>
              <tr>
                <th>{t('stock.columns.store')}</th>
                <th>{t('stock.columns.part')}</th>
                <th>{t('stock.columns.designation')}</th>
                <th className="num">{t('stock.columns.stock')}</th>
                <th className="num">{t('stock.columns.reserved')}</th>
                <th className="num">{t('stock.columns.available')}</th>
                <th className="num">{t('stock.columns.minMax')}</th>
                <th className="num">{t('stock.columns.suggested')}</th>
                <th>{t('stock.columns.supplier')}</th>
                <th className="num">{t('stock.columns.leadTime')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.data.map((line) => (
                <tr key={`${line.part.id}:${line.store.id}`}>
                  <td>{line.store.code}</td>
                  <td>
                    <Link to="/magasin/pieces/$code" params={{ code: line.part.code }}>
                      {line.part.code}
                    </Link>
                  </td>
                  <td>{line.part.designation}</td>
                  <td className="num">{formatQuantity(line.quantityMilli)}</td>
                  <td className="num">{formatQuantity(line.reservedMilli)}</td>
                  <td className="num stock-neg">{formatQuantity(line.availableMilli)}</td>
                  <td className="num">
                    {formatQuantity(line.minMilli)} / {line.maxMilli === null ? '—' : formatQuantity(line.maxMilli)}
                  </td>
                  <td className="num">
                    <strong>
                      {formatQuantity(line.suggestedMilli)} {line.part.unit}
                    </strong>
                  </td>
                  <td>{line.supplier ? `${line.supplier}${line.supplierRef ? ` (${line.supplierRef})` : ''}` : '—'}</td>
                  <td className="num">{line.leadTimeDays === null ? '—' : t('stock.reorder.days', { count: line.leadTimeDays })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
