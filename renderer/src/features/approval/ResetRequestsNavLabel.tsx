// Renderer. "Réinitialisations", with the number of waiting requests when there are some.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { refreshPendingCount, useResetRequestsStore } from './reset-requests-store';

export function ResetRequestsNavLabel() {
  const { t } = useTranslation();
  const count = useResetRequestsStore((state) => state.pendingCount);
  useEffect(() => {
    void refreshPendingCount();
  }, []);
  return <>{count ? t('approvalRequests.navPending', { count }) : t('approvalRequests.nav')}</>;
}
