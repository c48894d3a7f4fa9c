// Renderer. Placeholder of the `/preventif/conformite` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function CompliancePage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="compliance-title">
      <h1 id="compliance-title">{t('shell.pages.compliance')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
