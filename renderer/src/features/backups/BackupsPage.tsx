// Renderer. "Sauvegardes" (administrators): back up now with a real progress bar, the list of backups with
// "Restaurer" (checked by main, then confirmed) and "Exporter vers…", importing a backup from elsewhere, and
// how many automatic backups to keep. The screen stays usable while a copy runs: main does it in small steps.
// On PostgreSQL the server makes the backups: the screen says so instead (ServerBackupsCard).
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, BackupOverview, IpcError } from '../../../../shared/contract';
import { backupErrorText } from './backup-error-text';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { BackupListCard } from './BackupListCard';
import { BackupProgressBar } from './BackupProgressBar';
import { RestoreDialog } from './RestoreDialog';
import { RetentionCard } from './RetentionCard';
import { ServerBackupsCard } from './ServerBackupsCard';
import type { StatusMessage } from './status';
import { startDownload, uploadBackup } from './upload-backup';
import { useBackupProgress } from './use-backup-progress';

type Operation = 'backup' | 'import' | 'restore' | null;

export function BackupsPage() {
  const { t } = useTranslation();
  const [overview, setOverview] = useState<BackupOverview | null>(null);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [operation, setOperation] = useState<Operation>(null);
  const [progress, setProgress] = useBackupProgress();
  const [checking, setChecking] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const uploadUrlRef = useRef<string | null>(null);

  const errorText = useCallback((error: IpcError) => backupErrorText(t, error), [t]);

  const load = useCallback(
    () =>
      call('backups:list').then((result) => {
        if (result.ok) setOverview(result.data);
        else setStatus({ tone: 'error', text: errorText(result.error) });
      }),
    [errorText],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const backupNow = async () => {
    setStatus(null);
    setProgress(null);
    setOperation('backup');
    const result = await call('backups:create');
    setOperation(null);
    setProgress(null);
    setStatus(result.ok ? { tone: 'success', text: t('backups.created', { fileName: result.data.fileName }) } : { tone: 'error', text: errorText(result.error) });
    await load();
  };

  const askRestore = async (backup: BackupInfo) => {
    setStatus(null);
    setChecking(backup.fileName);
    const result = await call('backups:check', { fileName: backup.fileName });
    setChecking(null);
    if (!result.ok) {
      setStatus({ tone: 'error', text: errorText(result.error) });
      return;
    }
    setRestoreError(null);
    setConfirming(result.data);
  };

  const restore = async () => {
    if (!confirming) return;
    setProgress(null);
    setRestoreError(null);
    setOperation('restore');
    const result = await call('backups:restore', { fileName: confirming.fileName });
    // On success main has ended every session: the app is already on the login screen with its notice.
    if (result.ok) return;
    setOperation(null);
    setProgress(null);
    setRestoreError(errorText(result.error));
    await load();
  };

  const exportBackup = async (backup: BackupInfo) => {
    setStatus(null);
    const result = await call('backups:export', { fileName: backup.fileName });
    if (!result.ok) return setStatus({ tone: 'error', text: errorText(result.error) });
    const outcome = result.data;
    if (outcome.outcome === 'saved') setStatus({ tone: 'success', text: t('backups.exported', { path: outcome.path }) });
    else if (outcome.outcome === 'download') {
      startDownload(outcome.url, outcome.fileName);
      setStatus({ tone: 'info', text: t('backups.downloadStarted', { fileName: outcome.fileName }) });
    }
  };

  const importBackup = async () => {
    setStatus(null);
    const result = await call('backups:import');
    if (!result.ok) return setStatus({ tone: 'error', text: errorText(result.error) });
    const outcome = result.data;
    if (outcome.outcome === 'imported') {
      setStatus({ tone: 'success', text: t('backups.imported', { fileName: outcome.backup.fileName }) });
      await load();
    } else if (outcome.outcome === 'upload') {
      // The browser harness: the file comes from the browser's own picker, then goes to main's upload address.
      uploadUrlRef.current = outcome.url;
      fileInputRef.current?.click();
    }
  };

  const fileChosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    const url = uploadUrlRef.current;
    event.target.value = '';
    uploadUrlRef.current = null;
    if (!file || !url) return;
    setOperation('import');
    const result = await uploadBackup(url, file);
    setOperation(null);
    setStatus(result.ok ? { tone: 'success', text: t('backups.imported', { fileName: result.data.fileName }) } : { tone: 'error', text: errorText(result.error) });
    await load();
  };

  const busy = operation !== null;
  if (overview?.engine === 'postgres') {
    return (
      <>
        <h1>{t('backups.title')}</h1>
        {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
        <ServerBackupsCard overview={overview} progress={progress} onProgressReset={() => setProgress(null)} onStatus={setStatus} />
      </>
    );
  }
  return (
    <>
      <h1>{t('backups.title')}</h1>
      <p className="lead">{t('backups.intro')}</p>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}

      <section className="card card--wide" aria-labelledby="backup-now-title">
        <h2 id="backup-now-title">{t('backups.nowTitle')}</h2>
        <div className="button-row">
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void backupNow()}>
            {operation === 'backup' ? t('backups.backingUp') : t('backups.backupNow')}
          </button>
          <button type="button" className="button button--ghost" disabled={busy} onClick={() => void importBackup()}>
            {operation === 'import' ? t('backups.importing') : t('backups.importBackup')}
          </button>
          <input ref={fileInputRef} type="file" accept=".sqlite" hidden aria-label={t('backups.importFileLabel')} onChange={(event) => void fileChosen(event)} />
        </div>
        {operation === 'backup' && progress ? <BackupProgressBar progress={progress} /> : null}
        {overview?.busy && !busy ? <p className="field__hint">{t('backups.busyElsewhere')}</p> : null}
        <p className="field__hint">{t('backups.importHint')}</p>
        {overview ? (
          <p className="backup-folder">
            {t('backups.folder')} <code>{overview.folder}</code>
          </p>
        ) : null}
      </section>

      {overview ? (
        <BackupListCard
          backups={overview.backups}
          checking={checking}
          disabled={busy}
          onRestore={(backup) => void askRestore(backup)}
          onExport={(backup) => void exportBackup(backup)}
        />
      ) : null}

      {overview ? <RetentionCard settings={overview.settings} onStatus={setStatus} onSaved={() => void load()} /> : null}

      {confirming && overview ? (
        <RestoreDialog
          backup={confirming}
          appSchemaVersion={overview.appSchemaVersion}
          running={operation === 'restore'}
          progress={progress}
          error={restoreError}
          onConfirm={() => void restore()}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
    </>
  );
}
