// Renderer. The confirmation before a restore, shown once main has checked the file. It says what will
// happen (data replaced, a safety copy first, everyone signed out) and shows the progress once confirmed.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, BackupProgress } from '../../../../shared/contract';
import { Alert } from '../../components/Alert';
import { useDateFormatter } from '../../i18n/format';
import { BackupProgressBar } from './BackupProgressBar';
import { useSizeFormatter } from './format-size';
import { kindLabel } from './kind-label';

export function RestoreDialog(props: {
  backup: BackupInfo;
  appSchemaVersion: number;
  running: boolean;
  progress: BackupProgress | null;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const formatDate = useDateFormatter('short');
  const formatSize = useSizeFormatter();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { running, onCancel } = props;

  // The safe choice has the focus; Escape cancels unless the restore has started.
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !running) onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, onCancel]);

  const { backup } = props;
  return (
    <div className="modal-backdrop">
      <div role="alertdialog" aria-modal="true" aria-labelledby="restore-title" aria-describedby="restore-body" className="modal modal--wide">
        <h2 id="restore-title">{t('backups.confirmTitle')}</h2>
        <div id="restore-body" className="modal__body">
          <p>
            <strong>{t('backups.confirmWhat', { date: formatDate(backup.createdAt), kind: kindLabel(t, backup).toLowerCase(), size: formatSize(backup.sizeBytes) })}</strong>
          </p>
          <p>{t('backups.confirmReplace')}</p>
          <p>{t('backups.confirmSafety')}</p>
          <p>{t('backups.confirmLogout')}</p>
          {backup.schemaVersion !== null && backup.schemaVersion < props.appSchemaVersion ? <p>{t('backups.confirmUpgrade')}</p> : null}
        </div>
        {props.error ? <Alert tone="error">{props.error}</Alert> : null}
        {running ? (
          <>
            <p className="backup-progress__warning">{t('backups.restoring')}</p>
            {props.progress ? <BackupProgressBar progress={props.progress} /> : null}
          </>
        ) : (
          <div className="modal__actions">
            <button type="button" className="button button--danger" onClick={props.onConfirm}>
              {t('backups.confirm')}
            </button>
            <button ref={cancelRef} type="button" className="button button--ghost" onClick={onCancel}>
              {t('backups.cancel')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
