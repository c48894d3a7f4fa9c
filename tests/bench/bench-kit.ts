// Node (dev only). The bench's shared kit: engines under test, opening a core, interleaved timing and the raw
// driver a repository is compared against. Each bench section file imports what it needs from here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery, type Dialect } from 'kysely';
import pg from 'pg';
import type { IpcResult } from '../../shared/contract';
import { createCore, type Core, type CoreDeps } from '../../electron/core/create-core';
import type { Database, Engine } from '../../electron/core/kernel/db/database';
import type { Schema } from '../../electron/core/kernel/db/schema';
import { REPO_RESOURCES_DIR } from '../support/repo-paths';
import { createSchema, dropSchema, type PostgresServer } from '../e2e/postgres-server';


export const ORIGIN = 'http://bench.local';
export const SENDER = { windowId: 'bench-1', url: `${ORIGIN}/` };
export const USER = 'bench.user';
export const PASSWORD = 'correct horse battery';
export const COST = 12;
export const DAY = 86_400_000;

export interface Row {
  engine: string;
  figure: string;
  value: string;
  goal: string;
  pass: boolean;
}

export type Measured = Omit<Row, 'engine'>;

export const ENGINE_LABEL: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** Where one core's data goes on the engine under test: a temp folder, plus a fresh schema on PostgreSQL. */
export interface Place {
  dataDir: string;
  databaseUrl: string | null;
  databaseSchema?: string;
  dispose(): Promise<void>;
}

export interface EngineUnderTest {
  engine: Engine;
  label: string;
  /** PostgreSQL's server URL; null for SQLite. */
  url: string | null;
  newPlace(): Promise<Place>;
}

export function sqliteEngine(): EngineUnderTest {
  return {
    engine: 'sqlite',
    label: ENGINE_LABEL.sqlite,
    url: null,
    newPlace: async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-bench-'));
      return { dataDir, databaseUrl: null, dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
    },
  };
}

export function postgresEngine(server: PostgresServer): EngineUnderTest {
  return {
    engine: 'postgres',
    label: ENGINE_LABEL.postgres,
    url: server.url,
    newPlace: async () => {
      // Logs and the secret store's key file still live in a data folder; the data itself in the schema.
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-bench-pg-'));
      const schema = await createSchema(server.url, 'bench');
      return {
        dataDir,
        databaseUrl: server.url,
        databaseSchema: schema,
        dispose: async () => {
          await dropSchema(server.url, schema);
          fs.rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

export const quietLogger = { info() {}, warn() {}, error() {} };

/** A whole core on a fresh place of the engine under test; `close()` also throws its data away. */
export async function openCore(target: EngineUnderTest, extra: Partial<CoreDeps> = {}): Promise<{ core: Core; place: Place; close(): Promise<void> }> {
  const place = await target.newPlace();
  let core: Core;
  try {
    core = await createCore({
      dataDir: place.dataDir,
      databaseUrl: place.databaseUrl,
      databaseSchema: place.databaseSchema,
      appVersion: 'bench',
      workstationName: 'bench',
      resourcesDir: REPO_RESOURCES_DIR,
      trustedOrigins: [ORIGIN],
      events: { send() {} },
      logger: quietLogger,
      tickIntervalMs: 0,
      ...extra,
    });
  } catch (error) {
    await place.dispose();
    throw error;
  }
  return {
    core,
    place,
    close: async () => {
      await core.close();
      await place.dispose();
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const us = (value: number) => `${(value * 1000).toFixed(1)} µs`;

export async function timed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** A bench that measures error paths by mistake measures nothing: fail loudly instead. */
export function check(result: IpcResult<unknown>, want: 'ok' | 'INVALID_CREDENTIALS'): void {
  const got = result.ok ? 'ok' : result.error.code;
  if (got !== want) throw new Error(`Expected ${want}, got ${got}`);
}

export async function login(core: Core, windowId: string, identifier: string, password: string, want: 'ok' | 'INVALID_CREDENTIALS') {
  const sender = { ...SENDER, windowId };
  check(await core.dispatcher.dispatch(sender, 'auth:login', { identifier, password }), want);
}

export async function logout(core: Core, windowId: string) {
  check(await core.dispatcher.dispatch({ ...SENDER, windowId }, 'auth:logout', undefined), 'ok');
}

/** Runs A and B alternately (ABAB, then BABA…) so drift and order effects hit both sides alike. */
export async function interleave(pairs: number, warmups: number, a: () => Promise<number>, b: () => Promise<number>) {
  const times = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < warmups + pairs; i++) {
    const [first, second] = i % 2 ? [b, a] : [a, b];
    const t1 = await first();
    const t2 = await second();
    if (i < warmups) continue;
    const [ta, tb] = i % 2 ? [t2, t1] : [t1, t2];
    times.a.push(ta);
    times.b.push(tb);
  }
  return times;
}

/**
 * The exact statement a repository method sends: the method runs against a Kysely of the same dialect (same
 * adapter, same query compiler) whose driver executes nothing, and the compiled query (SQL text + parameters) is
 * taken from Kysely's query log. The repositories' builders are private (AuditRepository's view), so rebuilding
 * the query here could drift from what the app runs; this cannot.
 */
/** A Kysely of the engine's dialect (same adapter, same query compiler) whose driver executes nothing. */
export function compileOnly(engine: Engine, onQuery?: (query: CompiledQuery) => void): Kysely<Schema> {
  const dialect: Dialect =
    engine === 'sqlite'
      ? { createAdapter: () => new SqliteAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new SqliteIntrospector(db), createQueryCompiler: () => new SqliteQueryCompiler() }
      : { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new PostgresIntrospector(db), createQueryCompiler: () => new PostgresQueryCompiler() };
  return new Kysely<Schema>({ dialect, ...(onQuery ? { log: (event) => onQuery(event.query) } : {}) });
}

export async function statementOf(engine: Engine, call: (db: Kysely<Schema>) => Promise<unknown>): Promise<CompiledQuery> {
  const compiled: CompiledQuery[] = [];
  const db = compileOnly(engine, (query) => compiled.push(query));
  try {
    await call(db);
  } finally {
    await db.destroy();
  }
  if (compiled.length !== 1) throw new Error(`Expected one statement, got ${compiled.length}`);
  return compiled[0];
}

/** The raw driver on the same data: better-sqlite3's prepared statements (prepared once), or one pg client. */
export interface RawDriver {
  all(query: CompiledQuery): Promise<Record<string, unknown>[]>;
  /** A statement that returns no rows (BEGIN, COMMIT, an INSERT without RETURNING). */
  run(query: CompiledQuery): Promise<void>;
  close(): Promise<void>;
}

export async function rawDriver(database: Database, target: EngineUnderTest, place: Place): Promise<RawDriver> {
  if (database.sqlite) {
    const handle = database.sqlite;
    const prepared = new Map<string, BetterSqlite3.Statement>();
    const statementFor = (query: CompiledQuery) => {
      let statement = prepared.get(query.sql);
      if (!statement) prepared.set(query.sql, (statement = handle.prepare(query.sql)));
      return statement;
    };
    return {
      all: async (query) => statementFor(query).all(...(query.parameters as unknown[])) as Record<string, unknown>[],
      run: async (query) => {
        statementFor(query).run(...(query.parameters as unknown[]));
      },
      close: async () => undefined,
    };
  }
  const client = new pg.Client({ connectionString: target.url ?? '', options: `-c search_path=${place.databaseSchema}` });
  await client.connect();
  return {
    all: async (query) => (await client.query(query.sql, query.parameters as unknown[])).rows as Record<string, unknown>[],
    run: async (query) => {
      await client.query(query.sql, query.parameters as unknown[]);
    },
    close: () => client.end(),
  };
}

/** Runs `work` `times` times in a row: one sample, so a 10 µs lookup is timed over something measurable. */
export const repeated = (times: number, work: () => Promise<unknown>) => async () => {
  for (let i = 0; i < times; i++) await work();
};

export function sameIds(label: string, a: readonly { id?: unknown }[], b: readonly { id?: unknown }[]): void {
  if (a.map((r) => String(r.id)).join() !== b.map((r) => String(r.id)).join()) throw new Error(`${label}: repository and raw SQL disagree`);
}
