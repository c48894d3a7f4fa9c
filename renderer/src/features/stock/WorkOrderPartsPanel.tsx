// Renderer. The « Pièces » card of an OT: the parts planned (reserved from a store), issued and returned, what is
// still available in the store, and — for managers only — their cost. Who works on the OT plans a part (search by
// reference or designation, store, quantity), issues it from a bin of that store (the bin holding stock comes
// first) and returns what was not used. Main checks every rule; this card only offers what makes sense.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartOption, WorkOrderPartLine } from '../../../../shared/contract';
import { formatCents, formatQuantity } from '../../../../shared/stock/quantity';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { useChannelMutation, useChannelQuery } from '../../api/query';
import { PartPicker, parseMilli, stockErrorText } from './stock-ui';
import './stock.css';

export function WorkOrderPartsPanel({ workOrderId }: { workOrderId: number }) {
  const { t } = useTranslation();
  const view = useChannelQuery(['stock', 'work-order', workOrderId], 'stock:workOrderParts', { workOrderId });
  const stores = useChannelQuery(['stock', 'stores'], 'stock:stores', {});
  const [planning, setPlanning] = useState(false);
  const [moving, setMoving] = useState<{ line: WorkOrderPartLine; kind: 'issue' | 'return' } | null>(null);
  const release = useChannelMutation('stock:release', { invalidates: ['stock', 'work-orders'] });
  const data = view.data;
  return (
    <section className="card card--full stock-panel" aria-labelledby="wo-parts-title">
      <div className="table-card__header">
        <h2 id="wo-parts-title">{t('stock.panel.title')}</h2>
        {data?.canEdit ? (
          <button type="button" className="button button--ghost" onClick={() => setPlanning(true)}>
            {t('stock.panel.plan')}
          </button>
        ) : null}
      </div>
      {view.isError ? <Alert tone="error">{stockErrorText(view.error)}</Alert> : null}
      {release.isError ? <Alert tone="error">{stockErrorText(release.error)}</Alert> : null}
      {data && !data.open ? <p className="stock-muted">{t('stock.panel.closed')}</p> : null}
      {data && data.lines.length === 0 ? <p>{t('stock.panel.none')}</p> : null}
      {data && data.lines.length > 0 ? (
        <div className="table-scroll">
          <table className="table stock-table">
            <thead>
              <tr>
                <th>{t('stock.columns.part')}</th>
                <th>{t('stock.columns.store')}</th>
                <th className="num">{t('stock.columns.reserved')}</th>
                <th className="num">{t('stock.columns.issued')}</th>
                <th className="num">{t('stock.columns.returned')}</th>
                <th className="num">{t('stock.columns.available')}</th>
                {data.showCosts ? <th className="num">{t('stock.columns.cost')}</th> : null}
                {data.canEdit ? <th>{t('stock.columns.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.lines.map((line) => (
                <tr key={`${line.part.id}:${line.store.id}`}>
                  <td>
                    <strong>{line.part.code}</strong> — {line.part.designation}
                  </td>
                  <td>{line.store.code}</td>
                  <td className="num">
                    {formatQuantity(line.reservedMilli)}
                    {line.reservationStatus === 'released' ? <span className="stock-muted"> ({t('stock.panel.released')})</span> : null}
                  </td>
                  <td className="num">{formatQuantity(line.issuedMilli)}</td>
                  <td className="num">{formatQuantity(line.returnedMilli)}</td>
                  <td className="num">{formatQuantity(line.availableMilli)}</td>
                  {data.showCosts ? <td className="num">{line.costCents === null ? '—' : formatCents(line.costCents)}</td> : null}
                  {data.canEdit ? (
                    <td className="stock-actions">
                      <button type="button" className="button button--primary stock-small" onClick={() => setMoving({ line, kind: 'issue' })}>
                        {t('stock.panel.issue')}
                      </button>
                      {line.issuedMilli - line.returnedMilli > 0 ? (
                        <button type="button" className="button button--ghost stock-small" onClick={() => setMoving({ line, kind: 'return' })}>
                          {t('stock.panel.return')}
                        </button>
                      ) : null}
                      {line.reservationId !== null && line.reservationStatus === 'open' ? (
                        <button type="button" className="button button--ghost stock-small" onClick={() => release.mutate({ reservationId: line.reservationId as number })}>
                          {t('stock.panel.release')}
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
      {data?.showCosts && data.totalCostCents !== null && data.lines.length > 0 ? <p className="stock-total">{t('stock.panel.total', { total: formatCents(data.totalCostCents) })}</p> : null}
      {planning ? <PlanDialog workOrderId={workOrderId} stores={(stores.data ?? []).filter((s) => s.isActive)} onClose={() => setPlanning(false)} /> : null}
      {moving ? <MoveDialog workOrderId={workOrderId} line={moving.line} kind={moving.kind} onClose={() => setMoving(null)} /> : null}
    </section>
  );
}

function PlanDialog({ workOrderId, stores, onClose }: { workOrderId: number; stores: { id: number; code: string; name: string }[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [part, setPart] = useState<PartOption | null>(null);
  const [storeId, setStoreId] = useState(stores[0] ? String(stores[0].id) : '');
  const [quantity, setQuantity] = useState('1');
  const [problem, setProblem] = useState<string | null>(null);
  const reserve = useChannelMutation('stock:reserve', { invalidates: ['stock', 'work-orders'], onSuccess: onClose, onError: (e) => setProblem(stockErrorText(e)) });
  return (
    <Modal title={t('stock.panel.plan')} onEscape={onClose} wide>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const quantityMilli = parseMilli(quantity);
          if (!part) return setProblem(t('stock.form.choosePart'));
          if (!Number.isFinite(quantityMilli) || quantityMilli <= 0) return setProblem(t('validation.outOfRange'));
          reserve.mutate({ workOrderId, partId: part.id, storeId: Number(storeId), quantityMilli });
        }}
      >
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <PartPicker id="plan-part" value={part} onChange={setPart} />
        <div className="field-grid">
          <label className="field">
            <span className="field__label">{t('stock.form.store')}</span>
            <select className="field__input" value={storeId} onChange={(e) => setStoreId(e.target.value)}>
              {stores.map((store) => (
                <option key={store.id} value={store.id}>
                  {store.code} — {store.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('stock.form.quantity')}</span>
            <input className="field__input" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </label>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={reserve.isPending}>
            {t('stock.panel.reserve')}
          </button>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('stock.actions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function MoveDialog({ workOrderId, line, kind, onClose }: { workOrderId: number; line: WorkOrderPartLine; kind: 'issue' | 'return'; onClose: () => void }) {
  const { t } = useTranslation();
  const stock = useChannelQuery(['stock', 'part', line.part.id], 'stock:partStock', { partId: line.part.id });
  const stores = useChannelQuery(['stock', 'stores'], 'stock:stores', {});
  const store = stores.data?.find((s) => s.id === line.store.id);
  const held = new Map((stock.data?.find((s) => s.store.id === line.store.id)?.bins ?? []).map((bin) => [bin.id, bin.quantityMilli]));
  // The bins of the store, those holding the part first (most stock first): the default is the one with stock.
  const bins = (store?.bins ?? []).filter((bin) => bin.isActive || (held.get(bin.id) ?? 0) > 0).sort((a, b) => (held.get(b.id) ?? 0) - (held.get(a.id) ?? 0));
  const [binId, setBinId] = useState<string>('');
  const outstanding = kind === 'issue' ? Math.max(line.reservedMilli - line.issuedMilli + line.returnedMilli, 0) : line.issuedMilli - line.returnedMilli;
  const [quantity, setQuantity] = useState(outstanding > 0 ? formatQuantity(outstanding).replace(/\s/g, '') : '1');
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useChannelMutation(kind === 'issue' ? 'stock:issue' : 'stock:return', { invalidates: ['stock', 'work-orders'], onSuccess: onClose, onError: (e) => setProblem(stockErrorText(e)) });
  const chosenBin = binId || (bins[0] ? String(bins[0].id) : '');
  return (
    <Modal title={t(kind === 'issue' ? 'stock.panel.issueTitle' : 'stock.panel.returnTitle', { code: line.part.code })} onEscape={onClose}>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const quantityMilli = parseMilli(quantity);
          if (!Number.isFinite(quantityMilli) || quantityMilli <= 0) return setProblem(t('validation.outOfRange'));
          if (!chosenBin) return setProblem(t('validation.required'));
          mutation.mutate({ workOrderId, partId: line.part.id, binId: Number(chosenBin), quantityMilli });
        }}
      >
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <label className="field">
          <span className="field__label">{t('stock.form.bin')}</span>
          <select className="field__input" value={chosenBin} onChange={(e) => setBinId(e.target.value)}>
            {bins.map((bin) => (
              <option key={bin.id} value={bin.id}>
                {t('stock.panel.binStock', { bin: bin.code, quantity: formatQuantity(held.get(bin.id) ?? 0) })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('stock.form.quantity')}</span>
          <input className="field__input" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
        </label>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={mutation.isPending}>
            {kind === 'issue' ? t('stock.panel.issue') : t('stock.panel.return')}
          </button>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('stock.actions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
