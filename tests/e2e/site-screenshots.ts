// Node (docs). The site screens (issue 16) for `npm run screenshots` (called once from take-screenshots.ts), each at
// 1280×800: « Postes de travail » on a poste autonome (not a site server) and its « À propos » section; then a real
// site server on loopback with client PCs (harnesses in client mode): the enrolment screen, « Postes de travail » with
// its PCs and a new code, the banner of a PC whose server went away, and the screen of a PC removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createMemoryLogger } from '../../electron/core/kernel/platform/logger';
import { SITE_CLIENT_ORIGIN } from '../../electron/core/site/protocol';
import { startSiteServer } from '../../electron/core/site/server/site-server';
import { startHarness } from '../harness/harness-server';
import { REPO_RESOURCES_DIR } from '../support/repo-paths';

const ADMIN = { username: 'm.dupont', displayName: 'Marie Dupont', email: '', password: 'clé à molette 17 mm' };

async function shot(page: Page, outDir: string, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage });
  console.log(`${name}.png`);
}

/** A sidebar entry, its group opened first when folded. */
async function openNav(page: Page, name: string) {
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.getByRole('link', { name, exact: true, includeHidden: true }).first().waitFor({ state: 'attached' });
  const folded = nav.locator('.sidebar__group').filter({ has: page.getByRole('link', { name, exact: true, includeHidden: true }) }).locator('button[aria-expanded="false"]');
  if ((await folded.count()) > 0) await folded.first().click();
  await nav.getByRole('link', { name, exact: true }).click();
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Identifiant ou adresse e-mail').fill(ADMIN.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: /Bonjour/ }).waitFor();
}

export async function siteScreens(browser: Browser, outDir: string): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-shots-site-'));
  const harness = await startHarness({ dataDir, core: { bcryptCost: 4 } });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  try {
    const seeded = await harness.core.dispatcher.dispatch({ windowId: 'seed', url: harness.url }, 'auth:setupFirstAdmin', { ...ADMIN, passwordConfirmation: ADMIN.password });
    if (!seeded.ok) throw new Error(seeded.error.code);
    await signIn(page, harness.url);
    await openNav(page, 'Postes de travail');
    await page.getByText('Ce poste n’est pas un serveur de site').waitFor();
    await shot(page, outDir, 'site-workstations-standalone');
    await openNav(page, 'À propos');
    await page.getByRole('region', { name: 'Serveur de site' }).waitFor();
    await page.getByRole('region', { name: 'Serveur de site' }).screenshot({ path: path.join(outDir, 'site-about-standalone.png') });
    console.log('site-about-standalone.png');
  } finally {
    await page.close();
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  await clientScreens(browser, outDir);
}

async function clientScreens(browser: Browser, outDir: string): Promise<void> {
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const server = await startSiteServer({
    dataDir: tempDir('gmao-shots-server-'),
    host: '127.0.0.1',
    port: 0,
    serverName: 'Serveur atelier',
    resourcesDir: REPO_RESOURCES_DIR,
    core: { logger: createMemoryLogger(), bcryptCost: 4, mailAutoRun: false, preventiveAutoRun: false },
  });
  const admin = { windowId: 'shots-admin', url: `${SITE_CLIENT_ORIGIN}/` };
  await server.core.dispatcher.dispatch(admin, 'auth:setupFirstAdmin', { ...ADMIN, passwordConfirmation: ADMIN.password });
  const adminId = Number((await server.core.database.kysely.selectFrom('users').select('id').executeTakeFirstOrThrow()).id);
  const pcs = await Promise.all(
    [0, 1, 2].map(() => startHarness({ dataDir: tempDir('gmao-shots-pc-'), appVersion: '0.1.0', client: { serverUrl: server.url, backoff: { initialMs: 15_000, maxMs: 30_000 }, logger: createMemoryLogger() } })),
  );
  const [office, press, store] = pcs as [(typeof pcs)[number], (typeof pcs)[number], (typeof pcs)[number]];
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  try {
    // The office PC enrols from its screen.
    await page.goto(office.url);
    await page.getByRole('button', { name: 'Rechercher le serveur' }).click();
    await page.getByText('Serveur trouvé').waitFor();
    await page.getByLabel('L’empreinte est identique à celle affichée sur le serveur').check();
    const code = await server.createEnrolmentCode(adminId);
    await page.getByLabel('Code de raccordement').fill(code.code);
    await page.getByLabel('Nom de ce poste').fill('Bureau maintenance');
    await shot(page, outDir, 'site-enrol');
    await page.getByRole('button', { name: 'Raccorder ce poste' }).click();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // Two shop-floor PCs enrol by their main (as the screen does); one will be removed.
    for (const [pc, name] of [[press, 'Presse 3'], [store, 'Magasin']] as const) {
      const pcCode = await server.createEnrolmentCode(adminId);
      const enrolled = await pc.client.dispatcher.dispatch({ windowId: 'enrol', url: pc.url }, 'site:enrol', { serverUrl: server.url, code: pcCode.code, workstationName: name, fingerprint: server.fingerprint });
      if (!enrolled.ok) throw new Error(enrolled.error.code);
    }
    await signIn(page, office.url);
    await openNav(page, 'Postes de travail');
    await page.getByRole('row', { name: /Presse 3/ }).waitFor();
    await page.getByRole('row', { name: /Magasin/ }).getByRole('button', { name: /Retirer/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Retirer ce poste' }).click();
    await page.getByText('Le poste « Magasin » est retiré.').waitFor();
    await shot(page, outDir, 'site-workstations');
    await page.getByRole('button', { name: 'Nouveau code de raccordement' }).click();
    await page.getByRole('dialog', { name: 'Code de raccordement' }).waitFor();
    await shot(page, outDir, 'site-enrolment-code');
    await page.getByRole('button', { name: 'Fermer' }).click();
    // The removed PC.
    const removed = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    await removed.goto(store.url);
    await removed.getByRole('heading', { name: 'Poste retiré du serveur' }).waitFor();
    await shot(removed, outDir, 'site-refused-revoked');
    await removed.close();
    // The server goes away: the press's login screen with the banner.
    const shop = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    await shop.goto(press.url);
    await shop.getByRole('heading', { name: 'Connexion' }).waitFor();
    await server.close();
    await shop.getByText('Connexion au serveur perdue…').waitFor();
    await press.client.dispatcher.dispatch({ windowId: 'di', url: press.url }, 'requests:report', { equipmentCode: 'PR-003', symptom: 'Fuite d’huile', machineStopped: false });
    await shop.getByText('1 demande d’intervention attend').waitFor();
    await shot(shop, outDir, 'site-connection-lost');
    await shop.close();
  } finally {
    await page.close();
    for (const pc of pcs) await pc.close();
    await server.close().catch(() => undefined);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}
