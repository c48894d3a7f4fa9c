// Node (Playwright). A client PC of a real site server (the harness in client mode, issue 16), in real Chromium: a
// signed-in window locks at once with its content hidden when the server goes away; a DI filed from the lock screen
// meanwhile (its equipment scanned) is kept on the PC, then filed exactly once when the server is back on the same
// address, after which the person signs in again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { EquipmentRepository } from '../../electron/core/equipment';
import { createMemoryLogger } from '../../electron/core/kernel/platform/logger';
import { SITE_CLIENT_ORIGIN } from '../../electron/core/site/protocol';
import { startSiteServer, type SiteServer } from '../../electron/core/site/server/site-server';
import { startHarness, type ClientHarness } from '../harness/harness-server';
import { REPO_RESOURCES_DIR } from '../support/repo-paths';
import { ADMIN } from './fixtures';

const temp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

let serverDir: string;
let pcDir: string;
let server: SiteServer | null;
let pc: ClientHarness;

const startServer = (port = 0) =>
  startSiteServer({
    dataDir: serverDir,
    host: '127.0.0.1',
    port,
    serverName: 'Serveur atelier',
    resourcesDir: REPO_RESOURCES_DIR,
    core: { bcryptCost: 4, logger: createMemoryLogger(), mailAutoRun: false, preventiveAutoRun: false, backupCheckIntervalMs: 0 },
  });

test.beforeEach(async () => {
  serverDir = temp('gmao-e2e-site-');
  pcDir = temp('gmao-e2e-pc-');
  server = await startServer();
  const setup = await server.core.dispatcher.dispatch({ windowId: 'setup', url: `${SITE_CLIENT_ORIGIN}/` }, 'auth:setupFirstAdmin', { ...ADMIN, passwordConfirmation: ADMIN.password });
  expect(setup.ok).toBe(true);
  const base = { parent_id: null, category: null, manufacturer: 'Arburg', model: 'X', serial_number: 'SN', commissioned_on: null, notes: null, created_at: 0, updated_at: 0, location_id: null };
  await new EquipmentRepository(server.core.database.kysely).insert({ ...base, code: 'PR-003', designation: 'Presse à injecter 3' });
  pc = await startHarness({ dataDir: pcDir, client: { serverUrl: server.url, backoff: { initialMs: 100, maxMs: 400 }, logger: createMemoryLogger() } });
  // What the enrolment screen does: the administrator's code, the fingerprint compared, the PC's name.
  const admin = await server.core.database.kysely.selectFrom('users').select('id').executeTakeFirstOrThrow();
  const code = await server.createEnrolmentCode(Number(admin.id));
  const enrolled = await pc.client.dispatcher.dispatch({ windowId: 'enrol', url: pc.url }, 'site:enrol', { serverUrl: server.url, code: code.code, workstationName: 'Presse 3', fingerprint: server.fingerprint });
  expect(enrolled.ok).toBe(true);
  await expect.poll(() => pc.client.status().connection).toBe('connected');
});

test.afterEach(async () => {
  await pc.close();
  await server?.close();
  fs.rmSync(serverDir, { recursive: true, force: true });
  fs.rmSync(pcDir, { recursive: true, force: true });
});

test('the server goes away: the window locks at once, a DI from the lock screen is kept, then filed once on return', async ({ page }) => {
  await page.goto(pc.url);
  await page.getByLabel('Identifiant ou adresse e-mail').fill(ADMIN.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('link', { name: 'Demandes', exact: true }).first()).toBeVisible();

  const port = server!.port;
  await server!.close();
  server = null;
  // Locked at once, the content hidden: the login screen says why.
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await expect(page.getByText(/Connexion au serveur perdue/).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Demandes', exact: true })).toHaveCount(0);

  // The DI from the lock screen, the equipment scanned (a code and Enter).
  await page.getByRole('button', { name: 'Signaler un problème' }).click();
  await page.getByLabel('Code de l’équipement ou nom').fill('PR-003');
  await page.getByLabel('Code de l’équipement ou nom').press('Enter');
  await expect(page.getByText('Étape 2 sur 3')).toBeVisible();
  await page.getByLabel('Que se passe-t-il ?').fill('Fuite d’huile sous le vérin, serveur absent');
  await page.getByRole('radio', { name: 'Non' }).click();
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.getByText('Le serveur de site ne répond pas : votre demande est gardée sur ce poste et lui sera envoyée dès son retour. Inutile de la refaire.')).toBeVisible();
  expect(pc.client.status().queuedRequests).toBe(1);
  await page.getByRole('button', { name: 'Terminer' }).click();

  // Back on the same address: the queued DI is filed once, named after the PC; the person signs in again.
  server = await startServer(port);
  await expect.poll(() => pc.client.status().queuedRequests, { timeout: 15_000 }).toBe(0);
  const rows = await server.core.database.kysely.selectFrom('work_requests').select(['symptom', 'workstation', 'client_key']).execute();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ symptom: 'Fuite d’huile sous le vérin, serveur absent', workstation: 'Presse 3' });
  await page.getByLabel('Identifiant ou adresse e-mail').fill(ADMIN.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('link', { name: 'Demandes', exact: true }).first()).toBeVisible();
});
