// Renderer. "Nouvel utilisateur" and "Modifier": the account's names, email and role; on creation also the
// language and the first password (a temporary one by default, or one the administrator chooses). The same
// zod schemas as main run first, so every mistake shows at once; main's answer (names taken, password refused
// for one or more reasons) lands on the fields. What was typed is never cleared on error.
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type FieldIssue, type Role, type TemporaryPassword, type UserDetail } from '../../../../shared/contract';
import { createUserInputSchema, updateUserInputSchema } from '../../../../shared/accounts/contract';
import type { AccountSettings } from '../../../../shared/accounts/account-settings';
import { toFieldIssues } from '../../../../shared/accounts/account-fields';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { focusFirstInvalid, groupFieldIssues, type FieldIssueMap } from '../../components/form-errors';
import { Modal } from '../../components/Modal';
import { NewPasswordFields } from '../../components/password/NewPasswordFields';
import { passwordsMatch } from '../../components/password/password-match';
import { RadioGroup } from '../../components/RadioGroup';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useFieldMessages } from '../../components/use-field-messages';
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

export function UserFormDialog({ user, settings, onDone, onCancel }: UserFormDialogProps) {
  const { t } = useTranslation();
  const toMessages = useFieldMessages();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<FormValues>({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    email: user?.email ?? '',
    role: user?.role ?? 'technician',
    locale: 'fr',
    passwordMode: 'temporary',
    password: '',
    passwordConfirmation: '',
  });
  const [issues, setIssues] = useState<FieldIssueMap>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useLayoutEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt]);

  const set = <K extends keyof FormValues>(name: K, value: FormValues[K]) => setForm((current) => ({ ...current, [name]: value }));
  const refuse = (fields: readonly FieldIssue[], code: string) => {
    setIssues(groupFieldIssues(fields));
    setFormError(`errors.${code}`);
    setAttempt((n) => n + 1);
  };

  const submitCreate = async () => {
    const password =
      form.passwordMode === 'chosen'
        ? { passwordMode: 'chosen' as const, password: form.password, passwordConfirmation: form.passwordConfirmation }
        : { passwordMode: form.passwordMode };
    const payload = { username: form.username, displayName: form.displayName, email: form.email, role: form.role, locale: form.locale, ...password };
    const local: FieldIssue[] = [];
    const parsed = createUserInputSchema.safeParse(payload);
    if (!parsed.success) local.push(...toFieldIssues(parsed.error));
    // An invitation goes to an address: without one there is nobody to invite.
    if (form.passwordMode === 'invite' && form.email.trim() === '' && !local.some((issue) => issue.path === 'email')) {
      local.push({ path: 'email', code: 'validation.required' });
    }
    if (form.passwordMode === 'chosen') {
      if (form.password === '') local.push({ path: 'password', code: 'validation.required' });
      else if (!passwordsMatch(form.password, form.passwordConfirmation)) local.push({ path: 'passwordConfirmation', code: 'validation.passwordsDiffer' });
    }
    if (local.length > 0) return refuse(local, 'VALIDATION_FAILED');
    setSubmitting(true);
    const result = await call('users:create', payload);
    setSubmitting(false);
    if (result.ok) onDone(result.data);
    else refuse(result.error.fields ?? [], result.error.code);
  };

  const submitUpdate = async (existing: UserDetail) => {
    const payload = { userId: existing.id, displayName: form.displayName, email: form.email, role: form.role };
    const parsed = updateUserInputSchema.safeParse(payload);
    if (!parsed.success) return refuse(toFieldIssues(parsed.error), 'VALIDATION_FAILED');
    setSubmitting(true);
    const result = await call('users:update', payload);
    setSubmitting(false);
    if (result.ok) onDone({ user: result.data, temporaryPassword: null });
    else refuse(result.error.fields ?? [], result.error.code);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    void (user ? submitUpdate(user) : submitCreate());
  };

  const messages = (path: string) => toMessages(issues[path]);
  const hours = settings?.temporaryPasswordHours ?? 24;

  return (
    <Modal title={user ? t('users.form.editTitle', { name: user.displayName }) : t('users.form.createTitle')} onEscape={onCancel} wide>
      {formError ? <Alert tone="error">{t(formError as 'errors.INTERNAL_ERROR')}</Alert> : null}
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        {user ? (
          <p className="muted-inline">{t('users.form.usernameFixed', { username: user.username })}</p>
        ) : (
          <TextField
            label={t('users.form.username')}
            hint={t('users.form.usernameHint')}
            name="username"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            value={form.username}
            onChange={(event) => set('username', event.target.value)}
            error={messages('username')}
            required
          />
        )}
        <TextField
          label={t('users.form.displayName')}
          hint={t('users.form.displayNameHint')}
          name="displayName"
          autoComplete="off"
          value={form.displayName}
          onChange={(event) => set('displayName', event.target.value)}
          error={messages('displayName')}
          required
        />
        <TextField
          label={t('users.form.email')}
          optionalLabel={t('common.optional')}
          hint={t('users.form.emailHint')}
          name="email"
          type="email"
          autoComplete="off"
          value={form.email}
          onChange={(event) => set('email', event.target.value)}
          error={messages('email')}
        />
        <div className="field-grid">
          <SelectField
            label={t('users.form.role')}
            name="role"
            value={form.role}
            onChange={(event) => set('role', event.target.value as Role)}
            error={messages('role')}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </SelectField>
          {user ? null : (
            <SelectField
              label={t('users.form.locale')}
              name="locale"
              value={form.locale}
              onChange={(event) => set('locale', event.target.value as Locale)}
            >
              {LOCALES.map((locale) => (
                <option key={locale} value={locale} lang={locale}>
                  {t(`languages.${locale}`)}
                </option>
              ))}
            </SelectField>
          )}
        </div>
        {user ? null : (
          <>
            <RadioGroup
              legend={t('users.form.passwordMode')}
              name="passwordMode"
              value={form.passwordMode}
              onChange={(value) => set('passwordMode', value)}
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
            {form.passwordMode === 'chosen' ? (
              <NewPasswordFields
                wording="first"
                names={{ password: 'password', confirmation: 'passwordConfirmation' }}
                password={form.password}
                confirmation={form.passwordConfirmation}
                onPasswordChange={(value) => set('password', value)}
                onConfirmationChange={(value) => set('passwordConfirmation', value)}
                passwordErrors={messages('password')}
                confirmationErrors={messages('passwordConfirmation')}
                username={form.username}
                displayName={form.displayName}
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
