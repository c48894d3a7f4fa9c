// Renderer. Placeholder of the `/magasin/stock` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function StockPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="stock-title">
      <h1 id="stock-title">{t('shell.pages.stock')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
