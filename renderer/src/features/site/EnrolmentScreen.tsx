// Renderer. « Se connecter à un serveur de site »: a poste autonome on its first run (from the setup screen) or a
// client PC not enrolled yet. Step 1: the server's address → `site:probe` reads its certificate's fingerprint.
// Step 2: the fingerprint shown large, compared aloud with the server's screen and confirmed by a checkbox, then the
// one-time code and this PC's name → `site:enrol`, which pins that fingerprint. Main then restarts the app as a
// client PC, or (a client already) goes straight to the login screen.
import { useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toFieldIssues } from '../../../../shared/accounts/account-fields';
import { siteEnrolInput, siteProbeInput, WORKSTATION_NAME_MAX_LENGTH, type SiteProbe } from '../../../../shared/site/contract';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { AuthLayout } from '../../components/AuthLayout';
import { TextField } from '../../components/TextField';
import { focusFirstInvalid, toFieldErrors, type FieldErrors } from '../../components/form-errors';
import { bootstrap } from '../session/session-store';
import { FingerprintGroups } from './FingerprintGroups';
import { formatCodeInput } from './site-format';
import { loadSiteStatus, requestEnrolment, useSiteStore } from './site-store';
import './site.css';

type Done = { workstationName: string; restartRequired: boolean };

export function EnrolmentScreen() {
  const { t } = useTranslation();
  const fingerprintTitle = useId();
  const status = useSiteStore((state) => state.status);
  const enrolRequested = useSiteStore((state) => state.enrolRequested);
  // A client PC installed with its server's address (gmao-atelier.json) offers it: IT typed it once already.
  const [serverUrl, setServerUrl] = useState(() => useSiteStore.getState().status?.serverUrl ?? '');
  const [probe, setProbe] = useState<SiteProbe | null>(null);
  const [same, setSame] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const enrolFormRef = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);

  // After a refused « Raccorder ce poste », the first field to correct has the focus.
  useLayoutEffect(() => {
    if (attempt > 0) focusFirstInvalid(enrolFormRef.current);
  }, [attempt]);

  const fieldError = (field: string) => (errors[field] ? t(errors[field] as 'validation.invalid') : undefined);

  const findServer = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const local = siteProbeInput.safeParse({ serverUrl });
    if (!local.success) {
      setErrors(toFieldErrors(toFieldIssues(local.error)));
      setFormError(null);
      urlRef.current?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    setFormError(null);
    const result = await call('site:probe', { serverUrl });
    setBusy(false);
    if (!result.ok) {
      setErrors(toFieldErrors(result.error.fields));
      setFormError(`errors.${result.error.code}`);
      urlRef.current?.focus();
      return;
    }
    setProbe(result.data);
    setSame(false);
  };

  const enrol = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !probe) return;
    const payload = { serverUrl: probe.serverUrl, code, workstationName: name, fingerprint: probe.fingerprint };
    const local = siteEnrolInput.safeParse(payload);
    const found = local.success ? {} : toFieldErrors(toFieldIssues(local.error));
    if (!same) found.same = 'site.enrol.fingerprintRequired';
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setFormError('errors.VALIDATION_FAILED');
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    setErrors({});
    setFormError(null);
    // A client PC's main connects as soon as it is enrolled and says so (site:connection), maybe before this call
    // answers: the screen stays until the person has read the outcome and pressed « Se connecter ».
    requestEnrolment(true);
    const result = await call('site:enrol', payload);
    setBusy(false);
    if (!result.ok) {
      setErrors(toFieldErrors(result.error.fields));
      setFormError(`errors.${result.error.code}`);
      if (result.error.code === 'SITE_ENROLMENT_CODE_INVALID') codeRef.current?.focus();
      return;
    }
    setDone(result.data);
  };

  const toLogin = async () => {
    requestEnrolment(false);
    await loadSiteStatus();
    await bootstrap();
  };

  if (done) {
    return (
      <AuthLayout title={t('site.enrol.doneTitle')}>
        <Alert tone="success">{t('site.enrol.done', { name: done.workstationName })}</Alert>
        {done.restartRequired ? (
          <p className="lead" role="status">
            {t('site.enrol.restart')}
          </p>
        ) : (
          <button type="button" className="button button--primary button--block" onClick={() => void toLogin()}>
            {t('site.enrol.toLogin')}
          </button>
        )}
      </AuthLayout>
    );
  }

  // A poste autonome came here from its first-run screen and may go back; a client PC has nowhere else to go.
  const back = enrolRequested && status?.mode !== 'client' ? (
    <button type="button" className="button button--ghost button--block" onClick={() => requestEnrolment(false)}>
      {t('site.enrol.back')}
    </button>
  ) : null;

  return (
    <AuthLayout title={t('site.enrol.title')} wide={probe !== null}>
      <p className="lead">{t('site.enrol.intro')}</p>
      {formError ? <Alert tone="error">{t(formError as 'errors.INTERNAL_ERROR')}</Alert> : null}
      {!probe ? (
        <form onSubmit={findServer} noValidate className="form">
          <TextField
            ref={urlRef}
            label={t('site.enrol.serverUrl')}
            hint={t('site.enrol.serverUrlHint')}
            name="serverUrl"
            autoCapitalize="off"
            spellCheck={false}
            autoFocus
            value={serverUrl}
            onChange={(event) => setServerUrl(event.target.value)}
            error={fieldError('serverUrl')}
            required
          />
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? t('site.enrol.probing') : t('site.enrol.probe')}
          </button>
          {back}
        </form>
      ) : (
        <form ref={enrolFormRef} onSubmit={enrol} noValidate className="form site-enrol">
          <div className="site-enrol__server">
            <Alert tone={probe.compatible ? 'info' : 'error'}>
              <p>{t('site.enrol.found', { name: probe.serverName, version: probe.serverVersion })}</p>
              <p className="path">{probe.serverUrl}</p>
              {!probe.compatible ? <p>{t('site.enrol.incompatible', { version: probe.serverVersion })}</p> : null}
            </Alert>
            {probe.compatible ? (
              <>
                <h2 id={fingerprintTitle}>{t('site.enrol.fingerprint')}</h2>
                <p>{t('site.enrol.fingerprintHelp')}</p>
                <FingerprintGroups fingerprint={probe.fingerprint} labelledBy={fingerprintTitle} />
              </>
            ) : null}
          </div>
          <div className="site-enrol__pc">
            {probe.compatible ? (
              <>
                <div className={`field site-enrol__same${errors.same ? ' field--invalid' : ''}`}>
                  <label className="checkbox">
                    <input type="checkbox" name="same" checked={same} onChange={(event) => setSame(event.target.checked)} aria-invalid={errors.same ? true : undefined} />
                    <span>{t('site.enrol.fingerprintSame')}</span>
                  </label>
                  {errors.same ? (
                    <p className="field__error" role="alert">
                      {t(errors.same as 'site.enrol.fingerprintRequired')}
                    </p>
                  ) : null}
                </div>
                <TextField
                  ref={codeRef}
                  label={t('site.enrol.code')}
                  hint={t('site.enrol.codeHint')}
                  name="code"
                  autoCapitalize="characters"
                  autoComplete="off"
                  spellCheck={false}
                  value={code}
                  onChange={(event) => setCode(formatCodeInput(event.target.value))}
                  error={fieldError('code')}
                  required
                />
                <TextField
                  label={t('site.enrol.workstationName')}
                  hint={t('site.enrol.workstationNameHint')}
                  name="workstationName"
                  maxLength={WORKSTATION_NAME_MAX_LENGTH}
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  error={fieldError('workstationName')}
                  required
                />
                <button type="submit" className="button button--primary button--block" disabled={busy}>
                  {busy ? t('site.enrol.submitting') : t('site.enrol.submit')}
                </button>
              </>
            ) : null}
            <button type="button" className="button button--ghost button--block" onClick={() => (setProbe(null), setErrors({}), setFormError(null))}>
              {t('site.enrol.changeServer')}
            </button>
          </div>
        </form>
      )}
    </AuthLayout>
  );
}
