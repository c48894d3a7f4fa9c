// Pure (Node). The copy taken before a schema migration, in the backups folder with the backups' naming, so it
// shows in "Sauvegardes" as "avant migration" and can be restored from there. The kernel calls it through
// `KernelDeps.backupBeforeMigration`: the kernel knows no domain.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../kernel/db/open-database';
import type { Clock } from '../kernel/platform/clock';
import { freshBackupName, PARTIAL_SUFFIX } from './backup-folder';
import { BackupFileRepository } from './backup-file-repository';

/**
 * Same folder and naming as every other backup (backups/backup-names.ts), so it shows in "Sauvegardes" as
 * "avant migration" and can be restored from there. Synchronous on purpose: nothing else runs yet at start-up.
 */
export function backupBeforeMigration(db: Db, options: { backupDir: string; clock: Clock }): string {
  fs.mkdirSync(options.backupDir, { recursive: true });
  const file = path.join(options.backupDir, freshBackupName(options.backupDir, 'pre-migration', options.clock.now()));
  // VACUUM INTO writes a consistent, compacted, single-file (rollback journal) copy without blocking readers.
  // Written under a temporary name first: a crash halfway never leaves a truncated file that looks like a backup.
  new BackupFileRepository(db).copyInto(file + PARTIAL_SUFFIX);
  fs.renameSync(file + PARTIAL_SUFFIX, file);
  return file;
}

