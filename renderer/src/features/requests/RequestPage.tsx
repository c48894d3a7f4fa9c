// Renderer. `/demandes/$number`: one DI — the equipment, what was reported, by whom, its photos, the downtime it
// opened or joined, where it stands — and, for a manager while it is new, Accepter (→ the OT's page), Refuser,
// Doublon de…; for its reporter, Annuler. Main decides who may see it (a requester only their own) and each move.
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useDateFormatter } from '../../i18n/format';
import { RequestStatusBadge } from './RequestStatusBadge';
import { ChannelError, request, requestKeys } from './requests-api';
import { AcceptDialog, DuplicateDialog, RefuseDialog } from './TriageDialogs';
import './requests.css';

type Dialog = 'accept' | 'refuse' | 'duplicate' | 'cancel' | null;

export function RequestPage() {
  const { t } = useTranslation();
  const formatDate = useDateFormatter();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const params = useParams({ strict: false }) as { number?: string };
  const number = (params.number ?? '').toUpperCase();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useQuery({ queryKey: requestKeys.detail(number), queryFn: () => request('requests:get', { number }), retry: false });

  const refresh = async () => {
    setDialog(null);
    await queryClient.invalidateQueries({ queryKey: ['requests'] });
  };

  const cancel = async () => {
    try {
      await request('requests:cancel', { number });
      setError(null);
    } catch (caught) {
      setError(caught instanceof ChannelError ? t(`errors.${caught.error.code}`) : t('requests.failed'));
    }
    await refresh();
  };

  if (query.isPending) return <p role="status">{t('requests.mine.loading')}</p>;
  if (query.isError) {
    const notFound = query.error instanceof ChannelError && (query.error.error.code === 'NOT_FOUND' || query.error.error.code === 'VALIDATION_FAILED');
    return (
      <section className="card card--wide">
        <h1>{t('requests.page.title', { number })}</h1>
        <Alert tone="error">{notFound ? t('requests.page.notFound') : t('requests.failed')}</Alert>
      </section>
    );
  }
  const di = query.data;

  return (
    <section className="card card--full" aria-labelledby="request-title">
      <h1 id="request-title">
        {t('requests.page.title', { number: di.number })} <RequestStatusBadge status={di.status} />
      </h1>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {di.allowed.accept || di.allowed.refuse || di.allowed.markDuplicate || di.allowed.cancel ? (
        <div className="di-page__actions">
          {di.allowed.accept ? (
            <button type="button" className="button button--primary" onClick={() => setDialog('accept')}>
              {t('requests.page.accept')}
            </button>
          ) : null}
          {di.allowed.refuse ? (
            <button type="button" className="button button--ghost" onClick={() => setDialog('refuse')}>
              {t('requests.page.refuse')}
            </button>
          ) : null}
          {di.allowed.markDuplicate ? (
            <button type="button" className="button button--ghost" onClick={() => setDialog('duplicate')}>
              {t('requests.page.duplicate')}
            </button>
          ) : null}
          {di.allowed.cancel ? (
            <button type="button" className="button button--ghost" onClick={() => setDialog('cancel')}>
              {t('requests.page.cancel')}
            </button>
          ) : null}
        </div>
      ) : null}
      <dl className="facts">
        <dt>{t('requests.page.equipment')}</dt>
        <dd>
          <Link to="/equipements/$code" params={{ code: di.equipmentCode }}>
            {di.equipmentCode}
          </Link>{' '}
          — {di.equipmentDesignation}
        </dd>
        {di.locationName ? (
          <>
            <dt>{t('requests.page.location')}</dt>
            <dd>{di.locationName}</dd>
          </>
        ) : null}
        <dt>{t('requests.page.symptom')}</dt>
        <dd>
          <p className="di-symptom">{di.symptom}</p>
        </dd>
        <dt>{t('requests.page.stopped')}</dt>
        <dd>{di.machineStopped ? t('requests.page.yes') : t('requests.page.no')}</dd>
        <dt>{t('requests.page.downtime')}</dt>
        <dd>
          {di.downtime === null
            ? t('requests.page.noDowntime')
            : di.downtime.endedAt === null
              ? t('requests.page.downtimeOpen', { at: formatDate(di.downtime.startedAt) })
              : t('requests.page.downtimeClosed', { from: formatDate(di.downtime.startedAt), to: formatDate(di.downtime.endedAt) })}
        </dd>
        <dt>{t('requests.page.reporter')}</dt>
        <dd>{[di.reporterDisplayName, di.reporterName].filter(Boolean).join(' — ') || t('requests.page.anonymous')}</dd>
        <dt>{t('requests.page.createdAt')}</dt>
        <dd>
          {formatDate(di.createdAt)} — {t('requests.page.workstation')} {di.workstation}
        </dd>
        {di.refusalReason ? (
          <>
            <dt>{t('requests.page.refusal')}</dt>
            <dd>{di.refusalReason}</dd>
          </>
        ) : null}
        {di.duplicateOfNumber ? (
          <>
            <dt>{t('requests.page.duplicateOf')}</dt>
            <dd>
              <Link to="/demandes/$number" params={{ number: di.duplicateOfNumber }}>
                {di.duplicateOfNumber}
              </Link>
            </dd>
          </>
        ) : null}
        {di.workOrderNumber ? (
          <>
            <dt>{t('requests.page.workOrder')}</dt>
            <dd>
              <Link to="/ot/$number" params={{ number: di.workOrderNumber }}>
                {di.workOrderNumber}
              </Link>
            </dd>
          </>
        ) : null}
        {di.decidedByDisplayName && di.decidedAt ? (
          <>
            <dt>{t('requests.page.decidedBy')}</dt>
            <dd>
              {di.decidedByDisplayName} — {formatDate(di.decidedAt)}
            </dd>
          </>
        ) : null}
        <dt>{t('requests.page.photos')}</dt>
        <dd>{di.attachments.length === 0 ? t('requests.page.noPhoto') : di.attachments.map((a) => a.fileName).join(', ')}</dd>
      </dl>
      {/* The photos themselves; the reporter (while the DI is new) and the managers may add one (main decides). */}
      <AttachmentsPanel owner={{ kind: 'request', id: di.id }} canEdit={di.allowed.cancel || di.allowed.accept} />

      {dialog === 'accept' ? (
        <AcceptDialog
          number={di.number}
          onCancel={() => setDialog(null)}
          onDone={(workOrderNumber) => {
            void queryClient.invalidateQueries({ queryKey: ['requests'] });
            void navigate({ to: '/ot/$number', params: { number: workOrderNumber } });
          }}
        />
      ) : null}
      {dialog === 'refuse' ? <RefuseDialog number={di.number} onCancel={() => setDialog(null)} onDone={() => void refresh()} /> : null}
      {dialog === 'duplicate' ? <DuplicateDialog number={di.number} onCancel={() => setDialog(null)} onDone={() => void refresh()} /> : null}
      {dialog === 'cancel' ? (
        <ConfirmDialog
          title={t('requests.mine.cancelTitle', { number: di.number })}
          body={t('requests.mine.cancelBody')}
          confirmLabel={t('requests.mine.cancelConfirm')}
          cancelLabel={t('requests.mine.keep')}
          onConfirm={cancel}
          onCancel={() => setDialog(null)}
          danger
        />
      ) : null}
    </section>
  );
}
