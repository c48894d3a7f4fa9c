// Renderer. The one-time enrolment code just created on the server: the code large (typed on the client PC), the
// time left, the certificate's fingerprint grouped for reading aloud, and the address to type. Shown once: main
// keeps only its hash.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolmentCode } from '../../../../shared/site/contract';
import { Modal } from '../../components/Modal';
import { FingerprintGroups } from './FingerprintGroups';
import { formatCountdown, secondsUntil } from './site-format';
import './site.css';

export function EnrolmentCodeDialog({ code, onClose }: { code: EnrolmentCode; onClose: () => void }) {
  const { t } = useTranslation();
  const fingerprintTitle = useId();
  const [now, setNow] = useState(() => Date.now());
  const left = secondsUntil(code.expiresAt, now);
  useEffect(() => {
    if (left === 0) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [left === 0]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Modal title={t('site.code.title')} onEscape={onClose} wide>
      <div className="code-dialog">
        <div className="code-dialog__code">
          <p className="code-dialog__intro">{t('site.code.intro')}</p>
          <p className="field__label">{t('site.code.codeLabel')}</p>
          <p className={`enrolment-code${left === 0 ? ' enrolment-code--expired' : ''}`} data-testid="enrolment-code">
            {code.code}
          </p>
          {left > 0 ? (
            <p className="enrolment-code__timer">{t('site.code.expiresIn', { time: formatCountdown(left) })}</p>
          ) : (
            <p className="field__error" role="alert">
              {t('site.code.expired')}
            </p>
          )}
          <h3>{t('site.code.urls')}</h3>
          <ul className="path code-dialog__urls">
            {code.serverUrls.map((url) => (
              <li key={url}>{url}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3 id={fingerprintTitle}>{t('site.workstations.fingerprint')}</h3>
          <p>{t('site.code.fingerprintHelp')}</p>
          <FingerprintGroups fingerprint={code.fingerprint} labelledBy={fingerprintTitle} />
        </div>
      </div>
      <div className="modal__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('site.code.close')}
        </button>
      </div>
    </Modal>
  );
}
