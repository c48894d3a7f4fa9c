// Renderer. The status and criticality badges of an equipment, and "À l'arrêt depuis 2 h 15": colour and words
// together (never colour alone).
import { useTranslation } from 'react-i18next';
import type { Criticality, EquipmentStatus } from '../../../../shared/equipment/contract';
import { formatDuration } from './format';

const STATUS_TONE: Record<EquipmentStatus, string> = { in_service: 'badge--ok', stopped: 'badge--danger', out_of_service: 'badge--warning', scrapped: 'badge--off' };
const CRITICALITY_TONE: Record<Criticality, string> = { A: 'badge--danger', B: 'badge--warning', C: 'badge--neutral' };

export function StatusBadge({ status }: { status: EquipmentStatus }) {
  const { t } = useTranslation();
  return <span className={`badge ${STATUS_TONE[status]}`}>{t(`equipment.statuses.${status}`)}</span>;
}

export function CriticalityBadge({ criticality }: { criticality: Criticality }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${CRITICALITY_TONE[criticality]}`} title={t(`equipment.criticalities.${criticality}`)}>
      {t('equipment.criticalityShort', { value: criticality })}
    </span>
  );
}

/** "À l'arrêt depuis 2 h 15", counted from main's clock (`asOf`). */
export function DownSince({ since, asOf, large }: { since: number; asOf: number; large?: boolean }) {
  const { t, i18n } = useTranslation();
  return <span className={`badge badge--danger${large ? ' equipment-down' : ''}`}>{t('equipment.downSince', { duration: formatDuration(asOf - since, i18n.language) })}</span>;
}
