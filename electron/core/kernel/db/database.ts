// Pure (Node). The one database handle of the core, on either engine: SQLite (better-sqlite3, embedded, the
// default) or PostgreSQL (pg, for a site). Repositories write their SQL with Kysely against `Schema`, so the
// same repository code runs on both; services get units of work from `transaction()`.
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type Transaction } from 'kysely';
import pg from 'pg';
import { openDatabase } from './open-database';
import type { Schema } from './schema';

export type Engine = 'sqlite' | 'postgres';

/** What repositories run their statements on: the database itself, or a transaction of it. */
export type Executor = Kysely<Schema>;

/** Which engine an executor (the database or one of its transactions) talks to, for the rare engine-specific SQL. */
export function engineOf(db: { getExecutor(): { readonly adapter: object } }): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export interface Database {
  readonly engine: Engine;
  readonly kysely: Kysely<Schema>;
  /**
   * One short unit of work. Everything inside must go through `trx` (on SQLite the one connection is held by the
   * transaction, so a statement on `kysely` would wait for it forever), and nothing slow (bcrypt, SMTP, file copies)
   * may be awaited inside: load and decide first, then write here.
   */
  transaction<T>(work: (trx: Transaction<Schema>) => Promise<T>): Promise<T>;
  /** SQLite only: the raw connection, for the online backup API, integrity checks and PRAGMAs. */
  readonly sqlite: BetterSqlite3.Database | null;
  /** Where the data is, for About and logs: the file, or the URL with its password hidden. */
  readonly location: string;
  close(): Promise<void>;
}

export interface SqliteOptions {
  file: string;
  nativeBinding?: string;
  busyTimeoutMs?: number;
}

/** SQLite's default BEGIN takes the write lock only at the first write; a second process could then deadlock on
 * the upgrade (SQLITE_BUSY at once, busy_timeout ignored). BEGIN IMMEDIATE takes it up front and waits its turn. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly handle: BetterSqlite3.Database) {
    super({ database: handle });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.handle });
  }
}

export function openSqliteDatabase(options: SqliteOptions): Database {
  const handle = openDatabase(options);
  const kysely = new Kysely<Schema>({ dialect: new ImmediateSqliteDialect(handle) });
  return {
    engine: 'sqlite',
    kysely,
    sqlite: handle,
    location: options.file,
    transaction: (work) => kysely.transaction().execute(work),
    close: async () => {
      await kysely.destroy();
      if (handle.open) handle.close();
    },
  };
}

// PostgreSQL's BIGINT (instants in ms, ids) arrives as text by default; every value we store fits a double.
const INT8_OID = 20;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions {
  url: string;
  /** Connections per process (default 10): a workstation's core needs few; the site server more. */
  poolSize?: number;
  /** Tests: one schema per core, so suites never see each other's rows. */
  searchPath?: string;
}

export class DatabaseUnreachableError extends Error {
  constructor(
    readonly location: string,
    readonly reason: string,
  ) {
    super(`Impossible de joindre la base de données PostgreSQL ${location} : ${reason}`);
    this.name = 'DatabaseUnreachableError';
  }
}

/** Opens a pool and checks it answers, so a wrong URL or a stopped server is said at start-up, in French, by name. */
export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  const location = describeDatabaseUrl(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types: typeParsers,
    connectionTimeoutMillis: 10_000,
    ...(options.searchPath ? { options: `-c search_path=${quoteIdentifier(options.searchPath)}` } : {}),
  });
  // An idle client losing its server (restart, network) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // A client in use (a transaction between two statements, or just checked out) that loses its server emits
  // 'error' too, and the pool listens only to idle ones: without this, a PostgreSQL restart would crash the
  // process with an uncaught exception. The statement in flight fails (DATABASE_BUSY), and the pool drops the
  // client when it comes back unusable (pg-pool checks `_queryable` on release).
  pool.on('connect', (client) => client.on('error', () => undefined));
  const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(kysely);
  } catch (error) {
    await kysely.destroy().catch(() => undefined);
    throw new DatabaseUnreachableError(location, error instanceof Error ? error.message : String(error));
  }
  return {
    engine: 'postgres',
    kysely,
    sqlite: null,
    location,
    transaction: (work) => kysely.transaction().execute(work),
    close: () => kysely.destroy(),
  };
}

/** `postgres://user:secret@host:5432/db` → `postgres://user:***@host:5432/db`: never print a password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(adresse illisible)';
  }
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid schema name: ${name}`);
  return name;
}
