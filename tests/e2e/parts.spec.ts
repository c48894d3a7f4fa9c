// Node (Playwright, harness). Issue 15, pièces de rechange: a responsable creates a part with a supplier and a
// where-used equipment, imports a small CSV (dry run with an error, then the good file, then commit), prints QR
// labels (the download is a PDF whose text holds the code); a technician finds the part by scanning its code in the
// list's search box, and sees it on the equipment's page with what is available. axe on every screen, and a
// 1280×800 screenshot of the list, the part page, the import page and the labels page.
import fs from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { EquipmentRepository } from '../../electron/core/equipment';
import { PartsStockFixturesRepository } from '../support/parts-stock-fixtures-repository';
import { UsersRepository } from '../../electron/core/kernel/identity/users-repository';
import type { Harness } from '../harness/harness-server';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test, openNav } from './fixtures';

async function seedUser(harness: Harness, username: string, displayName: string, role: 'maintenance_manager' | 'technician'): Promise<void> {
  const db = harness.core.database.kysely;
  const { password_hash } = await db.selectFrom('users').select('password_hash').where('id', '=', 1).executeTakeFirstOrThrow();
  await new UsersRepository(db).insert({ username, displayName, email: null, role, passwordHash: password_hash, mustChangePassword: false, locale: 'fr' }, Date.now());
}

async function seedEquipment(harness: Harness, code: string, designation: string): Promise<void> {
  const now = Date.now();
  await new EquipmentRepository(harness.core.database.kysely).insert({ code, designation, location_id: null, parent_id: null, category: null, criticality: 'A', status: 'in_service', created_at: now, updated_at: now } as never);
}

/** A 1280×800 picture of the window (kept in the test's output, and copied to PARTS_SCREENSHOTS_DIR when set). */
async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const dir = process.env.PARTS_SCREENSHOTS_DIR;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(testInfo.outputPath(`${name}.png`), path.join(dir, `${name}.png`));
  }
}

const WORKER = { timeout: 60_000 };
const HEADER = 'Référence;Désignation;Fabricant;Référence fabricant;Unité;Catégorie;Fournisseur;Référence fournisseur;Délai (j);Prix unitaire (€);Notes';
const csvFile = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}`, 'utf8') });

test('a responsable creates a part, links it, imports a CSV and prints labels; a technician scans its code', async ({ page, harness }, testInfo) => {
  test.setTimeout(240_000);
  await seedAdmin(harness);
  await seedUser(harness, 'j.martin', 'Jean Martin', 'maintenance_manager');
  await seedUser(harness, 'l.moreau', 'Luc Moreau', 'technician');
  await seedEquipment(harness, 'PR-250', 'Presse hydraulique 250 t');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(harness.url);
  await login(page, 'j.martin', ADMIN.password);

  // Pièces, « Nouvelle pièce » with a supplier.
  await (await openNav(page, 'Pièces')).click();
  await expect(page.getByRole('heading', { name: 'Pièces de rechange', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Nouvelle pièce' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvelle pièce' });
  await dialog.getByLabel('Référence', { exact: true }).fill('ROUL-6205-2RS');
  await dialog.getByLabel('Désignation', { exact: true }).fill('Roulement à billes 6205 2RS');
  await dialog.getByRole('textbox', { name: 'Fabricant (facultatif)', exact: true }).fill('SKF');
  await dialog.getByLabel(/^Référence fabricant/).fill('6205-2RSH');
  await dialog.getByLabel(/^Catégorie/).fill('Roulements');
  await dialog.getByRole('button', { name: 'Ajouter un fournisseur' }).click();
  await dialog.getByLabel('Fournisseur', { exact: true }).fill('Brammer');
  await dialog.getByLabel('Référence fournisseur').fill('BR-6205');
  await dialog.getByLabel('Délai (j)').fill('3');
  await dialog.getByLabel('Prix unitaire (€)').fill('12,50');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();

  // The part page: suppliers, then where-used with the EquipmentPicker.
  await expect(page.getByRole('heading', { name: /ROUL-6205-2RS/, level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /Brammer Préféré BR-6205 3 j 12,50 €/ })).toBeVisible();
  await page.getByLabel('Équipement', { exact: true }).fill('PR-250');
  await page.getByLabel('Équipement', { exact: true }).press('Enter');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByTestId('part-where-used')).toContainText('PR-250 Presse hydraulique 250 t');
  // Stock in two bins of a store, with a minimum (written by the stock domain in the app; here straight into its tables).
  const db = harness.core.database.kysely;
  const partId = Number((await db.selectFrom('parts').select('id').where('code', '=', 'ROUL-6205-2RS').executeTakeFirstOrThrow()).id);
  const fixtures = new PartsStockFixturesRepository(db);
  const now = Date.now();
  const store = await fixtures.store('MAG-01', 'Magasin central', now);
  await fixtures.balance(partId, await fixtures.bin(store, 'A-03-2', 'Allée A, étagère 3, niveau 2', now), 4000, now);
  await fixtures.balance(partId, await fixtures.bin(store, 'A-03-3', null, now), 2000, now);
  await fixtures.level(partId, store, 8000, 20_000);
  // Back to the list and into the part again (a reload would end the session, as closing the window does).
  await page.getByRole('link', { name: 'Retour aux pièces' }).click();
  await page.getByRole('link', { name: 'ROUL-6205-2RS' }).click();
  await expect(page.getByTestId('part-figures')).toContainText('Stock : 6 pce');
  await expect(page.getByTestId('part-stock')).toContainText('A-03-2');
  await expect(page.getByTestId('part-stores')).toContainText('8 pce');
  await expectAccessible(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, testInfo, 'part-page');

  // Import: a file with a mistake first (nothing can be imported), then the good one.
  await (await openNav(page, 'Pièces')).click();
  await page.getByRole('link', { name: 'Importer / exporter' }).click();
  await expect(page.getByRole('heading', { name: 'Importer et exporter les pièces', level: 1 })).toBeVisible();
  await page.getByLabel('Fichier à importer').setInputFiles(csvFile('erreurs.csv', ['JOINT-OR-20;Joint torique 20x2 NBR;;;;Joints;;;;;', 'FILT-HF6553;;;;;Filtres;Hydac;;abc;;']));
  await expect(page.getByTestId('parts-import-summary')).toHaveText('1 pièce(s) à créer, 0 à mettre à jour, 2 erreur(s).', WORKER);
  await expect(page.getByTestId('parts-import-errors')).toContainText('Désignation manquante.');
  await expect(page.getByTestId('parts-import-errors')).toContainText('Délai « abc » invalide');
  await expect(page.getByRole('button', { name: 'Importer', exact: true })).toBeDisabled();
  await page.getByLabel('Fichier à importer').setInputFiles(
    csvFile('pieces.csv', ['JOINT-OR-20;Joint torique 20x2 NBR;;;;Joints;;;;;', 'FILT-HF6553;Filtre à huile HF6553;Fleetguard;HF6553;;Filtres;Hydac;HY-6553;10;38,90;', 'ROUL-6205-2RS;Roulement à billes 6205 2RS;SKF;6205-2RSH;pce;Roulements;Brammer;BR-6205;3;12,50;']),
  );
  await expect(page.getByTestId('parts-import-summary')).toHaveText('2 pièce(s) à créer, 1 à mettre à jour, 0 erreur(s).', WORKER);
  await expectAccessible(page);
  await shot(page, testInfo, 'parts-import');
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByText('Import terminé : 2 pièce(s) créée(s), 1 mise(s) à jour.')).toBeVisible(WORKER);

  // The list: three parts, the stock and available columns.
  await (await openNav(page, 'Pièces')).click();
  await expect(page.getByRole('row', { name: /FILT-HF6553/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /ROUL-6205-2RS/ })).toContainText('6 pce');
  await expect(page.getByRole('table', { name: 'Liste des pièces de rechange' }).getByRole('row')).toHaveCount(4);
  await expectAccessible(page);
  await shot(page, testInfo, 'parts-list');

  // Labels: search, all ticked, print → a PDF holding the codes.
  await page.getByRole('link', { name: 'Étiquettes QR' }).click();
  await expect(page.getByRole('heading', { name: 'Étiquettes QR du magasin', level: 1 })).toBeVisible();
  await page.getByLabel(/^Recherche/).fill('roul');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect(page.getByTestId('labels-summary')).toHaveText('1 résultat(s) ; 1 coché(s).');
  await expectAccessible(page);
  await shot(page, testInfo, 'store-labels');
  const download = page.waitForEvent('download', WORKER);
  await page.getByRole('button', { name: 'Imprimer les étiquettes (1)' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toMatch(/^etiquettes-magasin-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync((await pdf.path())!)) }).promise;
  const text = (await (await doc.getPage(1)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
  expect(text).toContain('ROUL-6205-2RS');
  expect(text).not.toContain('JOINT-OR-20');
  // A store's bins: the QR carries « MAG-01/A-03-2 ».
  await page.getByRole('radio', { name: 'Emplacements' }).check();
  await page.getByRole('combobox', { name: 'Magasin' }).selectOption('MAG-01');
  await expect(page.getByTestId('labels-summary')).toHaveText('2 résultat(s) ; 2 coché(s).');
  await page.getByRole('checkbox', { name: 'MAG-01/A-03-3' }).uncheck();
  const binDownload = page.waitForEvent('download', WORKER);
  await page.getByRole('button', { name: 'Imprimer les étiquettes (1)' }).click();
  const binDoc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync((await (await binDownload).path())!)) }).promise;
  const binText = (await (await binDoc.getPage(1)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
  expect(binText).toContain('MAG-01/A-03-2');
  expect(binText).not.toContain('A-03-3');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  // A technician: the scanner types the code then Enter in the list's search box (focused on arrival).
  await login(page, 'l.moreau', ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Mes OT', level: 1 })).toBeVisible();
  await (await openNav(page, 'Pièces')).click();
  await expect(page.getByRole('heading', { name: 'Pièces de rechange', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nouvelle pièce' })).toHaveCount(0);
  await expect(page.getByLabel('Référence, désignation ou référence fabricant')).toBeFocused();
  await page.keyboard.type('filt-hf6553');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /FILT-HF6553/, level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Modifier' })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Hydac Préféré HY-6553 10 j 38,90 €/ })).toBeVisible();
  // And on the equipment's page, the parts that fit it.
  await page.goto(`${harness.url}#/equipements/PR-250`);
  await expect(page.getByTestId('equipment-parts')).toContainText('ROUL-6205-2RS');
});
