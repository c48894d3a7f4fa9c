// Pure (Node). The security log's CSV export, read in one snapshot (the count and the rows agree while the app
// keeps writing) and written batch by batch, with progress every few hundred rows for the "Journal de sécurité"
// screen's bar. Where it runs depends on the engine:
// - SQLite: in the database worker (db-worker.ts), on a read-only connection of its own (`exportAuditCsv`):
//   better-sqlite3 is synchronous, so 100,000 rows read on main's thread would stop main's event loop;
// - PostgreSQL: in main, on the core's pool (`writeAuditCsv`): the reading is the server's work and every page
//   is an await, so main's event loop keeps turning without a worker (and without a second pool).
import { Kysely, SqliteDialect } from 'kysely';
import type { AuditLanguage } from '../../../shared/audit/audit-text';
import type { Engine } from '../kernel/db/database';
import { openDatabaseFile } from '../kernel/db/open-database';
import type { Schema } from '../kernel/db/schema';
import { AuditRepository, type AuditCriteria } from '../kernel/audit-trail/audit-repository';
import { AuditCsvWriter } from './audit-csv';

export interface AuditCsvOptions {
  criteria: AuditCriteria;
  maxRows: number;
  language: AuditLanguage;
  /** Rows between two progress reports. */
  progressEvery?: number;
}

export interface AuditCsvJobInput extends AuditCsvOptions {
  databaseFile: string;
  nativeBinding?: string;
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

/** The worker's job (SQLite): a read-only connection of its own, closed whatever happens. */
export async function exportAuditCsv(input: AuditCsvJobInput, progress: (value: AuditCsvProgress) => void = () => undefined): Promise<AuditCsvJobResult> {
  const handle = openDatabaseFile({ file: input.databaseFile, readonly: true, nativeBinding: input.nativeBinding });
  // Kysely's plain SQLite dialect begins transactions with a deferred BEGIN: on this read-only connection that
  // is a read snapshot (WAL), and it never takes the write lock the app's own connection needs meanwhile.
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: handle }) });
  try {
    return await writeAuditCsv(db, 'sqlite', input, progress);
  } finally {
    await db.destroy();
    if (handle.open) handle.close();
  }
}

/** The export on any connection: one snapshot, newest first, progress as rows are written. */
export function writeAuditCsv(db: Kysely<Schema>, engine: Engine, options: AuditCsvOptions, progress: (value: AuditCsvProgress) => void = () => undefined): Promise<AuditCsvJobResult> {
  // PostgreSQL's default (read committed) gives each statement its own view: repeatable read keeps one for all.
  const transaction = engine === 'postgres' ? db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only') : db.transaction();
  return transaction.execute(async (trx) => {
    // Read only: the workstation name is for entries this connection never writes.
    const audit = new AuditRepository(trx, '');
    const total = await audit.count(options.criteria);
    const totalRows = Math.min(total, options.maxRows);
    const every = options.progressEvery ?? 500;
    const csv = new AuditCsvWriter(options.language);
    let exportedRows = 0;
    progress({ exportedRows, totalRows });
    // The repository walks the log in batches (keyset), so 100,000 records are never in memory together.
    for await (const entry of audit.stream(options.criteria, options.maxRows)) {
      csv.add([entry]);
      exportedRows++;
      if (exportedRows % every === 0) progress({ exportedRows, totalRows });
    }
    progress({ exportedRows, totalRows });
    return { content: csv.content(), total, rows: exportedRows };
  });
}
