// Renderer. "Réinitialiser le mot de passe" with an emailed code (typed, with the identifier) or a reset link opened
// on this PC (deep link: the token replaces both). The new password twice, with main's every reason on refusal.
// On success: a message, then back to the login screen after 3 s, as in the seed. Never an automatic sign-in.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordsMatch } from '../../../../shared/accounts/account-fields';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/TextField';
import { closeForgot, useForgotStore } from '../auth/forgot/forgot-store';
import { ApprovalNewPassword, type NewPasswordValue } from '../approval/ApprovalNewPassword';
import { fieldMessages, formMessage, type FieldMessages, type Message } from '../auth/forgot/forgot-errors';
import { IdentifierField } from '../auth/forgot/IdentifierField';
import { useFormRefusal } from '../auth/forgot/use-form-refusal';

const BACK_TO_LOGIN_MS = 3000;

/** The reason main gives for a refused code, said precisely (expired, used, replaced, too many tries…). */
function codeMessage(reason: unknown): Message | null {
  return typeof reason === 'string' ? { key: `email.codeReasons.${reason}` } : null;
}

export function EmailResetView() {
  const { t } = useTranslation();
  const { formRef, message, refuse, errorOf } = useFormRefusal();
  const linkToken = useForgotStore((state) => state.linkToken);
  const [identifier, setIdentifier] = useState(useForgotStore.getState().identifier);
  const [code, setCode] = useState('');
  const [passwords, setPasswords] = useState<NewPasswordValue>({ newPassword: '', passwordConfirmation: '' });
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (!done) return undefined;
    const timer = setTimeout(() => closeForgot(identifier.trim() || undefined), BACK_TO_LOGIN_MS);
    return () => clearTimeout(timer);
  }, [done, identifier]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const local: FieldMessages = {};
    if (!linkToken && !identifier.trim()) local.identifier = [{ key: 'validation.required' }];
    if (!linkToken && !code.trim()) local.code = [{ key: 'validation.required' }];
    if (!passwords.newPassword) local.newPassword = [{ key: 'validation.required' }];
    if (!passwordsMatch(passwords.newPassword, passwords.passwordConfirmation)) {
      local.passwordConfirmation = [{ key: 'validation.passwordsDiffer' }];
    }
    if (Object.keys(local).length > 0) return refuse(local, { key: 'errors.VALIDATION_FAILED' });

    setSubmitting(true);
    const result = await call('email:resetPassword', linkToken ? { token: linkToken, ...passwords } : { identifier, code, ...passwords });
    setSubmitting(false);
    if (result.ok) return setDone(true);
    const error = result.error;
    if (error.code === 'VALIDATION_FAILED') return refuse(fieldMessages(error), { key: 'errors.VALIDATION_FAILED' });
    const reason = codeMessage(error.details?.reason);
    if (reason && !linkToken && error.code === 'CODE_INVALID') return refuse({ code: [reason] }, null);
    refuse({}, reason ?? formMessage(error, 'approval'));
  };

  if (done) {
    return (
      <>
        <Alert tone="success">{t('emailForgot.reset.success')}</Alert>
        <button type="button" className="button button--primary button--block" autoFocus onClick={() => closeForgot(identifier.trim() || undefined)}>
          {t('emailForgot.reset.toLogin')}
        </button>
      </>
    );
  }

  return (
    <>
      <p className="lead">{t(linkToken ? 'emailForgot.reset.linkIntro' : 'emailForgot.reset.intro')}</p>
      {message ? <Alert tone="error">{message}</Alert> : null}
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        {linkToken ? null : (
          <>
            <IdentifierField value={identifier} onChange={setIdentifier} error={errorOf('identifier')} />
            <TextField
              label={t('emailForgot.reset.code')}
              hint={t('emailForgot.reset.codeHint')}
              name="one-time-code"
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              error={errorOf('code')}
              required
            />
          </>
        )}
        <ApprovalNewPassword
          username={identifier.trim() || undefined}
          value={passwords}
          onChange={setPasswords}
          errors={{ newPassword: errorOf('newPassword'), passwordConfirmation: errorOf('passwordConfirmation') }}
        />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? t('emailForgot.reset.submitting') : t('emailForgot.reset.submit')}
        </button>
      </form>
    </>
  );
}
