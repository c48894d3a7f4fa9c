// Renderer. Placeholder of the `/planning` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function PlanningPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="planning-title">
      <h1 id="planning-title">{t('shell.pages.planning')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
