// Renderer. "Sauvegardes" when the data is on a PostgreSQL server: an explanation instead of the list (the
// server makes the backups and restores, the app none), and « Exporter (pg_dump) » when main found pg_dump on
// this PC, with its progress and where the file went.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupOverview, BackupProgress } from '../../../../shared/contract';
import { call } from '../../api/client';
import { BackupProgressBar } from './BackupProgressBar';
import { backupErrorText } from './backup-error-text';
import { useSizeFormatter } from './format-size';
import type { StatusMessage } from './status';

export function ServerBackupsCard({
  overview,
  progress,
  onProgressReset,
  onStatus,
}: {
  overview: BackupOverview;
  progress: BackupProgress | null;
  onProgressReset: () => void;
  onStatus: (status: StatusMessage | null) => void;
}) {
  const { t } = useTranslation();
  const formatSize = useSizeFormatter();
  const [running, setRunning] = useState(false);

  const exportDump = async () => {
    onStatus(null);
    onProgressReset();
    setRunning(true);
    const result = await call('backups:serverDump');
    setRunning(false);
    onProgressReset();
    onStatus(
      result.ok
        ? { tone: 'success', text: t('backups.server.dumped', { path: result.data.path, size: formatSize(result.data.sizeBytes) }) }
        : { tone: 'error', text: backupErrorText(t, result.error) },
    );
  };

  return (
    <section className="card card--wide" aria-labelledby="server-backups-title">
      <h2 id="server-backups-title">{t('backups.server.title')}</h2>
      <p>{t('backups.server.explanation')}</p>
      <p>{t('backups.server.restore')}</p>
      {overview.serverDumpAvailable ? (
        <>
          <p className="field__hint">{t('backups.server.dumpHint')}</p>
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={running || overview.busy !== null} onClick={() => void exportDump()}>
              {running ? t('backups.server.dumping') : t('backups.server.dump')}
            </button>
          </div>
          {running && progress?.phase === 'server-dump' ? <BackupProgressBar progress={progress} /> : null}
          {overview.busy && !running ? <p className="field__hint">{t('backups.server.busyElsewhere')}</p> : null}
          <p className="backup-folder">
            {t('backups.folder')} <code>{overview.folder}</code>
          </p>
        </>
      ) : (
        <p className="field__hint">{t('backups.server.noPgDump')}</p>
      )}
    </section>
  );
}
