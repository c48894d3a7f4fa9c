// Node (tests). A poste autonome's first run becoming a client PC, through a real core's dispatcher on the engine
// of this pass: offered only before the first account and only when the host can restart, the fingerprint the
// person compared checked again, site-client.json written with the credential sealed (the file a client PC reads
// at its next start), then the host asked to restart; nothing written on a refusal.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SiteProbe } from '../../../shared/site/contract';
import { createCore, type Core } from '../create-core';
import { ADMIN_INPUT, FakeClock, makeTempDir, TEST_ORIGIN } from '../../../tests/support/test-core';
import { createTestDatabaseTarget, type TestDatabaseTarget } from '../../../tests/support/test-database';
import { REPO_RESOURCES_DIR } from '../../../tests/support/repo-paths';
import { createFileKeySecretStore } from '../email/file-key-secret-store';
import { AppError } from '../kernel/platform/app-error';
import { createMemoryLogger } from '../kernel/platform/logger';
import { clientConfigFile, readClientConfig } from './client/client-config';
import type { EnrolmentClient } from './client/enrol-this-pc';
import type { SiteModuleDeps } from './site-module';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => String(10 + i)).join(':');
const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const ENROL = { serverUrl: 'atelier-srv', code: 'ABCD-EFGH-JKMN', workstationName: 'Presse 3', fingerprint: FINGERPRINT };

let dataDir: string;
let target: TestDatabaseTarget;
let core: Core | null;
let restarts: number;
let wire: EnrolmentClient & { enrolled: unknown[]; fingerprint: string; refuseCode: boolean };

async function start(site: SiteModuleDeps | undefined): Promise<Core> {
  core = await createCore({
    databaseUrl: target.url ?? null,
    databaseSchema: target.schema,
    databasePoolSize: 2,
    dataDir,
    appVersion: '1.2.3',
    workstationName: 'POSTE-TEST',
    resourcesDir: REPO_RESOURCES_DIR,
    trustedOrigins: [TEST_ORIGIN],
    clock: new FakeClock(),
    logger: createMemoryLogger(),
    bcryptCost: 4,
    tickIntervalMs: 0,
    backupCheckIntervalMs: 0,
    mailAutoRun: false,
    preventiveAutoRun: false,
    events: { send: () => undefined },
    site,
  });
  return core;
}
const call = (channel: string, input?: unknown) => core!.dispatcher.dispatch({ windowId: 'w1', url: `${TEST_ORIGIN}/` }, channel, input);
const enrolDeps = (): SiteModuleDeps => ({ enrol: { onEnrolled: () => restarts++, secretStore: createFileKeySecretStore(dataDir), enrolment: wire } });

beforeEach(async () => {
  dataDir = makeTempDir('gmao-enrol-');
  target = await createTestDatabaseTarget(dataDir);
  core = null;
  restarts = 0;
  const enrolled: unknown[] = [];
  wire = {
    enrolled,
    fingerprint: FINGERPRINT,
    refuseCode: false,
    probeServer(serverUrl) {
      const probe: SiteProbe = { serverUrl: `https://${serverUrl}:8443`, fingerprint: wire.fingerprint, serverName: 'Serveur atelier', serverVersion: '1.2.3', compatible: true };
      return Promise.resolve({ probe, certificatePem: CERT });
    },
    enrolWithServer(request) {
      if (wire.refuseCode) return Promise.reject(new AppError('SITE_ENROLMENT_CODE_INVALID', 'Unknown, used or expired code'));
      enrolled.push(request);
      return Promise.resolve({ workstationId: 4, workstationName: request.workstationName, credential: '4.c2VjcmV0LWR1LXBvc3Rl' });
    },
  };
});
afterEach(async () => {
  await core?.close();
  await target.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('enrolment from a poste autonome', () => {
  it('on a first run: probe, enrol, site-client.json sealed, then the host restarts the app as a client PC', async () => {
    await start(enrolDeps());
    expect(await call('site:status')).toEqual({ ok: true, data: { mode: 'standalone', serverUrl: null, fingerprint: null, workstationName: null, connection: null, refusal: null, queuedRequests: 0, canEnrol: true } });
    expect(await call('site:probe', { serverUrl: 'atelier-srv' })).toEqual({ ok: true, data: { serverUrl: 'https://atelier-srv:8443', fingerprint: FINGERPRINT, serverName: 'Serveur atelier', serverVersion: '1.2.3', compatible: true } });
    expect(await call('site:enrol', ENROL)).toEqual({ ok: true, data: { workstationName: 'Presse 3', restartRequired: true } });
    expect(restarts).toBe(1);
    expect(wire.enrolled).toEqual([{ serverUrl: 'https://atelier-srv:8443', fingerprint: FINGERPRINT, certificatePem: CERT, code: 'ABCD-EFGH-JKMN', workstationName: 'Presse 3', appVersion: '1.2.3' }]);
    expect(fs.readFileSync(clientConfigFile(dataDir), 'utf8')).not.toContain('c2VjcmV0LWR1LXBvc3Rl');
    expect(readClientConfig(dataDir, createFileKeySecretStore(dataDir))).toEqual({
      status: 'enrolled',
      config: { serverUrl: 'https://atelier-srv:8443', fingerprint: FINGERPRINT, certificatePem: CERT, workstationId: 4, workstationName: 'Presse 3', credential: '4.c2VjcmV0LWR1LXBvc3Rl' },
    });
    // Waiting for its restart: no second enrolment.
    const again = await call('site:enrol', ENROL);
    expect(!again.ok && again.error.code).toBe('SITE_ENROL_NOT_ALLOWED');
    expect(await call('site:status')).toMatchObject({ ok: true, data: { canEnrol: false } });
  });

  it('refuses a changed certificate or a bad code with the SITE_* code, and writes nothing', async () => {
    await start(enrolDeps());
    wire.fingerprint = FINGERPRINT.replace(/^10/, 'AA');
    const changed = await call('site:enrol', ENROL);
    expect(!changed.ok && changed.error.code).toBe('SITE_PIN_MISMATCH');
    wire.fingerprint = FINGERPRINT;
    wire.refuseCode = true;
    const badCode = await call('site:enrol', ENROL);
    expect(!badCode.ok && badCode.error.code).toBe('SITE_ENROLMENT_CODE_INVALID');
    expect(fs.existsSync(clientConfigFile(dataDir))).toBe(false);
    expect(restarts).toBe(0);
    expect(await call('site:status')).toMatchObject({ ok: true, data: { canEnrol: true } });
  });

  it('is not offered when the host cannot restart, nor once an account exists', async () => {
    await start(undefined);
    expect(await call('site:status')).toMatchObject({ ok: true, data: { mode: 'standalone', canEnrol: false } });
    const refused = await call('site:probe', { serverUrl: 'atelier-srv' });
    expect(!refused.ok && refused.error.code).toBe('SITE_ENROL_NOT_ALLOWED');
    await core!.close();
    await start(enrolDeps());
    expect(await call('site:status')).toMatchObject({ ok: true, data: { canEnrol: true } });
    expect((await call('auth:setupFirstAdmin', ADMIN_INPUT)).ok).toBe(true);
    expect(await call('site:status')).toMatchObject({ ok: true, data: { canEnrol: false } });
    for (const [channel, input] of [['site:probe', { serverUrl: 'atelier-srv' }], ['site:enrol', ENROL]] as const) {
      const result = await call(channel, input);
      expect(!result.ok && result.error.code).toBe('SITE_ENROL_NOT_ALLOWED');
    }
    expect(wire.enrolled).toEqual([]);
  });
});
