// Renderer. Placeholder of the `/magasin/reappro` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function ReorderPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="reorder-title">
      <h1 id="reorder-title">{t('shell.pages.reorder')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
