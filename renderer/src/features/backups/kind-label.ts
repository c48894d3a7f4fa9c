// Renderer. How a backup is described in one line: its kind, and what its file says about versions.
import type { TFunction } from 'i18next';
import type { BackupInfo } from '../../../../shared/contract';

export function kindLabel(t: TFunction, backup: BackupInfo): string {
  return t(`backups.kinds.${backup.kind}`);
}

export function versionLabel(t: TFunction, backup: BackupInfo): string {
  if (backup.state === 'unreadable' || backup.schemaVersion === null) return t('backups.unreadable');
  if (backup.state === 'too-new') return t('backups.tooNew', { schema: backup.schemaVersion });
  return backup.appVersion
    ? t('backups.version', { app: backup.appVersion, schema: backup.schemaVersion })
    : t('backups.versionUnknownApp', { schema: backup.schemaVersion });
}
