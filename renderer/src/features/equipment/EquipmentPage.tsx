// Renderer. Placeholder created by the shell (issue 13) so the router compiles; its owner replaces this file whole.
import { useTranslation } from 'react-i18next';
import { PagePlaceholder } from '../../components/PagePlaceholder';
import { equipmentRoute } from '../../app/routes';

export function EquipmentPage() {
  const { t } = useTranslation();
  const { code } = equipmentRoute.useParams();
  return <PagePlaceholder title={t('shell.pages.equipment', { code })} />;
}
