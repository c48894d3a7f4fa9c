// Node (tests). The harness in client-PC mode (issue 16) against a real site server: two harnesses play two PCs; a
// tab's bridge socket reaches the server through the PC's client core (enrolment from the tab, login, a DI named
// after the PC that reaches the other PC's tab as data:changed); the server going away locks the tab and says so.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createMemoryLogger } from '../../electron/core/kernel/platform/logger';
import { SITE_CLIENT_ORIGIN } from '../../electron/core/site/protocol';
import { startSiteServer, type SiteServer } from '../../electron/core/site/server/site-server';
import { EquipmentRepository } from '../../electron/core/equipment';
import { REPO_RESOURCES_DIR } from '../support/repo-paths';
import { ADMIN_INPUT, FakeClock, makeTempDir } from '../support/test-core';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../support/test-database';
import { startHarness, type ClientHarness } from './harness-server';

const cleanups: (() => Promise<void> | void)[] = [];
let server: SiteServer;
let target: TestDatabaseTarget | null;

beforeEach(async () => {
  const serverDir = makeTempDir('gmao-harness-site-');
  target = TEST_ENGINE === 'postgres' ? await createTestDatabaseTarget(serverDir) : null;
  server = await startSiteServer({
    dataDir: serverDir,
    databaseUrl: target?.url ?? null,
    databaseSchema: target?.schema,
    host: '127.0.0.1',
    port: 0,
    serverName: 'Serveur atelier',
    resourcesDir: REPO_RESOURCES_DIR,
    core: { clock: new FakeClock(), logger: createMemoryLogger(), bcryptCost: 4, tickIntervalMs: 0, backupCheckIntervalMs: 0, mailAutoRun: false, preventiveAutoRun: false },
  });
  cleanups.push(async () => {
    await server.close();
    await target?.drop();
    fs.rmSync(serverDir, { recursive: true, force: true });
  });
  const sender = { windowId: 'setup', url: `${SITE_CLIENT_ORIGIN}/` };
  expect((await server.core.dispatcher.dispatch(sender, 'auth:setupFirstAdmin', ADMIN_INPUT)).ok).toBe(true);
  const base = { parent_id: null, category: null, manufacturer: 'Arburg', model: 'X', serial_number: 'SN', commissioned_on: null, notes: null, created_at: 0, updated_at: 0, location_id: null };
  await new EquipmentRepository(server.core.database.kysely).insert({ ...base, code: 'PR-003', designation: 'Presse à injecter 3' });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function fakeRendererDir(): string {
  const dir = makeTempDir('gmao-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html><head></head><body>app</body></html>');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function clientPc(): Promise<ClientHarness> {
  const dataDir = makeTempDir('gmao-harness-pc-');
  const h = await startHarness({ dataDir, rendererDir: fakeRendererDir(), appVersion: '1.2.3', client: { serverUrl: server.url, backoff: { initialMs: 20, maxMs: 100 }, logger: createMemoryLogger() } });
  cleanups.push(async () => {
    await h.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return h;
}

/** A tab: the bridge's socket, its invoke, and the events it received. */
async function tab(h: ClientHarness) {
  const ws = new WebSocket(`${h.url.replace('http', 'ws')}__harness/ipc`, { origin: h.url.replace(/\/$/, '') });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const events: { event: string; payload: unknown }[] = [];
  const pending = new Map<number, (result: unknown) => void>();
  ws.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as { type: string; id?: number; result?: unknown; event?: string; payload?: unknown };
    if (message.type === 'result') pending.get(message.id!)?.(message.result);
    if (message.type === 'event') events.push({ event: message.event!, payload: message.payload });
  });
  let id = 0;
  const invoke = (channel: string, input?: unknown) =>
    new Promise<{ ok: boolean; data?: unknown; error?: { code: string } }>((resolve) => {
      const myId = ++id;
      pending.set(myId, resolve as (result: unknown) => void);
      ws.send(JSON.stringify({ type: 'invoke', id: myId, channel, input }));
    });
  cleanups.push(() => ws.close());
  return { invoke, events };
}

async function enrolFromTab(h: ClientHarness, name: string) {
  const t = await tab(h);
  expect(await t.invoke('site:status')).toMatchObject({ ok: true, data: { mode: 'client', connection: 'not-enrolled', canEnrol: true, serverUrl: server.url } });
  const probe = await t.invoke('site:probe', { serverUrl: server.url });
  expect(probe).toMatchObject({ ok: true, data: { fingerprint: server.fingerprint } });
  const admin = await server.core.database.kysely.selectFrom('users').select('id').executeTakeFirstOrThrow();
  const code = await server.createEnrolmentCode(Number(admin.id));
  expect(await t.invoke('site:enrol', { serverUrl: server.url, code: code.code, workstationName: name, fingerprint: server.fingerprint })).toEqual({ ok: true, data: { workstationName: name, restartRequired: false } });
  await vi.waitFor(() => expect(h.client.status().connection).toBe('connected'));
}

describe('harness in client-PC mode', () => {
  it('two PCs: enrolled from a tab, a DI filed on one reaches the other\u2019s signed-in tab; the server going away locks it', async () => {
    const press = await clientPc();
    const office = await clientPc();
    expect(press.core).toBeUndefined();
    await enrolFromTab(press, 'Presse 3');
    await enrolFromTab(office, 'Bureau maintenance');

    const officeTab = await tab(office);
    expect((await officeTab.invoke('auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password })).ok).toBe(true);
    const pressTab = await tab(press);
    const filed = await pressTab.invoke('requests:report', { equipmentCode: 'PR-003', symptom: 'Bruit anormal', machineStopped: false });
    expect(filed).toMatchObject({ ok: true, data: { queued: false } });
    expect(await server.core.database.kysely.selectFrom('work_requests').select('workstation').execute()).toEqual([{ workstation: 'Presse 3' }]);
    await vi.waitFor(() => expect(officeTab.events).toContainEqual({ event: 'data:changed', payload: { topics: ['requests'] } }));

    await server.close();
    await vi.waitFor(() => expect(officeTab.events).toContainEqual({ event: 'session:ended', payload: { reason: 'disconnected' } }));
    expect(officeTab.events.find((e) => e.event === 'site:connection')).toMatchObject({ payload: { state: 'reconnecting' } });
    expect(await pressTab.invoke('requests:report', { equipmentCode: 'PR-003', symptom: 'Encore', machineStopped: false })).toEqual({ ok: true, data: { number: null, queued: true } });
  });
});
