// Renderer. The downtimes behind a figure (MTBF/MTTR: the failures; availability: every stop; a top-10 row: one
// equipment's), in a dialog: start, « remis en service », the part inside the period, the OT and the DI.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useChannelQuery } from '../../api/query';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { useDateFormatter } from '../../i18n/format';

export interface DowntimesTarget {
  kind: 'failures' | 'all';
  equipmentId: number | null;
  title: string;
}

const HOUR = 3_600_000;
const hours = (ms: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(ms / HOUR)} h`;

export function DowntimesDialog({ target, from, to, locationId, onClose }: { target: DowntimesTarget; from: string; to: string; locationId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const formatDate = useDateFormatter();
  const input = { from, to, locationId, kind: target.kind, equipmentId: target.equipmentId };
  const list = useChannelQuery(['downtimes', 'indicators', input], 'indicators:downtimes', input);
  return (
    <Modal title={target.title} onEscape={onClose} wide>
      {list.isPending ? <p role="status">{t('indicators.loading')}</p> : null}
      {list.isError ? <Alert tone="error">{t('indicators.failed')}</Alert> : null}
      {list.data && list.data.rows.length === 0 ? <p>{t('indicators.downtimes.none')}</p> : null}
      {list.data && list.data.rows.length > 0 ? (
        <div className="table-scroll kpi-downtimes">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('indicators.downtimes.equipment')}</th>
                <th scope="col">{t('indicators.downtimes.start')}</th>
                <th scope="col">{t('indicators.downtimes.end')}</th>
                <th scope="col" className="num">{t('indicators.downtimes.inPeriod')}</th>
                <th scope="col">{t('indicators.downtimes.kind')}</th>
                <th scope="col">{t('indicators.downtimes.workOrder')}</th>
                <th scope="col">{t('indicators.downtimes.request')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.equipmentCode}
                    <span className="table__sub">{r.equipmentDesignation}</span>
                  </td>
                  <td>{formatDate(r.startedAt)}</td>
                  <td>{r.endedAt === null ? t('indicators.downtimes.running') : formatDate(r.endedAt)}</td>
                  <td className="num">{hours(r.inPeriodMs)}</td>
                  <td>{r.planned ? t('indicators.downtimes.planned') : t('indicators.downtimes.unplanned')}</td>
                  <td>{r.workOrderNumber ? <Link to="/ot/$number" params={{ number: r.workOrderNumber }}>
                        {r.workOrderNumber}
                      </Link> : '—'}</td>
                  <td>{r.requestNumber ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data.truncated ? <p className="muted-inline">{t('indicators.downtimes.truncated')}</p> : null}
        </div>
      ) : null}
      <div className="modal__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('indicators.downtimes.close')}
        </button>
      </div>
    </Modal>
  );
}
