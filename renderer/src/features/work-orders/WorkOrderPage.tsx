// Renderer. Placeholder created by the shell (issue 13) so the router compiles; its owner replaces this file whole.
import { useTranslation } from 'react-i18next';
import { PagePlaceholder } from '../../components/PagePlaceholder';
import { otRoute } from '../../app/routes';

export function WorkOrderPage() {
  const { t } = useTranslation();
  const { number } = otRoute.useParams();
  return <PagePlaceholder title={t('shell.pages.workOrder', { number })} />;
}
