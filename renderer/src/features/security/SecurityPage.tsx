// Renderer. "Sécurité" (administrators): session locking and login throttling settings, who is signed in,
// and the names made to wait. The settings form keeps a draft in main while it has unsaved changes.
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toFieldIssues } from '../../../../shared/accounts/account-fields';
import { SECURITY_SETTING_BOUNDS, securitySettingsSchema, type SecuritySettings } from '../../../../shared/security/security-settings';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { DraftBanner } from '../drafts/DraftBanner';
import { focusFirstInvalid, toFieldErrors, type FieldErrors } from '../../components/form-errors';
import { TextField } from '../../components/TextField';
import { useDraft } from '../drafts/use-draft';
import { ForgotPasswordModeCard } from './ForgotPasswordModeCard';
import { OpenSessionsCard } from './OpenSessionsCard';
import type { StatusMessage } from './status';
import { ThrottledCard } from './ThrottledCard';

type FormValues = Record<keyof SecuritySettings, string>;
const FORM_KEY = 'security-settings';

const SECTIONS: { title: 'security.sessionSection' | 'security.throttleSection'; help: 'security.sessionHelp' | 'security.throttleHelp'; fields: (keyof SecuritySettings)[] }[] = [
  { title: 'security.sessionSection', help: 'security.sessionHelp', fields: ['idleMinutes', 'warningSeconds', 'absoluteHours'] },
  {
    title: 'security.throttleSection',
    help: 'security.throttleHelp',
    fields: ['throttleMaxFailures', 'throttleBaseDelaySeconds', 'throttleMaxDelayMinutes', 'throttleResetHours'],
  },
];

const toForm = (settings: SecuritySettings): FormValues =>
  Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, String(value)])) as FormValues;

/** "" stays NaN so the schema says "enter a whole number" instead of silently using 0. */
const toSettings = (form: FormValues) =>
  Object.fromEntries(Object.entries(form).map(([key, value]) => [key, value.trim() === '' ? Number.NaN : Number(value)]));

export function SecurityPage() {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState<FormValues | null>(null);
  const [form, setForm] = useState<FormValues | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const dirty = form !== null && saved !== null && JSON.stringify(form) !== JSON.stringify(saved);
  const draft = useDraft(FORM_KEY, form ?? ({} as FormValues), { enabled: dirty });

  useEffect(() => {
    void call('security:getSettings').then((result) => {
      if (!result.ok) return setStatus({ tone: 'error', text: t(`errors.${result.error.code}`) });
      setSaved(toForm(result.data));
      setForm(toForm(result.data));
    });
  }, [t]);

  useLayoutEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || submitting) return;
    setStatus(null);
    const local = securitySettingsSchema.safeParse(toSettings(form));
    if (!local.success) {
      setErrors(toFieldErrors(toFieldIssues(local.error)));
      setStatus({ tone: 'error', text: t('errors.VALIDATION_FAILED') });
      setAttempt((n) => n + 1);
      return;
    }
    setSubmitting(true);
    const result = await call('security:updateSettings', local.data);
    setSubmitting(false);
    if (!result.ok) {
      setErrors(toFieldErrors(result.error.fields));
      setStatus({ tone: 'error', text: t(`errors.${result.error.code}`) });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setSaved(toForm(result.data));
    setForm(toForm(result.data));
    await draft.clear();
    setStatus({ tone: 'success', text: t('security.saved') });
  };

  return (
    <>
      <h1>{t('security.title')}</h1>
      {draft.offered && form ? (
        <DraftBanner
          savedAt={draft.offered.savedAt}
          onRestore={() => {
            const restored = draft.restore();
            if (restored) setForm({ ...(form ?? ({} as FormValues)), ...(restored as Partial<FormValues>) });
          }}
          onDiscard={() => void draft.discard()}
        />
      ) : null}
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      {form ? (
        <form ref={formRef} onSubmit={submit} noValidate className="card card--wide form">
          {SECTIONS.map((section) => (
            <fieldset key={section.title} className="fieldset">
              <legend>{t(section.title)}</legend>
              <p className="field__hint">{t(section.help)}</p>
              <div className="field-grid">
                {section.fields.map((name) => (
                  <TextField
                    key={name}
                    label={t(`security.${name}`)}
                    hint={t('security.bounds', SECURITY_SETTING_BOUNDS[name])}
                    name={name}
                    inputMode="numeric"
                    value={form[name]}
                    onChange={(event) => setForm({ ...form, [name]: event.target.value })}
                    error={errors[name] ? t(errors[name] as 'validation.invalid') : undefined}
                  />
                ))}
              </div>
            </fieldset>
          ))}
          <div>
            <button type="submit" className="button button--primary" disabled={submitting}>
              {submitting ? t('security.saving') : t('security.save')}
            </button>
          </div>
        </form>
      ) : null}
      <ForgotPasswordModeCard onStatus={setStatus} />
      <OpenSessionsCard onStatus={setStatus} />
      <ThrottledCard onStatus={setStatus} />
    </>
  );
}
