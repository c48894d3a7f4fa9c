// Renderer. "Nouvel utilisateur" and "Modifier": the account's names, email and role; on creation also the
// language and the first password (a temporary one by default, or one the administrator chooses). The same
// zod schemas as main run first, so every mistake shows at once; main's answer (names taken, password refused
// for one or more reasons) lands on the fields. What was typed is never cleared on error.
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type FieldIssue, type Role, type TemporaryPassword, type UserDetail } from '../../../../shared/contract';
import { createUserInputSchema, updateUserInputSchema } from '../../../../shared/accounts/contract';
import type { AccountSettings } from '../../../../shared/accounts/account-settings';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { focusFirstInvalid } from '../../components/form-errors';
import { FormSelectField, FormTextField, useFormFieldMessages } from '../../components/form/form-fields';
import { applyServerError, useZodForm } from '../../components/form/use-zod-form';
import { Modal } from '../../components/Modal';
import { NewPasswordFields } from '../../components/password/NewPasswordFields';
import { passwordsMatch } from '../../components/password/password-match';
import { RadioGroup } from '../../components/RadioGroup';
import { LOCALES, type Locale } from '../../i18n';

export type UserFormResult = { user: UserDetail; temporaryPassword: TemporaryPassword | null };

interface FormValues {
  username: string;
  displayName: string;
  email: string;
  role: Role;
  locale: Locale;
  passwordMode: 'temporary' | 'invite' | 'chosen';
  password: string;
  passwordConfirmation: string;
}

export interface UserFormDialogProps {
  /** Absent: a new account. */
  user?: UserDetail;
  settings: AccountSettings | null;
  onDone: (result: UserFormResult) => void;
  onCancel: () => void;
}

/** What `users:create` takes, from the form: the password fields only for a chosen password. */
function createInput(form: FormValues) {
  const password =
    form.passwordMode === 'chosen'
      ? { passwordMode: 'chosen' as const, password: form.password, passwordConfirmation: form.passwordConfirmation }
      : { passwordMode: form.passwordMode };
  return { username: form.username, displayName: form.displayName, email: form.email, role: form.role, locale: form.locale, ...password };
}

/** Rules of the form that the channel's schema cannot see on its own. */
function createRules(form: FormValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // An invitation goes to an address: without one there is nobody to invite.
  if (form.passwordMode === 'invite' && form.email.trim() === '') issues.push({ path: 'email', code: 'validation.required' });
  if (form.passwordMode === 'chosen') {
    if (form.password === '') issues.push({ path: 'password', code: 'validation.required' });
    else if (!passwordsMatch(form.password, form.passwordConfirmation)) issues.push({ path: 'passwordConfirmation', code: 'validation.passwordsDiffer' });
  }
  return issues;
}

export function UserFormDialog({ user, settings, onDone, onCancel }: UserFormDialogProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  // The same schemas as main: `users:update` when editing, `users:create` (with the form's own rules) when creating.
  const form = useZodForm<FormValues>(
    user ? updateUserInputSchema : createUserInputSchema,
    user
      ? { toInput: (values) => ({ userId: user.id, displayName: values.displayName, email: values.email, role: values.role }), defaultValues: defaultsFor(user) }
      : { toInput: createInput, refine: createRules, defaultValues: defaultsFor(undefined) },
  );
  const [formError, setFormError] = useState<string | null>(null);
  // After a refusal, the focus goes to the first invalid field once it is drawn as invalid: react-hook-form publishes
  // its errors after the submit's callbacks, so this waits for the render that shows them.
  const focusPending = useRef(false);
  const submitting = form.formState.isSubmitting;

  useLayoutEffect(() => {
    if (!focusPending.current || !formRef.current?.querySelector('[aria-invalid="true"]')) return;
    focusPending.current = false;
    focusFirstInvalid(formRef.current);
  });

  /** A refusal: the form's message above, and the focus to the first field named (when one is). */
  const refused = (key: string, onFields: boolean) => {
    setFormError(key);
    focusPending.current = onFields;
  };

  const save = async (values: FormValues) => {
    setFormError(null);
    if (user) {
      const result = await call('users:update', { userId: user.id, displayName: values.displayName, email: values.email, role: values.role });
      if (result.ok) onDone({ user: result.data, temporaryPassword: null });
      else refused(applyServerError(form, result.error), (result.error.fields?.length ?? 0) > 0);
    } else {
      const result = await call('users:create', createInput(values));
      if (result.ok) onDone(result.data);
      else refused(applyServerError(form, result.error), (result.error.fields?.length ?? 0) > 0);
    }
  };

  const passwordMode = form.watch('passwordMode');
  const password = form.watch('password');
  const passwordConfirmation = form.watch('passwordConfirmation');
  const passwordErrors = useFormFieldMessages(form, 'password');
  const confirmationErrors = useFormFieldMessages(form, 'passwordConfirmation');
  // Fields drawn by hand (radio group, password pair) are set through the form, re-checked once it was submitted.
  const setValue = (name: 'passwordMode' | 'password' | 'passwordConfirmation', value: string) =>
    form.setValue(name, value as never, { shouldValidate: form.formState.isSubmitted, shouldDirty: true });
  const hours = settings?.temporaryPasswordHours ?? 24;

  return (
    <Modal title={user ? t('users.form.editTitle', { name: user.displayName }) : t('users.form.createTitle')} onEscape={onCancel} wide>
      {formError ? <Alert tone="error">{t(formError as 'errors.INTERNAL_ERROR')}</Alert> : null}
      <form
        ref={formRef}
        onSubmit={(event) => void form.handleSubmit(save, () => refused('errors.VALIDATION_FAILED', true))(event)}
        noValidate
        className="form"
      >
        {user ? (
          <p className="muted-inline">{t('users.form.usernameFixed', { username: user.username })}</p>
        ) : (
          <FormTextField
            form={form}
            name="username"
            label={t('users.form.username')}
            hint={t('users.form.usernameHint')}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            required
          />
        )}
        <FormTextField form={form} name="displayName" label={t('users.form.displayName')} hint={t('users.form.displayNameHint')} autoComplete="off" required />
        <FormTextField
          form={form}
          name="email"
          label={t('users.form.email')}
          optionalLabel={t('common.optional')}
          hint={t('users.form.emailHint')}
          type="email"
          autoComplete="off"
        />
        <div className="field-grid">
          <FormSelectField form={form} name="role" label={t('users.form.role')}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </FormSelectField>
          {user ? null : (
            <FormSelectField form={form} name="locale" label={t('users.form.locale')}>
              {LOCALES.map((locale) => (
                <option key={locale} value={locale} lang={locale}>
                  {t(`languages.${locale}`)}
                </option>
              ))}
            </FormSelectField>
          )}
        </div>
        {user ? null : (
          <>
            <RadioGroup
              legend={t('users.form.passwordMode')}
              name="passwordMode"
              value={passwordMode}
              onChange={(value) => setValue('passwordMode', value)}
              options={[
                { value: 'temporary', label: t('users.form.modeTemporary'), hint: t('users.form.modeTemporaryHint', { hours }) },
                { value: 'invite', label: t('users.form.modeInvite'), hint: t('users.form.modeInviteHint') },
                {
                  value: 'chosen',
                  label: t('users.form.modeChosen'),
                  hint: settings?.chosenPasswordChange === 'optional' ? t('users.form.modeChosenHintOptional') : t('users.form.modeChosenHintRequired'),
                },
              ]}
            />
            {passwordMode === 'chosen' ? (
              <NewPasswordFields
                wording="first"
                names={{ password: 'password', confirmation: 'passwordConfirmation' }}
                password={password}
                confirmation={passwordConfirmation}
                onPasswordChange={(value) => setValue('password', value)}
                onConfirmationChange={(value) => setValue('passwordConfirmation', value)}
                passwordErrors={passwordErrors}
                confirmationErrors={confirmationErrors}
                username={form.watch('username')}
                displayName={form.watch('displayName')}
              />
            ) : null}
          </>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submitting}>
            {user ? (submitting ? t('users.form.saving') : t('users.form.save')) : submitting ? t('users.form.creating') : t('users.form.create')}
          </button>
          <button type="button" className="button button--ghost" onClick={onCancel}>
            {t('users.form.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function defaultsFor(user: UserDetail | undefined): FormValues {
  return {
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    email: user?.email ?? '',
    role: user?.role ?? 'technician',
    locale: 'fr',
    passwordMode: 'temporary',
    password: '',
    passwordConfirmation: '',
  };
}
