// Node (tests, both engines: the PostgreSQL pass runs it on a schema of the shared server). Issue 16's integration: a
// real site server and three real client PCs in one process, over TLS WebSocket on loopback. A DI filed on client A
// reaches client B's open window as `data:changed` (no reload) and names PC A; enrolment codes are single use; a
// revoked PC is refused at once and stays refused; a server whose certificate is not the pinned one is refused
// before any credential is sent; an old protocol version is refused (426) and audited; the idle lock is decided by
// the server and reaches the client's window, while another PC whose person is active stays signed in.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTestDatabaseTarget, type TestDatabaseTarget } from '../support/test-database';
import { FakeClock, makeTempDir } from '../support/test-core';
import { preparePlant, PASSWORD, type Plant } from '../support/work-orders-plant';
import { auditEntries } from '../support/mail-fixtures';
import { must, signIn, startEnrolledClient, startTestClient, startTestSite, type TestClient, type TestSite } from '../support/site-fixture';
import { waitUntil } from '../support/wait';
import { enrolWithServer } from '../../electron/core/site/client/enrolment-client';
import { APP_VERSION_HEADER, CREDENTIAL_HEADER, IPC_PATH, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../electron/core/site/protocol';

const IDLE_MINUTES = 240;
const clock = new FakeClock(Date.now());
let target: TestDatabaseTarget;
let site: TestSite;
let plant: Plant;
let a: TestClient;
let b: TestClient;
let c: TestClient;
// The PC's own idle time each client reports (ms since the last input anywhere on it).
const pcIdle = { a: 0, b: 24 * 3_600_000, c: 24 * 3_600_000 };

beforeAll(async () => {
  const dataDir = makeTempDir('gmao-site-it-');
  target = await createTestDatabaseTarget(dataDir);
  site = await startTestSite({ dataDir, database: { url: target.url ?? null, schema: target.schema }, clock });
  plant = await preparePlant(site.admin);
  a = await startEnrolledClient(site, { name: 'Presse 3', systemIdleMs: () => pcIdle.a, idleReportMs: 50 });
  b = await startEnrolledClient(site, { name: 'Bureau maintenance', systemIdleMs: () => pcIdle.b, idleReportMs: 50 });
  c = await startEnrolledClient(site, { name: 'Presse 7', systemIdleMs: () => pcIdle.c, idleReportMs: 50 });
}, 120_000);

afterAll(async () => {
  for (const client of [a, b, c]) await client?.close();
  await site?.close();
  await target?.drop();
  for (const dir of [site?.dataDir, a?.dataDir, b?.dataDir, c?.dataDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('site: a server and three client PCs', () => {
  it('a DI filed on PC A reaches the open list of PC B at once, and the DI names PC A', async () => {
    await signIn(b, 'office', 'r.responsable', PASSWORD);
    await signIn(c, 'floor', 't.martin', PASSWORD);
    const before = Math.max(0, ...b.events.map((event) => event.seq), ...c.events.map((event) => event.seq));
    // A passer-by at press 3's lock screen: no session on that window.
    const receipt = must(await a.call('kiosk', 'requests:report', { equipmentCode: plant.equipmentCode, symptom: 'Fuite d’huile sous le vérin', machineStopped: false }), 'report');
    expect(receipt.queued).toBe(false);
    expect(receipt.number).toMatch(/^DI-\d{4}-\d{6}$/);
    await waitUntil('PC B to hear of the new DI', () => b.eventsOf('office', 'data:changed', before).some((event) => (event.payload as { topics: string[] }).topics.includes('requests')));
    await waitUntil('PC C too', () => c.eventsOf('floor', 'data:changed', before).some((event) => (event.payload as { topics: string[] }).topics.includes('requests')));
    // What B's list then fetches holds it (the renderer's refetch, done here by hand).
    const detail = must(await b.call('office', 'requests:get', { number: receipt.number as string }), 'requests:get');
    expect(detail).toMatchObject({ number: receipt.number, symptom: 'Fuite d’huile sous le vérin' });
    const row = await site.server.core.database.kysely.selectFrom('work_requests').select(['workstation', 'client_key']).where('number', '=', receipt.number as string).executeTakeFirstOrThrow();
    expect(row.workstation).toBe('Presse 3');
    // Every DI a client PC sends carries its key (exactly once if sent again).
    expect(row.client_key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an enrolment code works once; a wrong fingerprint is refused before enrolling', async () => {
    const code = await site.newEnrolmentCode();
    const first = await startTestClient({ name: 'Magasin' });
    const second = await startTestClient({ name: 'Magasin bis' });
    const wrongPin = await startTestClient({ name: 'Poste pirate' });
    try {
      const enrol = (client: TestClient, fingerprint = site.server.fingerprint) =>
        client.call('enrol', 'site:enrol', { serverUrl: site.server.url, code, workstationName: client.name, fingerprint });
      const wrong = await enrol(wrongPin, site.server.fingerprint.replace(/^../, site.server.fingerprint.startsWith('00') ? '11' : '00'));
      expect(wrong.ok ? 'ok' : wrong.error.code).toBe('SITE_PIN_MISMATCH');
      must(await enrol(first), 'first enrolment');
      await first.waitConnected();
      const again = await enrol(second);
      expect(again.ok ? 'ok' : again.error.code).toBe('SITE_ENROLMENT_CODE_INVALID');
      expect(second.status().connection).toBe('not-enrolled');
      const names = (await site.server.core.database.kysely.selectFrom('workstations').select('name').execute()).map((row) => row.name);
      expect(names).toContain('Magasin');
      expect(names).not.toContain('Magasin bis');
      expect(names).not.toContain('Poste pirate');
    } finally {
      for (const client of [first, second, wrongPin]) {
        await client.close();
        fs.rmSync(client.dataDir, { recursive: true, force: true });
      }
    }
  });

  it('an old protocol version is refused with 426 and audited; the current one is welcomed', async () => {
    const enrolled = await enrolWithServer({
      serverUrl: site.server.url, fingerprint: site.server.fingerprint, certificatePem: site.server.certificatePem,
      code: await site.newEnrolmentCode(), workstationName: 'Ancien poste', appVersion: '0.0.1',
    });
    const open = (protocol: number) =>
      new Promise<{ status: number | null; firstFrame: string | null }>((resolve) => {
        const ws = new WebSocket(`${site.server.url.replace('https:', 'wss:')}${IPC_PATH}`, {
          // This socket tests the version check, not the pin (the link's own tests and the pin test below do).
          rejectUnauthorized: false,
          headers: { [CREDENTIAL_HEADER]: `Workstation ${enrolled.credential}`, [PROTOCOL_HEADER]: String(protocol), [APP_VERSION_HEADER]: '0.0.1' },
        });
        ws.on('unexpected-response', (_request, response) => {
          resolve({ status: response.statusCode ?? null, firstFrame: null });
          ws.terminate();
        });
        ws.on('message', (data) => {
          resolve({ status: 101, firstFrame: data.toString() });
          ws.close();
        });
        ws.on('error', () => resolve({ status: null, firstFrame: null }));
      });
    expect((await open(PROTOCOL_VERSION - 1)).status).toBe(426);
    const current = await open(PROTOCOL_VERSION);
    expect(current.status).toBe(101);
    expect(JSON.parse(current.firstFrame as string)).toMatchObject({ type: 'welcome', workstationName: 'Ancien poste' });
    const refused = await auditEntries(site.admin, 'site.workstation.refused');
    expect(refused.some((entry) => JSON.stringify(entry.details).includes('version'))).toBe(true);
  });

  it('the idle lock is decided by the server: the window of an idle PC locks, an active PC stays signed in', async () => {
    // PC A: someone keeps typing (its idle time stays near 0). PC B: nobody has touched it (pcIdle.b is huge).
    await signIn(a, 'press', 'o.durand', PASSWORD);
    await signIn(b, 'idle-office', 'l.bernard', PASSWORD);
    const signedInAt = clock.now();
    const before = Math.max(...a.events.map((event) => event.seq), ...b.events.map((event) => event.seq), 0);
    // Most of the idle limit passes on the server's clock. The server reads each PC's input time from its last report,
    // so once a report of A made after this moment has been applied, A's session counts as active now; B's does not.
    clock.advance((IDLE_MINUTES - 1) * 60_000);
    const activityOf = (userId: number) => site.server.core.sessions.listByUser().find((entry) => entry.userId === userId)?.lastActivityAt ?? 0;
    await waitUntil('PC A\'s idle report to reach the server', async () => {
      await site.server.core.sessions.tick();
      return activityOf(plant.ids.requester) > signedInAt;
    });
    expect(activityOf(plant.ids.tech2)).toBe(signedInAt);
    // Past B's deadline, well before A's.
    clock.advance(2 * 60_000);
    await site.server.core.sessions.tick();
    await waitUntil('PC B\'s window to lock', () => b.eventsOf('idle-office', 'session:ended', before).length > 0);
    expect(b.eventsOf('idle-office', 'session:ended', before).map((event) => event.payload)).toEqual([{ reason: 'idle' }]);
    const stillThere = await b.call('idle-office', 'workOrders:list', {});
    expect(stillThere.ok ? 'ok' : stillThere.error.code).toBe('UNAUTHENTICATED');
    expect(a.eventsOf('press', 'session:ended', before)).toEqual([]);
    must(await a.call('press', 'requests:mine', {}), 'PC A still signed in');
  });

  it('a revoked PC is disconnected at once, its windows lock, and it stays refused', async () => {
    await signIn(b, 'admin', 'admin.chef', 'pompe hydraulique 42');
    await signIn(c, 'floor-2', 't.martin', PASSWORD);
    const before = Math.max(...c.events.map((event) => event.seq), 0);
    const list = must(await b.call('admin', 'site:listWorkstations'), 'site:listWorkstations');
    const target7 = list.find((row) => row.name === 'Presse 7');
    expect(target7?.online).toBe(true);
    must(await b.call('admin', 'site:revokeWorkstation', { id: target7!.id }), 'revoke');
    await waitUntil('PC C to be refused', () => c.status().connection === 'refused');
    expect(c.status().refusal).toBe('revoked');
    expect(c.eventsOf('floor-2', 'session:ended', before).map((event) => event.payload)).toEqual([{ reason: 'disconnected' }]);
    const call = await c.call('floor-2', 'workOrders:list', {});
    expect(call.ok ? 'ok' : call.error.code).toMatch(/^SITE_(REVOKED|SERVER_UNREACHABLE)$/);
    const audit = await auditEntries(site.admin, 'site.workstation.revoked');
    expect(audit).toHaveLength(1);
    // Still refused after a restart of the PC's core.
    await c.close();
    c = await startTestClient({ name: 'Presse 7', dataDir: c.dataDir });
    await waitUntil('the restarted PC C to be refused again', () => c.status().connection === 'refused');
    expect(c.status().refusal).toBe('revoked');
  });
});

