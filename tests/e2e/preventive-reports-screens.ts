// Node (docs). Pictures of the préventif's reports at 1280×800 for `npm run screenshots` (take-screenshots.ts):
// the site calendar with the year's French holidays, PM compliance with a figure opened, the 12-month forecast
// (month table with a cell's dates on focus, then the list). Its own harness and plant (preventive-reports-fixtures).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHarness } from '../harness/harness-server';
import { REPORTS_MANAGER, seedReportsPlant } from './preventive-reports-fixtures';

export async function preventiveReportsScreens(browser: Browser, outDir: string): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-shots-pm-'));
  const harness = await startHarness({ dataDir });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  const shot = async (target: Page, name: string, fullPage = true) => {
    await target.screenshot({ path: path.join(outDir, `${name}.png`), fullPage });
    console.log(`${name}.png`);
  };
  try {
    await seedReportsPlant(harness);
    const year = new Date().getFullYear();
    await page.goto(`${harness.url}#/preventif/calendrier-site`);
    await page.getByLabel('Identifiant ou adresse e-mail').fill(REPORTS_MANAGER.username);
    await page.getByLabel('Mot de passe', { exact: true }).fill(REPORTS_MANAGER.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: `Ajouter les jours fériés français de ${year}` }).click();
    await page.getByRole('cell', { name: 'Lundi de Pâques', exact: true }).waitFor();
    await shot(page, 'pm-site-calendar');

    await page.evaluate(() => (window.location.hash = '#/preventif/conformite'));
    await page.getByTestId('compliance-rate').waitFor();
    await shot(page, 'pm-compliance', false);
    await page.getByRole('button', { name: /^Voir les \d+ OT dus — Usinage/ }).click();
    await page.getByTestId('compliance-drill').getByRole('link').first().waitFor();
    await shot(page, 'pm-compliance-drill');

    await page.evaluate(() => (window.location.hash = '#/preventif/previsions'));
    const months = page.getByTestId('forecast-months');
    await months.getByRole('rowheader').first().waitFor();
    await months.getByLabel(/pour PM-PRESSE-250 sur PR-002/).first().focus();
    await shot(page, 'pm-forecast', false);
    await page.getByLabel('Liste des échéances').check();
    await page.getByTestId('forecast-list').getByRole('row').nth(1).waitFor();
    await shot(page, 'pm-forecast-list', false);
  } finally {
    await page.close();
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
