// Pure (Node). Brings a database to the app's schema with PRAGMA user_version.
// All pending steps run in one transaction: either the database reaches the new version or it stays as it was.
import fs from 'node:fs';
import path from 'node:path';
import { freshBackupName, PARTIAL_SUFFIX } from '../../backups/backup-folder';
import type { Clock } from '../platform/clock';
import type { Db } from './open-database';
import type { Migration } from './migrations/migration';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`Database schema version ${found} is newer than this app supports (${supported}).`);
    this.name = 'DatabaseTooNewError';
  }
}

export interface MigrationReport {
  from: number;
  to: number;
  /** The copy taken before migrating an existing database, if any. */
  backupFile: string | null;
}

export function readSchemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(
  db: Db,
  migrations: readonly Migration[],
  options: { backupDir: string; clock: Clock },
): MigrationReport {
  assertOrdered(migrations);
  const from = readSchemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  const pending = migrations.filter((step) => step.version > from);
  if (pending.length === 0) return { from, to: from, backupFile: null };

  // A fresh database has nothing to lose; an existing one is copied first, consistently, while open.
  const backupFile = from > 0 ? backupBeforeMigration(db, options) : null;

  db.transaction(() => {
    // Read again under the write lock: a second instance on the same data folder (another OS account)
    // may have migrated while this one waited, and a step must never run twice.
    const current = readSchemaVersion(db);
    if (current > latest) throw new DatabaseTooNewError(current, latest);
    for (const step of pending) {
      if (step.version <= current) continue;
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }
  }).immediate();

  return { from, to: latest, backupFile };
}

/**
 * Same folder and naming as every other backup (backups/backup-names.ts), so it shows in "Sauvegardes" as
 * "avant migration" and can be restored from there. Synchronous on purpose: nothing else runs yet at start-up.
 */
function backupBeforeMigration(db: Db, options: { backupDir: string; clock: Clock }): string {
  fs.mkdirSync(options.backupDir, { recursive: true });
  const file = path.join(options.backupDir, freshBackupName(options.backupDir, 'pre-migration', options.clock.now()));
  // VACUUM INTO writes a consistent, compacted, single-file (rollback journal) copy without blocking readers.
  // Written under a temporary name first: a crash halfway never leaves a truncated file that looks like a backup.
  db.prepare('VACUUM INTO ?').run(file + PARTIAL_SUFFIX);
  fs.renameSync(file + PARTIAL_SUFFIX, file);
  return file;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((step, index) => {
    if (step.version !== index + 1) throw new Error(`Migration ${step.name} has version ${step.version}, expected ${index + 1}`);
  });
}
