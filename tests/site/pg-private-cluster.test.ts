// Node (tests). The private PostgreSQL cluster the "PostgreSQL restart mid-load" test stops and starts: an open pool
// sees the restart as a terminated connection or a refused one (the errors the core must map to DATABASE_BUSY), the
// cluster comes back on the same URL with its data, and the same pool works again without being recreated.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBinaries, startPrivateCluster, type PrivateCluster } from '../support/pg-private-cluster';

const bin = await postgresBinaries();
let cluster: PrivateCluster | null = null;

describe.skipIf(!bin)('private PostgreSQL cluster (restart helper)', () => {
  beforeAll(async () => {
    cluster = await startPrivateCluster();
  }, 120_000);
  afterAll(() => cluster?.destroy());

  it('restarts on the same URL, keeps its data, and a pool recovers by itself', async () => {
    const pool = new pg.Pool({ connectionString: cluster!.url, max: 2 });
    pool.on('error', () => undefined);
    await pool.query('create table kept (v int)');
    await pool.query('insert into kept values (42)');
    // A connection checked out across the restart: its next query must fail, not answer.
    const held = await pool.connect();
    held.on('error', () => undefined);
    const seen: string[] = [];
    await cluster!.restart({
      mode: 'fast',
      onDown: async () => {
        expect(cluster!.isRunning()).toBe(false);
        const refused = await pool.query('select 1').catch((error: NodeJS.ErrnoException) => error.code ?? error.message);
        seen.push(String(refused));
      },
    });
    const terminated = await held.query('select 1').catch((error: Error & { code?: string }) => error.code ?? error.message);
    held.release(true);
    expect(seen).toEqual(['ECONNREFUSED']);
    expect(String(terminated)).toMatch(/57P01|terminat|connection error/);
    expect(cluster!.isRunning()).toBe(true);
    const rows = await pool.query<{ v: number }>('select v from kept');
    expect(rows.rows).toEqual([{ v: 42 }]);
    await pool.end();
  }, 120_000);
});
