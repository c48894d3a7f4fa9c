// Renderer. A client PC the server refuses (removed by an administrator, unknown, another version, another
// certificate than the one pinned): what happened and what to do, in plain words, instead of a login form that
// could not work. When main allows it, the PC may be enrolled again from here.
import { useTranslation } from 'react-i18next';
import type { SiteRefusal } from '../../../../shared/site/contract';
import { Alert } from '../../components/Alert';
import { AuthLayout } from '../../components/AuthLayout';
import { requestEnrolment, useSiteStore } from './site-store';
import './site.css';

export function SiteRefusedScreen({ refusal }: { refusal: SiteRefusal }) {
  const { t } = useTranslation();
  const status = useSiteStore((state) => state.status);
  return (
    <AuthLayout title={t(`site.refused.${refusal}.title`)}>
      <Alert tone="error">{t(`site.refused.${refusal}.body`)}</Alert>
      <p>{t(`site.refused.${refusal}.todo`)}</p>
      <p className="site-screen__facts">
        {status?.workstationName ? (
          <>
            {t('site.refused.workstation', { name: status.workstationName })}
            <br />
          </>
        ) : null}
        {status?.serverUrl ? t('site.refused.server', { url: status.serverUrl }) : null}
      </p>
      {status?.canEnrol ? (
        <button type="button" className="button button--primary button--block" onClick={() => requestEnrolment(true)}>
          {t('site.refused.enrolAgain')}
        </button>
      ) : null}
    </AuthLayout>
  );
}
