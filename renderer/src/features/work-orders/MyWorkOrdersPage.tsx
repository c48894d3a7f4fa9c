// Renderer. Placeholder created by the shell (issue 13) so the router compiles; its owner replaces this file whole.
import { useTranslation } from 'react-i18next';
import { PagePlaceholder } from '../../components/PagePlaceholder';

export function MyWorkOrdersPage() {
  const { t } = useTranslation();
  return <PagePlaceholder title={t('shell.pages.myWorkOrders')} />;
}
