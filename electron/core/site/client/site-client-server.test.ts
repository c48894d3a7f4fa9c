// Node (tests). Client PCs' cores against a REAL site server (startSiteServer, TLS on loopback, the real pinned link
// and enrolment client), on the engine of this pass: a PC enrols from its own enrolment screen without a restart,
// its calls run on the server under its name, a DI filed on one PC reaches the other's signed-in window; the server
// going away locks the windows at once, the DI filed meanwhile is queued on disk and filed exactly once when the
// server is back (same port, same data); a revoked PC is refused and its windows locked.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayloads } from '../../../../shared/contract';
import { ADMIN_INPUT, FakeClock, makeTempDir } from '../../../../tests/support/test-core';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../../../../tests/support/test-database';
import { REPO_RESOURCES_DIR } from '../../../../tests/support/repo-paths';
import { createFileKeySecretStore } from '../../email/file-key-secret-store';
import { EquipmentRepository } from '../../equipment';
import { createMemoryLogger } from '../../kernel/platform/logger';
import { SITE_CLIENT_ORIGIN } from '../protocol';
import { startSiteServer, type SiteServer } from '../server/site-server';
import { createSiteClientCore, type SiteClientCore } from './site-client-core';

const ORIGIN = 'app://gmao';
const DI = { equipmentCode: 'PR-003', symptom: 'Fuite d’huile sur le vérin', machineStopped: true };

interface Pc {
  core: SiteClientCore;
  dir: string;
  events: { windowId: string; event: EventName; payload: unknown }[];
  call(window: string, channel: string, input?: unknown): ReturnType<SiteClientCore['dispatcher']['dispatch']>;
  to(window: string, event: EventName): unknown[];
}

let serverDir: string;
let target: TestDatabaseTarget | null;
let server: SiteServer | null;
let adminId: number;
const clock = new FakeClock();
const pcs: Pc[] = [];

async function startServer(port = 0): Promise<SiteServer> {
  server = await startSiteServer({
    dataDir: serverDir,
    databaseUrl: target?.url ?? null,
    databaseSchema: target?.schema,
    databasePoolSize: 4,
    host: '127.0.0.1',
    port,
    serverName: 'Serveur atelier',
    appVersion: '1.2.3',
    resourcesDir: REPO_RESOURCES_DIR,
    core: { clock, logger: createMemoryLogger(), bcryptCost: 4, tickIntervalMs: 0, backupCheckIntervalMs: 0, mailAutoRun: false, preventiveAutoRun: false, approvalTuning: { responseFloorMs: 0 } },
  });
  return server;
}
const serverCall = (window: string, channel: string, input?: unknown) => server!.core.dispatcher.dispatch({ windowId: window, url: `${SITE_CLIENT_ORIGIN}/` }, channel, input);

async function startPc(dir = makeTempDir('gmao-pc-')): Promise<Pc> {
  const events: Pc['events'] = [];
  const core = await createSiteClientCore({
    dataDir: dir,
    appVersion: '1.2.3',
    trustedOrigins: [ORIGIN],
    events: {
      send<E extends EventName>(windowId: string, event: E, payload: EventPayloads[E]) {
        events.push({ windowId, event, payload });
      },
    },
    secretStore: createFileKeySecretStore(dir),
    logger: createMemoryLogger(),
    backoff: { initialMs: 20, maxMs: 100 },
  });
  const pc: Pc = {
    core,
    dir,
    events,
    call: (window, channel, input) => core.dispatcher.dispatch({ windowId: window, url: `${ORIGIN}/` }, channel, input),
    to: (window, event) => events.filter((e) => e.windowId === window && e.event === event).map((e) => e.payload),
  };
  pcs.push(pc);
  return pc;
}

/** The PC's own enrolment screen: probe, compare (the test reads the server's fingerprint), code, name. */
async function enrol(pc: Pc, name: string) {
  const probe = await pc.call('e', 'site:probe', { serverUrl: server!.url.replace('https://', '') });
  expect(probe).toMatchObject({ ok: true, data: { fingerprint: server!.fingerprint, serverName: 'Serveur atelier', compatible: true } });
  const code = await server!.createEnrolmentCode(adminId);
  const enrolled = await pc.call('e', 'site:enrol', { serverUrl: server!.url, code: code.code, workstationName: name, fingerprint: server!.fingerprint });
  expect(enrolled).toEqual({ ok: true, data: { workstationName: name, restartRequired: false } });
  await vi.waitFor(() => expect(pc.core.status().connection).toBe('connected'));
}
const login = (pc: Pc, window: string) => pc.call(window, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });

beforeEach(async () => {
  serverDir = makeTempDir('gmao-site-server-');
  target = TEST_ENGINE === 'postgres' ? await createTestDatabaseTarget(serverDir) : null;
  await startServer();
  expect((await serverCall('setup', 'auth:setupFirstAdmin', ADMIN_INPUT)).ok).toBe(true);
  const admin = await server!.core.database.kysely.selectFrom('users').select('id').executeTakeFirstOrThrow();
  adminId = Number(admin.id);
  const base = { parent_id: null, category: null, manufacturer: 'Arburg', model: 'X', serial_number: 'SN', commissioned_on: null, notes: null, created_at: 0, updated_at: 0, location_id: null };
  await new EquipmentRepository(server!.core.database.kysely).insert({ ...base, code: 'PR-003', designation: 'Presse à injecter 3' });
});
afterEach(async () => {
  for (const pc of pcs.splice(0)) {
    await pc.core.close();
    fs.rmSync(pc.dir, { recursive: true, force: true });
  }
  await server?.close();
  server = null;
  await target?.drop();
  fs.rmSync(serverDir, { recursive: true, force: true });
});

describe('client PCs and a real site server', () => {
  it('enrol without a restart; calls run on the server as the PC; a DI filed on one PC reaches the other\u2019s window', async () => {
    const press = await startPc();
    const office = await startPc();
    expect(press.core.status()).toMatchObject({ mode: 'client', connection: 'not-enrolled', canEnrol: true });
    await enrol(press, 'Presse 3');
    await enrol(office, 'Bureau maintenance');
    expect(fs.readFileSync(`${press.dir}/site-client.json`, 'utf8')).not.toMatch(/"credential"/);

    expect((await login(office, 'w1')).ok).toBe(true);
    expect((await office.call('w1', 'requests:mine', {})).ok).toBe(true);
    office.events.length = 0;
    const filed = await press.call('kiosk', 'requests:report', DI);
    expect(filed).toEqual({ ok: true, data: { number: `DI-${new Date(clock.now()).getFullYear()}-000001`, queued: false } });
    const row = await server!.core.database.kysely.selectFrom('work_requests').select(['workstation', 'client_key']).executeTakeFirstOrThrow();
    expect(row.workstation).toBe('Presse 3');
    expect(row.client_key).not.toBeNull();
    await vi.waitFor(() => expect(office.to('w1', 'data:changed')).toContainEqual({ topics: ['requests', 'downtimes', 'equipment'] }));
    // The server's admin list names both PCs, online.
    expect((await serverCall('server-admin', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password })).ok).toBe(true);
    const list = await serverCall('server-admin', 'site:listWorkstations');
    expect(list.ok && (list.data as { name: string; online: boolean }[]).map((w) => [w.name, w.online]).sort()).toEqual([['Bureau maintenance', true], ['Presse 3', true]]);
  });

  it('the server goes away: windows lock at once, a DI is queued; back on the same address, it is filed once', async () => {
    const press = await startPc();
    await enrol(press, 'Presse 3');
    expect((await login(press, 'w1')).ok).toBe(true);
    await press.call('w2', 'app:getState');
    const port = server!.port;
    press.events.length = 0;
    await server!.close();
    server = null;
    await vi.waitFor(() => expect(press.to('w1', 'session:ended')).toEqual([{ reason: 'disconnected' }]));
    expect(press.to('w2', 'session:ended')).toEqual([]);
    expect(press.to('w2', 'site:connection')[0]).toMatchObject({ state: 'reconnecting', queuedRequests: 0 });
    expect(await press.call('w1', 'app:getState')).toMatchObject({ ok: true, data: { user: null, needsSetup: false } });
    expect(await press.call('w1', 'requests:report', DI)).toEqual({ ok: true, data: { number: null, queued: true } });
    expect(press.core.status()).toMatchObject({ connection: 'reconnecting', queuedRequests: 1 });

    await startServer(port);
    await vi.waitFor(() => expect(press.core.status()).toMatchObject({ connection: 'connected', queuedRequests: 0 }), { timeout: 10_000 });
    const rows = await server!.core.database.kysely.selectFrom('work_requests').select(['workstation']).execute();
    expect(rows).toEqual([{ workstation: 'Presse 3' }]);
    expect(press.to('w1', 'site:connection').at(-1)).toEqual({ state: 'connected', refusal: null, nextAttemptAt: null, queuedRequests: 0 });
    // The person signs in again (the server ended that session as the socket closed).
    expect(await press.call('w1', 'app:getState')).toMatchObject({ ok: true, data: { user: null } });
    expect((await login(press, 'w1')).ok).toBe(true);
  });

  it('a revoked PC is refused at once: its windows lock, status says revoked, enrolling again is offered', async () => {
    const press = await startPc();
    await enrol(press, 'Presse 3');
    expect((await login(press, 'w1')).ok).toBe(true);
    press.events.length = 0;
    expect((await serverCall('server-admin', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password })).ok).toBe(true);
    const id = (await server!.core.database.kysely.selectFrom('workstations').select('id').executeTakeFirstOrThrow()).id;
    expect((await serverCall('server-admin', 'site:revokeWorkstation', { id: Number(id) })).ok).toBe(true);
    await vi.waitFor(() => expect(press.core.status()).toMatchObject({ connection: 'refused', refusal: 'revoked', canEnrol: true }));
    expect(press.to('w1', 'session:ended')).toEqual([{ reason: 'disconnected' }]);
    expect(press.to('w1', 'site:connection').at(-1)).toMatchObject({ state: 'refused', refusal: 'revoked' });
    // Started again, it stays refused (the credential is revoked for good) rather than retrying.
    await press.core.close();
    pcs.splice(pcs.indexOf(press), 1);
    const again = await startPc(press.dir);
    await vi.waitFor(() => expect(again.core.status()).toMatchObject({ connection: 'refused', refusal: 'revoked' }));
  });
});
