// Renderer. Placeholder of the `/preventif/plans/$code` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function PlanPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="plan-title">
      <h1 id="plan-title">{t('shell.pages.plan')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
