// Renderer. The temporary password main answered, shown once: masked until "Afficher", "Copier" (the clipboard
// is cleared 60 s later if it still holds it), its expiry, and a plain warning that it won't be shown again.
// It lives only in the state of the page that opened this dialog: closing the dialog, locking or signing out
// drops it for good. Neither Escape nor a stray Enter closes it: focus starts on "Afficher", not on "Fermer".
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemporaryPassword } from '../../../../shared/contract';
import { useDateFormatter } from '../../i18n/format';
import { Modal } from '../Modal';
import { clipboardGuard } from './clipboard';
import { CLIPBOARD_CLEAR_DELAY_MS } from './clipboard-guard';

export interface TemporaryPasswordDialogProps {
  /** Whose password it is, by display name. */
  name: string;
  temporaryPassword: TemporaryPassword;
  onClose: () => void;
}

export function TemporaryPasswordDialog({ name, temporaryPassword, onClose }: TemporaryPasswordDialogProps) {
  const { t } = useTranslation();
  const introId = useId();
  const [revealed, setRevealed] = useState(false);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const formatDate = useDateFormatter();

  const copyValue = async () => {
    setCopy((await clipboardGuard.copy(temporaryPassword.value)) ? 'copied' : 'failed');
  };

  return (
    <Modal title={t('temporaryPassword.title', { name })} describedBy={introId}>
      <p id={introId} className="modal__body">
        {t('temporaryPassword.intro', { name })}
      </p>
      <p className="temp-password__warning">{t('temporaryPassword.warning')}</p>
      <div className="temp-password">
        <span className="field__label">
          {t('temporaryPassword.label')}
        </span>
        <div className="temp-password__row">
          {/* Not a live region: revealing it must not make a screen reader say it aloud on its own. */}
          <p className="temp-password__value">
            {revealed ? (
              <span translate="no" data-testid="temporary-password-value">
                {temporaryPassword.value}
              </span>
            ) : (
              <>
                <span aria-hidden="true">••••••••••••</span>
                <span className="visually-hidden">{t('temporaryPassword.maskedLabel')}</span>
              </>
            )}
          </p>
        </div>
        <div className="temp-password__buttons">
          <button type="button" className="button button--ghost" aria-pressed={revealed} onClick={() => setRevealed((value) => !value)}>
            {revealed ? t('temporaryPassword.hide') : t('temporaryPassword.reveal')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => void copyValue()}>
            {t('temporaryPassword.copy')}
          </button>
        </div>
        <p className="temp-password__status" role="status">
          {copy === 'copied'
            ? t('temporaryPassword.copied', { seconds: CLIPBOARD_CLEAR_DELAY_MS / 1000 })
            : copy === 'failed'
              ? t('temporaryPassword.copyFailed')
              : ''}
        </p>
        <p className="temp-password__expiry">{t('temporaryPassword.expires', { date: formatDate(temporaryPassword.expiresAt) })}</p>
      </div>
      <div className="modal__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('temporaryPassword.close')}
        </button>
      </div>
    </Modal>
  );
}
