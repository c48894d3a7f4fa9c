// Renderer. The warning before the session locks or ends, with a live countdown computed from main's
// deadline (right even after the window was hidden), and the two ways out. It is drawn above everything,
// whatever dialog is open: last child of <body>, its own z-index, every other node inert while it shows, the
// focus taken and kept inside, and given back to where it was when the person stays.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { logout } from './session-store';
import { millisecondsLeft, timingReceived, useSessionTimingStore } from './session-timing-store';
import { sendActivity } from './activity-forwarder';
import { claimExclusiveLayer } from './exclusive-layer';

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
  const layerRef = useRef<HTMLDivElement>(null);
  const shown = warning !== null;

  // Before paint: no frame where a dialog underneath could take a click meant for "Rester connecté".
  useLayoutEffect(() => {
    const layer = layerRef.current;
    if (!shown || !layer) return;
    const previous = document.activeElement as HTMLElement | null;
    const release = claimExclusiveLayer(layer);
    primaryRef.current?.focus();
    return () => {
      release();
      if (previous && previous !== document.body && document.contains(previous)) previous.focus();
    };
  }, [shown]);

  useEffect(() => {
    if (!warning) return;
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

  // Tab and Shift+Tab cycle between the two buttons: nothing else is reachable anyway (inert), but the
  // browser would otherwise move the focus out to its own chrome.
  const trapTab = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Tab') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>('button:not([disabled])')];
    if (buttons.length === 0) return;
    const index = buttons.indexOf(document.activeElement as HTMLElement);
    event.preventDefault();
    buttons[(index + (event.shiftKey ? buttons.length - 1 : 1)) % buttons.length].focus();
  };

  return createPortal(
    <div ref={layerRef} className="modal-backdrop modal-backdrop--session" data-testid="session-warning-layer">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="session-warning-title"
        aria-describedby="session-warning-body"
        className="modal"
        onKeyDown={trapTab}
      >
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
    </div>,
    document.body,
  );
}
