// Renderer. The form behind every change of one's own password: the required or offered change after login
// and "Changer mon mot de passe". Main checks the current password and the policy and answers every reason;
// what was typed stays in the fields whatever the answer.
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue, SessionUser } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Alert } from '../Alert';
import { focusFirstInvalid, groupFieldIssues, type FieldIssueMap } from '../form-errors';
import { useFieldMessages } from '../use-field-messages';
import { PasswordField } from '../PasswordField';
import { NewPasswordFields } from './NewPasswordFields';
import { passwordsMatch } from './password-match';

export interface ChangePasswordFormProps {
  user: SessionUser;
  /** Offered and voluntary changes prove the person knows the current password; a required change doesn't ask. */
  askCurrent: boolean;
  submitLabel: string;
  onChanged: (user: SessionUser) => void;
  /** More buttons beside "submit" ("Plus tard", "Annuler"). */
  children?: ReactNode;
  /** Put the cursor in the first field when the form appears (a screen of its own, not a dialog). */
  autoFocus?: boolean;
}

export function ChangePasswordForm({ user, askCurrent, submitLabel, onChanged, children, autoFocus }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [issues, setIssues] = useState<FieldIssueMap>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (autoFocus) formRef.current?.querySelector('input')?.focus();
    // Once, when the form appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useLayoutEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt]);

  const refuse = (fields: FieldIssue[], code: string) => {
    setIssues(groupFieldIssues(fields));
    setFormError(`errors.${code}`);
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    // What the form can tell at once; the policy itself is main's to check.
    const local: FieldIssue[] = [];
    if (askCurrent && current === '') local.push({ path: 'currentPassword', code: 'validation.currentPasswordRequired' });
    if (password === '') local.push({ path: 'newPassword', code: 'validation.required' });
    else if (!passwordsMatch(password, confirmation)) local.push({ path: 'passwordConfirmation', code: 'validation.passwordsDiffer' });
    if (local.length > 0) return refuse(local, 'VALIDATION_FAILED');

    setSubmitting(true);
    const result = await call('account:changePassword', {
      currentPassword: askCurrent ? current : undefined,
      newPassword: password,
      passwordConfirmation: confirmation,
    });
    setSubmitting(false);
    if (result.ok) {
      setIssues({});
      setFormError(null);
      onChanged(result.data);
      return;
    }
    refuse(result.error.fields ?? [], result.error.code);
  };

  const toMessages = useFieldMessages();
  const messages = (path: string) => toMessages(issues[path]);

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="form">
      {formError ? <Alert tone="error">{t(formError as 'errors.INTERNAL_ERROR')}</Alert> : null}
      {askCurrent ? (
        <PasswordField
          label={t('passwordChange.currentPassword')}
          name="currentPassword"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          error={messages('currentPassword')}
          required
        />
      ) : null}
      <NewPasswordFields
        password={password}
        confirmation={confirmation}
        onPasswordChange={setPassword}
        onConfirmationChange={setConfirmation}
        passwordErrors={messages('newPassword')}
        confirmationErrors={messages('passwordConfirmation')}
        username={user.username}
        displayName={user.displayName}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? t('passwordChange.submitting') : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
