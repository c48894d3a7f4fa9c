// Renderer. "Changer mon mot de passe", at any time: current password, the new one twice. Main ends the
// person's other sessions (other windows, other PCs) and keeps this one; the dialog says so.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../shared/contract';
import { Alert } from '../../components/Alert';
import { ChangePasswordForm } from '../../components/password/ChangePasswordForm';
import { Modal } from '../../components/Modal';
import { userUpdated } from '../session/session-store';

export function ChangePasswordDialog({ user, onClose }: { user: SessionUser; onClose: () => void }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);

  return (
    <Modal title={t('passwordChange.voluntaryTitle')} onEscape={onClose} wide>
      {done ? (
        <>
          <Alert tone="success">{t('passwordChange.done')}</Alert>
          <div className="modal__actions">
            <button type="button" className="button button--primary" onClick={onClose}>
              {t('passwordChange.close')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="modal__body">{t('passwordChange.voluntaryIntro')}</p>
          <ChangePasswordForm
            user={user}
            askCurrent
            submitLabel={t('passwordChange.submit')}
            onChanged={(updated) => {
              userUpdated(updated);
              setDone(true);
            }}
          >
            <button type="button" className="button button--ghost" onClick={onClose}>
              {t('passwordChange.cancel')}
            </button>
          </ChangePasswordForm>
        </>
      )}
    </Modal>
  );
}
