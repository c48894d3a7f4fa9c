// Client PCs of a real site server (issue 16), in Chromium: the enrolment screen (address → fingerprint compared and
// confirmed → code and name → login), « Postes de travail » of the server seen from a client PC (the PCs, a new code
// with its fingerprint and countdown, « Retirer ce poste »), and what a PC shows when its server goes away (the
// window locks, the banner) or removes it (the refusal screen).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createMemoryLogger } from '../../electron/core/kernel/platform/logger';
import { SITE_CLIENT_ORIGIN } from '../../electron/core/site/protocol';
import { startSiteServer, type SiteServer } from '../../electron/core/site/server/site-server';
import { ENROLMENT_CODE_PATTERN, type WorkstationView } from '../../shared/site/contract';
import { startHarness, type ClientHarness } from '../harness/harness-server';
import { REPO_RESOURCES_DIR } from '../support/repo-paths';
import { expectAccessible, login, openNav } from './fixtures';

const ADMIN = { username: 'm.dupont', displayName: 'Marie Dupont', email: '', password: 'clé à molette 17 mm' };
const SERVER_ADMIN = { windowId: 'server-admin', url: `${SITE_CLIENT_ORIGIN}/` };

interface Site {
  server: SiteServer;
  adminId: number;
  /** A client PC (its own harness), enrolled under `name` unless null. */
  pc(name: string | null): Promise<ClientHarness>;
}

const test = base.extend<{ site: Site }>({
  // eslint-disable-next-line no-empty-pattern
  site: async ({}, use) => {
    const dirs: string[] = [];
    const tempDir = (prefix: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    };
    const server = await startSiteServer({
      dataDir: tempDir('gmao-e2e-site-'),
      host: '127.0.0.1',
      port: 0,
      serverName: 'Serveur atelier',
      resourcesDir: REPO_RESOURCES_DIR,
      core: { logger: createMemoryLogger(), bcryptCost: 4, mailAutoRun: false, preventiveAutoRun: false },
    });
    const setup = await server.core.dispatcher.dispatch(SERVER_ADMIN, 'auth:setupFirstAdmin', { ...ADMIN, passwordConfirmation: ADMIN.password });
    if (!setup.ok) throw new Error(setup.error.code);
    const adminId = Number((await server.core.database.kysely.selectFrom('users').select('id').executeTakeFirstOrThrow()).id);
    const pcs: ClientHarness[] = [];
    const pc = async (name: string | null) => {
      const harness = await startHarness({ dataDir: tempDir('gmao-e2e-pc-'), client: { serverUrl: server.url, backoff: { initialMs: 200, maxMs: 2000 }, logger: createMemoryLogger() } });
      pcs.push(harness);
      if (name !== null) {
        const sender = { windowId: 'enrol', url: harness.url };
        const code = await server.createEnrolmentCode(adminId);
        const enrolled = await harness.client.dispatcher.dispatch(sender, 'site:enrol', { serverUrl: server.url, code: code.code, workstationName: name, fingerprint: server.fingerprint });
        if (!enrolled.ok) throw new Error(enrolled.error.code);
        await expect.poll(() => harness.client.status().connection).toBe('connected');
      }
      return harness;
    };
    await use({ server, adminId, pc });
    for (const harness of pcs) await harness.close();
    await server.close().catch(() => undefined);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  },
});

/** The fingerprint shown on screen, whole (the groups' container carries it). */
const shownFingerprint = (page: Page, within = page.locator('body')) => within.locator('.fingerprint').first().getAttribute('data-fingerprint');

test('a client PC not enrolled yet: enrolment screen, fingerprint compared and confirmed, code and name, then the login', async ({ page, site }) => {
  const pc = await site.pc(null);
  await page.goto(pc.url);
  await expect(page.getByRole('heading', { name: 'Se connecter à un serveur de site', level: 1 })).toBeVisible();
  // No way back to a setup screen: a client PC has only its server.
  await expect(page.getByRole('button', { name: 'Retour' })).toHaveCount(0);
  // The address the installer wrote (gmao-atelier.json) is offered; emptied, the screen asks for it.
  await expect(page.getByLabel('Adresse du serveur')).toHaveValue(site.server.url);
  await page.getByLabel('Adresse du serveur').fill('');
  await page.getByRole('button', { name: 'Rechercher le serveur' }).click();
  await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
  await page.getByLabel('Adresse du serveur').fill(site.server.url);
  await page.getByRole('button', { name: 'Rechercher le serveur' }).click();
  await expect(page.getByText('Serveur trouvé : Serveur atelier')).toBeVisible();
  expect(await shownFingerprint(page)).toBe(site.server.fingerprint);
  await expect(page.getByRole('list', { name: 'Empreinte du certificat du serveur' }).getByRole('listitem')).toHaveCount(8);
  await expectAccessible(page);

  // Not confirmed, no code: nothing is sent, each says what to do.
  await page.getByRole('button', { name: 'Raccorder ce poste' }).click();
  await expect(page.getByText('Comparez l’empreinte puis cochez la case')).toBeVisible();
  await expect(page.getByText('Le code compte 12 lettres et chiffres')).toBeVisible();
  expect(await site.server.core.database.kysely.selectFrom('workstations').select('id').execute()).toEqual([]);

  await page.getByLabel('L’empreinte est identique à celle affichée sur le serveur').check();
  const code = await site.server.createEnrolmentCode(site.adminId);
  // Typed in lower case without dashes, as a person reads it off the other screen: shown as the server wrote it.
  await page.getByLabel('Code de raccordement').fill(code.code.replaceAll('-', ' ').toLowerCase());
  await expect(page.getByLabel('Code de raccordement')).toHaveValue(code.code);
  await page.getByLabel('Nom de ce poste').fill('Presse 3');
  await page.getByRole('button', { name: 'Raccorder ce poste' }).click();
  await expect(page.getByText('Ce poste est raccordé au serveur de site sous le nom « Presse 3 ».')).toBeVisible();
  await page.getByRole('button', { name: 'Se connecter' }).click();

  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();
  await page.getByRole('link', { name: 'À propos' }).click();
  const about = page.getByRole('region', { name: 'Serveur de site' });
  await expect(about.getByText('Poste client', { exact: true })).toBeVisible();
  await expect(about.getByText('Presse 3', { exact: true })).toBeVisible();
  await expect(about.getByText(site.server.url, { exact: true })).toBeVisible();
  await expect(about.getByText('Connecté', { exact: true })).toBeVisible();
  expect(await shownFingerprint(page, about)).toBe(site.server.fingerprint);
  const rows = await site.server.core.database.kysely.selectFrom('workstations').select(['name', 'revoked_at']).execute();
  expect(rows).toEqual([{ name: 'Presse 3', revoked_at: null }]);
});

test('a code already used is refused in plain French, and what was typed stays', async ({ page, site }) => {
  const pc = await site.pc(null);
  const code = await site.server.createEnrolmentCode(site.adminId);
  const other = await site.pc(null);
  const spent = await other.client.dispatcher.dispatch({ windowId: 'other', url: other.url }, 'site:enrol', { serverUrl: site.server.url, code: code.code, workstationName: 'Autre', fingerprint: site.server.fingerprint });
  expect(spent.ok).toBe(true);
  await page.goto(pc.url);
  await page.getByLabel('Adresse du serveur').fill(site.server.url);
  await page.getByRole('button', { name: 'Rechercher le serveur' }).click();
  await page.getByLabel('L’empreinte est identique à celle affichée sur le serveur').check();
  await page.getByLabel('Code de raccordement').fill(code.code);
  await page.getByLabel('Nom de ce poste').fill('Presse 4');
  await page.getByRole('button', { name: 'Raccorder ce poste' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Ce code de raccordement est inconnu, expiré ou déjà utilisé' })).toBeVisible();
  await expect(page.getByLabel('Nom de ce poste')).toHaveValue('Presse 4');
  await expect(page.getByLabel('Code de raccordement')).toBeFocused();
});

test('« Postes de travail » from a client PC: the PCs, a new code with the fingerprint and its countdown, « Retirer ce poste »', async ({ page, site }) => {
  const office = await site.pc('Bureau maintenance');
  await site.pc('Presse 3');
  await page.goto(office.url);
  await login(page, ADMIN.username, ADMIN.password);
  await (await openNav(page, 'Postes de travail')).click();
  await expect(page.getByRole('heading', { name: 'Postes de travail', level: 1 })).toBeVisible();
  const press = page.getByRole('row', { name: /Presse 3/ });
  await expect(press.getByText('En ligne')).toBeVisible();
  await expect(press.getByRole('cell', { name: '127.0.0.1' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Bureau maintenance/ }).getByText('En ligne')).toBeVisible();
  expect(await shownFingerprint(page)).toBe(site.server.fingerprint);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Nouveau code de raccordement' }).click();
  const dialog = page.getByRole('dialog', { name: 'Code de raccordement' });
  const code = (await dialog.getByTestId('enrolment-code').textContent())!.trim();
  expect(code).toMatch(ENROLMENT_CODE_PATTERN);
  await expect(dialog.getByText(/^Valable encore 1[45]:\d\d$/)).toBeVisible();
  expect(await shownFingerprint(page, dialog)).toBe(site.server.fingerprint);
  await expect(dialog.getByText(site.server.url)).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  // The code shown is the one the server will take (hashed there: only a PC enrolling with it can tell).
  const other = await site.pc(null);
  const enrolled = await other.client.dispatcher.dispatch({ windowId: 'w', url: other.url }, 'site:enrol', { serverUrl: site.server.url, code, workstationName: 'Magasin', fingerprint: site.server.fingerprint });
  expect(enrolled.ok).toBe(true);

  await press.getByRole('button', { name: 'Retirer le poste « Presse 3 »' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Retirer le poste « Presse 3 » ?' });
  await expect(confirm.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Retirer ce poste' }).click();
  await expect(page.getByText('Le poste « Presse 3 » est retiré.')).toBeVisible();
  await expect(press.getByRole('cell').first()).toHaveText(/^Retiré\s*\d{2}\/\d{2}\/\d{4}/);
  await expect(press.getByRole('button', { name: /Retirer/ })).toHaveCount(0);
  const revoked = await site.server.core.database.kysely.selectFrom('workstations').select(['name']).where('revoked_at', 'is not', null).execute();
  expect(revoked).toEqual([{ name: 'Presse 3' }]);
});

test('a PC removed by an administrator shows why, and what to do', async ({ page, site }) => {
  const pc = await site.pc('Presse 3');
  await page.goto(pc.url);
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await site.server.core.dispatcher.dispatch(SERVER_ADMIN, 'auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  const list = await site.server.core.dispatcher.dispatch(SERVER_ADMIN, 'site:listWorkstations', undefined);
  if (!list.ok) throw new Error(list.error.code);
  expect((await site.server.core.dispatcher.dispatch(SERVER_ADMIN, 'site:revokeWorkstation', { id: (list.data as WorkstationView[])[0]!.id })).ok).toBe(true);
  await expect(page.getByRole('heading', { name: 'Poste retiré du serveur', level: 1 })).toBeVisible();
  await expect(page.getByText('Un administrateur a retiré ce poste du serveur de site')).toBeVisible();
  await expect(page.getByText('Ce poste : Presse 3')).toBeVisible();
  await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveCount(0);
  await expectAccessible(page);

  // With a new code from the administrator, the PC enrols again (a new credential; the old one stays refused).
  await page.getByRole('button', { name: 'Raccorder ce poste à nouveau' }).click();
  await expect(page.getByLabel('Adresse du serveur')).toHaveValue(site.server.url);
  await page.getByRole('button', { name: 'Rechercher le serveur' }).click();
  await page.getByLabel('L’empreinte est identique à celle affichée sur le serveur').check();
  await page.getByLabel('Code de raccordement').fill((await site.server.createEnrolmentCode(site.adminId)).code);
  await page.getByLabel('Nom de ce poste').fill('Presse 3');
  await page.getByRole('button', { name: 'Raccorder ce poste' }).click();
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();
  const rows = await site.server.core.database.kysely.selectFrom('workstations').select(['name', 'revoked_at']).orderBy('id').execute();
  expect(rows.map((row) => [row.name, row.revoked_at === null])).toEqual([
    ['Presse 3', false],
    ['Presse 3', true],
  ]);
});

test('the server goes away: the signed-in window locks at once, and the banner counts down to the next attempt', async ({ page, site }) => {
  const pc = await site.pc('Presse 3');
  await page.goto(pc.url);
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();
  await site.server.close();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await expect(page.getByText(`Bonjour, ${ADMIN.displayName}`)).toHaveCount(0);
  await expect(page.getByText('Connexion au serveur perdue : la session est verrouillée.')).toBeVisible();
  const banner = page.getByRole('status').filter({ hasText: 'Connexion au serveur perdue…' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/nouvelle tentative (dans \d+ s|en cours)/);
  // « Signaler un problème » still works: the DI waits on the PC, and the banner says so.
  const queued = await pc.client.dispatcher.dispatch({ windowId: 'other', url: pc.url }, 'requests:report', { equipmentCode: 'PR-003', symptom: 'Fuite', machineStopped: false });
  expect(queued).toEqual({ ok: true, data: { number: null, queued: true } });
  await expect(page.getByText('1 demande d’intervention attend d’être envoyée au serveur.')).toBeVisible();
});

test('the server comes back with another certificate: the PC refuses it before signing in, and says what to do', async ({ page, site }) => {
  const pc = await site.pc('Presse 3');
  await page.goto(pc.url);
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  const port = site.server.port;
  await site.server.close();
  await expect(page.getByText('Connexion au serveur perdue…')).toBeVisible();
  // Another server on the same address: a new data folder, so a new self-signed certificate.
  const impostorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-e2e-impostor-'));
  const impostor = await startSiteServer({ dataDir: impostorDir, host: '127.0.0.1', port, serverName: 'Autre serveur', resourcesDir: REPO_RESOURCES_DIR, core: { logger: createMemoryLogger(), bcryptCost: 4, mailAutoRun: false, preventiveAutoRun: false } });
  try {
    expect(impostor.fingerprint).not.toBe(site.server.fingerprint);
    await expect(page.getByRole('heading', { name: 'Serveur non reconnu', level: 1 })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('Prévenez votre service informatique.')).toBeVisible();
    await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveCount(0);
    // Nothing of this PC reached the other server.
    expect(await impostor.core.database.kysely.selectFrom('workstations').select('id').execute()).toEqual([]);
  } finally {
    await impostor.close();
    fs.rmSync(impostorDir, { recursive: true, force: true });
  }
});
