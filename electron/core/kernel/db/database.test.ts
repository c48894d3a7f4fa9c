// Node (tests). Opening each engine: what a person reads when PostgreSQL can't be reached, and that no password is
// ever printed.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { DatabaseUnreachableError, describeDatabaseUrl, engineOf, isPostgresUrl, openPostgresDatabase, openSqliteDatabase } from './database';
import { makeTempDir } from '../../../../tests/support/test-core';
import path from 'node:path';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('opening the database', () => {
  it('says in French, naming host and database, that PostgreSQL cannot be reached, without the password', async () => {
    const port = await closedPort();
    const failure = await openPostgresDatabase({ url: `postgres://gmao:s3cr3t-mot@127.0.0.1:${port}/usine_nord` }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseUnreachableError);
    const message = (failure as Error).message;
    expect(message).toMatch(/^Impossible de joindre la base de données PostgreSQL postgres:\/\/gmao:\*\*\*@127\.0\.0\.1:\d+\/usine_nord/);
    expect(message).not.toContain('s3cr3t-mot');
    expect(message).not.toMatch(/\n\s+at /);
  });

  it('hides the password of any URL it describes, and recognises PostgreSQL URLs only', () => {
    expect(describeDatabaseUrl('postgresql://u:p%40ss@db.usine:5433/gmao')).toBe('postgresql://u:***@db.usine:5433/gmao');
    expect(describeDatabaseUrl('pas une adresse')).toBe('postgres://(adresse illisible)');
    expect(isPostgresUrl(' POSTGRES://x/y')).toBe(true);
    expect(isPostgresUrl('mysql://x/y')).toBe(false);
  });

  it('knows which engine a handle or one of its transactions talks to', async () => {
    const database = openSqliteDatabase({ file: path.join(makeTempDir(), 'engine.sqlite') });
    expect(engineOf(database.kysely)).toBe('sqlite');
    expect(await database.transaction(async (trx) => engineOf(trx))).toBe('sqlite');
    await database.close();
  });
});
