// Renderer. Placeholder of the `/releves` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function ReadingsPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="readings-title">
      <h1 id="readings-title">{t('shell.pages.readings')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
