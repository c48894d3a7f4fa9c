// Renderer. « Postes de travail » (`/admin/postes`, administrators): on a site server, the client PCs enrolled with
// it (online or not, last seen, version, address, removed), a one-time enrolment code to raccorder one more, and
// « Retirer ce poste » (main refuses it and cuts its connection at once). On a poste autonome main answers
// SITE_NOT_SERVER: the page says so and where IT finds how to set up a site server.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolmentCode, WorkstationView } from '../../../../shared/site/contract';
import { IpcError, useChannelMutation, useChannelQuery } from '../../api/query';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useDateFormatter } from '../../i18n/format';
import { EnrolmentCodeDialog } from './EnrolmentCodeDialog';
import { FingerprintGroups } from './FingerprintGroups';
import './site.css';

export function WorkstationsPage() {
  const { t } = useTranslation();
  // PCs connect and leave without any data changing: « En ligne » and « Dernière connexion » are read again every 10 s.
  const list = useChannelQuery(['site', 'workstations'], 'site:listWorkstations', undefined, { refetchInterval: (query) => (query.state.error ? false : 10_000) });
  const status = useChannelQuery(['site', 'status'], 'site:status', undefined);
  const notServer = list.error instanceof IpcError && list.error.code === 'SITE_NOT_SERVER';

  return (
    <>
      <div className="card__heading site-page__heading">
        <h1>{t('site.workstations.title')}</h1>
        {list.data ? <NewCodeButton /> : null}
      </div>
      {notServer ? (
        <section className="card card--wide" aria-labelledby="site-not-server">
          <h2 id="site-not-server">{t('site.workstations.notServerTitle')}</h2>
          <p>{t('site.workstations.notServerBody')}</p>
          <p>{t('site.workstations.notServerDoc')}</p>
        </section>
      ) : list.error ? (
        <Alert tone="error">{t(`errors.${list.error.code}` as 'errors.INTERNAL_ERROR')}</Alert>
      ) : (
        <>
          <p className="lead">{t('site.workstations.intro')}</p>
          {list.data ? <Workstations rows={list.data} /> : <p role="status">{t('app.loading')}</p>}
          {status.data ? <ServerFacts urls={status.data.serverUrl} fingerprint={status.data.fingerprint} /> : null}
        </>
      )}
    </>
  );
}

/** « Nouveau code de raccordement »: a one-time code, shown once in its dialog. */
function NewCodeButton() {
  const { t } = useTranslation();
  const [code, setCode] = useState<EnrolmentCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = useChannelMutation('site:createEnrolmentCode');
  const newCode = () => {
    setError(null);
    create.mutate(undefined, { onSuccess: setCode, onError: (e) => setError(t(`errors.${e.code}` as 'errors.INTERNAL_ERROR')) });
  };
  return (
    <div className="site-page__new-code">
      <button type="button" className="button button--primary" disabled={create.isPending} onClick={newCode}>
        {create.isPending ? t('site.workstations.creating') : t('site.workstations.newCode')}
      </button>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {code ? <EnrolmentCodeDialog code={code} onClose={() => setCode(null)} /> : null}
    </div>
  );
}

/** Where PCs reach this server and its certificate's fingerprint, for IT and for comparing at enrolment. */
function ServerFacts({ urls, fingerprint }: { urls: string | null; fingerprint: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="site-server-facts">
      <h2 id="site-server-facts">{t('site.workstations.serverTitle')}</h2>
      <dl className="facts site-server-facts">
        {urls ? (
          <>
            <dt>{t('site.workstations.serverUrls')}</dt>
            <dd className="path">{urls}</dd>
          </>
        ) : null}
      </dl>
      {fingerprint ? (
        <>
          <h3 id="site-server-fingerprint">{t('site.workstations.fingerprint')}</h3>
          <FingerprintGroups fingerprint={fingerprint} labelledBy="site-server-fingerprint" />
        </>
      ) : null}
    </section>
  );
}

function Workstations({ rows }: { rows: WorkstationView[] }) {
  const { t } = useTranslation();
  const formatDate = useDateFormatter();
  const [confirming, setConfirming] = useState<WorkstationView | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const revoke = useChannelMutation('site:revokeWorkstation', { invalidates: ['site'] });

  const confirmRevoke = async (row: WorkstationView) => {
    try {
      await revoke.mutateAsync({ id: row.id });
      setNotice({ tone: 'success', text: t('site.workstations.revokedDone', { name: row.name }) });
    } catch (e) {
      setNotice({ tone: 'error', text: t(`errors.${e instanceof IpcError ? e.code : 'INTERNAL_ERROR'}` as 'errors.INTERNAL_ERROR') });
    }
    setConfirming(null);
  };

  if (rows.length === 0) return <p>{t('site.workstations.none')}</p>;
  return (
    <>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <div className="table-scroll">
        <table className="table site-table">
          <thead>
            <tr>
              <th scope="col">{t('site.workstations.name')}</th>
              <th scope="col">{t('site.workstations.state')}</th>
              <th scope="col">{t('site.workstations.lastSeen')}</th>
              <th scope="col">{t('site.workstations.version')}</th>
              <th scope="col">{t('site.workstations.address')}</th>
              <th scope="col">{t('site.workstations.action')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={row.revokedAt !== null ? 'table__row--inactive' : undefined}>
                <th scope="row">
                  {row.name}
                  <span className="site-table__by">
                    {t('site.workstations.enrolledOn', { date: formatDate(row.enrolledAt) })}
                    {row.enrolledByDisplayName ? ` ${t('site.workstations.enrolledBy', { name: row.enrolledByDisplayName })}` : ''}
                  </span>
                </th>
                <td>
                  {row.revokedAt !== null ? (
                    <span className="workstation-state workstation-state--revoked">
                      {t('site.workstations.revoked')}
                      <span className="site-table__by">{formatDate(row.revokedAt)}</span>
                    </span>
                  ) : row.online ? (
                    <span className="workstation-state workstation-state--online">{t('site.workstations.online')}</span>
                  ) : (
                    <span className="workstation-state">{t('site.workstations.offline')}</span>
                  )}
                </td>
                <td className="nowrap">{row.lastSeenAt !== null ? formatDate(row.lastSeenAt) : t('site.workstations.never')}</td>
                <td>{row.appVersion ?? '—'}</td>
                <td>{row.lastAddress ?? '—'}</td>
                <td>
                  {row.revokedAt === null ? (
                    <button type="button" className="button button--danger nowrap" aria-label={t('site.workstations.revokeLabel', { name: row.name })} onClick={() => setConfirming(row)}>
                      {t('site.workstations.revoke')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={t('site.workstations.revokeTitle', { name: confirming.name })}
          body={t('site.workstations.revokeBody')}
          confirmLabel={t('site.workstations.revoke')}
          cancelLabel={t('site.workstations.cancel')}
          danger
          onConfirm={() => confirmRevoke(confirming)}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
    </>
  );
}
