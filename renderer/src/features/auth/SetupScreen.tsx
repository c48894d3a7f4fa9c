// Renderer. First run: creates the first administrator. Shown only while main says no account exists. The
// password gets the same meter as every other new password, told the username and name typed above.
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { firstAdminInputSchema, toFieldIssues } from '../../../../shared/accounts/account-fields';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { AuthLayout } from '../../components/AuthLayout';
import { focusFirstInvalid, toFieldErrors, type FieldErrors } from '../../components/form-errors';
import { NewPasswordFields } from '../../components/password/NewPasswordFields';
import { TextField } from '../../components/TextField';
import { bootstrap, setupCompleted } from '../session/session-store';
import { requestEnrolment, useSiteStore } from '../site/site-store';

const emptyForm = { username: '', displayName: '', email: '', password: '', passwordConfirmation: '' };

export function SetupScreen() {
  const { t, i18n } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState(emptyForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // Issue 16: on a first run, this PC may instead become a client of the plant's site server.
  const canEnrol = useSiteStore((state) => state.status?.canEnrol === true);

  useLayoutEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt]);

  const update = (name: keyof typeof emptyForm) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [name]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    // Same schema as main: the person hears about every mistake at once, before anything is sent.
    const payload = { ...form, locale: i18n.language === 'en' ? ('en' as const) : ('fr' as const) };
    const local = firstAdminInputSchema.safeParse(payload);
    if (!local.success) {
      setErrors(toFieldErrors(toFieldIssues(local.error)));
      setFormError('errors.VALIDATION_FAILED');
      setAttempt((n) => n + 1);
      return;
    }
    setSubmitting(true);
    const result = await call('auth:setupFirstAdmin', payload);
    setSubmitting(false);
    if (result.ok) {
      setupCompleted(result.data.username);
      return;
    }
    if (result.error.code === 'SETUP_ALREADY_DONE') {
      await bootstrap();
      return;
    }
    setErrors(toFieldErrors(result.error.fields));
    setFormError(`errors.${result.error.code}`);
    setAttempt((n) => n + 1);
  };

  const fieldError = (name: string) => (errors[name] ? t(errors[name] as 'validation.invalid') : undefined);

  return (
    <AuthLayout title={t('setup.title')}>
      <p className="lead">{t('setup.intro')}</p>
      {formError ? <Alert tone="error">{t(formError as 'errors.INTERNAL_ERROR')}</Alert> : null}
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <TextField
          label={t('setup.username')}
          hint={t('setup.usernameHint')}
          name="username"
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          autoFocus
          value={form.username}
          onChange={update('username')}
          error={fieldError('username')}
          required
        />
        <TextField
          label={t('setup.displayName')}
          hint={t('setup.displayNameHint')}
          name="displayName"
          autoComplete="name"
          value={form.displayName}
          onChange={update('displayName')}
          error={fieldError('displayName')}
          required
        />
        <TextField
          label={t('setup.email')}
          optionalLabel={t('common.optional')}
          name="email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={update('email')}
          error={fieldError('email')}
        />
        {/* The meter knows the words main's policy refuses: the username and name typed just above. */}
        <NewPasswordFields
          wording="first"
          names={{ password: 'password', confirmation: 'passwordConfirmation' }}
          password={form.password}
          confirmation={form.passwordConfirmation}
          onPasswordChange={(value) => update('password')({ target: { value } })}
          onConfirmationChange={(value) => update('passwordConfirmation')({ target: { value } })}
          passwordErrors={errors.password ? [fieldError('password') ?? ''] : undefined}
          confirmationErrors={errors.passwordConfirmation ? [fieldError('passwordConfirmation') ?? ''] : undefined}
          username={form.username}
          displayName={form.displayName}
        />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
      {canEnrol ? (
        <div className="di-report-entry">
          <button type="button" className="button button--ghost button--block" onClick={() => requestEnrolment(true)}>
            {t('site.enrol.link')}
          </button>
          <p className="di-report-entry__hint">{t('site.enrol.linkHint')}</p>
        </div>
      ) : null}
    </AuthLayout>
  );
}
