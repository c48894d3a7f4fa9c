// Renderer. The « À propos » page's site section: which mode this PC runs in, and (client or server) the server's
// address and certificate fingerprint, this PC's name and how its link stands.
import { useTranslation } from 'react-i18next';
import { useChannelQuery } from '../../api/query';
import { FingerprintGroups } from './FingerprintGroups';
import { linkView } from './site-format';
import { useSiteStore } from './site-store';
import './site.css';

export function SiteAboutSection() {
  const { t } = useTranslation();
  const status = useChannelQuery(['site', 'status'], 'site:status', undefined);
  const connection = useSiteStore((state) => state.connection);
  if (!status.data) return null;
  const site = status.data;
  const link = linkView(site, connection);
  return (
    <section className="card card--wide" aria-labelledby="about-site">
      <h2 id="about-site">{t('site.about.title')}</h2>
      <dl className="facts site-server-facts">
        <dt>{t('site.about.mode')}</dt>
        <dd>{t(`site.modes.${site.mode}`)}</dd>
        {site.workstationName ? (
          <>
            <dt>{t('site.about.workstation')}</dt>
            <dd>{site.workstationName}</dd>
          </>
        ) : null}
        {site.serverUrl ? (
          <>
            <dt>{site.mode === 'server' ? t('site.about.serverUrls') : t('site.about.server')}</dt>
            <dd className="path">{site.serverUrl}</dd>
          </>
        ) : null}
        {link ? (
          <>
            <dt>{t('site.about.connection')}</dt>
            <dd>{t(`site.about.connections.${link.state}`)}</dd>
          </>
        ) : null}
      </dl>
      {site.fingerprint ? (
        <>
          <h3 id="about-site-fingerprint">{t('site.about.fingerprint')}</h3>
          <FingerprintGroups fingerprint={site.fingerprint} labelledBy="about-site-fingerprint" />
        </>
      ) : null}
      {site.mode === 'standalone' ? <p className="muted">{t('site.about.standalone')}</p> : null}
    </section>
  );
}
