// Renderer. A part (/magasin/pieces/$code, maintainers): identity, suppliers, where-used (managers add an equipment
// with the EquipmentPicker or remove one), the stock per store × bin and the min/max per store (read-only here: the
// stock page does the moves), and the attachments. Managers edit through the same dialog as the creation.
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGERS, type Role } from '../../../../shared/contract';
import type { PartDetail } from '../../../../shared/parts/contract';
import { formatCents } from '../../../../shared/stock/quantity';
import { Alert } from '../../components/Alert';
import { useChannelMutation, useChannelQuery, IpcError } from '../../api/query';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';
import { EquipmentPicker } from '../equipment/EquipmentPicker';
import { useSessionStore } from '../session/session-store';
import { PartFormDialog } from './PartFormDialog';
import { money, quantityWithUnit } from './parts-format';
import './parts.css';

export function PartPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code } = useParams({ strict: false }) as { code: string };
  const role = useSessionStore((state) => state.user?.role);
  const isManager = role !== undefined && (MANAGERS as readonly Role[]).includes(role);
  const part = useChannelQuery(['parts', 'part', code], 'parts:get', { code });
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  if (part.isPending) return <p role="status">{t('parts.loading')}</p>;
  if (part.isError) {
    return (
      <section className="card card--full">
        <Alert tone="error">{t(`errors.${part.error.code}` as 'errors.INTERNAL_ERROR')}</Alert>
        <Link to="/magasin/pieces">{t('parts.back')}</Link>
      </section>
    );
  }
  const detail = part.data;
  const qty = (milli: number) => quantityWithUnit(milli, detail.unit);

  return (
    <>
      <section className="card card--full" aria-labelledby="part-title">
        <p className="parts-breadcrumb">
          <Link to="/magasin/pieces">{t('parts.back')}</Link>
        </p>
        <div className="page-heading parts-header">
          <div>
            <h1 id="part-title">
              {detail.code} <span className="parts-title__designation">{detail.designation}</span>
            </h1>
            <p className="parts-figures" data-testid="part-figures">
              <span>
                {t('parts.stock.stock')} : <strong>{qty(detail.stockMilli)}</strong>
              </span>
              <span>
                {t('parts.stock.available')} : <strong>{qty(detail.availableMilli)}</strong>
              </span>
              {!detail.isActive ? <span className="parts-badge parts-badge--muted">{t('parts.inactive')}</span> : null}
            </p>
          </div>
          {isManager ? (
            <button type="button" className="button button--primary" onClick={() => setEditing(true)}>
              {t('parts.edit')}
            </button>
          ) : null}
        </div>
        {saved ? <Alert tone="success">{t('parts.saved')}</Alert> : null}
        <h2>{t('parts.identity')}</h2>
        <dl className="parts-identity">
          <dt>{t('parts.fields.manufacturer')}</dt>
          <dd>{detail.manufacturer ?? t('parts.none')}</dd>
          <dt>{t('parts.fields.manufacturerRef')}</dt>
          <dd>{detail.manufacturerRef ?? t('parts.none')}</dd>
          <dt>{t('parts.fields.unit')}</dt>
          <dd>{detail.unit}</dd>
          <dt>{t('parts.fields.category')}</dt>
          <dd>{detail.category ?? t('parts.none')}</dd>
          {isManager ? (
            <>
              <dt>{t('parts.fields.avgCost')}</dt>
              <dd>{formatCents(Math.round(detail.avgCostCents))}</dd>
            </>
          ) : null}
          <dt>{t('parts.fields.notes')}</dt>
          <dd className="parts-notes">{detail.notes ?? t('parts.none')}</dd>
        </dl>
      </section>

      <section className="card card--full" aria-labelledby="part-suppliers">
        <h2 id="part-suppliers">{t('parts.suppliers.title')}</h2>
        {detail.suppliers.length === 0 ? (
          <p className="muted">{t('parts.suppliers.none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('parts.suppliers.supplier')}</th>
                <th scope="col">{t('parts.suppliers.supplierRef')}</th>
                <th scope="col">{t('parts.suppliers.leadTime')}</th>
                <th scope="col">{t('parts.suppliers.unitPrice')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.suppliers.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.supplier} {s.isPreferred ? <span className="parts-badge">{t('parts.suppliers.preferred')}</span> : null}
                  </td>
                  <td>{s.supplierRef ?? t('parts.none')}</td>
                  <td>{s.leadTimeDays === null ? t('parts.none') : t('parts.suppliers.days', { count: s.leadTimeDays })}</td>
                  <td>{money(s.unitPriceCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <WhereUsed detail={detail} canEdit={isManager} />

      <section className="card card--full" aria-labelledby="part-stock">
        <h2 id="part-stock">{t('parts.stock.title')}</h2>
        <p className="muted">{t('parts.stock.intro')}</p>
        {detail.stock.length === 0 ? (
          <p>{t('parts.stock.none')}</p>
        ) : (
          <table className="table" data-testid="part-stock">
            <thead>
              <tr>
                <th scope="col">{t('parts.stock.store')}</th>
                <th scope="col">{t('parts.stock.bin')}</th>
                <th scope="col" className="parts-num">
                  {t('parts.stock.quantity')}
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.stock.map((line) => (
                <tr key={`${line.storeCode}/${line.binCode}`}>
                  <td>
                    {line.storeCode} — {line.storeName}
                  </td>
                  <td>{line.binCode}</td>
                  <td className="parts-num">{qty(line.quantityMilli)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{t('parts.stock.levelsTitle')}</h3>
        {detail.stores.length === 0 ? (
          <p className="muted">{t('parts.stock.noLevels')}</p>
        ) : (
          <table className="table" data-testid="part-stores">
            <thead>
              <tr>
                <th scope="col">{t('parts.stock.store')}</th>
                <th scope="col" className="parts-num">{t('parts.stock.stock')}</th>
                <th scope="col" className="parts-num">{t('parts.stock.reserved')}</th>
                <th scope="col" className="parts-num">{t('parts.stock.available')}</th>
                <th scope="col" className="parts-num">{t('parts.stock.min')}</th>
                <th scope="col" className="parts-num">{t('parts.stock.max')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.stores.map((store) => (
                <tr key={store.storeCode} className={store.minMilli !== null && store.availableMilli < store.minMilli ? 'parts-row--below' : undefined}>
                  <td>
                    {store.storeCode} — {store.storeName}
                  </td>
                  <td className="parts-num">{qty(store.stockMilli)}</td>
                  <td className="parts-num">{qty(store.reservedMilli)}</td>
                  <td className="parts-num">{qty(store.availableMilli)}</td>
                  <td className="parts-num">{store.minMilli === null ? t('parts.none') : qty(store.minMilli)}</td>
                  <td className="parts-num">{store.maxMilli === null ? t('parts.none') : qty(store.maxMilli)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card card--full">
        <AttachmentsPanel owner={{ kind: 'part', id: detail.id }} canEdit={isManager} />
      </section>

      {editing ? (
        <PartFormDialog
          editing={detail}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            setSaved(true);
            if (next.code !== detail.code) void navigate({ to: '/magasin/pieces/$code', params: { code: next.code } });
          }}
        />
      ) : null}
    </>
  );
}

function WhereUsed({ detail, canEdit }: { detail: PartDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const [equipmentCode, setEquipmentCode] = useState<string | null>(null);
  // The picker keeps what was chosen on screen: a new one after each addition starts empty.
  const [pickerKey, setPickerKey] = useState(0);
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const add = useChannelMutation('parts:addEquipment', { invalidates: ['parts'] });
  const remove = useChannelMutation('parts:removeEquipment', { invalidates: ['parts'] });
  const fail = (error: unknown) => setStatus({ tone: 'error', text: t(`errors.${error instanceof IpcError ? error.code : 'INTERNAL_ERROR'}` as 'errors.INTERNAL_ERROR') });

  return (
    <section className="card card--full" aria-labelledby="part-where-used">
      <h2 id="part-where-used">{t('parts.whereUsed.title')}</h2>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      {detail.whereUsed.length === 0 ? (
        <p className="muted">{t('parts.whereUsed.none')}</p>
      ) : (
        <ul className="parts-where-used" data-testid="part-where-used">
          {detail.whereUsed.map((equipment) => (
            <li key={equipment.id}>
              <Link to="/equipements/$code" params={{ code: equipment.code }}>
                {equipment.code}
              </Link>{' '}
              {equipment.designation}
              {canEdit ? (
                <button
                  type="button"
                  className="button button--ghost parts-inline-button"
                  disabled={remove.isPending}
                  aria-label={`${t('parts.whereUsed.remove')} ${equipment.code}`}
                  onClick={() => remove.mutate({ partId: detail.id, equipmentId: equipment.id }, { onSuccess: () => setStatus(null), onError: fail })}
                >
                  {t('parts.whereUsed.remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <div className="parts-where-used__add">
          <EquipmentPicker key={pickerKey} label={t('parts.whereUsed.picker')} value={equipmentCode} onChange={setEquipmentCode} />
          <button
            type="button"
            className="button button--secondary"
            disabled={!equipmentCode || add.isPending}
            onClick={() =>
              equipmentCode &&
              add.mutate(
                { partId: detail.id, equipmentCode },
                {
                  onSuccess: () => {
                    setStatus({ tone: 'success', text: t('parts.whereUsed.added', { code: equipmentCode }) });
                    setEquipmentCode(null);
                    setPickerKey((key) => key + 1);
                  },
                  onError: fail,
                },
              )
            }
          >
            {t('parts.whereUsed.add')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
