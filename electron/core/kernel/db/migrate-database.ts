// Pure (Node). Brings a database to the app's schema, on either engine, with the same numbered steps.
// SQLite keeps its version in PRAGMA user_version (as every released version did); PostgreSQL in a one-row
// table. All pending steps run in one transaction: the database reaches the new version or stays as it was.
// A database from a newer version of the app is refused on both, before anything is written.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database';
import type { Migration } from './migrations/migration';
import type { Schema } from './schema';

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
  /** The copy taken before migrating an existing database, if any (SQLite only: PostgreSQL's are the server's job). */
  backupFile: string | null;
}

export interface MigrateOptions {
  /** Called once before an existing SQLite database is migrated; answers the copy's path. */
  backupBeforeMigration?: (database: Database) => string | null;
}

export async function readSchemaVersion(database: Database): Promise<number> {
  if (database.sqlite) return database.sqlite.pragma('user_version', { simple: true }) as number;
  return readPostgresVersion(database.kysely);
}

export async function migrateDatabase(database: Database, migrations: readonly Migration[], options: MigrateOptions = {}): Promise<MigrationReport> {
  assertOrdered(migrations);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  const from = await readSchemaVersion(database);
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  const pending = migrations.filter((step) => step.version > from);
  if (pending.length === 0) return { from, to: from, backupFile: null };

  // A fresh database has nothing to lose; an existing SQLite file is copied first, consistently, while open.
  const backupFile = from > 0 && database.engine === 'sqlite' ? (options.backupBeforeMigration?.(database) ?? null) : null;

  if (database.engine === 'postgres') await ensurePostgresVersionTable(database.kysely);
  await database.transaction(async (trx) => {
    // Read again under the write lock: another process on the same database may have migrated while this one
    // waited, and a step must never run twice. (PostgreSQL: a lock on the version table itself, not an advisory
    // lock: taking a relation lock also refreshes this connection's view of the catalog, which the steps need.)
    if (database.engine === 'postgres') await sql`lock table gmao_schema_version in exclusive mode`.execute(trx);
    const current = database.sqlite ? (database.sqlite.pragma('user_version', { simple: true }) as number) : await readPostgresVersion(trx);
    if (current > latest) throw new DatabaseTooNewError(current, latest);
    for (const step of pending) {
      if (step.version <= current) continue;
      if (database.sqlite) {
        // Same connection as `trx` (SQLite has one), so the raw step runs inside this transaction.
        step.up(database.sqlite);
        database.sqlite.pragma(`user_version = ${step.version}`);
      } else {
        await step.postgres(trx);
      }
    }
    if (database.engine === 'postgres') await writePostgresVersion(trx, latest);
  });
  return { from, to: latest, backupFile };
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

/** Two processes may both create it at once: the loser's "already exists" (a unique violation) is harmless. */
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
