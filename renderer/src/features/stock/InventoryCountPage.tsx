// Renderer. `/magasin/inventaires/$id` (managers): one count session. Print the count sheets (one A4 page per
// bin), type the counts (Entrée saves and jumps to the next line, so a whole sheet is typed without the mouse),
// see each difference in quantity and value, then apply every adjustment in one go — or cancel. The rule for
// the moves made since the start is stated on the page.
import { useParams } from '@tanstack/react-router';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InventoryLineView } from '../../../../shared/contract';
import { formatCents, formatQuantity } from '../../../../shared/stock/quantity';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { downloadBase64 } from '../../components/download-file';
import { useChannelMutation, useChannelQuery } from '../../api/query';
import { parseMilli, stockErrorText } from './stock-ui';
import './stock.css';

const key = (line: InventoryLineView) => `${line.part.id}:${line.bin.id}`;

export function InventoryCountPage() {
  const { t } = useTranslation();
  const params = useParams({ strict: false }) as { id?: string };
  const id = Number(params.id);
  const count = useChannelQuery(['stock', 'inventory', id], 'stock:inventory', { id }, { enabled: Number.isInteger(id) && id > 0 });
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState<'apply' | 'cancel' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const save = useChannelMutation('stock:countLine', { invalidates: ['stock'] });
  const apply = useChannelMutation('stock:applyInventory', { invalidates: ['stock'], onSuccess: ({ moves }) => setNotice(t('stock.inventory.applied', { count: moves })) });
  const cancel = useChannelMutation('stock:cancelInventory', { invalidates: ['stock'] });
  const print = useChannelMutation('stock:printInventory', { onSuccess: (file) => downloadBase64(file.fileName, file.base64, 'application/pdf') });

  if (count.isPending) return <p role="status">{t('stock.loading')}</p>;
  if (count.isError || !count.data) return <Alert tone="error">{stockErrorText(count.error)}</Alert>;
  const view = count.data;
  const open = view.status === 'open';

  const commit = (line: InventoryLineView) => {
    const text = drafts[key(line)];
    if (text === undefined) return;
    const counted = text.trim() === '' ? null : parseMilli(text);
    if (counted !== null && (!Number.isFinite(counted) || counted < 0)) return;
    if (counted === line.countedMilli) return;
    save.mutate({ id, partId: line.part.id, binId: line.bin.id, countedMilli: counted });
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>, index: number, line: InventoryLineView) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    commit(line);
    inputs.current[index + 1]?.focus();
    inputs.current[index + 1]?.select();
  };
  const toApply = view.entries.filter((line) => line.adjustmentMilli !== null && line.adjustmentMilli !== 0).length;

  return (
    <div className="stock-page">
      <section className="card card--full" aria-labelledby="count-title">
        <div className="table-card__header">
          <h1 id="count-title">{t('stock.inventory.countTitle', { id: view.id, store: `${view.store.code} — ${view.store.name}` })}</h1>
          <span className="badge badge--neutral">{t(`stock.inventory.statuses.${view.status}`)}</span>
        </div>
        <p className="stock-rule">{t('stock.inventory.rule')}</p>
        <p>{t('stock.inventory.counted', { counted: view.counted, lines: view.lines })}</p>
        <div className="stock-toolbar__actions">
          <button type="button" className="button button--ghost" disabled={print.isPending} onClick={() => print.mutate({ id })}>
            {t('stock.inventory.print')}
          </button>
          {open ? (
            <>
              <button type="button" className="button button--primary" disabled={apply.isPending} onClick={() => setConfirm('apply')}>
                {t('stock.inventory.apply')}
              </button>
              <button type="button" className="button button--ghost" onClick={() => setConfirm('cancel')}>
                {t('stock.inventory.cancel')}
              </button>
            </>
          ) : null}
        </div>
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {[save, apply, cancel, print].map((m, i) => (m.isError ? <Alert key={i} tone="error">{stockErrorText(m.error)}</Alert> : null))}
        <div className="table-scroll">
          <table className="table stock-table">
            <thead>
              <tr>
                <th>{t('stock.columns.bin')}</th>
                <th>{t('stock.columns.part')}</th>
                <th className="num">{t('stock.columns.expected')}</th>
                <th className="num">{t('stock.columns.counted')}</th>
                <th className="num">{t('stock.columns.difference')}</th>
                <th className="num">{t('stock.columns.differenceValue')}</th>
                <th className="num">{t('stock.columns.movedSince')}</th>
                <th className="num">{t('stock.columns.adjustment')}</th>
              </tr>
            </thead>
            <tbody>
              {view.entries.map((line, index) => (
                <tr key={key(line)}>
                  <td className="stock-nowrap">{line.bin.code}</td>
                  <td>
                    <span className="stock-code">{line.part.code}</span>
                    <span className="stock-designation">{line.part.designation}</span>
                  </td>
                  <td className="num">{formatQuantity(line.expectedMilli)}</td>
                  <td className="num">
                    {open ? (
                      <input
                        ref={(element) => {
                          inputs.current[index] = element;
                        }}
                        className="field__input stock-count"
                        inputMode="decimal"
                        aria-label={t('stock.inventory.countLabel', { code: line.part.code, bin: line.bin.code })}
                        value={drafts[key(line)] ?? (line.countedMilli === null ? '' : formatQuantity(line.countedMilli).replace(/\s/g, ''))}
                        onChange={(e) => setDrafts((d) => ({ ...d, [key(line)]: e.target.value }))}
                        onBlur={() => commit(line)}
                        onKeyDown={(e) => onKey(e, index, line)}
                      />
                    ) : line.countedMilli === null ? (
                      '—'
                    ) : (
                      formatQuantity(line.countedMilli)
                    )}
                  </td>
                  <td className={`num ${line.differenceMilli && line.differenceMilli < 0 ? 'stock-neg' : ''}`}>{line.differenceMilli === null ? '—' : formatQuantity(line.differenceMilli)}</td>
                  <td className="num">{line.differenceValueCents === null ? '—' : formatCents(line.differenceValueCents)}</td>
                  <td className="num">{line.movedSinceMilli === 0 ? '—' : formatQuantity(line.movedSinceMilli)}</td>
                  <td className="num">{line.adjustmentMilli === null ? '—' : formatQuantity(line.adjustmentMilli)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {confirm === 'apply' ? (
        <ConfirmDialog
          title={t('stock.inventory.apply')}
          body={t('stock.inventory.applyConfirm', { count: toApply })}
          confirmLabel={t('stock.inventory.apply')}
          cancelLabel={t('stock.actions.cancel')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            apply.mutate({ id });
          }}
        />
      ) : null}
      {confirm === 'cancel' ? (
        <ConfirmDialog
          title={t('stock.inventory.cancel')}
          body={t('stock.inventory.cancelConfirm')}
          confirmLabel={t('stock.inventory.cancel')}
          cancelLabel={t('stock.actions.close')}
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            cancel.mutate({ id });
          }}
        />
      ) : null}
    </div>
  );
}
