// Renderer. The progress of a copy, from main's page counts: a real bar, and the same figure in words for
// screen readers (announced politely, not at every page).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupProgress } from '../../../../shared/contract';

export function progressPercent(progress: BackupProgress): number {
  if (progress.totalPages <= 0) return 0;
  return Math.floor((100 * (progress.totalPages - progress.remainingPages)) / progress.totalPages);
}

const PHASE_TEXT = {
  backup: 'backups.progressBackup',
  check: 'backups.progressCheck',
  restore: 'backups.progressRestore',
  'server-dump': 'backups.progressServerDump',
} as const satisfies Record<BackupProgress['phase'], string>;

export function BackupProgressBar({ progress }: { progress: BackupProgress }) {
  const { t } = useTranslation();
  const id = useId();
  const percent = progressPercent(progress);
  const key = PHASE_TEXT[progress.phase];
  const text = t(key, { percent });
  return (
    <div className="backup-progress">
      <p id={id} className="backup-progress__text" role="status">
        {text}
      </p>
      <progress className="backup-progress__bar" aria-labelledby={id} max={100} value={percent} />
    </div>
  );
}
