// Renderer. Login by username or email. Every failure reads the same, whatever its cause, except a correct
// temporary password that expired or was already used: main says so only once the password is proven.
// After a lock, it names whose session was locked, with their identifier filled in and the password focused;
// "Changer d'utilisateur" brings back the plain, empty form.
// "Signaler un problème" (issue 13) opens the public DI flow in place of the form, without signing in and without
// touching the session store: this screen stays mounted, so what was typed here is still there afterwards.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { AuthLayout } from '../../components/AuthLayout';
import { PasswordField } from '../../components/PasswordField';
import { TextField } from '../../components/TextField';
import { formatWait } from '../../i18n/format';
import { openForgot } from './forgot/forgot-store';
import { forgetLockedUser, signedIn, useSessionStore } from '../session/session-store';
import { PublicReportFlow } from '../requests/PublicReportFlow';
import { useScanOutsideFields } from '../requests/use-scan-outside-fields';

export function LoginScreen() {
  const { t } = useTranslation();
  const notice = useSessionStore((state) => state.notice);
  const suggested = useSessionStore((state) => state.suggestedIdentifier);
  const locked = useSessionStore((state) => state.lockedUser);
  const [identifier, setIdentifier] = useState(locked?.username ?? suggested);
  const [password, setPassword] = useState('');
  // A key and its values, not a sentence: switching language re-translates it.
  const [error, setError] = useState<{ key: string; values?: Record<string, string | number> } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const identifierRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // The DI flow, open (with a scanned code, if the label was scanned here) or not.
  const [reporting, setReporting] = useState<{ code?: string } | null>(null);
  useScanOutsideFields(reporting === null, (code) => setReporting({ code }));

  useEffect(() => {
    (suggested || locked ? passwordRef : identifierRef).current?.focus();
    // Once, when the screen opens: "Changer d'utilisateur" moves the focus itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The app keys this screen by the locked identifier: forgetting it opens a fresh, empty form (focus on the
  // identifier), with nothing typed or shown before.
  const switchUser = () => forgetLockedUser();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    if (!identifier.trim() || !password) {
      setError({ key: 'validation.required' });
      (identifier.trim() ? passwordRef : identifierRef).current?.focus();
      return;
    }
    setSubmitting(true);
    const result = await call('auth:login', { identifier, password });
    setSubmitting(false);
    if (result.ok) {
      await signedIn(result.data);
      return;
    }
    // The identifier stays so a typo in the password costs one field, not two.
    setPassword('');
    if (result.error.code === 'THROTTLED') {
      // Same words whether or not the account exists; only the wait is shown.
      setError({ key: 'login.throttled', values: { wait: formatWait(Number(result.error.details?.retryAfterSeconds ?? 60)) } });
    } else if (result.error.details?.kind === 'temporaryPassword' && (result.error.code === 'CODE_EXPIRED' || result.error.code === 'CODE_USED')) {
      // The right temporary password, too late or twice: saying so sends the person to their administrator.
      setError({ key: result.error.code === 'CODE_EXPIRED' ? 'loginTemporary.expired' : 'loginTemporary.used' });
    } else {
      setError({ key: result.error.code === 'INVALID_CREDENTIALS' ? 'login.invalidCredentials' : `errors.${result.error.code}` });
    }
    passwordRef.current?.focus();
  };

  if (reporting) return <PublicReportFlow initialCode={reporting.code} onClose={() => setReporting(null)} />;

  return (
    <AuthLayout title={t('login.title')}>
      {locked ? (
        // Whose session: stays above an error too, so the person knows which account they are unlocking.
        <Alert tone="info">
          <p className="locked-session__name">{t('login.lockedSession', { name: locked.displayName })}</p>
          {notice && !error ? <p>{t(`login.notice.${notice as 'idle'}`)}</p> : null}
        </Alert>
      ) : notice && !error ? (
        <Alert tone={notice === 'setupDone' ? 'success' : 'info'}>{notice === 'restored' ? t('backups.loginNotice') : t(`login.notice.${notice}`)}</Alert>
      ) : null}
      {error ? <Alert tone="error">{t(error.key as 'login.throttled', error.values ?? {})}</Alert> : null}
      <form onSubmit={submit} noValidate className="form">
        <TextField
          ref={identifierRef}
          label={t('login.identifier')}
          name="identifier"
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          value={identifier}
          onChange={(event) => setIdentifier(event.target.value)}
          required
          trailing={
            locked ? (
              <button type="button" className="button button--secondary field__toggle" onClick={switchUser}>
                {t('login.switchUser')}
              </button>
            ) : undefined
          }
        />
        <PasswordField
          ref={passwordRef}
          label={t('login.password')}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p className="login-forgot">
        <button type="button" className="link-button" onClick={() => openForgot(identifier)}>
          {t('approvalForgot.link')}
        </button>
      </p>
      <div className="di-report-entry">
        <button type="button" className="button button--ghost button--block di-report-entry__button" onClick={() => setReporting({})}>
          {t('requests.reportButton')}
        </button>
        <p className="di-report-entry__hint">{t('requests.reportHint')}</p>
      </div>
    </AuthLayout>
  );
}
