// Renderer. The backups in the folder, newest first, each with "Restaurer" and "Exporter vers…".
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../../shared/contract';
import { TableCard } from '../../components/TableCard';
import { useDateFormatter } from '../../i18n/format';
import { useSizeFormatter } from './format-size';
import { kindLabel, versionLabel } from './kind-label';

export function BackupListCard(props: {
  backups: readonly BackupInfo[];
  /** The file being checked before the confirmation, if any. */
  checking: string | null;
  /** A backup or restore runs: restoring now would only queue behind it. */
  disabled: boolean;
  onRestore: (backup: BackupInfo) => void;
  onExport: (backup: BackupInfo) => void;
}) {
  const { t } = useTranslation();
  const formatDate = useDateFormatter('short');
  const formatSize = useSizeFormatter();

  return (
    <TableCard
      id="backups-list-title"
      title={t('backups.listTitle')}
      emptyText={t('backups.listEmpty')}
      columns={[t('backups.columnDate'), t('backups.columnKind'), t('backups.columnSize'), t('backups.columnVersion'), t('backups.columnActions')]}
      rows={props.backups}
      rowKey={(backup) => backup.fileName}
      fullWidth
      cells={(backup) => {
        const date = formatDate(backup.createdAt);
        return [
          <span className="nowrap" title={backup.fileName}>
            {date}
          </span>,
          kindLabel(t, backup),
          <span className="nowrap">{formatSize(backup.sizeBytes)}</span>,
          <span className={backup.state === 'ok' ? undefined : 'text-warning'}>{versionLabel(t, backup)}</span>,
          <div className="row-actions">
            <button
              type="button"
              className="button button--ghost"
              aria-label={t('backups.restoreLabel', { date })}
              disabled={props.disabled || props.checking !== null || backup.state !== 'ok'}
              onClick={() => props.onRestore(backup)}
            >
              {props.checking === backup.fileName ? t('backups.checking') : t('backups.restore')}
            </button>
            <button type="button" className="button button--ghost" aria-label={t('backups.exportLabel', { date })} onClick={() => props.onExport(backup)}>
              {t('backups.export')}
            </button>
          </div>,
        ];
      }}
    />
  );
}
