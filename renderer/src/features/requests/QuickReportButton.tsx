// Renderer. The shell's "Signaler un problème" slot: one click from every signed-in screen to the DI form.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function QuickReportButton() {
  const { t } = useTranslation();
  return (
    <Link to="/demandes/nouvelle" className="button button--accent">
      {t('requests.reportButton')}
    </Link>
  );
}
