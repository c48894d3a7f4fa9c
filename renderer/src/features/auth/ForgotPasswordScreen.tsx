// Renderer. "Mot de passe oublié ?" from the login screen: the menu of paths the mode allows, and each path's
// screen (screens/forgot/). Every screen has a way back. Nothing here needs or opens a session.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForgotPasswordOptions } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { AuthLayout } from '../../components/AuthLayout';
import { closeForgot, showForgotView, useForgotStore, type ForgotView } from './forgot/forgot-store';
import { CodeResetView } from '../approval/CodeResetView';
import { EmailRequestView } from '../email/EmailRequestView';
import { EmailResetView } from '../email/EmailResetView';
import { ForgotMenu } from './forgot/ForgotMenu';
import { RequestView } from '../approval/RequestView';
import { StatusView } from '../approval/StatusView';
import '../approval/approval.css';

const TITLES = {
  menu: 'approvalForgot.title',
  request: 'approvalForgot.request.title',
  status: 'approvalForgot.status.title',
  complete: 'approvalForgot.complete.title',
  recovery: 'approvalForgot.recovery.title',
  emailRequest: 'emailForgot.request.title',
  emailReset: 'emailForgot.reset.title',
} as const satisfies Record<ForgotView, string>;

export function ForgotPasswordScreen() {
  const { t } = useTranslation();
  const view = useForgotStore((state) => state.view) ?? 'menu';
  const [options, setOptions] = useState<ForgotPasswordOptions | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    void call('approval:getOptions').then((result) => (result.ok ? setOptions(result.data) : setFailed(true)));
  }, []);

  let body: ReactNode;
  if (view === 'menu') body = options ? <ForgotMenu options={options} /> : failed ? <Alert tone="error">{t('approvalForgot.loadFailed')}</Alert> : null;
  else if (view === 'request') body = <RequestView />;
  else if (view === 'status') body = <StatusView />;
  else if (view === 'emailRequest') body = <EmailRequestView />;
  else if (view === 'emailReset') body = <EmailResetView />;
  else body = <CodeResetView key={view} kind={view === 'complete' ? 'approval' : 'recovery'} />;

  return (
    <AuthLayout title={t(TITLES[view])}>
      {body}
      <div className="forgot-nav">
        {view !== 'menu' ? (
          <button type="button" className="link-button" onClick={() => showForgotView('menu')}>
            {t('approvalForgot.backToMenu')}
          </button>
        ) : null}
        <button type="button" className="link-button" onClick={() => closeForgot()}>
          {t('approvalForgot.backToLogin')}
        </button>
      </div>
    </AuthLayout>
  );
}
