// Renderer. Placeholder created by the shell (issue 13) so the router compiles; its owner replaces this file whole.
import { useTranslation } from 'react-i18next';
import { PagePlaceholder } from '../../components/PagePlaceholder';
import { requestRoute } from '../../app/routes';

export function RequestPage() {
  const { t } = useTranslation();
  const { number } = requestRoute.useParams();
  return <PagePlaceholder title={t('shell.pages.request', { number })} />;
}
