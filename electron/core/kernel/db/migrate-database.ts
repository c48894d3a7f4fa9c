// Pure (Node). Brings a database to the app's schema, on either engine, with the same numbered steps.
// SQLite keeps its version in PRAGMA user_version (as every released version did) and runs the steps on its raw
// connection (migrate.ts); PostgreSQL keeps it in a one-row table. All pending steps run in one transaction: the
// database reaches the new version or stays as it was. A database from a newer version of the app is refused on
// both, before anything is written.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database';
import { DatabaseTooNewError, migrate, readSchemaVersion as readSqliteVersion, type MigrationReport } from './migrate';
import type { Db } from './open-database';
import type { Migration } from './migrations/migration';
import type { Schema } from './schema';

export { DatabaseTooNewError, type MigrationReport };

export interface MigrateOptions {
  /** SQLite: copies an existing file before it is migrated, and answers the copy's path (PostgreSQL's backups are the server's). */
  backupBeforeMigration?: (db: Db) => string;
}

export async function readSchemaVersion(database: Database): Promise<number> {
  if (database.sqlite) return readSqliteVersion(database.sqlite);
  return readPostgresVersion(database.kysely);
}

export async function migrateDatabase(database: Database, migrations: readonly Migration[], options: MigrateOptions = {}): Promise<MigrationReport> {
  if (database.sqlite) return migrate(database.sqlite, migrations, options);
  assertOrdered(migrations);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  const from = await readPostgresVersion(database.kysely);
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  const pending = migrations.filter((step) => step.version > from);
  if (pending.length === 0) return { from, to: from, backupFile: null };

  await ensurePostgresVersionTable(database.kysely);
  await database.transaction(async (trx) => {
    // Read again under a lock on the version table: another process on the same database may have migrated while
    // this one waited, and a step must never run twice. (A relation lock, not an advisory one: taking it also
    // refreshes this connection's view of the catalog, which the steps need.)
    await sql`lock table gmao_schema_version in exclusive mode`.execute(trx);
    const current = await readPostgresVersion(trx);
    if (current > latest) throw new DatabaseTooNewError(current, latest);
    for (const step of pending) if (step.version > current) await step.postgres(trx);
    await writePostgresVersion(trx, latest);
  });
  return { from, to: latest, backupFile: null };
}

async function postgresVersionTableExists(db: Kysely<Schema>): Promise<boolean> {
  const exists = await sql<{ found: string | null }>`select to_regclass('gmao_schema_version')::text as found`.execute(db);
  return Boolean(exists.rows[0]?.found);
}

async function readPostgresVersion(db: Kysely<Schema>): Promise<number> {
  if (!(await postgresVersionTableExists(db))) return 0;
  const row = await sql<{ version: number }>`select version from gmao_schema_version`.execute(db);
  return row.rows[0]?.version ?? 0;
}

/** Two processes may both create it at once: the loser's "already exists" is harmless. */
async function ensurePostgresVersionTable(db: Kysely<Schema>): Promise<void> {
  try {
    await sql`create table if not exists gmao_schema_version (version integer not null)`.execute(db);
  } catch (error) {
    if (!(await postgresVersionTableExists(db))) throw error;
  }
}

async function writePostgresVersion(trx: Transaction<Schema>, version: number): Promise<void> {
  await sql`delete from gmao_schema_version`.execute(trx);
  await sql`insert into gmao_schema_version (version) values (${version})`.execute(trx);
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((step, index) => {
    if (step.version !== index + 1) throw new Error(`Migration ${step.name} has version ${step.version}, expected ${index + 1}`);
  });
}
