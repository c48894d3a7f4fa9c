// Node (tests). Issue 16's fault « the network dropping between a client and the server for 30 s », with a TCP proxy
// between PC C and the server that swallows every byte both ways (a pulled cable: no RST, nothing comes back), while
// PC A, plugged straight in, carries on. PC C's window locks as soon as the silence is noticed (the link's heartbeat),
// its DIs are kept on the PC — the one in flight when the cable went included — and once the network is back it
// reconnects by itself and sends each of them exactly once; the person signs in again (the server ended the session).
// 30 s of real time, on purpose: the figure, longer than any backoff step and than the server's own heartbeat.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparePlant, PASSWORD, type Plant } from '../support/work-orders-plant';
import { must, signIn, startEnrolledClient, startTestSite, type TestClient, type TestSite } from '../support/site-fixture';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { waitUntil } from '../support/wait';

const CUT_MS = 30_000;
let site: TestSite;
let plant: Plant;
let proxy: TcpProxy;
let a: TestClient;
let c: TestClient;

beforeAll(async () => {
  // SQLite: the network is the fault here, not the database (the PostgreSQL restart has its own test).
  site = await startTestSite({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-site-cut-')), database: { url: null }, heartbeatMs: 1000 });
  plant = await preparePlant(site.admin);
  proxy = await startTcpProxy({ targetPort: site.server.port });
  // PC A keeps the real heartbeat limits: it must not notice anything.
  a = await startEnrolledClient(site, { name: 'Bureau maintenance' });
  // PC C knows the server only through the proxy (its pinned certificate is the server's: TLS goes end to end).
  c = await startEnrolledClient(site, { name: 'Presse 3', serverUrl: `https://127.0.0.1:${proxy.port}`, heartbeatTimeoutMs: 3000, backoff: { initialMs: 200, maxMs: 2000 } });
}, 60_000);

afterAll(async () => {
  await c?.close();
  await a?.close();
  await proxy?.close();
  await site?.close();
  for (const dir of [site?.dataDir, a?.dataDir, c?.dataDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const countReports = async (symptom: string) =>
  (await site.server.core.database.kysely.selectFrom('work_requests').select(['number', 'workstation']).where('symptom', '=', symptom).execute());

describe('network cut between a client PC and the server', () => {
  it('locks PC C, keeps its DIs, and after 30 s reconnects and files each of them exactly once', async () => {
    await signIn(c, 'floor', 't.martin', PASSWORD);
    await signIn(a, 'office', 'r.responsable', PASSWORD);
    const before = Math.max(0, ...c.events.map((event) => event.seq), ...a.events.map((event) => event.seq));

    const restored = proxy.cut('blackhole', CUT_MS);
    // The cable is out but nothing has noticed yet: this DI's frame goes into the void. Its answer never comes; when the
    // link gives up, the PC keeps it (with its key) rather than lose it or file it twice.
    const inFlight = await c.call('floor', 'requests:report', { equipmentCode: plant.equipmentCode, symptom: 'Envoyée pendant la coupure', machineStopped: true });
    expect(must(inFlight, 'in-flight report')).toEqual({ number: null, queued: true });
    // By then the window has locked (at once, from the PC's own main) and every window heard the connection state.
    expect(c.eventsOf('floor', 'session:ended', before).map((event) => event.payload)).toEqual([{ reason: 'disconnected' }]);
    expect(c.status().connection).toBe('reconnecting');
    expect(c.eventsOf('floor', 'site:connection', before).some((event) => (event.payload as { state: string }).state === 'reconnecting')).toBe(true);

    // A passer-by at the lock screen while the network is down: kept too.
    const fromLockScreen = must(await c.call('floor', 'requests:report', { equipmentCode: plant.equipmentCode, symptom: 'Déposée à l’écran verrouillé', machineStopped: false, reporterName: 'Opérateur' }), 'queued report');
    expect(fromLockScreen).toEqual({ number: null, queued: true });
    expect(c.status().queuedRequests).toBe(2);
    const elsewhere = await c.call('floor', 'workOrders:list', {});
    expect(elsewhere.ok ? 'ok' : elsewhere.error.code).toBe('SITE_SERVER_UNREACHABLE');

    // PC A is not behind the proxy: it works all along.
    const fromA = must(await a.call('office', 'requests:report', { equipmentCode: plant.equipmentCode, symptom: 'Bureau pendant la coupure', machineStopped: false }), 'report from A');
    expect(fromA.queued).toBe(false);
    // The server noticed the silence too (its heartbeat) and ended PC C's session on its side.
    await waitUntil('the server to drop PC C', () => site.server.connectedWorkstations().length === 1, { timeoutMs: 10_000 });
    expect(proxy.isCut).toBe(true);

    await restored;
    await c.waitConnected(30_000);
    await waitUntil('PC C\'s queue to be sent', () => c.status().queuedRequests === 0, { timeoutMs: 20_000 });
    for (const symptom of ['Envoyée pendant la coupure', 'Déposée à l’écran verrouillé']) {
      const rows = await countReports(symptom);
      expect(rows, symptom).toHaveLength(1);
      expect(rows[0].workstation).toBe('Presse 3');
    }
    // PC A's open list hears of them without a reload.
    await waitUntil('PC A to hear of the DIs sent from PC C\'s queue', () => a.eventsOf('office', 'data:changed', before).filter((event) => (event.payload as { topics: string[] }).topics.includes('requests')).length >= 2);

    // The session ended with the connection: the person signs in again, and work goes on.
    const stale = await c.call('floor', 'workOrders:list', {});
    expect(stale.ok ? 'ok' : stale.error.code).toBe('UNAUTHENTICATED');
    await signIn(c, 'floor', 't.martin', PASSWORD);
    must(await c.call('floor', 'workOrders:list', {}), 'list after signing in again');
  }, 120_000);
});
