// Renderer. Placeholder of the `/preventif/gammes/$code` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function ChecklistPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="checklist-title">
      <h1 id="checklist-title">{t('shell.pages.checklist')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
