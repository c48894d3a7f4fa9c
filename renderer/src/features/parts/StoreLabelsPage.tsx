// Renderer. Placeholder of the `/magasin/etiquettes` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function StoreLabelsPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="storeLabels-title">
      <h1 id="storeLabels-title">{t('shell.pages.storeLabels')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
