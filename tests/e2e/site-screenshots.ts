// Node (docs). The site screens (issue 16) for `npm run screenshots` (called once from take-screenshots.ts), each at
// 1280×800: « Postes de travail » on a poste autonome (not a site server) and its « À propos » section.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHarness } from '../harness/harness-server';

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
}
