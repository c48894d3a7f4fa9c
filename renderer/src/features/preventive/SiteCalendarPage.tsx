// Renderer. Placeholder of the `/preventif/calendrier-site` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function SiteCalendarPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="siteCalendar-title">
      <h1 id="siteCalendar-title">{t('shell.pages.siteCalendar')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
