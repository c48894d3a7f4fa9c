// Renderer. "À propos" (every signed-in user): versions, database schema, which data folder and why.
// Administrators also see the folders and can open the log folder (main opens it; the browser harness
// can't, and says so with the path instead of pretending).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AboutInfo, SessionUser } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { SiteAboutSection } from '../site/SiteAboutSection';

type OpenStatus = { tone: 'success' | 'info' | 'error'; text: string } | null;

export function AboutPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const [openStatus, setOpenStatus] = useState<OpenStatus>(null);

  useEffect(() => {
    void call('app:getAbout').then((result) => {
      if (result.ok) setAbout(result.data);
      else setLoadError(t(`errors.${result.error.code}`));
    });
  }, [t]);

  const openLogs = async () => {
    setOpening(true);
    setOpenStatus(null);
    const result = await call('app:openLogFolder');
    setOpening(false);
    if (!result.ok) return setOpenStatus({ tone: 'error', text: t(`errors.${result.error.code}`) });
    const { opened, path, reason } = result.data;
    if (opened) setOpenStatus({ tone: 'success', text: t('shipping.about.opened') });
    else if (reason === 'unavailable') setOpenStatus({ tone: 'info', text: t('shipping.about.unavailable', { path }) });
    else setOpenStatus({ tone: 'error', text: t('shipping.about.failed', { path }) });
  };

  const notInBrowser = t('shipping.about.notInBrowser');
  return (
    <>
      <h1>{t('shipping.about.title')}</h1>
      {loadError ? <Alert tone="error">{`${t('shipping.about.loadFailed')} ${loadError}`}</Alert> : null}
      {about ? (
        <>
          <section className="card card--wide" aria-labelledby="about-versions">
            <h2 id="about-versions">{t('shipping.about.versionsTitle')}</h2>
            <dl className="facts">
              <dt>{t('shipping.about.appVersion')}</dt>
              <dd>{about.version}</dd>
              <dt>{t('shipping.about.electron')}</dt>
              <dd>{about.runtime.electron ?? notInBrowser}</dd>
              <dt>{t('shipping.about.chrome')}</dt>
              <dd>{about.runtime.chrome ?? notInBrowser}</dd>
              <dt>{t('shipping.about.node')}</dt>
              <dd>{about.runtime.node}</dd>
              <dt>{t('shipping.about.system')}</dt>
              <dd>{`${about.runtime.platform} (${about.runtime.arch})`}</dd>
              <dt>{t('shipping.about.schema')}</dt>
              <dd>{about.schemaVersion}</dd>
            </dl>
          </section>
          <section className="card card--wide" aria-labelledby="about-data">
            <h2 id="about-data">{t('shipping.about.dataTitle')}</h2>
            <dl className="facts">
              <dt>{t('shipping.about.engine')}</dt>
              <dd>{t(`shipping.about.engines.${about.database.engine}`)}</dd>
              {about.database.location !== null ? (
                <>
                  <dt>{t('shipping.about.databaseLocation')}</dt>
                  <dd className="path">{about.database.location}</dd>
                </>
              ) : null}
              <dt>{t('shipping.about.dataMode')}</dt>
              <dd>{t(`shipping.about.modes.${about.dataMode}`)}</dd>
              {about.dataDir !== null ? (
                <>
                  <dt>{t('shipping.about.dataDir')}</dt>
                  <dd className="path">{about.dataDir}</dd>
                </>
              ) : null}
              {about.configFile !== null ? (
                <>
                  <dt>{t('shipping.about.configFile')}</dt>
                  <dd className="path">{about.configFile}</dd>
                </>
              ) : null}
              {about.logDir !== null ? (
                <>
                  <dt>{t('shipping.about.logDir')}</dt>
                  <dd className="path">{about.logDir}</dd>
                </>
              ) : null}
            </dl>
            {user.role === 'admin' ? (
              <div className="actions-row">
                <button type="button" className="button button--primary" disabled={opening} onClick={() => void openLogs()}>
                  {opening ? t('shipping.about.opening') : t('shipping.about.openLogs')}
                </button>
              </div>
            ) : (
              <p className="muted">{t('shipping.about.adminOnly')}</p>
            )}
            {openStatus ? <Alert tone={openStatus.tone}>{openStatus.text}</Alert> : null}
          </section>
          <SiteAboutSection />
        </>
      ) : null}
    </>
  );
}
