// Renderer. A DI's state in French words (nouvelle, acceptée, refusée, doublon, annulée), by colour and by text.
import { useTranslation } from 'react-i18next';
import type { RequestStatus } from '../../../../shared/requests/contract';

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return <span className={`di-badge di-badge--${status}`}>{t(`requests.status.${status}`)}</span>;
}
