// Renderer. The Messagerie settings form and its "Envoyer un e-mail de test", which sends with the values shown
// here (saved or not). The SMTP password is write-only: the form only knows whether one is stored; an empty
// field keeps it, "Effacer le mot de passe" removes it. No draft is kept for this form: it holds a password.
// The saved password only serves the server, port, security and account it was typed for (main enforces it; the
// form says so before sending), and security "none" with an account needs an explicit confirmation box.
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailSettingsView } from '../../../../shared/contract';
import { toFieldIssues } from '../../../../shared/accounts/account-fields';
import {
  MAIL_SETTING_BOUNDS,
  mailSettingsInputSchema,
  presetOf,
  sameSmtpBinding,
  sendsPasswordInClear,
  SMTP_PRESETS,
  SMTP_SECURITY_MODES,
  testEmailInputSchema,
  type SmtpPreset,
  type SmtpSecurity,
} from '../../../../shared/email/mail-settings';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { focusFirstInvalid, toFieldErrors, type FieldErrors } from '../../components/form-errors';
import { PasswordField } from '../../components/PasswordField';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import type { StatusMessage } from '../security/status';

interface FormValues {
  host: string;
  port: string;
  security: SmtpSecurity;
  username: string;
  password: string;
  plaintextAuthConfirmed: boolean;
  senderName: string;
  senderAddress: string;
  appName: string;
  siteName: string;
  sentRetentionDays: string;
  resetCodeMinutes: string;
}

const toForm = (view: MailSettingsView): FormValues => ({
  host: view.host,
  port: String(view.port),
  security: view.security,
  username: view.username,
  password: '',
  plaintextAuthConfirmed: view.plaintextAuthConfirmed,
  senderName: view.senderName,
  senderAddress: view.senderAddress,
  appName: view.appName,
  siteName: view.siteName,
  sentRetentionDays: String(view.sentRetentionDays),
  resetCodeMinutes: String(view.resetCodeMinutes),
});

/** "" stays NaN so the schema says "enter a whole number" instead of silently using 0. */
const num = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

const smtpOf = (form: FormValues) => ({
  host: form.host,
  port: num(form.port),
  security: form.security,
  username: form.username,
  password: form.password,
  // Only meaningful (and only shown) for "none" with an account.
  plaintextAuthConfirmed: sendsPasswordInClear(form) && form.plaintextAuthConfirmed,
  senderName: form.senderName,
  senderAddress: form.senderAddress,
});

export function MailSettingsForm({ onStatus, onChanged }: { onStatus: (status: StatusMessage | null) => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [view, setView] = useState<MailSettingsView | null>(null);
  const [form, setForm] = useState<FormValues | null>(null);
  const [clearPassword, setClearPassword] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [testTo, setTestTo] = useState('');
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<{ tone: 'success' | 'error'; text: string; detail?: string } | null>(null);

  useEffect(() => {
    void call('email:getSettings').then((result) => {
      if (!result.ok) return onStatus({ tone: 'error', text: t(`errors.${result.error.code}`) });
      setView(result.data);
      setForm(toForm(result.data));
    });
  }, [t, onStatus]);

  useLayoutEffect(() => {
    if (attempt > 0) focusFirstInvalid(formRef.current);
  }, [attempt]);

  if (!form || !view) return null;
  const set = (changes: Partial<FormValues>) => setForm({ ...form, ...changes });
  const error = (name: string) => (errors[name] ? t(errors[name] as 'validation.invalid') : undefined);
  const preset = presetOf({ host: form.host, port: num(form.port), security: form.security });

  const choosePreset = (value: SmtpPreset) => {
    if (value !== 'custom') set({ ...SMTP_PRESETS[value], port: String(SMTP_PRESETS[value].port) });
  };

  // Server, port, security or account moved away from the saved ones while a saved password would be used:
  // main refuses it (the password is bound to them), so say it at once, next to the password field.
  const needsRetype =
    view.passwordSet &&
    !clearPassword &&
    form.username.trim() !== '' &&
    form.password === '' &&
    !sameSmtpBinding(view, { host: form.host.trim(), port: num(form.port), security: form.security, username: form.username.trim() });
  const withRetype = (fields: { path: string; code: string }[], prefix = '') =>
    needsRetype && !fields.some((f) => f.path === `${prefix}password`) ? [...fields, { path: `${prefix}password`, code: 'validation.smtpPasswordRebind' }] : fields;

  const fail = (code: string, fields: { path: string; code: string }[] | undefined, prefix = '') => {
    const mapped = toFieldErrors(fields?.map((f) => ({ ...f, path: prefix && f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path })));
    setErrors(mapped);
    setAttempt((n) => n + 1);
    return code;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    onStatus(null);
    const input = {
      ...smtpOf(form),
      appName: form.appName,
      siteName: form.siteName,
      sentRetentionDays: num(form.sentRetentionDays),
      resetCodeMinutes: num(form.resetCodeMinutes),
      clearPassword,
    };
    const local = mailSettingsInputSchema.safeParse(input);
    if (!local.success || needsRetype) {
      fail('VALIDATION_FAILED', withRetype(local.success ? [] : toFieldIssues(local.error)));
      onStatus({ tone: 'error', text: t('errors.VALIDATION_FAILED') });
      return;
    }
    setSaving(true);
    const result = await call('email:updateSettings', local.data);
    setSaving(false);
    if (!result.ok) {
      fail(result.error.code, result.error.fields);
      onStatus({ tone: 'error', text: t(`errors.${result.error.code}`) });
      return;
    }
    setErrors({});
    setClearPassword(false);
    setView(result.data);
    setForm(toForm(result.data));
    onStatus({ tone: 'success', text: t('email.saved') });
    onChanged();
  };

  const sendTest = async () => {
    if (testing) return;
    setTestResult(null);
    const local = testEmailInputSchema.safeParse({ smtp: smtpOf(form), to: testTo });
    if (!local.success || needsRetype) {
      fail('VALIDATION_FAILED', withRetype(local.success ? [] : toFieldIssues(local.error), 'smtp.'), 'smtp.');
      setTestResult({ tone: 'error', text: t('errors.VALIDATION_FAILED') });
      return;
    }
    setTesting(true);
    const result = await call('email:sendTest', local.data);
    setTesting(false);
    onChanged();
    if (result.ok) {
      setErrors({});
      setTestResult({ tone: 'success', text: t('email.testSent', { to: local.data.to }) });
      return;
    }
    if (result.error.fields) fail(result.error.code, result.error.fields, 'smtp.');
    const detail = result.error.details?.detail;
    setTestResult({ tone: 'error', text: t('email.testFailed', { message: t(`errors.${result.error.code}`) }), detail: typeof detail === 'string' ? detail : undefined });
  };

  const passwordHint = view.passwordUnreadable
    ? t('email.passwordUnreadable')
    : clearPassword
      ? t('email.passwordWillClear')
      : needsRetype
        ? t('email.passwordRetypeHint')
        : view.passwordSet
          ? t('email.passwordKeepHint')
          : t('email.passwordNoneHint');
  const inClear = sendsPasswordInClear(form);

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="card card--wide form" aria-labelledby="mail-server-title">
      <fieldset className="fieldset">
        <legend id="mail-server-title">{t('email.serverSection')}</legend>
        <div className="field-grid">
          <SelectField
            label={t('email.preset')}
            value={preset}
            onChange={(event) => choosePreset(event.target.value as SmtpPreset)}
          >
            {(['gmail', 'microsoft365', 'custom'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`email.presets.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {preset === 'gmail' ? <Alert tone="info">{t('email.gmailHint')}</Alert> : null}
        {preset === 'microsoft365' ? <Alert tone="info">{t('email.microsoftHint')}</Alert> : null}
        <div className="field-grid">
          <TextField label={t('email.host')} hint={t('email.hostHint')} name="host" value={form.host} autoComplete="off" spellCheck={false} onChange={(e) => set({ host: e.target.value })} error={error('host')} />
          <TextField label={t('email.port')} hint={t('email.bounds', MAIL_SETTING_BOUNDS.port)} name="port" inputMode="numeric" value={form.port} onChange={(e) => set({ port: e.target.value })} error={error('port')} />
          <SelectField
            label={t('email.security')}
            name="security"
            value={form.security}
            onChange={(e) => set({ security: e.target.value as SmtpSecurity })}
          >
            {SMTP_SECURITY_MODES.map((value) => (
              <option key={value} value={value}>
                {t(`email.securityModes.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {form.security === 'none' ? <Alert tone="error">{t('email.noneWarning')}</Alert> : null}
        {inClear ? (
          <div className={`field${errors.plaintextAuthConfirmed ? ' field--invalid' : ''}`}>
            <label className="checkbox">
              <input
                type="checkbox"
                name="plaintextAuthConfirmed"
                checked={form.plaintextAuthConfirmed}
                aria-invalid={errors.plaintextAuthConfirmed ? true : undefined}
                aria-describedby={errors.plaintextAuthConfirmed ? 'mail-plaintext-error' : undefined}
                onChange={(e) => set({ plaintextAuthConfirmed: e.target.checked })}
              />
              <span>{t('email.plaintextAuthConfirm')}</span>
            </label>
            {errors.plaintextAuthConfirmed ? (
              <p id="mail-plaintext-error" className="field__error">
                {error('plaintextAuthConfirmed')}
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="field-grid">
          <TextField label={t('email.username')} hint={t('email.usernameHint')} name="username" value={form.username} autoComplete="off" spellCheck={false} onChange={(e) => set({ username: e.target.value })} error={error('username')} />
          <div>
            <PasswordField
              label={t('email.password')}
              hint={passwordHint}
              name="smtp-password"
              autoComplete="new-password"
              value={form.password}
              disabled={clearPassword}
              onChange={(e) => set({ password: e.target.value })}
              error={error('password')}
            />
            {view.passwordSet ? (
              <div className="mail-form__password-actions">
                <button type="button" className="button button--ghost" aria-pressed={clearPassword} onClick={() => setClearPassword((v) => !v)}>
                  {clearPassword ? t('email.cancelClear') : t('email.clearPassword')}
                </button>
              </div>
            ) : null}
          </div>
          <TextField label={t('email.senderName')} hint={t('email.senderNameHint')} name="senderName" value={form.senderName} onChange={(e) => set({ senderName: e.target.value })} error={error('senderName')} />
          <TextField label={t('email.senderAddress')} hint={t('email.senderAddressHint')} name="senderAddress" type="email" value={form.senderAddress} onChange={(e) => set({ senderAddress: e.target.value })} error={error('senderAddress')} />
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('email.testSection')}</legend>
        <div className="mail-form__test">
          <p className="field__hint">{t('email.testHint')}</p>
          <TextField label={t('email.testTo')} name="testTo" type="email" value={testTo} onChange={(e) => setTestTo(e.target.value)} error={error('to')} />
          <div>
            <button type="button" className="button button--ghost" disabled={testing} onClick={() => void sendTest()}>
              {testing ? t('email.testSending') : t('email.testSend')}
            </button>
          </div>
          {testResult ? (
            <Alert tone={testResult.tone}>
              {testResult.text}
              {testResult.detail ? <span className="field__hint">{t('email.technicalDetail', { detail: testResult.detail })}</span> : null}
            </Alert>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('email.messagesSection')}</legend>
        <div className="field-grid">
          <TextField label={t('email.appName')} name="appName" value={form.appName} onChange={(e) => set({ appName: e.target.value })} error={error('appName')} />
          <TextField label={t('email.siteName')} hint={t('email.siteNameHint')} name="siteName" value={form.siteName} onChange={(e) => set({ siteName: e.target.value })} error={error('siteName')} />
          <TextField
            label={t('email.sentRetentionDays')}
            hint={t('email.bounds', MAIL_SETTING_BOUNDS.sentRetentionDays)}
            name="sentRetentionDays"
            inputMode="numeric"
            value={form.sentRetentionDays}
            onChange={(e) => set({ sentRetentionDays: e.target.value })}
            error={error('sentRetentionDays')}
          />
          <TextField
            label={t('email.resetCodeMinutes')}
            hint={t('email.bounds', MAIL_SETTING_BOUNDS.resetCodeMinutes)}
            name="resetCodeMinutes"
            inputMode="numeric"
            value={form.resetCodeMinutes}
            onChange={(e) => set({ resetCodeMinutes: e.target.value })}
            error={error('resetCodeMinutes')}
          />
        </div>
      </fieldset>
      <div>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('email.saving') : t('email.save')}
        </button>
      </div>
    </form>
  );
}
