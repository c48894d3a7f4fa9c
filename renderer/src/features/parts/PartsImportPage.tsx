// Renderer. Placeholder of the `/magasin/pieces/import` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function PartsImportPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="partsImport-title">
      <h1 id="partsImport-title">{t('shell.pages.partsImport')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
