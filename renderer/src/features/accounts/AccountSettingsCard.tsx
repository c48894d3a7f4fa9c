// Renderer. "Règles des mots de passe": minimum length and strength, how long a temporary password lasts, and
// whether a password an administrator chose must be changed at first login. (The site's name, a word the meter
// treats as guessable, is set in "Messagerie".) Checked with main's own schema before sending; main checks again.
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STRENGTH_LEVELS, type StrengthLevel } from '../../../../shared/password/strength-levels';
import { ACCOUNT_SETTING_BOUNDS, accountSettingsSchema, type AccountSettings } from '../../../../shared/accounts/account-settings';
import { toFieldIssues } from '../../../../shared/accounts/account-fields';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { focusFirstInvalid, toFieldErrors, type FieldErrors } from '../../components/form-errors';
import { RadioGroup } from '../../components/RadioGroup';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import type { StatusMessage } from '../security/status';

interface FormValues {
  passwordMinLength: string;
  passwordMinStrength: StrengthLevel;
  temporaryPasswordHours: string;
  chosenPasswordChange: AccountSettings['chosenPasswordChange'];
}

const toForm = (settings: AccountSettings): FormValues => ({
  ...settings,
  passwordMinLength: String(settings.passwordMinLength),
  temporaryPasswordHours: String(settings.temporaryPasswordHours),
});

/** "" stays NaN so the schema says "enter a whole number" instead of silently using 0. */
const toNumber = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

export function AccountSettingsCard({ settings, onSaved }: { settings: AccountSettings; onSaved: (settings: AccountSettings) => void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<FormValues>(() => toForm(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useLayoutEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt]);

  const set = <K extends keyof FormValues>(name: K, value: FormValues[K]) => setForm((current) => ({ ...current, [name]: value }));
  const fail = (fieldErrors: FieldErrors, code: string) => {
    setErrors(fieldErrors);
    setStatus({ tone: 'error', text: t(`errors.${code}` as 'errors.INTERNAL_ERROR') });
    setAttempt((n) => n + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    setStatus(null);
    const local = accountSettingsSchema.safeParse({
      ...form,
      passwordMinLength: toNumber(form.passwordMinLength),
      temporaryPasswordHours: toNumber(form.temporaryPasswordHours),
    });
    if (!local.success) return fail(toFieldErrors(toFieldIssues(local.error)), 'VALIDATION_FAILED');
    setSubmitting(true);
    const result = await call('users:updateSettings', local.data);
    setSubmitting(false);
    if (!result.ok) return fail(toFieldErrors(result.error.fields), result.error.code);
    setErrors({});
    setForm(toForm(result.data));
    onSaved(result.data);
    setStatus({ tone: 'success', text: t('accountSettings.saved') });
  };

  const error = (name: keyof FormValues) => (errors[name] ? t(errors[name] as 'validation.invalid') : undefined);

  return (
    <section className="card card--full" aria-labelledby="account-settings-title">
      <h2 id="account-settings-title">{t('accountSettings.title')}</h2>
      <p className="field__hint">{t('accountSettings.intro')}</p>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <div className="field-grid">
          <TextField
            label={t('accountSettings.passwordMinLength')}
            hint={t('accountSettings.bounds', ACCOUNT_SETTING_BOUNDS.passwordMinLength)}
            name="passwordMinLength"
            inputMode="numeric"
            value={form.passwordMinLength}
            onChange={(event) => set('passwordMinLength', event.target.value)}
            error={error('passwordMinLength')}
          />
          <SelectField
            label={t('accountSettings.passwordMinStrength')}
            hint={t('accountSettings.passwordMinStrengthHint')}
            name="passwordMinStrength"
            value={form.passwordMinStrength}
            onChange={(event) => set('passwordMinStrength', event.target.value as StrengthLevel)}
            error={error('passwordMinStrength')}
          >
            {STRENGTH_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`strength.levels.${level}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('accountSettings.temporaryPasswordHours')}
            hint={t('accountSettings.bounds', ACCOUNT_SETTING_BOUNDS.temporaryPasswordHours)}
            name="temporaryPasswordHours"
            inputMode="numeric"
            value={form.temporaryPasswordHours}
            onChange={(event) => set('temporaryPasswordHours', event.target.value)}
            error={error('temporaryPasswordHours')}
          />
        </div>
        <RadioGroup
          legend={t('accountSettings.chosenPasswordChange')}
          name="chosenPasswordChange"
          value={form.chosenPasswordChange}
          onChange={(value) => set('chosenPasswordChange', value)}
          options={[
            { value: 'required', label: t('accountSettings.chosenRequired') },
            { value: 'optional', label: t('accountSettings.chosenOptional') },
          ]}
        />
        <div>
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? t('accountSettings.saving') : t('accountSettings.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
