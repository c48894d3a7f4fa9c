// Node (tests). A real database for one test, on the engine of this vitest pass: a SQLite file in a temp
// folder (default), or a fresh schema of the PostgreSQL server named by GMAO_TEST_DATABASE_URL when
// GMAO_TEST_ENGINE=postgres (`npm test` runs every suite on both; `npm run test:pg` the PostgreSQL pass alone).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openPostgresDatabase, openSqliteDatabase, type Database, type Engine } from '../../electron/core/kernel/db/database';

export const TEST_ENGINE: Engine = process.env.GMAO_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export function testDatabaseUrl(): string {
  const url = process.env.GMAO_TEST_DATABASE_URL;
  if (!url) throw new Error('GMAO_TEST_ENGINE=postgres needs GMAO_TEST_DATABASE_URL (see build/scripts/run-tests.mjs)');
  return url;
}

/** Where a test's data lives: a SQLite file, or a PostgreSQL schema of its own (isolated, dropped after). */
export interface TestDatabaseTarget {
  engine: Engine;
  /** SQLite: the file. PostgreSQL: the server URL, and the schema every connection uses. */
  file?: string;
  url?: string;
  schema?: string;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (admin: Kysely<unknown>) => Promise<T>): Promise<T> {
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 }) }) });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

export async function createTestDatabaseTarget(dir?: string): Promise<TestDatabaseTarget> {
  if (TEST_ENGINE === 'sqlite') {
    const folder = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-db-'));
    const file = path.join(folder, 'test.sqlite');
    return {
      engine: 'sqlite',
      file,
      open: async () => openSqliteDatabase({ file }),
      drop: async () => {
        if (!dir) fs.rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => sql.raw(`create schema ${schema}`).execute(admin));
  const url = testDatabaseUrl();
  return {
    engine: 'postgres',
    url,
    schema,
    open: () => openPostgresDatabase({ url, searchPath: schema, poolSize: 4 }),
    drop: () => withAdmin((admin) => sql.raw(`drop schema if exists ${schema} cascade`).execute(admin)).then(() => undefined),
  };
}
