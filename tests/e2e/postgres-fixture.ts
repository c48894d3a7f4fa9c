// Node (tests, Playwright). What every PostgreSQL spec needs: a server for the whole file (GMAO_TEST_DATABASE_URL,
// or a throwaway cluster started here), skipped with the reason when there is none — except under CI=true, where
// that is a failure: a PostgreSQL spec must never pass by not running — and a harness on a schema of its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, type Harness, type HarnessOptions } from '../harness/harness-server';
import { test } from './fixtures';
import { acquirePostgres, createSchema, dropSchema, type PostgresServer } from './postgres-server';

/** Registers the file's beforeAll/afterAll; call the answer inside a test for the server's URL. */
export function usePostgresServer(): () => string {
  let server: PostgresServer | null = null;
  test.beforeAll(async () => {
    const found = await acquirePostgres(['GMAO_TEST_DATABASE_URL']);
    if ('reason' in found) {
      if (process.env.CI === 'true') throw new Error(`PostgreSQL end-to-end spec under CI=true: ${found.reason}`);
      test.skip(true, `PostgreSQL end-to-end spec skipped: ${found.reason}`);
      return;
    }
    server = found;
  });
  test.afterAll(() => {
    server?.stop();
    server = null;
  });
  return () => {
    if (!server) throw new Error('no PostgreSQL server (beforeAll should have skipped or failed)');
    return server.url;
  };
}

/** A harness on its own schema of the server (created with the pg client, dropped by close) and its own data folder. */
export async function startPostgresHarness(
  url: string,
  options: Omit<HarnessOptions, 'dataDir' | 'databaseUrl' | 'databaseSchema'> = {},
): Promise<{ harness: Harness; schema: string; dataDir: string; close(): Promise<void> }> {
  const schema = await createSchema(url, 'e2e');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-e2e-pg-'));
  const cleanUp = async () => {
    await dropSchema(url, schema);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const harness = await startHarness({ ...options, dataDir, databaseUrl: url, databaseSchema: schema });
    return {
      harness,
      schema,
      dataDir,
      close: async () => {
        await harness.close();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
