// Pure (Node). The long SQLite jobs that run in a worker thread (db-worker.ts) so main's event loop keeps
// serving the windows: a backup's integrity check and rebuild, and the security log's CSV export. Each job
// is a function of plain data (synchronous, or a promise for the ones that read through Kysely); it reports progress through `progress`. The jobs belong to
// their domains; this registry composes them for the worker, as modules.ts composes the modules.
import { exportAuditCsv, type AuditCsvJobInput, type AuditCsvJobResult, type AuditCsvProgress } from './audit/audit-csv-job';
import { verifyAndRebuild, type VerifyBackupInput, type VerifyBackupOutcome, type VerifyStep } from './backups/verify-backup';
import { buildExportJob, parseImportJob, type ExportBuildInput, type ImportParseInput, type ImportParseResult } from './equipment/equipment-io-jobs';
import { buildPartsExportJob, parsePartsImportJob, type PartsExportBuildInput, type PartsImportParseInput, type PartsImportParseResult } from './parts/parts-io-jobs';

export interface DbJobs {
  'verify-backup': { input: VerifyBackupInput; result: VerifyBackupOutcome; progress: VerifyStep };
  'audit-csv': { input: AuditCsvJobInput; result: AuditCsvJobResult; progress: AuditCsvProgress };
  'equipment-import-parse': { input: ImportParseInput; result: ImportParseResult; progress: never };
  'equipment-export-build': { input: ExportBuildInput; result: Uint8Array; progress: never };
  'parts-import-parse': { input: PartsImportParseInput; result: PartsImportParseResult; progress: never };
  'parts-export-build': { input: PartsExportBuildInput; result: Uint8Array; progress: never };
}

export type DbJobName = keyof DbJobs;

export const DB_JOBS: { [K in DbJobName]: (input: DbJobs[K]['input'], progress: (value: DbJobs[K]['progress']) => void) => DbJobs[K]['result'] | Promise<DbJobs[K]['result']> } = {
  'verify-backup': verifyAndRebuild,
  'audit-csv': exportAuditCsv,
  'equipment-import-parse': parseImportJob,
  'equipment-export-build': buildExportJob,
  'parts-import-parse': parsePartsImportJob,
  'parts-export-build': buildPartsExportJob,
};
