// Renderer. Placeholder of the `/admin/taux-horaires` page until its owner replaces this file whole (issue 14/15 spec).
import { useTranslation } from 'react-i18next';

export function LabourRatesPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="labourRates-title">
      <h1 id="labourRates-title">{t('shell.pages.labourRates')}</h1>
      <p>{t('shell.soon')}</p>
    </section>
  );
}
