// Renderer. Placeholder of the `/magasin/inventaires/$id` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function InventoryCountPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="inventoryCount-title">
      <h1 id="inventoryCount-title">{t('shell.pages.inventoryCount')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
