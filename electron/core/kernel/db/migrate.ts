// Pure (Node). Brings a database to the app's schema with PRAGMA user_version.
// All pending steps run in one transaction: either the database reaches the new version or it stays as it was.
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

export interface MigrateOptions {
  /** Copies an existing database before it is migrated, and answers the copy's path (the backups domain's). */
  backupBeforeMigration?: (db: Db) => string;
}

export function migrate(
  db: Db,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): MigrationReport {
  assertOrdered(migrations);
  const from = readSchemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  const pending = migrations.filter((step) => step.version > from);
  if (pending.length === 0) return { from, to: from, backupFile: null };

  // A fresh database has nothing to lose; an existing one is copied first, consistently, while open.
  const backupFile = from > 0 && options.backupBeforeMigration ? options.backupBeforeMigration(db) : null;

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

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((step, index) => {
    if (step.version !== index + 1) throw new Error(`Migration ${step.name} has version ${step.version}, expected ${index + 1}`);
  });
}
