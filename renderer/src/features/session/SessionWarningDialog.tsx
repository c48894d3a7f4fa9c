// Renderer. The warning before the session locks or ends, with a live countdown computed from main's
// deadline (right even after the window was hidden), and the two ways out.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { logout } from './session-store';
import { millisecondsLeft, timingReceived, useSessionTimingStore } from './session-timing-store';
import { sendActivity } from './activity-forwarder';

export function formatCountdown(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes} min ${String(seconds).padStart(2, '0')} s` : `${seconds} s`;
}

export function SessionWarningDialog() {
  const { t } = useTranslation();
  const warning = useSessionTimingStore((state) => state.timing?.warning ?? null);
  const offsetMs = useSessionTimingStore((state) => state.offsetMs);
  const [, redraw] = useState(0);
  const primaryRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!warning) return;
    primaryRef.current?.focus();
    const timer = setInterval(() => redraw((n) => n + 1), 250);
    // Back from hidden: ask main again rather than trust anything counted while hidden.
    const onVisible = async () => {
      if (document.visibilityState !== 'visible') return;
      const result = await call('session:getTiming');
      if (result.ok) timingReceived(result.data);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [warning]);

  if (!warning) return null;
  const time = formatCountdown(millisecondsLeft(warning.deadline, offsetMs));
  const idle = warning.reason === 'idle';
  const dismissAbsolute = () => useSessionTimingStore.setState((state) => ({ timing: state.timing && { ...state.timing, warning: null } }));

  return (
    <div className="modal-backdrop">
      <div role="alertdialog" aria-modal="true" aria-labelledby="session-warning-title" aria-describedby="session-warning-body" className="modal">
        <h2 id="session-warning-title">{idle ? t('sessionWarning.idleTitle') : t('sessionWarning.absoluteTitle')}</h2>
        <p id="session-warning-body" className="modal__body">
          {idle ? t('sessionWarning.idleBody', { time }) : t('sessionWarning.absoluteBody', { time })}
        </p>
        <p className="modal__countdown" aria-hidden="true">
          {time}
        </p>
        <div className="modal__actions">
          <button ref={primaryRef} type="button" className="button button--primary" onClick={() => void (idle ? sendActivity() : dismissAbsolute())}>
            {idle ? t('sessionWarning.stay') : t('sessionWarning.understood')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => void logout()}>
            {t('sessionWarning.logout')}
          </button>
        </div>
      </div>
    </div>
  );
}
