// Renderer. Shown right after login (or on start-up with a signed-in user) whenever main says the password
// must or may be changed, before anything else: no navigation. It says why. A required change asks no current
// password (the session proves it; main refuses every other call meanwhile). An offered change asks it, like
// any voluntary change, and allows "Plus tard" after an "Êtes-vous sûr ?". Signing out from a temporary
// password's session asks first: that password opened its one session and will not work again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordChangeDemand, SessionUser } from '../../../../shared/auth/contract';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { AuthLayout } from '../../components/AuthLayout';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ChangePasswordForm } from '../../components/password/ChangePasswordForm';
import { changeOwnLocale, logout, userUpdated } from '../session/session-store';

function reasonKey(demand: PasswordChangeDemand) {
  if (demand.mode === 'offered') return 'passwordChange.offered' as const;
  return demand.reason === 'temporary' ? ('passwordChange.requiredTemporary' as const) : ('passwordChange.requiredChosenByAdmin' as const);
}

export function PasswordChangeScreen({ user, demand }: { user: SessionUser; demand: PasswordChangeDemand }) {
  const { t } = useTranslation();
  const [confirmingLater, setConfirmingLater] = useState(false);
  const [confirmingLogout, setConfirmingLogout] = useState(false);
  const temporary = demand.reason === 'temporary';
  const [error, setError] = useState<string | null>(null);
  const offered = demand.mode === 'offered';

  const postpone = async () => {
    const result = await call('account:postponePasswordChange');
    setConfirmingLater(false);
    if (result.ok) userUpdated(result.data);
    else setError(`errors.${result.error.code}`);
  };

  return (
    <AuthLayout
      title={t('passwordChange.title')}
      onLocaleChange={(locale) => void changeOwnLocale(locale)}
      headerActions={
        <button type="button" className="button button--secondary" onClick={() => (temporary ? setConfirmingLogout(true) : void logout())}>
          {t('passwordChange.logout')}
        </button>
      }
    >
      <p className="muted-inline">{t('passwordChange.signedInAs', { name: user.displayName, username: user.username })}</p>
      <Alert tone="info">{t(reasonKey(demand))}</Alert>
      {error ? <Alert tone="error">{t(error as 'errors.INTERNAL_ERROR')}</Alert> : null}
      <ChangePasswordForm user={user} askCurrent={offered} submitLabel={t('passwordChange.submit')} onChanged={userUpdated} autoFocus>
        {offered ? (
          <button type="button" className="button button--ghost" onClick={() => setConfirmingLater(true)}>
            {t('passwordChange.later')}
          </button>
        ) : null}
      </ChangePasswordForm>
      {confirmingLater ? (
        <ConfirmDialog
          title={t('passwordChange.postponeTitle')}
          body={t('passwordChange.postponeBody')}
          confirmLabel={t('passwordChange.postponeConfirm')}
          cancelLabel={t('passwordChange.postponeCancel')}
          onConfirm={postpone}
          onCancel={() => setConfirmingLater(false)}
        />
      ) : null}
      {confirmingLogout ? (
        <ConfirmDialog
          title={t('passwordChange.logoutTemporaryTitle')}
          body={t('passwordChange.logoutTemporaryBody')}
          confirmLabel={t('passwordChange.logoutTemporaryConfirm')}
          cancelLabel={t('passwordChange.logoutTemporaryCancel')}
          onConfirm={logout}
          onCancel={() => setConfirmingLogout(false)}
          danger
        />
      ) : null}
    </AuthLayout>
  );
}
