// Pure (Node; runs in the database worker, see db/db-worker.ts). The security log's CSV export on a connection
// of its own, read-only, in one read transaction: the count and the rows come from the same snapshot while the
// app keeps writing. Progress every few hundred rows, so the "Journal de sécurité" screen can show a bar.
import type { AuditLanguage } from '../../../shared/audit/audit-text';
import { openDatabaseFile } from '../kernel/db/open-database';
import { AuditRepository, type AuditCriteria, type AuditViewRecord } from '../kernel/audit-trail/audit-repository';
import { buildAuditCsv } from './audit-csv';

export interface AuditCsvJobInput {
  databaseFile: string;
  nativeBinding?: string;
  criteria: AuditCriteria;
  maxRows: number;
  language: AuditLanguage;
  /** Rows between two progress reports. */
  progressEvery?: number;
}

export interface AuditCsvJobResult {
  content: string;
  /** Rows matching the filter (the file holds at most maxRows of them, the newest). */
  total: number;
  rows: number;
}

export interface AuditCsvProgress {
  exportedRows: number;
  totalRows: number;
}

export function exportAuditCsv(input: AuditCsvJobInput, progress: (value: AuditCsvProgress) => void = () => undefined): AuditCsvJobResult {
  const db = openDatabaseFile({ file: input.databaseFile, readonly: true, nativeBinding: input.nativeBinding });
  try {
    // Read only: the workstation name is for entries this connection never writes.
    const audit = new AuditRepository(db, '');
    return db.transaction(() => {
      const total = audit.count(input.criteria);
      const totalRows = Math.min(total, input.maxRows);
      const every = input.progressEvery ?? 500;
      let exportedRows = 0;
      progress({ exportedRows, totalRows });
      function* counted(entries: Iterable<AuditViewRecord>) {
        for (const entry of entries) {
          yield entry;
          exportedRows++;
          if (exportedRows % every === 0) progress({ exportedRows, totalRows });
        }
      }
      const content = buildAuditCsv(counted(audit.stream(input.criteria, input.maxRows)), input.language);
      progress({ exportedRows, totalRows });
      return { content, total, rows: exportedRows };
    })();
  } finally {
    db.close();
  }
}
