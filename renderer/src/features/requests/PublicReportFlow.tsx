// Renderer. "Signaler un problème" from the login and lock screens, without signing in: the DI form (steps 1 and 2)
// then the confirmation (step 3), which goes back to the login screen by itself after a few seconds. It calls only
// the two public DI channels and never touches the session store: a locked session stays exactly as it was.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../components/AuthLayout';
import { ReportForm } from './ReportForm';

/** Long enough to read the number aloud or note it; short enough that the next person finds the login screen. */
export const CONFIRMATION_MS = 12_000;

export function PublicReportFlow({ initialCode, onClose }: { initialCode?: string; onClose(): void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<{ number: string | null; machineStopped: boolean } | null>(null);
  return (
    <AuthLayout title={saved ? t('requests.done.title', { number: saved.number }) : t('requests.flowTitle')}>
      {saved ? <Confirmation saved={saved} onClose={onClose} /> : <ReportForm initialCode={initialCode} onSaved={setSaved} onCancel={onClose} />}
    </AuthLayout>
  );
}

function Confirmation({ saved, onClose }: { saved: { number: string | null; machineStopped: boolean }; onClose(): void }) {
  const { t } = useTranslation();
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    buttonRef.current?.focus();
    const timer = setTimeout(onClose, CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [onClose]);
  return (
    <div className="di-form" role="status">
      <p className="di-step">{t('requests.stepOf', { step: 3 })}</p>
      {saved.number ? (
        <>
          <p className="di-done__number">{saved.number}</p>
          <p>{t('requests.done.body')}</p>
        </>
      ) : (
        <p>{t('requests.done.queued')}</p>
      )}
      {saved.machineStopped ? <p>{t('requests.done.stopped')}</p> : null}
      <p className="muted">{t('requests.done.closing')}</p>
      <button ref={buttonRef} type="button" className="button button--primary button--block" onClick={onClose}>
        {t('requests.done.close')}
      </button>
    </div>
  );
}
