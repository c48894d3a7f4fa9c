// Renderer. Placeholder of the `/indicateurs` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function IndicatorsPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="indicators-title">
      <h1 id="indicators-title">{t('shell.pages.indicators')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
