// Renderer. Placeholder of the `/magasin/pieces` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function PartsListPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="partsList-title">
      <h1 id="partsList-title">{t('shell.pages.partsList')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
