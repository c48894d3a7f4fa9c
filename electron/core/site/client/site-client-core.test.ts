// Node (tests). A client PC's core over a link to a real core's dispatcher (tests/support/in-process-site-link.ts,
// on the engine of this pass): calls forwarded under the PC's name, the windows locked at once when the link drops
// (only those with a session), site:connection to every window, app:getState and SITE_SERVER_UNREACHABLE while
// offline, DIs queued on disk and sent once (a lost answer included) when the server is back, the local site
// channels (status, enrolment), the sender check, OS events and idle time forwarded.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayloads } from '../../../../shared/contract';
import type { SiteProbe } from '../../../../shared/site/contract';
import { ADMIN_INPUT, createTestCore, FakeClock, makeTempDir, type TestCore } from '../../../../tests/support/test-core';
import { countRows } from '../../../../tests/support/mail-fixtures';
import { createInProcessSite, type InProcessSite } from '../../../../tests/support/in-process-site-link';
import { createFileKeySecretStore } from '../../email/file-key-secret-store';
import { EquipmentRepository } from '../../equipment';
import { createMemoryLogger } from '../../kernel/platform/logger';
import { clientConfigFile, readClientConfig, writeClientConfig } from './client-config';
import type { EnrolmentClient } from './enrol-this-pc';
import { OFFLINE_QUEUE_FILE_NAME } from './offline-queue';
import { createSiteClientCore, type SiteClientCore, type SiteClientDeps } from './site-client-core';

const ORIGIN = 'app://gmao';
const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0').slice(-2)).join(':');
const OTHER_FINGERPRINT = FINGERPRINT.replace(/^../, '00');
const CERT = '-----BEGIN CERTIFICATE-----\nTUlJQ...\n-----END CERTIFICATE-----\n';
const DI = { equipmentCode: 'PR-003', symptom: 'Fuite d’huile sur le vérin', machineStopped: false };

let server: TestCore;
let clientDir: string;
let clock: FakeClock;
let site: InProcessSite;
let received: { windowId: string; event: EventName; payload: unknown }[];
let client: SiteClientCore | null;

const events = {
  send<E extends EventName>(windowId: string, event: E, payload: EventPayloads[E]) {
    received.push({ windowId, event, payload });
  },
};

function enrolOnDisk(dir = clientDir) {
  writeClientConfig(dir, { serverUrl: 'https://atelier-srv:8443', fingerprint: FINGERPRINT, certificatePem: CERT, workstationId: 3, workstationName: 'Presse 3', credential: '3.c2VjcmV0' }, createFileKeySecretStore(dir));
}

async function startClient(overrides: Partial<SiteClientDeps> = {}): Promise<SiteClientCore> {
  client = await createSiteClientCore({
    dataDir: clientDir,
    appVersion: '1.2.3',
    trustedOrigins: [ORIGIN],
    events,
    secretStore: createFileKeySecretStore(clientDir),
    logger: createMemoryLogger(),
    clock,
    connect: site.connect,
    firstConnectWaitMs: 1000,
    queueRetryMs: 60_000,
    ...overrides,
  });
  return client;
}

const call = (window: string, channel: string, input?: unknown) => client!.dispatcher.dispatch({ windowId: window, url: `${ORIGIN}/index.html` }, channel, input);
const eventsTo = (window: string, event: EventName) => received.filter((e) => e.windowId === window && e.event === event).map((e) => e.payload);
const connected = () => vi.waitFor(() => expect(client!.status().connection).toBe('connected'));

beforeEach(async () => {
  server = await createTestCore();
  await server.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  const base = { parent_id: null, category: null, manufacturer: 'Arburg', model: 'X', serial_number: 'SN', commissioned_on: null, notes: null, created_at: 0, updated_at: 0, location_id: null };
  await new EquipmentRepository(server.database.kysely).insert({ ...base, code: 'PR-003', designation: 'Presse à injecter 3' });
  clientDir = makeTempDir('gmao-client-');
  clock = new FakeClock();
  received = [];
  client = null;
  site = createInProcessSite(server, { workstationId: 3, workstationName: 'Presse 3', clock });
});
afterEach(async () => {
  await client?.close();
  await server.dispose();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

describe('an enrolled client PC, connected', () => {
  beforeEach(async () => {
    enrolOnDisk();
    await startClient();
    await connected();
  });

  it('links with what was recorded at enrolment, the credential opened from the secret store', () => {
    expect(site.links).toHaveLength(1);
    expect(site.links[0].options).toMatchObject({ serverUrl: 'https://atelier-srv:8443', fingerprint: FINGERPRINT, certificatePem: CERT, credential: '3.c2VjcmV0', appVersion: '1.2.3' });
    expect(client!.status()).toEqual({ mode: 'client', serverUrl: 'https://atelier-srv:8443', fingerprint: FINGERPRINT, workstationName: 'Presse 3', connection: 'connected', refusal: null, queuedRequests: 0, canEnrol: false });
  });

  it('forwards calls to the server under the PC\u2019s name: the session lives there, the DI names the PC and carries a key', async () => {
    const login = await call('w1', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    expect(login.ok).toBe(true);
    expect(server.sessions.signedInWindows()).toEqual([site.scoped('w1')]);
    const state = await call('w1', 'app:getState');
    expect(state.ok && (state.data as { user: { username: string } | null }).user?.username).toBe(ADMIN_INPUT.username);
    const filed = await call('w1', 'requests:report', DI);
    expect(filed).toEqual({ ok: true, data: { number: 'DI-2026-000001', queued: false } });
    const row = await server.database.kysely.selectFrom('work_requests').select(['workstation', 'client_key', 'reporter_user_id']).executeTakeFirstOrThrow();
    expect(row.workstation).toBe('Presse 3');
    expect(row.client_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.reporter_user_id).not.toBeNull();
    // The server's own checks still apply: a role the user lacks, bad input, no session.
    expect((await call('w2', 'requests:mine', {})).ok).toBe(false);
  });

  it('link lost: windows with a session get session:ended (disconnected) at once, every window gets site:connection', async () => {
    await call('w1', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    await call('w2', 'app:getState');
    received.length = 0;
    await site.drop();
    expect(eventsTo('w1', 'session:ended')).toEqual([{ reason: 'disconnected' }]);
    expect(eventsTo('w2', 'session:ended')).toEqual([]);
    for (const window of ['w1', 'w2']) expect(eventsTo(window, 'site:connection')).toEqual([{ state: 'reconnecting', refusal: null, nextAttemptAt: clock.now() + 1000, queuedRequests: 0 }]);
    // The server ended that PC's sessions too (its own audit line), so nobody is signed in on return.
    expect(server.sessions.signedInWindows()).toEqual([]);
    // Offline: the login screen (nobody signed in, the server's last state), and « serveur injoignable » for the rest.
    expect(await call('w1', 'app:getState')).toEqual({ ok: true, data: { needsSetup: false, user: null, version: 'test' } });
    const refused = await call('w1', 'requests:mine', {});
    expect(!refused.ok && refused.error.code).toBe('SITE_SERVER_UNREACHABLE');
    const login = await call('w1', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    expect(!login.ok && login.error.code).toBe('SITE_SERVER_UNREACHABLE');
    // Back: site:connection connected, and the person signs in again.
    received.length = 0;
    site.restore();
    expect(eventsTo('w1', 'site:connection')).toEqual([{ state: 'connected', refusal: null, nextAttemptAt: null, queuedRequests: 0 }]);
    expect((await call('w1', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password })).ok).toBe(true);
  });

  it('a window signed out or whose session ended on the server is not locked again when the link drops', async () => {
    await call('w1', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    await call('w2', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    await call('w1', 'auth:logout');
    await server.sessions.end(site.scoped('w2'), 'idle');
    expect(eventsTo('w2', 'session:ended')).toEqual([{ reason: 'idle' }]);
    received.length = 0;
    await site.drop();
    expect(received.filter((e) => e.event === 'session:ended')).toEqual([]);
  });

  it('DIs filed while the server is unreachable are kept on disk, survive a restart, and are sent once it is back, in order', async () => {
    await call('w1', 'app:getState');
    await site.drop();
    received.length = 0;
    expect(await call('w1', 'requests:report', { ...DI, symptom: 'Premier' })).toEqual({ ok: true, data: { number: null, queued: true } });
    expect(await call('w1', 'requests:report', { ...DI, symptom: 'Second', machineStopped: true, reporterName: 'Paul' })).toEqual({ ok: true, data: { number: null, queued: true } });
    expect(client!.status().queuedRequests).toBe(2);
    expect(eventsTo('w1', 'site:connection').map((e) => (e as { queuedRequests: number }).queuedRequests)).toEqual([1, 2]);
    // Bad input is refused at once, as the server would (nothing is kept that could never be filed).
    const bad = await call('w1', 'requests:report', { ...DI, symptom: '' });
    expect(!bad.ok && bad.error.code).toBe('VALIDATION_FAILED');
    const onDisk = JSON.parse(fs.readFileSync(path.join(clientDir, OFFLINE_QUEUE_FILE_NAME), 'utf8')) as { items: { clientKey: string; input: { symptom: string } }[] };
    expect(onDisk.items.map((item) => item.input.symptom)).toEqual(['Premier', 'Second']);
    expect(await countRows(server, 'work_requests')).toBe(0);

    // The PC restarts while the server is still away: the queue is read back.
    await client!.close();
    await startClient();
    expect(client!.status()).toMatchObject({ connection: 'reconnecting', queuedRequests: 2 });
    await call('w1', 'app:getState');
    received.length = 0;
    site.restore();
    await vi.waitFor(() => expect(client!.status().queuedRequests).toBe(0));
    const rows = await server.database.kysely.selectFrom('work_requests').select(['number', 'symptom', 'client_key', 'workstation', 'reporter_name']).orderBy('id').execute();
    expect(rows.map((r) => [r.number, r.symptom, r.workstation, r.reporter_name])).toEqual([
      ['DI-2026-000001', 'Premier', 'Presse 3', null],
      ['DI-2026-000002', 'Second', 'Presse 3', 'Paul'],
    ]);
    expect(rows.map((r) => r.client_key)).toEqual(onDisk.items.map((item) => item.clientKey));
    expect(JSON.parse(fs.readFileSync(path.join(clientDir, OFFLINE_QUEUE_FILE_NAME), 'utf8'))).toMatchObject({ items: [] });
    expect(eventsTo('w1', 'site:connection').at(-1)).toEqual({ state: 'connected', refusal: null, nextAttemptAt: null, queuedRequests: 0 });
  });

  it('a DI whose answer was lost with the connection is queued with the same key, and filed exactly once', async () => {
    site.loseNextAnswer();
    expect(await call('w1', 'requests:report', DI)).toEqual({ ok: true, data: { number: null, queued: true } });
    // The server did file it before the answer was lost.
    expect(await countRows(server, 'work_requests')).toBe(1);
    expect(client!.status().queuedRequests).toBe(1);
    site.restore();
    await vi.waitFor(() => expect(client!.status().queuedRequests).toBe(0));
    expect(await countRows(server, 'work_requests')).toBe(1);
    expect(await countRows(server, 'audit_log', "event_type = 'request.reported'")).toBe(1);
  });

  it('a queued DI the server refuses for good is set aside in the file, and the next ones still go', async () => {
    await site.drop();
    await call('w1', 'requests:report', { ...DI, equipmentCode: 'INCONNU-9' });
    await call('w1', 'requests:report', DI);
    site.restore();
    await vi.waitFor(() => expect(client!.status().queuedRequests).toBe(0));
    expect(await countRows(server, 'work_requests')).toBe(1);
    const file = JSON.parse(fs.readFileSync(path.join(clientDir, OFFLINE_QUEUE_FILE_NAME), 'utf8')) as { rejected: { input: { equipmentCode: string }; error: { code: string } }[] };
    expect(file.rejected.map((r) => [r.input.equipmentCode, r.error.code])).toEqual([['INCONNU-9', 'EQUIPMENT_NOT_FOUND']]);
  });

  it('refused by the server: the windows lock, status says why, and enrolling again is offered', async () => {
    await call('w1', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    received.length = 0;
    site.refuse('revoked');
    expect(eventsTo('w1', 'session:ended')).toEqual([{ reason: 'disconnected' }]);
    expect(eventsTo('w1', 'site:connection')).toEqual([{ state: 'refused', refusal: 'revoked', nextAttemptAt: null, queuedRequests: 0 }]);
    expect(client!.status()).toMatchObject({ connection: 'refused', refusal: 'revoked', canEnrol: true });
  });

  it('forwards OS events (suspend locks the windows at once) and closed windows; refuses foreign senders', async () => {
    await call('w1', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    received.length = 0;
    await client!.osEvent('suspend');
    expect(eventsTo('w1', 'session:ended')[0]).toEqual({ reason: 'os-lock' });
    await vi.waitFor(() => expect(server.sessions.signedInWindows()).toEqual([]));
    client!.forgetWindow('w1');
    expect(site.frames).toEqual([{ type: 'os-event', event: 'suspend' }, { type: 'window-closed', window: 'w1' }]);
    const foreign = await client!.dispatcher.dispatch({ windowId: 'w9', url: 'https://evil.example/' }, 'app:getState', undefined);
    expect(!foreign.ok && foreign.error.code).toBe('UNTRUSTED_SENDER');
    const unknown = await call('w1', '__proto__');
    expect(!unknown.ok && unknown.error.code).toBe('UNKNOWN_CHANNEL');
    const probe = await call('w1', 'site:probe', { serverUrl: 'autre-srv' });
    expect(!probe.ok && probe.error.code).toBe('SITE_ENROL_NOT_ALLOWED');
  });
});

it('sends the PC\u2019s idle time to the server as soon as it connects, then every idleReportMs', async () => {
  enrolOnDisk();
  let idle = 0;
  await startClient({ systemIdleMs: () => (idle += 1000), idleReportMs: 5 });
  await connected();
  expect(site.frames[0]).toEqual({ type: 'idle', ms: 1000 });
  await vi.waitFor(() => expect(site.frames).toContainEqual({ type: 'idle', ms: 3000 }));
});

describe('a client PC not enrolled yet', () => {
  const probe: SiteProbe = { serverUrl: 'https://atelier-srv:8443', fingerprint: FINGERPRINT, serverName: 'Serveur atelier', serverVersion: '1.2.3', compatible: true };
  const enrolment = (fingerprint = FINGERPRINT): EnrolmentClient & { requests: unknown[] } => {
    const requests: unknown[] = [];
    return {
      requests,
      probeServer: (serverUrl) => Promise.resolve({ probe: { ...probe, serverUrl: serverUrl.startsWith('https://') ? serverUrl : `https://${serverUrl}:8443`, fingerprint }, certificatePem: CERT }),
      enrolWithServer: (request) => {
        requests.push(request);
        return Promise.resolve({ workstationId: 3, workstationName: request.workstationName, credential: '3.bm91dmVhdQ' });
      },
    };
  };

  it('says so, offers the configured server, answers the login screen and refuses the rest', async () => {
    await startClient({ serverUrl: 'https://atelier-srv:8443' });
    expect(client!.status()).toEqual({ mode: 'client', serverUrl: 'https://atelier-srv:8443', fingerprint: null, workstationName: null, connection: 'not-enrolled', refusal: null, queuedRequests: 0, canEnrol: true });
    expect(site.links).toHaveLength(0);
    expect(await call('w1', 'app:getState')).toEqual({ ok: true, data: { needsSetup: false, user: null, version: '1.2.3' } });
    const report = await call('w1', 'requests:report', DI);
    expect(!report.ok && report.error.code).toBe('SITE_NOT_ENROLLED');
  });

  it('enrols without a restart: the credential is sealed in site-client.json, and the link starts', async () => {
    const wire = enrolment();
    await startClient({ enrolment: wire });
    const probed = await call('w1', 'site:probe', { serverUrl: 'atelier-srv' });
    expect(probed).toEqual({ ok: true, data: { ...probe } });
    const enrolled = await call('w1', 'site:enrol', { serverUrl: 'atelier-srv', code: 'abcd-efgh-jkmn', workstationName: ' Presse 3 ', fingerprint: FINGERPRINT });
    expect(enrolled).toEqual({ ok: true, data: { workstationName: 'Presse 3', restartRequired: false } });
    expect(wire.requests).toEqual([{ serverUrl: 'https://atelier-srv:8443', fingerprint: FINGERPRINT, certificatePem: CERT, code: 'ABCD-EFGH-JKMN', workstationName: 'Presse 3', appVersion: '1.2.3' }]);
    const text = fs.readFileSync(clientConfigFile(clientDir), 'utf8');
    expect(text).not.toContain('bm91dmVhdQ');
    expect(readClientConfig(clientDir, createFileKeySecretStore(clientDir))).toMatchObject({ status: 'enrolled', config: { workstationId: 3, credential: '3.bm91dmVhdQ', fingerprint: FINGERPRINT } });
    await connected();
    expect(site.links[0].options.credential).toBe('3.bm91dmVhdQ');
    expect(client!.status()).toMatchObject({ connection: 'connected', workstationName: 'Presse 3', canEnrol: false });
    const again = await call('w1', 'site:enrol', { serverUrl: 'atelier-srv', code: 'abcd-efgh-jkmn', workstationName: 'Presse 3', fingerprint: FINGERPRINT });
    expect(!again.ok && again.error.code).toBe('SITE_ENROL_NOT_ALLOWED');
  });

  it('refuses to enrol when the certificate is not the one the person compared, and writes nothing', async () => {
    const wire = enrolment(OTHER_FINGERPRINT);
    await startClient({ enrolment: wire });
    const enrolled = await call('w1', 'site:enrol', { serverUrl: 'atelier-srv', code: 'ABCD-EFGH-JKMN', workstationName: 'Presse 3', fingerprint: FINGERPRINT });
    expect(!enrolled.ok && enrolled.error.code).toBe('SITE_PIN_MISMATCH');
    expect(wire.requests).toEqual([]);
    expect(fs.existsSync(clientConfigFile(clientDir))).toBe(false);
    const badCode = await call('w1', 'site:enrol', { serverUrl: 'atelier-srv', code: 'ABCD-EFGH-JKM0', workstationName: 'Presse 3', fingerprint: FINGERPRINT });
    expect(!badCode.ok && badCode.error.code).toBe('VALIDATION_FAILED');
  });

  it('an enrolment file copied from another PC (another key) is not used: enrol again', async () => {
    const otherPc = makeTempDir('gmao-other-pc-');
    enrolOnDisk(otherPc);
    fs.copyFileSync(clientConfigFile(otherPc), clientConfigFile(clientDir));
    fs.rmSync(otherPc, { recursive: true, force: true });
    await startClient();
    expect(client!.status()).toMatchObject({ connection: 'not-enrolled', canEnrol: true });
    expect(site.links).toHaveLength(0);
  });
});
