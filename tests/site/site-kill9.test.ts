// Node (tests, both engines: SQLite in the server's data folder, or a database of its own on the PostgreSQL server).
// Issue 16's fault « kill -9 of the server mid-load »: the site server runs as IT runs it (the CLI, in a child process)
// while three client PCs write; it is killed with SIGKILL (no shutdown handler, no flush) and started again on the same
// data and port. Every PC's window locks at once, DIs filed meanwhile are kept on the PCs, the PCs reconnect by
// themselves, their queues are filed exactly once, every write the server had acknowledged is still there, and people
// sign in again and carry on. Any answer other than success, « serveur injoignable » or « reconnectez-vous » fails it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../shared/contract';
import { openSqliteDatabase, openPostgresDatabase, type Database } from '../../electron/core/kernel/db/database';
import { DATABASE_FILE_NAME } from '../../electron/core/kernel/kernel';
import { makeTempDir } from '../support/test-core';
import { TEST_ENGINE, testDatabaseUrl } from '../support/test-database';
import { preparePlant, PASSWORD, type Plant } from '../support/work-orders-plant';
import { must, signIn, startEnrolledClient, startTestSite, type TestClient } from '../support/site-fixture';
import { freePort, startSiteServerProcess, type SiteServerProcess } from '../support/site-server-process';
import { sleep, waitUntil } from '../support/wait';

const ALLOWED = ['SITE_SERVER_UNREACHABLE', 'UNAUTHENTICATED'];
let dataDir: string;
let databaseUrl: string | null = null;
let databaseName: string | null = null;
let server: SiteServerProcess | null = null;
let plant: Plant;
let orderNumber: string;
const clients: TestClient[] = [];

/** PostgreSQL: the CLI has no schema flag, so the server gets a database of its own on the shared server. */
async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataDir = makeTempDir('gmao-site-k9-');
  if (TEST_ENGINE === 'postgres') {
    databaseName = `k9_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${databaseName}`);
    const url = new URL(testDatabaseUrl());
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }
  const port = await freePort();
  // Set up in process (people, an OT, three enrolled PCs), then hand the same data, certificate and port to the CLI.
  const site = await startTestSite({ dataDir, database: { url: databaseUrl }, port });
  plant = await preparePlant(site.admin);
  orderNumber = must(await site.admin.call('manager-window', 'workOrders:create', {
    equipmentCode: plant.equipmentCode, type: 'improvement', priority: 3, title: 'Graissage des glissières', description: '',
    plannedAt: null, dueAt: null, estimatedMinutes: null, assigneeIds: [],
  }), 'workOrders:create').number;
  for (const name of ['Presse 3', 'Presse 7', 'Bureau maintenance']) {
    clients.push(await startEnrolledClient(site, { name, backoff: { initialMs: 200, maxMs: 1000 } }));
  }
  await site.close();
  server = await startSiteServerProcess({ dataDir, port, databaseUrl });
  for (const client of clients) await client.waitConnected(30_000);
}, 180_000);

afterAll(async () => {
  for (const client of clients) await client.close();
  if (server && !server.child.exit) await server.stop();
  if (databaseName) await adminQuery(`drop database if exists ${databaseName} with (force)`);
  for (const dir of [dataDir, ...clients.map((client) => client.dataDir)]) fs.rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 of the site server under load', () => {
  it('locks the PCs, keeps their DIs, and after the restart loses no acknowledged write and files each queued DI once', async () => {
    for (const client of clients) await signIn(client, 'main', 'r.responsable', PASSWORD);
    const unexpected: string[] = [];
    const comments: number[] = [];
    const filed: string[] = [];
    const queued: string[] = [];
    let stop = false;
    const classify = (what: string, result: IpcResult<unknown>) => {
      if (!result.ok && !ALLOWED.includes(result.error.code)) unexpected.push(`${what}: ${result.error.code} ${result.error.message}`);
      return result.ok;
    };
    const loops = clients.map(async (client, index) => {
      let reports = 0;
      for (let turn = 0; !stop; turn++) {
        const comment = await client.call('main', 'workOrders:comment', { number: orderNumber, body: `PC ${index + 1}, passage ${turn}` });
        if (classify('comment', comment) && comment.ok) comments.push(comment.data.id);
        // A DI from the lock screen every few turns (the throttle allows 10 per PC per 10 minutes).
        if (turn % 4 === 0 && reports < 9) {
          reports += 1;
          const symptom = `Vibration, PC ${index + 1}, passage ${turn}`;
          const report = await client.call('kiosk', 'requests:report', { equipmentCode: plant.equipmentCode, symptom, machineStopped: false });
          if (classify('report', report) && report.ok) (report.data.queued ? queued : filed).push(report.data.queued ? symptom : (report.data.number as string));
        }
        await sleep(25);
      }
    });

    await waitUntil('some load before the kill', () => comments.length >= 15, { timeoutMs: 30_000 });
    const killedAt = Math.max(0, ...clients.flatMap((client) => client.events.map((event) => event.seq)));
    await server!.kill9();
    expect(server!.child.exit).toEqual({ code: null, signal: 'SIGKILL' });
    // Every PC's window locks at once, from the PC's own main.
    for (const client of clients) {
      await waitUntil(`${client.name} to lock`, () => client.eventsOf('main', 'session:ended', killedAt).length > 0);
      expect(client.eventsOf('main', 'session:ended', killedAt).map((event) => event.payload)).toEqual([{ reason: 'disconnected' }]);
    }
    // Down for a while: the DIs of that time are kept on the PCs.
    await waitUntil('a DI to be kept on a PC while the server is down', () => queued.length >= 1, { timeoutMs: 30_000 });

    await server!.restart();
    for (const client of clients) await client.waitConnected(30_000);
    await waitUntil('every queue to be sent', () => clients.every((client) => client.status().queuedRequests === 0), { timeoutMs: 30_000 });
    // People sign in again (the server that died took their sessions with it) and carry on.
    for (const client of clients) await signIn(client, 'main', 'r.responsable', PASSWORD);
    const resumed = comments.length;
    await waitUntil('more load after the restart', () => comments.length >= resumed + 15, { timeoutMs: 30_000 });
    stop = true;
    await Promise.all(loops);
    await server!.stop();

    expect(unexpected).toEqual([]);
    const database: Database = databaseUrl ? await openPostgresDatabase({ url: databaseUrl, poolSize: 1 }) : openSqliteDatabase({ file: path.join(dataDir, DATABASE_FILE_NAME) });
    try {
      const db = database.kysely;
      const storedComments = new Set((await db.selectFrom('work_order_comments').select('id').execute()).map((row) => Number(row.id)));
      expect(comments.filter((id) => !storedComments.has(id))).toEqual([]);
      const requests = await db.selectFrom('work_requests').select(['number', 'symptom', 'workstation']).execute();
      const numbers = new Set(requests.map((row) => row.number));
      expect(filed.filter((number) => !numbers.has(number))).toEqual([]);
      for (const symptom of queued) expect(requests.filter((row) => row.symptom === symptom), symptom).toHaveLength(1);
      // Each DI under the name of the PC that filed it.
      for (const row of requests) expect(row.workstation).toMatch(/^(Presse 3|Presse 7|Bureau maintenance)$/);
    } finally {
      await database.close();
    }
  }, 180_000);
});
