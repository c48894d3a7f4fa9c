// Node (Playwright, harness). Issue 13, io: a responsable imports a workbook with realistic mistakes and sees each
// one by row and column, then imports the good file; exports the list (a workbook exceljs reads back); prints QR
// labels (the download is a PDF); and an administrator maintains the reference lists. axe on every screen, and a
// 1280×800 screenshot of each page (in the test's output folder).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page, TestInfo } from '@playwright/test';
import { UsersRepository } from '../../electron/core/kernel/identity/users-repository';
import type { Harness } from '../harness/harness-server';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test } from './fixtures';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');

/** A responsable maintenance with the administrator's password (its hash copied: same password). */
async function seedManager(harness: Harness): Promise<void> {
  const db = harness.core.database.kysely;
  const { password_hash } = await db.selectFrom('users').select('password_hash').where('id', '=', 1).executeTakeFirstOrThrow();
  const id = await new UsersRepository(db).insert(
    { username: 'j.martin', displayName: 'Jean Martin', email: null, role: 'maintenance_manager', passwordHash: password_hash, mustChangePassword: false, locale: 'fr' },
    Date.now(),
  );
  expect(id).toBeGreaterThan(1);
}

/** A 1280×800 picture of the window, scrolled so that `top` (if given) is at the top of it. */
async function shot(page: Page, testInfo: TestInfo, name: string, top?: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  if (top) await page.getByRole('heading', { name: top }).evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const dir = process.env.IO_SCREENSHOTS_DIR;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(testInfo.outputPath(`${name}.png`), path.join(dir, `${name}.png`));
  }
}

/** The harness reads and writes workbooks in a worker thread started from the TypeScript sources: seconds, not instants. */
const WORKER = { timeout: 60_000 };

test('a responsable imports (errors first, then the good file), exports, and prints QR labels', async ({ page, harness }, testInfo) => {
  test.setTimeout(240_000);
  await seedAdmin(harness);
  await seedManager(harness);
  await page.goto(harness.url);
  await login(page, 'j.martin', ADMIN.password);
  // Équipements in the sidebar, then the list's « Import / export ».
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Équipements' }).click();
  await page.getByRole('link', { name: 'Import / export' }).click();
  await expect(page.getByRole('heading', { name: 'Importer et exporter les équipements', level: 1 })).toBeVisible();
  await expectAccessible(page);

  // The file with mistakes: each is listed with its sheet, row, column and reason; "Importer" stays disabled.
  await page.getByLabel('Fichier à importer (.xlsx ou .csv)').setInputFiles(path.join(FIXTURES, 'equipements-erreurs.xlsx'));
  await expect(page.getByTestId('import-summary')).toHaveText('À créer : 6 · À mettre à jour : 0 · Erreurs : 14', WORKER);
  const errors = page.getByTestId('import-errors').locator('tbody tr');
  await expect(errors).toHaveCount(14);
  await expect(errors.filter({ hasText: 'ATL-PEINTURE' })).toContainText(['Localisations', '4', 'Parent', 'Localisation parente « ATL-PEINTURE » inconnue'].join(''));
  await expect(page.getByRole('row', { name: /Équipements 3 Criticité Criticité « D » invalide : A, B ou C/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Cycle de parents : CY-A → CY-B → CY-A/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Importer', exact: true })).toBeDisabled();
  await expectAccessible(page);
  await shot(page, testInfo, 'equipment-import-errors', '2. Vérification');
  expect(await harness.core.database.kysely.selectFrom('equipment').select('id').execute()).toEqual([]);

  // The corrected file: 13 to create, no error; importing writes them all.
  await page.getByLabel('Fichier à importer (.xlsx ou .csv)').setInputFiles(path.join(FIXTURES, 'equipements-ok.xlsx'));
  await expect(page.getByTestId('import-summary')).toHaveText('À créer : 13 · À mettre à jour : 0 · Erreurs : 0', WORKER);
  await expect(page.getByText('Aucune erreur : le fichier peut être importé.')).toBeVisible();
  await shot(page, testInfo, 'equipment-import-ready', '2. Vérification');
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import terminé' })).toHaveText('Import terminé : 13 fiche(s) créée(s), 0 mise(s) à jour.', WORKER);
  expect(await harness.core.database.kysely.selectFrom('equipment').select('id').execute()).toHaveLength(8);

  // Export: an .xlsx exceljs reads back with the same rows.
  const download = page.waitForEvent('download', WORKER);
  await page.getByRole('button', { name: 'Exporter', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^equipements-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync((await file.path())!) as unknown as ArrayBuffer);
  const codes: string[] = [];
  workbook.worksheets[0].eachRow((row, n) => {
    if (n > 1) codes.push(String(row.getCell(1).value));
  });
  expect(codes).toEqual(['CP-01', 'CV-01', 'FOUR-01', 'PR-250', 'PR-250-GH', 'PR-250-GH-P1', 'RB-01', 'TOUR-01']);

  // QR labels of one workshop: the count, then the PDF.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Équipements' }).click();
  await page.getByRole('link', { name: 'Étiquettes QR' }).click();
  await expect(page.getByRole('heading', { name: 'Étiquettes QR', level: 1 })).toBeVisible();
  await page.getByLabel('Code de localisation').fill('ATL-EMB');
  await page.getByRole('button', { name: 'Afficher les équipements' }).click();
  await expect(page.getByTestId('labels-count')).toHaveText('5 équipement(s) correspondent.');
  await page.getByRole('checkbox', { name: "Imprimer l'étiquette de CV-01" }).or(page.getByRole('checkbox', { name: 'Imprimer l’étiquette de CV-01' })).uncheck();
  await expect(page.getByText('4 étiquette(s) sélectionnée(s) · 1 planche(s) A4')).toBeVisible();
  await expectAccessible(page);
  await shot(page, testInfo, 'equipment-labels', 'Choisir les équipements');
  const pdfDownload = page.waitForEvent('download', WORKER);
  await page.getByRole('button', { name: 'Imprimer les étiquettes' }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/^etiquettes-\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = fs.readFileSync((await pdf.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes) }).promise;
  const text = (await (await doc.getPage(1)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
  expect(text).toContain('PR-250-GH-P1');
  expect(text).toContain('Robot de soudure cellule 1');
  expect(text).not.toContain('CV-01');

  // A location code that does not exist is named on its field, and what was typed stays.
  await page.getByLabel('Code de localisation').fill('NULLE-PART');
  await page.getByRole('button', { name: 'Afficher les équipements' }).click();
  await expect(page.getByText('Aucune localisation ne porte ce code.')).toBeVisible();
  await expect(page.getByLabel('Code de localisation')).toHaveValue('NULLE-PART');
  // The reference lists are the administrator's: a responsable has no entry for them.
  await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Référentiels' })).toHaveCount(0);
});

test('an administrator maintains the reference lists: add, rename, reorder, deactivate', async ({ page, harness }, testInfo) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Référentiels' }).click();
  await expect(page.getByRole('heading', { name: 'Listes de référence', level: 1 })).toBeVisible();
  const rows = page.locator('.reference-table tbody tr');
  // The French starter set is there from the first start.
  await expect(rows).toHaveCount(8);
  await expect(rows.first()).toContainText('Fuite');
  await expectAccessible(page);
  await shot(page, testInfo, 'reference-lists');

  // An empty label is refused on the field; a new one goes at the end.
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
  await page.getByLabel('Nouvel élément').fill('Odeur de brûlé');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'a été ajouté' })).toHaveText('« Odeur de brûlé » a été ajouté.');
  await expect(rows).toHaveCount(9);
  await expect(rows.last()).toContainText('odeur-de-brule');
  // The same name again: refused, and the text typed stays in the field.
  await page.getByLabel('Nouvel élément').fill('ODEUR DE BRULE');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByText('Cette liste contient déjà un élément de ce nom.')).toBeVisible();
  await expect(page.getByLabel('Nouvel élément')).toHaveValue('ODEUR DE BRULE');

  // Up one place.
  await page.getByRole('button', { name: 'Monter « Odeur de brûlé »' }).click();
  await expect(rows.nth(7)).toContainText('Odeur de brûlé');
  // Rename, then deactivate (the row stays, marked).
  await page.getByRole('button', { name: 'Renommer « Vibration »' }).click();
  await page.getByLabel('Nouveau libellé de « Vibration »').fill('Vibrations anormales');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Libellé enregistré' })).toBeVisible();
  await page.getByRole('button', { name: 'Désactiver « Vibrations anormales »' }).click();
  await expect(rows.nth(2)).toContainText('Désactivé');
  await shot(page, testInfo, 'reference-lists-edited', 'Ajouter à la liste « Symptômes »');
  await expect(page.getByRole('button', { name: 'Réactiver « Vibrations anormales »' })).toBeVisible();

  // Another list: the categories of equipment.
  await page.getByRole('tab', { name: 'Catégories' }).click();
  await expect(rows.first()).toContainText('Presse');
  await expectAccessible(page);

  const symptoms = await harness.core.database.kysely.selectFrom('reference_items').select(['code', 'label', 'is_active']).where('list', '=', 'symptom').orderBy('position').execute();
  expect(symptoms.find((item) => item.code === 'vibration')).toEqual({ code: 'vibration', label: 'Vibrations anormales', is_active: 0 });
  expect(symptoms[7].code).toBe('odeur-de-brule');
});
