// Renderer. Placeholder of the `/magasin/pieces/$code` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function PartPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="part-title">
      <h1 id="part-title">{t('shell.pages.part')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
