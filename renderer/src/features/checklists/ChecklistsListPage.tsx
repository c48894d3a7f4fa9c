// Renderer. Placeholder of the `/preventif/gammes` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function ChecklistsListPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="checklistsList-title">
      <h1 id="checklistsList-title">{t('shell.pages.checklistsList')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
