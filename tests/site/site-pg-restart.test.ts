// Node (tests; PostgreSQL by nature, on a private cluster of this test's own — never the shared one). Issue 16's fault
// « a PostgreSQL restart mid-load »: three client PCs keep writing and reading through the site server while its
// database stops, stays down 2 s and comes back. Every answer is either a success or a clear « réessayez »
// (DATABASE_BUSY, or SITE_SERVER_UNREACHABLE had a link dropped) — nothing else; every success is really in the
// database afterwards (never a wrong success); the same server process serves again without being restarted, its PCs
// still connected and their people still signed in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../shared/contract';
import { createSchema } from '../e2e/postgres-server';
import { postgresBinaries, startPrivateCluster, type PrivateCluster } from '../support/pg-private-cluster';
import { preparePlant, PASSWORD, type Plant } from '../support/work-orders-plant';
import { must, signIn, startEnrolledClient, startTestSite, type TestClient, type TestSite } from '../support/site-fixture';
import { sleep, waitUntil } from '../support/wait';

const RETRY_CODES = ['DATABASE_BUSY', 'SITE_SERVER_UNREACHABLE'];
const bin = await postgresBinaries();

let cluster: PrivateCluster | null = null;
let site: TestSite;
let plant: Plant;
let clients: TestClient[] = [];
let orderNumber: string;

describe.skipIf(!bin)('PostgreSQL restart under a site server in use', () => {
  beforeAll(async () => {
    cluster = await startPrivateCluster();
    const schema = await createSchema(cluster.url, 'siterestart');
    site = await startTestSite({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-site-pg-')), database: { url: cluster.url, schema } });
    plant = await preparePlant(site.admin);
    const created = must(await site.admin.call('manager-window', 'workOrders:create', {
      equipmentCode: plant.equipmentCode, type: 'improvement', priority: 3, title: 'Carter de protection', description: '',
      plannedAt: null, dueAt: null, estimatedMinutes: null, assigneeIds: [],
    }), 'workOrders:create');
    orderNumber = created.number;
    for (const name of ['Presse 3', 'Presse 7', 'Bureau maintenance']) {
      const client = await startEnrolledClient(site, { name });
      await signIn(client, 'main', 'r.responsable', PASSWORD);
      clients.push(client);
    }
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) await client.close();
    await site?.close();
    cluster?.destroy();
    for (const dir of [site?.dataDir, ...clients.map((client) => client.dataDir)]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    clients = [];
  });

  it('answers success or « réessayez » only, loses no acknowledged write, and serves again without a restart', async () => {
    const unexpected: string[] = [];
    const retried: Record<string, number> = {};
    const comments: number[] = [];
    const reports: string[] = [];
    const kioskReports = new Map<TestClient, number>();
    let phase: 'before' | 'down' | 'after' = 'before';
    let stop = false;
    const classify = (what: string, result: IpcResult<unknown>) => {
      if (result.ok) return true;
      if (RETRY_CODES.includes(result.error.code)) retried[`${phase}:${result.error.code}`] = (retried[`${phase}:${result.error.code}`] ?? 0) + 1;
      else unexpected.push(`${what} (${phase}): ${result.error.code} ${result.error.message}`);
      return false;
    };

    // Each PC in a loop: a comment on the OT (a write), the OT list (a read), now and then a DI from its lock screen.
    const loops = clients.map(async (client, index) => {
      for (let turn = 0; !stop; turn++) {
        const comment = await client.call('main', 'workOrders:comment', { number: orderNumber, body: `PC ${index + 1}, passage ${turn}` });
        if (classify('comment', comment) && comment.ok) comments.push(comment.data.id);
        classify('list', await client.call('main', 'workOrders:list', {}));
        // The DI throttle allows 10 per PC per 10 minutes at the lock screen.
        if (turn % 5 === 0 && (kioskReports.get(client) ?? 0) < 9) {
          kioskReports.set(client, (kioskReports.get(client) ?? 0) + 1);
          const report = await client.call('kiosk', 'requests:report', { equipmentCode: plant.equipmentCode, symptom: `Fuite, PC ${index + 1}, passage ${turn}`, machineStopped: false });
          if (classify('report', report) && report.ok && report.data.number) reports.push(report.data.number);
        }
        await sleep(20);
      }
    });

    await waitUntil('some load before the restart', () => comments.length >= 15);
    await cluster!.restart({
      mode: 'fast',
      onDown: async () => {
        phase = 'down';
        await sleep(2000);
      },
    });
    // Back up: the pool must find its way again by itself (a few calls may still meet a dead connection).
    await waitUntil('a write to succeed again after the restart', async () => {
      const probe = await clients[0].call('main', 'workOrders:comment', { number: orderNumber, body: 'de retour' });
      if (probe.ok) comments.push(probe.data.id);
      return probe.ok;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    phase = 'after';
    const afterStart = comments.length;
    await waitUntil('more load after the restart', () => comments.length >= afterStart + 15, { timeoutMs: 30_000 });
    stop = true;
    await Promise.all(loops);

    expect(unexpected).toEqual([]);
    // The restart was felt (calls during it were told to try again), and nothing failed once it was over.
    expect(Object.keys(retried).some((key) => key.startsWith('down:'))).toBe(true);
    expect(Object.keys(retried).filter((key) => key.startsWith('after:'))).toEqual([]);

    // Every acknowledged write is there.
    const db = site.server.core.database.kysely;
    const storedComments = new Set((await db.selectFrom('work_order_comments').select('id').execute()).map((row) => Number(row.id)));
    expect(comments.filter((id) => !storedComments.has(id))).toEqual([]);
    const storedReports = new Set((await db.selectFrom('work_requests').select('number').execute()).map((row) => row.number));
    expect(reports.filter((number) => !storedReports.has(number))).toEqual([]);

    // The same server process, its PCs still connected, their people still signed in.
    expect(site.server.connectedWorkstations()).toHaveLength(3);
    for (const client of clients) {
      expect(client.eventsOf('main', 'session:ended')).toEqual([]);
      must(await client.call('main', 'workOrders:get', { number: orderNumber }), `${client.name} after the restart`);
    }
  }, 120_000);
});
