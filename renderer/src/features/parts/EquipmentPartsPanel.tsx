// Renderer. On the equipment page (maintainers): the spare parts that fit this equipment (where-used), each with
// what is available now (stock − open reservations), linking to the part. Requesters don't see it.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MAINTAINERS, type Role } from '../../../../shared/contract';
import { useChannelQuery } from '../../api/query';
import { useSessionStore } from '../session/session-store';
import { quantityWithUnit } from './parts-format';
import './parts.css';

export function EquipmentPartsPanel({ equipmentId }: { equipmentId: number }) {
  const role = useSessionStore((state) => state.user?.role);
  const allowed = role !== undefined && (MAINTAINERS as readonly Role[]).includes(role);
  return allowed ? <Panel equipmentId={equipmentId} /> : null;
}

function Panel({ equipmentId }: { equipmentId: number }) {
  const { t } = useTranslation();
  const parts = useChannelQuery(['parts', 'equipment', equipmentId], 'parts:forEquipment', { equipmentId });
  return (
    <section className="card card--full" aria-labelledby="equipment-parts-title">
      <h2 id="equipment-parts-title">{t('parts.panel.title')}</h2>
      {parts.isPending ? (
        <p role="status">{t('parts.loading')}</p>
      ) : (parts.data ?? []).length === 0 ? (
        <p className="muted">{t('parts.panel.none')}</p>
      ) : (
        <table className="table" data-testid="equipment-parts">
          <thead>
            <tr>
              <th scope="col">{t('parts.columns.code')}</th>
              <th scope="col">{t('parts.columns.designation')}</th>
              <th scope="col" className="parts-num">
                {t('parts.panel.available')}
              </th>
            </tr>
          </thead>
          <tbody>
            {(parts.data ?? []).map((part) => (
              <tr key={part.id}>
                <td>
                  <Link to="/magasin/pieces/$code" params={{ code: part.code }}>
                    {part.code}
                  </Link>
                </td>
                <td>{part.designation}</td>
                <td className="parts-num">{quantityWithUnit(part.availableMilli, part.unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
