// Renderer. "J'ai une demande approuvée" (kind `approval`) and "Code de secours" (kind `recovery`): identifier,
// reference code, new password twice. Format and confirmation are checked here first so a typo costs no try;
// main checks everything again. Nothing typed is lost on an error. No automatic sign-in afterwards.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordsMatch } from '../../../../shared/accounts/account-fields';
import { normalizeReferenceCode } from '../../../../shared/approval/reference-code';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { closeForgot, useForgotStore } from '../auth/forgot/forgot-store';
import { ApprovalNewPassword, type NewPasswordValue } from './ApprovalNewPassword';
import { fieldMessages, formMessage, type FieldMessages } from '../auth/forgot/forgot-errors';
import { ReferenceCodeField } from './ReferenceCodeField';
import { IdentifierField } from '../auth/forgot/IdentifierField';
import { useFormRefusal } from '../auth/forgot/use-form-refusal';

export function CodeResetView({ kind }: { kind: 'approval' | 'recovery' }) {
  const { t } = useTranslation();
  const { formRef, message, refuse, errorOf } = useFormRefusal();
  const [identifier, setIdentifier] = useState(useForgotStore.getState().identifier);
  const [code, setCode] = useState(useForgotStore.getState().code);
  const [passwords, setPasswords] = useState<NewPasswordValue>({ newPassword: '', passwordConfirmation: '' });
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const local: FieldMessages = {};
    if (!identifier.trim()) local.identifier = [{ key: 'validation.required' }];
    if (!code.trim()) local.code = [{ key: 'validation.required' }];
    else if (!normalizeReferenceCode(code)) local.code = [{ key: 'approvalForgot.codeFormat' }];
    if (!passwords.newPassword) local.newPassword = [{ key: 'validation.required' }];
    if (!passwordsMatch(passwords.newPassword, passwords.passwordConfirmation)) {
      local.passwordConfirmation = [{ key: 'validation.passwordsDiffer' }];
    }
    if (Object.keys(local).length > 0) return refuse(local, { key: 'errors.VALIDATION_FAILED' });

    setSubmitting(true);
    const result = await call(kind === 'approval' ? 'approval:complete' : 'approval:completeRecovery', { identifier, code, ...passwords });
    setSubmitting(false);
    if (result.ok) {
      setDone(true);
      return;
    }
    if (result.error.code === 'VALIDATION_FAILED') return refuse(fieldMessages(result.error), { key: 'errors.VALIDATION_FAILED' });
    // "No request matches" is said at the code field (identifier and code together decide it).
    if (result.error.code === 'CODE_INVALID') return refuse({ code: [formMessage(result.error, kind)] }, null);
    refuse({}, formMessage(result.error, kind));
  };

  if (done) {
    return (
      <>
        <Alert tone="success">{t('approvalForgot.complete.success')}</Alert>
        <button type="button" className="button button--primary button--block" autoFocus onClick={() => closeForgot(identifier.trim())}>
          {t('approvalForgot.complete.toLogin')}
        </button>
      </>
    );
  }

  return (
    <>
      <p className="lead">{t(kind === 'approval' ? 'approvalForgot.complete.intro' : 'approvalForgot.recovery.intro')}</p>
      {message ? <Alert tone="error">{message}</Alert> : null}
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <IdentifierField value={identifier} onChange={setIdentifier} error={errorOf('identifier')} />
        <ReferenceCodeField
          value={code}
          onChange={setCode}
          error={errorOf('code')}
          label={kind === 'recovery' ? t('approvalForgot.recovery.codeLabel') : undefined}
        />
        <ApprovalNewPassword
          username={identifier.trim() || undefined}
          value={passwords}
          onChange={setPasswords}
          errors={{ newPassword: errorOf('newPassword'), passwordConfirmation: errorOf('passwordConfirmation') }}
        />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? t('approvalForgot.complete.submitting') : t('approvalForgot.complete.submit')}
        </button>
      </form>
    </>
  );
}
