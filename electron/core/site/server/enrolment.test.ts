// Node (tests). Enrolment against a real site server over HTTPS, on the engine of this pass: the probe shows the
// server's own fingerprint, a code works once and for 15 minutes only (injected clock), it is stored hashed, a
// fingerprint that isn't the server's is refused without spending the code, attempts are throttled per address,
// and the admin channels list, create (audited) and revoke; a poste autonome answers SITE_NOT_SERVER.
import https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { ENROLMENT_CODE_PATTERN } from '../../../../shared/site/contract';
import { AppError } from '../../kernel/platform/app-error';
import { enrolWithServer, normaliseServerUrl, probeServer } from '../client/enrolment-client';
import { ENROL_PATH, PROTOCOL_VERSION } from '../protocol';
import { createTestCore } from '../../../../tests/support/test-core';
import { signInAdmin, ADMIN_WINDOW } from '../../../../tests/support/mail-fixtures';
import { startTestSiteServer, SERVER_ADMIN_WINDOW, type TestSiteServer } from '../../../../tests/support/site-server-fixture';
import { DEFAULT_ENROLMENT_LIMIT, ENROLMENT_CODE_TTL_MS, normaliseEnrolmentCode } from './workstation-service';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(): Promise<TestSiteServer> {
  const started = await startTestSiteServer();
  cleanups.push(() => started.dispose());
  return started;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'OK';
}

/** POST /site/enrol with whatever body (the pinned certificate trusted), answering the status and JSON body. */
function rawEnrol(site: TestSiteServer, body: unknown): Promise<{ status: number; body: { error?: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const request = https.request(
      new URL(ENROL_PATH, site.url),
      { method: 'POST', ca: [site.certificatePem], checkServerIdentity: () => undefined, agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code: string } } }));
      },
    );
    request.on('error', reject);
    request.end(text);
  });
}

describe('enrolment', () => {
  it('normalises what IT types into https://host:port', () => {
    expect(normaliseServerUrl('serveur-gmao')).toBe('https://serveur-gmao:8443');
    expect(normaliseServerUrl(' https://10.0.0.5:9443/ ')).toBe('https://10.0.0.5:9443');
    expect(normaliseServerUrl('[::1]')).toBe('https://[::1]:8443');
    expect(() => normaliseServerUrl('http://serveur')).toThrow(AppError);
    expect(() => normaliseServerUrl('https://serveur/chemin')).toThrow(AppError);
  });

  it('probes the server, then a code enrols one PC once; the code is stored hashed and the enrolment audited', async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const created = await site.call(SERVER_ADMIN_WINDOW, 'site:createEnrolmentCode');
    if (!created.ok) throw new Error(created.error.code);
    expect(created.data.code).toMatch(ENROLMENT_CODE_PATTERN);
    expect(created.data).toMatchObject({ fingerprint: site.fingerprint, serverUrls: [site.url], expiresAt: site.clock.now() + ENROLMENT_CODE_TTL_MS });

    const { probe, certificatePem } = await probeServer(site.url.replace('https://', ''));
    expect(probe).toEqual({ serverUrl: site.url, fingerprint: site.fingerprint, serverName: 'Serveur test', serverVersion: '1.0.0-test', compatible: true });
    expect(certificatePem).toBe(site.certificatePem);

    const enrol = (code: string, workstationName: string) =>
      enrolWithServer({ serverUrl: site.url, fingerprint: probe.fingerprint, certificatePem, code, workstationName, appVersion: '1.0.0-test' });
    // Typed in lower case with spaces: the same code.
    const enrolled = await enrol(created.data.code.toLowerCase().replace(/-/g, ' '), ' Presse 3 ');
    expect(enrolled).toMatchObject({ workstationName: 'Presse 3' });
    expect(enrolled.credential).toMatch(new RegExp(`^${enrolled.workstationId}\\.[A-Za-z0-9_-]{43}$`));
    // Single use.
    expect(await codeOf(enrol(created.data.code, 'Presse 4'))).toBe('SITE_ENROLMENT_CODE_INVALID');

    const db = site.core.database.kysely;
    const codes = await db.selectFrom('enrolment_codes').selectAll().execute();
    expect(codes).toHaveLength(1);
    expect(codes[0].code_hash).not.toContain(normaliseEnrolmentCode(created.data.code));
    expect(Number(codes[0].workstation_id)).toBe(enrolled.workstationId);
    const stations = await db.selectFrom('workstations').selectAll().execute();
    expect(stations).toHaveLength(1);
    expect(stations[0].credential_hash).not.toContain(enrolled.credential.split('.')[1]);
    expect(Number(stations[0].enrolled_by)).toBe(adminId);

    const audit = await db.selectFrom('audit_log').select(['event_type', 'actor_user_id', 'subject_label']).where('event_type', 'like', 'site.%').orderBy('id').execute();
    expect(audit.map((row) => [row.event_type, Number(row.actor_user_id) || null, row.subject_label])).toEqual([
      ['site.enrolment-code.created', adminId, null],
      ['site.workstation.enrolled', adminId, 'Presse 3'],
      ['site.workstation.refused', null, 'Presse 4'],
    ]);

    const listed = await site.call(SERVER_ADMIN_WINDOW, 'site:listWorkstations');
    expect(listed.ok && listed.data).toEqual([
      expect.objectContaining({ id: enrolled.workstationId, name: 'Presse 3', enrolledByDisplayName: 'Chef Atelier', online: false, revokedAt: null }),
    ]);
  });

  it('a brand-new server prints a first-start code: one PC enrols with it (no account needed), once', async () => {
    const site = await server();
    expect(site.firstStartCode).toMatch(ENROLMENT_CODE_PATTERN);
    const { probe, certificatePem } = await probeServer(site.url);
    const enrol = (workstationName: string) =>
      enrolWithServer({ serverUrl: site.url, fingerprint: probe.fingerprint, certificatePem, code: site.firstStartCode as string, workstationName, appVersion: '1' });
    const first = await enrol('Bureau maintenance');
    expect(first.workstationName).toBe('Bureau maintenance');
    expect(await codeOf(enrol('Presse 3'))).toBe('SITE_ENROLMENT_CODE_INVALID');
    const row = await site.core.database.kysely.selectFrom('workstations').selectAll().executeTakeFirstOrThrow();
    expect(row.enrolled_by).toBeNull();
    // Once an account exists a restarted server prints none (checked on the service directly: same rule).
    await site.signInAdmin();
    const again = await startTestSiteServer({ dataDir: site.dataDir, reuseDatabaseOf: site });
    cleanups.push(() => again.close());
    expect(again.firstStartCode).toBeNull();
  });

  it('a code expires after 15 minutes (injected clock)', async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const { probe, certificatePem } = await probeServer(site.url);
    const enrol = (code: string) => enrolWithServer({ serverUrl: site.url, fingerprint: probe.fingerprint, certificatePem, code, workstationName: 'Presse 3', appVersion: '1' });
    const early = await site.createEnrolmentCode(adminId);
    const late = await site.createEnrolmentCode(adminId);
    site.clock.advance(ENROLMENT_CODE_TTL_MS - 1);
    expect(await codeOf(enrol(early.code))).toBe('OK');
    site.clock.advance(1);
    expect(await codeOf(enrol(late.code))).toBe('SITE_ENROLMENT_CODE_INVALID');
  });

  it("refuses a fingerprint that is not the server's own, without spending the code, and the client refuses a certificate that isn't the confirmed one", async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const code = await site.createEnrolmentCode(adminId);
    const request = { code: code.code, workstationName: 'Presse 3', appVersion: '1', protocol: PROTOCOL_VERSION };
    const wrong = await rawEnrol(site, { ...request, fingerprint: site.fingerprint.replace(/^../, site.fingerprint.startsWith('AA') ? 'BB' : 'AA') });
    expect(wrong).toMatchObject({ status: 403, body: { error: { code: 'ENROLMENT_PIN_MISMATCH' } } });
    const old = await rawEnrol(site, { ...request, fingerprint: site.fingerprint, protocol: 0 });
    expect(old).toMatchObject({ status: 426, body: { error: { code: 'VERSION_UNSUPPORTED' } } });
    expect(await rawEnrol(site, { nonsense: true })).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });

    // Client side: the fingerprint confirmed on screen must be the certificate's; otherwise nothing is sent.
    const { certificatePem } = await probeServer(site.url);
    const otherFingerprint = site.fingerprint.replace(/^../, site.fingerprint.startsWith('AA') ? 'BB' : 'AA');
    expect(await codeOf(enrolWithServer({ serverUrl: site.url, fingerprint: otherFingerprint, certificatePem, code: code.code, workstationName: 'P', appVersion: '1' }))).toBe('SITE_PIN_MISMATCH');

    // The code still works.
    expect((await rawEnrol(site, { ...request, fingerprint: site.fingerprint })).status).toBe(200);
    const refusals = await site.core.database.kysely.selectFrom('audit_log').select('details').where('event_type', '=', 'site.workstation.refused').orderBy('id').execute();
    expect(refusals.map((row) => (JSON.parse(row.details ?? '{}') as { reason: string }).reason)).toEqual(['pin-mismatch', 'version']);
  });

  it('throttles attempts per address: past the limit even a good code waits (REQUEST_THROTTLED), until the window passes', async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    const { probe, certificatePem } = await probeServer(site.url);
    const enrol = (code: string) => enrolWithServer({ serverUrl: site.url, fingerprint: probe.fingerprint, certificatePem, code, workstationName: 'Presse 3', appVersion: '1' });
    for (let i = 0; i < DEFAULT_ENROLMENT_LIMIT.max; i++) expect(await codeOf(enrol('AAAA-BBBB-CCCC'))).toBe('SITE_ENROLMENT_CODE_INVALID');
    const good = await site.createEnrolmentCode(adminId);
    let thrown: unknown;
    try {
      await enrol(good.code);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'REQUEST_THROTTLED', details: { retryAfterSeconds: DEFAULT_ENROLMENT_LIMIT.windowMs / 1000 } });
    // The refused attempt did not spend the code.
    const unused = await site.core.database.kysely.selectFrom('enrolment_codes').select('used_at').executeTakeFirstOrThrow();
    expect(unused.used_at).toBeNull();
    site.clock.advance(DEFAULT_ENROLMENT_LIMIT.windowMs);
    const fresh = await site.createEnrolmentCode(adminId);
    expect(await codeOf(enrol(fresh.code))).toBe('OK');
    // Another address was never held back: the count is per address (a PC at the first try leaves no row at all).
    const rows = await site.core.database.kysely.selectFrom('login_throttle').select('identifier').execute();
    expect(rows.map((row) => row.identifier)).toEqual(['SITE-ENROL:127.0.0.1']);
  });

  it('admin channels: administrators only; revoking is audited once; a poste autonome is not a server', async () => {
    const site = await server();
    const adminId = await site.signInAdmin();
    expect(await site.call('anonymous', 'site:listWorkstations')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const enrolled = await site.enrol('Presse 3', adminId);
    expect((await site.call(SERVER_ADMIN_WINDOW, 'site:revokeWorkstation', { id: enrolled.workstationId })).ok).toBe(true);
    expect((await site.call(SERVER_ADMIN_WINDOW, 'site:revokeWorkstation', { id: enrolled.workstationId })).ok).toBe(true);
    expect(await site.call(SERVER_ADMIN_WINDOW, 'site:revokeWorkstation', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const revocations = await site.core.database.kysely.selectFrom('audit_log').select('id').where('event_type', '=', 'site.workstation.revoked').execute();
    expect(revocations).toHaveLength(1);
    const status = await site.call('anonymous', 'site:status');
    expect(status.ok && status.data).toMatchObject({ mode: 'server', fingerprint: site.fingerprint, serverUrl: site.url, canEnrol: false });

    const standalone = await createTestCore();
    cleanups.push(() => standalone.dispose());
    await signInAdmin(standalone);
    expect(await standalone.call(ADMIN_WINDOW, 'site:listWorkstations')).toMatchObject({ ok: false, error: { code: 'SITE_NOT_SERVER' } });
    expect(await standalone.call(ADMIN_WINDOW, 'site:createEnrolmentCode')).toMatchObject({ ok: false, error: { code: 'SITE_NOT_SERVER' } });
  });
});
