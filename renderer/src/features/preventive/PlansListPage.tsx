// Renderer. Placeholder of the `/preventif/plans` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function PlansListPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="plansList-title">
      <h1 id="plansList-title">{t('shell.pages.plansList')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
