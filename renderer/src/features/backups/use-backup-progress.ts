// Renderer. The latest `backups:progress` event main pushed to this window, while an operation runs.
import { useEffect, useState } from 'react';
import type { BackupProgress } from '../../../../shared/contract';
import { subscribe } from '../../api/client';

export function useBackupProgress(): [BackupProgress | null, (progress: BackupProgress | null) => void] {
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  useEffect(() => subscribe('backups:progress', setProgress), []);
  return [progress, setProgress];
}
