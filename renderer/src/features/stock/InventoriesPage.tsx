// Renderer. Placeholder of the `/magasin/inventaires` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function InventoriesPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="inventories-title">
      <h1 id="inventories-title">{t('shell.pages.inventories')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
