// Node (tests). PostgreSQL stopping and starting again under a running core (issue 16), on a private throwaway
// cluster (build/scripts/pg-cluster.mjs; never the shared one, which others' tests use): a call in flight when the
// server stops, and every call while it is down, answer DATABASE_BUSY ("réessayez"), never a wrong success; once
// it is back, the same core (not restarted) serves the same signed-in window again. Under a steady load across a
// restart, every answer is a success or DATABASE_BUSY, and every success is in the database.
// (The core's change listener reconnects on its own, too.)
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../../shared/contract';
import { CHANGE_TOPICS } from '../../../../shared/contract/events';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../../tests/support/test-database';

interface PgClusterModule {
  findPostgresBin(): string | null;
  startCluster(): Promise<{ url: string; dir: string; stop(): void }>;
}
// A plain .mjs build script without type declarations: loaded by URL, typed by the interface above.
const clusters = (await import(new URL('../../../../build/scripts/pg-cluster.mjs', import.meta.url).href)) as PgClusterModule;
const bin = clusters.findPostgresBin();
const run = promisify(execFile);

let cluster: { url: string; dir: string; stop(): void } | null = null;
let sharedUrl: string | undefined;
let core: TestCore | null = null;

/** pg_ctl on the private cluster, as the `postgres` OS user when we are root (as pg-cluster.mjs runs it). Async:
 * the core's event loop keeps serving (and failing) calls while the server stops and starts. */
async function pgCtl(...args: string[]): Promise<void> {
  const { dir, url } = cluster as { dir: string; url: string };
  const pgCtlBin = path.join(bin as string, 'pg_ctl');
  // The same settings as pg-cluster.mjs started it with: `pg_ctl start` does not read them back by itself.
  const settings = `-p ${new URL(url).port} -k ${dir} -c listen_addresses='127.0.0.1' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  const full = ['-D', path.join(dir, 'data'), '-l', path.join(dir, 'server.log'), '-w', '-t', '60', ...(args[0] === 'stop' ? [] : ['-o', settings]), ...args];
  if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', pgCtlBin, ...full]);
  else await run(pgCtlBin, full);
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  // A cap only so a broken build fails with a message instead of hanging; the test asserts no duration.
  const give = Date.now() + 25_000;
  while (!(await condition())) {
    if (Date.now() > give) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const busy = { ok: false, error: { code: 'DATABASE_BUSY' } };

async function plant(): Promise<TestCore> {
  const created = await createTestCore();
  core = created;
  expect((await created.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT)).ok).toBe(true);
  expect((await created.call('office', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password })).ok).toBe(true);
  return created;
}

const createLocation = (target: TestCore, code: string) => target.call('office', 'locations:create', { code, name: `Zone ${code}`, parentId: null });
const locationCodes = async (target: TestCore) => (await target.database.kysely.selectFrom('locations').select('code').execute()).map((row) => row.code);

describe.skipIf(TEST_ENGINE !== 'postgres' || !bin)('a PostgreSQL restart under a running core (private cluster)', () => {
  beforeAll(async () => {
    cluster = await clusters.startCluster();
    // createTestCore makes its schema on the server this variable names: our private cluster, for this file only.
    sharedUrl = process.env.GMAO_TEST_DATABASE_URL;
    process.env.GMAO_TEST_DATABASE_URL = cluster.url;
  }, 120_000);
  afterEach(async () => {
    await core?.dispose().catch(() => undefined);
    core = null;
  });
  afterAll(() => {
    process.env.GMAO_TEST_DATABASE_URL = sharedUrl;
    cluster?.stop();
  });

  it('a call in flight and the calls while it is down answer DATABASE_BUSY; once back, the same core serves the same window', async () => {
    const target = await plant();
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(target.database.kysely)).rows[0].schema;
    // Another session holds the locations table, so our call is in flight inside PostgreSQL when it stops.
    const blocker = new pg.Client({ connectionString: cluster?.url });
    blocker.on('error', () => undefined);
    await blocker.connect();
    await blocker.query(`begin; lock table ${schema}.locations in access exclusive mode`);
    const inFlight = createLocation(target, 'EN-VOL');
    await waitFor('the call waits on the lock', async () => {
      const waiting = await blocker.query<{ count: number }>(`select count(*)::int as count from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()`);
      return waiting.rows[0].count > 0;
    });
    await pgCtl('stop', '-m', 'fast');
    expect(await inFlight).toMatchObject(busy);

    // Down: signed-in and public calls alike say "try again", and nothing is lost on the core's side.
    expect(await createLocation(target, 'PENDANT')).toMatchObject(busy);
    expect(await target.call('office', 'locations:tree')).toMatchObject(busy);
    expect(await target.call('kiosk', 'requests:report', { equipmentCode: 'PR-003', symptom: 'Fuite', machineStopped: false })).toMatchObject(busy);

    await pgCtl('start');
    await blocker.end().catch(() => undefined);
    // Back, without restarting the core: the same window (its session is in the database) works again.
    const after = await createLocation(target, 'APRES');
    expect(after.ok).toBe(true);
    expect(await target.call('office', 'locations:tree')).toMatchObject({ ok: true });
    // The call that answered DATABASE_BUSY was not applied, nor the one made while the server was down.
    expect((await locationCodes(target)).sort()).toEqual(['APRES']);
    // The change notifications' listening connection came back by itself: the window is told to refresh everything.
    await waitFor('the change listener is back', () =>
      target.events.some((e) => e.windowId === 'office' && e.event === 'data:changed' && (e.payload as { topics: string[] }).topics.length === CHANGE_TOPICS.length),
    );
  });

  it('under load across a restart: every answer is a success or DATABASE_BUSY, every success is in the database', async () => {
    const target = await plant();
    const outcomes: { code: string; result: IpcResult<unknown> }[] = [];
    let running = true;
    const worker = async (w: number) => {
      for (let n = 0; running; n++) {
        const code = `L${w}-${n}`;
        const result = await createLocation(target, code);
        outcomes.push({ code, result });
        // While the server is down every call fails at once: don't spin.
        if (!result.ok) await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    const successes = (from: number) => outcomes.slice(from).filter((o) => o.result.ok).length;
    await waitFor('load running', () => successes(0) >= 20);
    await pgCtl('restart', '-m', 'fast');
    const restartedAt = outcomes.length;
    await waitFor('load served again after the restart', () => successes(restartedAt) >= 20);
    running = false;
    await Promise.all(workers);

    const wrong = outcomes.filter((o) => !o.result.ok && o.result.error.code !== 'DATABASE_BUSY');
    expect(wrong).toEqual([]);
    // The restart was felt (calls in flight or made while it was down), and answered "try again".
    expect(outcomes.some((o) => !o.result.ok)).toBe(true);
    const stored = new Set(await locationCodes(target));
    const acknowledged = outcomes.filter((o) => o.result.ok).map((o) => o.code);
    expect(acknowledged.filter((code) => !stored.has(code))).toEqual([]);
  });
});
