// Renderer. Placeholder of the `/preventif/previsions` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function ForecastPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="forecast-title">
      <h1 id="forecast-title">{t('shell.pages.forecast')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
