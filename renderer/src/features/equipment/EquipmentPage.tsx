// Renderer. One equipment (/equipements/$code): who it is (code, designation, criticality, state, "À l'arrêt
// depuis 2 h 15"), where it is (Site › Zone › Ligne), its parent and parts, its history (DIs, OTs, downtimes,
// its sub-assemblies' included, newest first) and its pièces jointes. "Signaler un problème" pre-fills a DI.
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MANAGERS, type Role } from '../../../../shared/contract';
import type { EquipmentDetail, EquipmentTimeline, TimelineEntry } from '../../../../shared/equipment/contract';
import { Alert } from '../../components/Alert';
import { useDateFormatter } from '../../i18n/format';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';
import { EquipmentPartsPanel } from '../parts/EquipmentPartsPanel';
import { MetersPanel } from '../meters/MetersPanel';
import { useSessionStore } from '../session/session-store';
import { CriticalityBadge, DownSince, StatusBadge } from './EquipmentBadges';
import { useChannel, type ChannelError } from './equipment-api';
import { EquipmentFormDialog } from './EquipmentFormDialog';
import { formatDuration } from './format';
import './equipment.css';

export function EquipmentPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams({ strict: false }) as { code?: string };
  const role = useSessionStore((state) => state.user?.role);
  const isManager = role !== undefined && (MANAGERS as readonly Role[]).includes(role);
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const detail = useChannel(['equipment', 'detail', code], 'equipment:get', { code });
  const timeline = useChannel(['equipment', 'timeline', code], 'equipment:timeline', { code });

  if (detail.isPending) return <p role="status">{t('equipment.loading')}</p>;
  if (detail.isError) {
    const missing = (detail.error as ChannelError).code === 'NOT_FOUND';
    return (
      <section className="card card--full">
        <h1>{t('equipment.title')}</h1>
        <Alert tone="error">{missing ? t('equipment.notFound', { code }) : t(`errors.${(detail.error as ChannelError).code}` as 'errors.INTERNAL_ERROR')}</Alert>
        <Link to="/equipements" className="button button--ghost equipment-link-button">
          {t('equipment.backToList')}
        </Link>
      </section>
    );
  }
  const equipment = detail.data;
  return (
    <>
      <section className="card card--full" aria-labelledby="equipment-page-title">
        <div className="equipment-header">
          <div>
            <p className="equipment-header__code">{equipment.code}</p>
            <h1 id="equipment-page-title">{equipment.designation}</h1>
            <div className="equipment-header__badges">
              <CriticalityBadge criticality={equipment.criticality} />
              {equipment.openDowntime ? <DownSince since={equipment.openDowntime.startedAt} asOf={equipment.asOf} large /> : <StatusBadge status={equipment.status} />}
            </div>
          </div>
          <div className="equipment-header__actions">
            <Link to="/demandes/nouvelle" search={{ equipement: equipment.code }} className="button button--primary equipment-link-button">
              {t('equipment.report')}
            </Link>
            {isManager ? (
              <button type="button" className="button button--ghost" onClick={() => setEditing(true)}>
                {t('equipment.edit')}
              </button>
            ) : null}
          </div>
        </div>
        {saved ? <Alert tone="success">{t('equipment.form.saved')}</Alert> : null}
      </section>

      <div className="equipment-grid">
        <Fields equipment={equipment} />
        <div className="card">
          <h2>{t('equipment.treeTitle')}</h2>
          {equipment.parent ? (
            <p className="equipment-parent">
              {t('equipment.parentLabel')}{' '}
              <Link to="/equipements/$code" params={{ code: equipment.parent.code }}>
                {equipment.parent.code} — {equipment.parent.designation}
              </Link>
            </p>
          ) : null}
          <h3>{t('equipment.childrenLabel')}</h3>
          {equipment.children.length === 0 ? (
            <p className="muted">{t('equipment.noChildren')}</p>
          ) : (
            <ul className="equipment-tree-list">
              {equipment.children.map((child) => (
                <li key={child.code}>
                  <Link to="/equipements/$code" params={{ code: child.code }}>
                    {child.code} — {child.designation}
                  </Link>{' '}
                  <StatusBadge status={child.status} />
                </li>
              ))}
            </ul>
          )}
          <h3>{t('equipment.openWork')}</h3>
          <p>
            {t('equipment.openRequests', { count: equipment.openRequests })} · {t('equipment.openWorkOrders', { count: equipment.openWorkOrders })}
          </p>
        </div>
      </div>

      <MetersPanel equipment={equipment} canManage={isManager} />
      <Timeline timeline={timeline.data} error={timeline.isError} />

      <section className="card card--full">
        <AttachmentsPanel owner={{ kind: 'equipment', id: equipment.id }} canEdit={isManager} />
      </section>
      <EquipmentPartsPanel equipmentId={equipment.id} />

      {editing ? (
        <EquipmentFormDialog
          editing={equipment}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            setSaved(true);
            if (next.code !== equipment.code) void navigate({ to: '/equipements/$code', params: { code: next.code } });
          }}
        />
      ) : null}
    </>
  );
}

function Fields({ equipment }: { equipment: EquipmentDetail }) {
  const { t } = useTranslation();
  const none = t('equipment.none');
  const rows: [string, ReactNode][] = [
    [t('equipment.fields.location'), equipment.locationPath.length ? <LocationPathView path={equipment.locationPath} /> : none],
    [t('equipment.fields.category'), equipment.category ?? none],
    [t('equipment.fields.manufacturer'), equipment.manufacturer ?? none],
    [t('equipment.fields.model'), equipment.model ?? none],
    [t('equipment.fields.serialNumber'), equipment.serialNumber ?? none],
    [t('equipment.fields.commissionedOn'), equipment.commissionedOn ? new Date(`${equipment.commissionedOn}T00:00:00`).toLocaleDateString() : none],
    [t('equipment.fields.notes'), equipment.notes ?? none],
  ];
  return (
    <div className="card">
      <h2>{t('equipment.fieldsTitle')}</h2>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}

function LocationPathView({ path }: { path: EquipmentDetail['locationPath'] }) {
  return (
    <ol className="equipment-path">
      {path.map((step) => (
        <li key={step.id}>{step.name}</li>
      ))}
    </ol>
  );
}

function Timeline({ timeline, error }: { timeline: EquipmentTimeline | undefined; error: boolean }) {
  const { t, i18n } = useTranslation();
  const date = useDateFormatter();
  return (
    <section className="card card--full" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('equipment.timeline.title')}</h2>
      {error ? <Alert tone="error">{t('errors.INTERNAL_ERROR')}</Alert> : null}
      {timeline ? (
        <>
          <p className="muted">{timeline.includes.length > 0 ? t('equipment.timeline.withParts', { codes: timeline.includes.join(', ') }) : t('equipment.timeline.alone')}</p>
          {timeline.entries.length === 0 ? (
            <p>{t('equipment.timeline.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table timeline-table">
                <thead>
                  <tr>
                    <th scope="col">{t('equipment.timeline.columns.date')}</th>
                    <th scope="col">{t('equipment.timeline.columns.what')}</th>
                    <th scope="col">{t('equipment.timeline.columns.detail')}</th>
                    <th scope="col">{t('equipment.timeline.columns.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {timeline.entries.map((entry, index) => (
                    <tr key={`${entry.kind}-${'number' in entry ? entry.number : index}`}>
                      <td className="nowrap">{date(entry.at)}</td>
                      <td className="nowrap">
                        <EntryTitle entry={entry} />
                      </td>
                      <td>
                        {entry.kind === 'downtime' ? null : entry.label}
                        {entry.kind === 'request' && entry.machineStopped ? <span className="table__sub"> · {t('equipment.timeline.machineStopped')}</span> : null}
                        {timeline.includes.includes(entry.equipmentCode) ? <span className="table__sub"> · {t('equipment.timeline.onPart', { code: entry.equipmentCode })}</span> : null}
                      </td>
                      <td>
                        {entry.kind === 'downtime' ? (
                          <span className={entry.endedAt === null ? 'timeline-kind--downtime' : undefined}>
                            {entry.endedAt === null
                              ? t('equipment.timeline.ongoing', { duration: formatDuration(entry.durationMs, i18n.language) })
                              : t('equipment.timeline.lasted', { duration: formatDuration(entry.durationMs, i18n.language) })}
                          </span>
                        ) : entry.kind === 'request' ? (
                          t(`equipment.requestStatuses.${entry.status}` as 'equipment.requestStatuses.new')
                        ) : (
                          t(`equipment.workOrderStatuses.${entry.status}` as 'equipment.workOrderStatuses.draft')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {timeline.truncated ? <p className="muted">{t('equipment.timeline.truncated', { count: timeline.entries.length })}</p> : null}
        </>
      ) : null}
    </section>
  );
}

function EntryTitle({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  if (entry.kind === 'request')
    return (
      <Link to="/demandes/$number" params={{ number: entry.number }}>
        {t('equipment.timeline.request', { number: entry.number })}
      </Link>
    );
  if (entry.kind === 'work_order')
    return (
      <Link to="/ot/$number" params={{ number: entry.number }}>
        {t('equipment.timeline.workOrder', { number: entry.number })}
      </Link>
    );
  return <span className="timeline-kind--downtime">{entry.planned ? t('equipment.timeline.plannedDowntime') : t('equipment.timeline.downtime')}</span>;
}
