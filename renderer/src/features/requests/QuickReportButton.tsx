// Renderer. Placeholder created by the shell (issue 13): "Signaler un problème" in the top bar, one click from every
// screen to the DI form. The requests helper replaces this file whole.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function QuickReportButton() {
  const { t } = useTranslation();
  return (
    <Link to="/demandes/nouvelle" className="button button--accent">
      {t('shell.quickReport')}
    </Link>
  );
}
