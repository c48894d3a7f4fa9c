// Renderer. The CSV export's progress on "Journal de sécurité": the latest `audit:progress` event main's
// database worker sent to this window while it writes the rows, as a real bar with the same figure in words.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditExportProgress } from '../../../../shared/contract';
import { subscribe } from '../../api/client';

/** The latest progress of this window's export; reset to null when an export starts or ends. */
export function useExportProgress(): [AuditExportProgress | null, (progress: AuditExportProgress | null) => void] {
  const [progress, setProgress] = useState<AuditExportProgress | null>(null);
  useEffect(() => subscribe('audit:progress', setProgress), []);
  return [progress, setProgress];
}

export function exportPercent(progress: AuditExportProgress): number {
  if (progress.totalRows <= 0) return 100;
  return Math.min(100, Math.floor((100 * progress.exportedRows) / progress.totalRows));
}

export function ExportProgressBar({ progress }: { progress: AuditExportProgress | null }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const number = new Intl.NumberFormat(i18n.language);
  // Before the first event (the worker is starting), an indeterminate bar: something is happening.
  const percent = progress ? exportPercent(progress) : null;
  const text = progress
    ? t('audit.exportProgress', { percent, rows: number.format(progress.exportedRows), total: number.format(progress.totalRows) })
    : t('audit.exportStarting');
  return (
    <div className="audit-export-progress">
      <p id={id} className="audit-export-progress__text" role="status">
        {text}
      </p>
      {percent === null ? (
        <progress className="audit-export-progress__bar" aria-labelledby={id} />
      ) : (
        <progress className="audit-export-progress__bar" aria-labelledby={id} max={100} value={percent} />
      )}
    </div>
  );
}
