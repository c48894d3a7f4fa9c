// Renderer. A client PC's link to its server, above the login screen and the app: « Connexion au serveur perdue…
// nouvelle tentative dans N s » while main reconnects, and how many DIs wait on this PC to be sent. Nothing on a
// poste autonome or on a connected client with nothing waiting.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bannerView, linkView } from './site-format';
import { useSiteStore } from './site-store';
import './site.css';

export function SiteConnectionBanner() {
  const { t } = useTranslation();
  const status = useSiteStore((state) => state.status);
  const connection = useSiteStore((state) => state.connection);
  const [now, setNow] = useState(() => Date.now());
  const view = linkView(status, connection);
  const banner = bannerView(view, now);

  // The countdown ticks only while there is one to show.
  const ticking = banner?.kind === 'reconnecting' && banner.seconds !== null;
  useEffect(() => {
    if (!ticking) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [ticking]);

  if (!banner) return null;
  if (banner.kind === 'queued') {
    return (
      <div className="site-banner site-banner--queued" role="status">
        {t('site.banner.queued', { count: banner.queued })}
      </div>
    );
  }
  return (
    <div className="site-banner" role="status">
      {/* The seconds are not re-read aloud every second: the sentence is, once. */}
      <span>{t('site.banner.lost')}</span>
      <span aria-hidden="true">{banner.seconds !== null && banner.seconds > 0 ? t('site.banner.retryIn', { seconds: banner.seconds }) : t('site.banner.retrying')}</span>
      {banner.queued > 0 ? <span className="site-banner__queued">{t('site.banner.queued', { count: banner.queued })}</span> : null}
    </div>
  );
}
