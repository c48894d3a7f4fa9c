// Node (tests). A real site server and real client links (connectSiteLink over TLS WebSocket), on the engine of this
// pass: calls reach the dispatcher as the calling PC, refusals (unknown, revoked, old protocol, wrong certificate) are
// refused and audited, revocation cuts an open link at once, a lost link or an OS lock locks that PC's windows only,
// and each PC's own idle time keeps its windows alive.
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectSiteLink } from '../client/ws-site-link';
import type { LinkState, SiteLink } from '../client/site-link';
import { APP_VERSION_HEADER, CREDENTIAL_HEADER, IPC_PATH, PROTOCOL_HEADER } from '../protocol';
import { createMemoryLogger } from '../../kernel/platform/logger';
import { ADMIN_INPUT, makeTempDir } from '../../../../tests/support/test-core';
import { startTestSiteServer, SERVER_ADMIN_WINDOW, type TestSiteServer } from '../../../../tests/support/site-server-fixture';
import { generate } from 'selfsigned';
import { enrolWithServer, probeServer } from '../client/enrolment-client';
import { loadTlsIdentity } from './tls-identity';
import type { EnrolResponse } from '../protocol';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(options: Parameters<typeof startTestSiteServer>[0] = {}): Promise<TestSiteServer> {
  const started = await startTestSiteServer(options);
  cleanups.push(() => started.dispose());
  return started;
}

function link(site: { url: string; fingerprint: string; certificatePem: string }, credential: string, extra: { appVersion?: string } = {}): SiteLink {
  const opened = connectSiteLink({
    serverUrl: site.url,
    fingerprint: site.fingerprint,
    certificatePem: site.certificatePem,
    credential,
    appVersion: extra.appVersion ?? '1.0.0-test',
    logger: createMemoryLogger(),
    backoff: { initialMs: 50, maxMs: 200 },
  });
  cleanups.push(() => opened.close());
  return opened;
}

/** Resolves with the first state the link reaches that `accept` takes (or the one it is in). */
function until(target: SiteLink, accept: (state: LinkState) => boolean): Promise<LinkState> {
  if (accept(target.state)) return Promise.resolve(target.state);
  return new Promise((resolve) => {
    const stop = target.onState((state) => {
      if (!accept(state)) return;
      stop();
      resolve(state);
    });
  });
}
const connected = (target: SiteLink) => until(target, (state) => state.state === 'connected');
const refused = (target: SiteLink) => until(target, (state) => state.state === 'refused' || state.state === 'closed');

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

async function auditRows(site: TestSiteServer, eventType: string) {
  const rows = await site.core.database.kysely.selectFrom('audit_log').selectAll().where('event_type', '=', eventType).orderBy('id').execute();
  return rows.map((row) => ({ ...row, details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null }));
}

async function login(target: SiteLink, window: string) {
  return target.invoke(window, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
}

describe('site server and client link', () => {
  it('carries calls to the real dispatcher as the calling PC: the audit log names the PC, not the server', async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const enrolled = await site.enrol('Presse 3', adminId);
    const pc = link(site, enrolled.credential);
    const state = await connected(pc);
    expect(state).toMatchObject({ state: 'connected', workstationId: enrolled.workstationId, workstationName: 'Presse 3' });

    const events: { window: string; event: string }[] = [];
    pc.onEvent((window, event) => events.push({ window, event }));
    const result = await login(pc, 'main');
    expect(result.ok).toBe(true);
    // The server's session is the PC's window, scoped to the PC.
    expect(site.core.sessions.signedInWindows()).toContain(`ws${enrolled.workstationId}:main`);
    const logins = await auditRows(site, 'login.success');
    expect(logins.at(-1)?.workstation).toBe('Presse 3');
    // The server's own administrator's login names the server.
    expect(logins[0].workstation).toBe('Serveur test');

    // An event the server pushes to that window reaches the PC with its own window id.
    await site.core.sessions.end(`ws${enrolled.workstationId}:main`, 'manual-lock');
    await waitFor(() => events.some((e) => e.window === 'main' && e.event === 'session:ended'), 'session:ended on the PC');

    // last_seen_at, address and version recorded at connection.
    const listed = await site.call(SERVER_ADMIN_WINDOW, 'site:listWorkstations');
    expect(listed.ok && listed.data[0]).toMatchObject({ name: 'Presse 3', online: true, lastAddress: '127.0.0.1', appVersion: '1.0.0-test', revokedAt: null });
    expect(listed.ok && listed.data[0].lastSeenAt).toBe(site.clock.now());
  });

  it('refuses an unknown credential and a forged secret, and audits it', async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const enrolled = await site.enrol('Presse 3', adminId);
    const forged = `${enrolled.workstationId}.${'A'.repeat(43)}`;
    const pc = link(site, forged);
    expect(await refused(pc)).toMatchObject({ state: 'refused', refusal: 'unknown-workstation' });
    const stranger = link(site, `999.${'B'.repeat(43)}`);
    expect(await refused(stranger)).toMatchObject({ state: 'refused', refusal: 'unknown-workstation' });
    const refusals = await auditRows(site, 'site.workstation.refused');
    expect(refusals.map((row) => row.details?.reason)).toEqual(['unknown-workstation', 'unknown-workstation']);
    expect(refusals[0].details).toMatchObject({ workstationId: enrolled.workstationId, address: '127.0.0.1' });
    expect(site.connectedWorkstations()).toEqual([]);
  });

  it('refuses a protocol version it does not speak (426), audited', async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const enrolled = await site.enrol('Presse 3', adminId);
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`wss://127.0.0.1:${site.port}${IPC_PATH}`, {
        ca: [site.certificatePem],
        checkServerIdentity: (() => undefined) as never,
        headers: { [CREDENTIAL_HEADER]: `Workstation ${enrolled.credential}`, [PROTOCOL_HEADER]: '0', [APP_VERSION_HEADER]: '0.0.1' },
      });
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => reject(new Error('opened')));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(426);
    const refusals = await auditRows(site, 'site.workstation.refused');
    expect(refusals.map((row) => row.details)).toEqual([expect.objectContaining({ reason: 'version', appVersion: '0.0.1' })]);
  });

  it('revocation closes an open link at once, locks its windows, and the PC is refused from then on', async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const enrolled = await site.enrol('Presse 3', adminId);
    const pc = link(site, enrolled.credential);
    await connected(pc);
    expect((await login(pc, 'main')).ok).toBe(true);

    const revoked = await site.call(SERVER_ADMIN_WINDOW, 'site:revokeWorkstation', { id: enrolled.workstationId });
    expect(revoked.ok).toBe(true);
    // At once: the session is gone before the call even returned, and the link hears it is revoked.
    expect(site.core.sessions.signedInWindows()).toEqual([SERVER_ADMIN_WINDOW]);
    expect(await refused(pc)).toMatchObject({ state: 'refused', refusal: 'revoked' });
    expect((await pc.invoke('main', 'app:getState', undefined)).ok).toBe(false);

    const again = link(site, enrolled.credential);
    expect(await refused(again)).toMatchObject({ state: 'refused', refusal: 'revoked' });
    expect((await auditRows(site, 'site.workstation.revoked')).map((row) => [row.actor_user_id, row.subject_label])).toEqual([[adminId, 'Presse 3']]);
    expect((await auditRows(site, 'site.workstation.refused')).map((row) => row.details?.reason)).toEqual(['workstation-revoked']);
    const listed = await site.call(SERVER_ADMIN_WINDOW, 'site:listWorkstations');
    expect(listed.ok && listed.data[0]).toMatchObject({ online: false, revokedAt: site.clock.now() });
  });

  it("a PC's lost link ends that PC's sessions only (audited as a lock), and its OS lock locks its windows only", async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const a: EnrolResponse = await site.enrol('Presse 3', adminId);
    const b: EnrolResponse = await site.enrol('Bureau', adminId);
    const pcA = link(site, a.credential);
    const pcB = link(site, b.credential);
    await Promise.all([connected(pcA), connected(pcB)]);
    expect((await login(pcA, 'w1')).ok).toBe(true);
    expect((await login(pcA, 'w2')).ok).toBe(true);
    expect((await login(pcB, 'w1')).ok).toBe(true);

    pcB.send({ type: 'os-event', event: 'lock-screen' });
    await waitFor(() => !site.core.sessions.signedInWindows().includes(`ws${b.workstationId}:w1`), "B's window locked");
    expect(site.core.sessions.signedInWindows().sort()).toEqual([SERVER_ADMIN_WINDOW, `ws${a.workstationId}:w1`, `ws${a.workstationId}:w2`].sort());
    expect((await login(pcB, 'w1')).ok).toBe(true);

    await pcA.close();
    await waitFor(() => site.connectedWorkstations().length === 1, 'A gone');
    expect(site.core.sessions.signedInWindows().sort()).toEqual([SERVER_ADMIN_WINDOW, `ws${b.workstationId}:w1`].sort());
    await waitFor(async () => (await auditRows(site, 'session.locked')).filter((row) => row.details?.reason === 'disconnected').length === 2, 'locks audited');
    const locks = (await auditRows(site, 'session.locked')).filter((row) => row.details?.reason === 'disconnected');
    expect(locks.map((row) => row.workstation)).toEqual(['Serveur test', 'Serveur test']);
    // B carries on.
    expect((await pcB.invoke('w1', 'app:getState', undefined)).ok).toBe(true);
  });

  it("each PC's reported idle time keeps its own windows alive, not the other PC's", async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const a = await site.enrol('Presse 3', adminId);
    const b = await site.enrol('Bureau', adminId);
    const pcA = link(site, a.credential);
    const pcB = link(site, b.credential);
    await Promise.all([connected(pcA), connected(pcB)]);
    expect((await login(pcA, 'main')).ok).toBe(true);
    expect((await login(pcB, 'main')).ok).toBe(true);
    const idleMs = (await site.call(SERVER_ADMIN_WINDOW, 'security:getSettings')) as { ok: true; data: { idleMinutes: number } };
    const idle = idleMs.data.idleMinutes * 60_000;

    // Someone works on A (A reports it was used a second ago), nobody on B. A round trip after the frame makes sure
    // the server has read it (one socket: frames are handled in order).
    site.clock.advance(idle - 60_000);
    pcA.send({ type: 'idle', ms: 1_000 });
    expect((await pcA.invoke('main', 'app:getState', undefined)).ok).toBe(true);
    site.clock.advance(120_000);
    await site.core.sessions.tick();
    expect(site.core.sessions.signedInWindows()).not.toContain(`ws${b.workstationId}:main`);
    expect(site.core.sessions.signedInWindows()).toContain(`ws${a.workstationId}:main`);
  });

  it('a link to a server with another certificate is refused before any byte of the request (the credential) is sent', async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const enrolled = await site.enrol('Presse 3', adminId);

    // An impostor at another address, with a certificate of its own, recording every byte it receives.
    const otherDir = fs.mkdtempSync(path.join(site.dataDir, 'other-'));
    const other = await loadTlsIdentity({ dataDir: otherDir });
    const received: Buffer[] = [];
    const impostor = tls.createServer({ key: other.key, cert: other.cert }, (socket) => {
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.on('error', () => undefined);
    });
    impostor.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => impostor.close(() => resolve())));
    const port = (impostor.address() as { port: number }).port;

    const pc = link({ url: `https://127.0.0.1:${port}`, fingerprint: site.fingerprint, certificatePem: site.certificatePem }, enrolled.credential);
    expect(await refused(pc)).toMatchObject({ state: 'refused', refusal: 'pin-mismatch' });
    expect(Buffer.concat(received).length).toBe(0);

    // Same certificate PEM trusted but a different pinned fingerprint: refused too (checkServerIdentity).
    const wrongPin = link({ url: site.url, fingerprint: other.fingerprint, certificatePem: site.certificatePem }, enrolled.credential);
    expect(await refused(wrongPin)).toMatchObject({ state: 'refused', refusal: 'pin-mismatch' });
    expect(await auditRows(site, 'site.workstation.refused')).toEqual([]);
  });

  it('in-flight calls answer SITE_SERVER_UNREACHABLE when the socket drops; the link reconnects once the server is back', async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const enrolled = await site.enrol('Presse 3', adminId);
    const pc = link(site, enrolled.credential);
    await connected(pc);
    expect((await login(pc, 'main')).ok).toBe(true);
    // The server stops (its data and certificate stay): the PC's call in flight is answered, the link keeps trying.
    const inFlight = pc.invoke('main', 'app:getState', undefined);
    const stopping = site.close();
    const answer = await inFlight;
    if (!answer.ok) expect(answer.error.code).toBe('SITE_SERVER_UNREACHABLE');
    await stopping;
    await until(pc, (state) => state.state === 'reconnecting');
    expect(await pc.invoke('main', 'app:getState', undefined)).toMatchObject({ ok: false, error: { code: 'SITE_SERVER_UNREACHABLE' } });

    const again = await startTestSiteServer({ dataDir: site.dataDir, port: site.port, reuseDatabaseOf: site, clock: site.clock });
    cleanups.push(() => again.close());
    expect(again.fingerprint).toBe(site.fingerprint);
    expect(await connected(pc)).toMatchObject({ state: 'connected', workstationId: enrolled.workstationId });
    // The session died with the old server process: the person signs in again.
    const state = await pc.invoke('main', 'app:getState', undefined);
    expect(state.ok && (state.data as { user: unknown }).user).toBeNull();
    // The lock of the lost link was audited before the server stopped.
    const locks = (await auditRows(again, 'session.locked')).filter((row) => row.details?.reason === 'disconnected');
    expect(locks).toHaveLength(1);
  });

  it("works with IT's certificate signed by their own CA: the leaf is pinned, a chain to it is enough", async () => {
    const ca = await generate([{ name: 'commonName', value: 'CA informatique' }], {
      algorithm: 'sha256',
      keyType: 'ec',
      extensions: [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true }],
    });
    const leaf = await generate([{ name: 'commonName', value: 'gmao.usine.local' }], { algorithm: 'sha256', keyType: 'ec', ca: { key: ca.private, cert: ca.cert } });
    const folder = makeTempDir('gmao-it-');
    cleanups.push(async () => fs.rmSync(folder, { recursive: true, force: true }));
    const certFile = path.join(folder, 'cert.pem');
    const keyFile = path.join(folder, 'key.pem');
    fs.writeFileSync(certFile, `${leaf.cert.trim()}\n${ca.cert.trim()}\n`);
    fs.writeFileSync(keyFile, leaf.private);
    const site = await server({ tls: { certFile, keyFile } });
    expect(fs.existsSync(path.join(site.dataDir, 'site-tls'))).toBe(false);
    const adminId = await site.signInAdmin();
    const code = await site.createEnrolmentCode(adminId);
    const { probe, certificatePem } = await probeServer(site.url);
    expect(probe.fingerprint).toBe(site.fingerprint);
    const enrolled = await enrolWithServer({ serverUrl: site.url, fingerprint: probe.fingerprint, certificatePem, code: code.code, workstationName: 'Presse 3', appVersion: '1' });
    const pc = link({ url: site.url, fingerprint: probe.fingerprint, certificatePem }, enrolled.credential);
    expect(await connected(pc)).toMatchObject({ state: 'connected', workstationName: 'Presse 3' });
  });
});
