// Node (docs). `npm run screenshots`: pictures of each screen, taken from the harness in Chromium,
// for the README and for looking at the app as a user would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startHarness } from '../harness/harness-server';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser';

const outDir = path.resolve(process.argv[2] ?? 'docs/screenshots');
const admin = { username: 'm.dupont', displayName: 'Marie Dupont', email: '', password: 'clé à molette 17 mm' };

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
  console.log(`${name}.png`);
}

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-shots-'));
  const harness = await startHarness({ dataDir });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    await page.goto(harness.url);
    await page.getByRole('heading', { name: 'Première mise en service' }).waitFor();
    await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
    await page.getByText('Ce champ est obligatoire.').first().waitFor();
    await shot(page, 'setup-errors');
    await page.getByLabel('Identifiant').fill(admin.username);
    await page.getByLabel('Nom affiché').fill(admin.displayName);
    await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
    await page.getByLabel('Confirmer le mot de passe').fill(admin.password);
    await shot(page, 'setup');
    await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await shot(page, 'login');
    await page.getByLabel('Mot de passe', { exact: true }).fill('mauvais');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, 'login-error');
    await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: /Bonjour/ }).waitFor();
    await shot(page, 'home');
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot(page, 'home-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'À propos' }).click();
    await page.getByRole('heading', { name: 'À propos de GMAO Atelier' }).waitFor();
    await page.getByRole('button', { name: 'Ouvrir le dossier des journaux' }).click();
    await page.getByRole('status').waitFor();
    await shot(page, 'about');
  } finally {
    await browser.close();
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
