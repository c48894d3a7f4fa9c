// Équipements in the real renderer over the harness: a manager builds the location tree, creates an equipment,
// finds it by scanning its code (code + Enter) and by a folded search, adds a photo and sees it on the page, with
// the downtime and the timeline. axe on every screen; 1280×800 screenshots of the list, the page and the form.
// Until the shell's router is merged, the pages are reached through `#/equipements` (EquipmentPreview).
import { DowntimesRepository } from '../../electron/core/equipment';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test } from './fixtures';

// The smallest real PNG (1×1, grey): what a camera's file would start with, byte for byte.
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNoaGgAAAMEAYFL09IQAAAAAElFTkSuQmCC', 'base64');

test('a manager builds locations, creates an equipment, scans it, and attaches a photo', async ({ page, harness }, testInfo) => {
  await seedAdmin(harness);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${harness.url}#/localisations`);
  await login(page, ADMIN.username, ADMIN.password);

  // Localisations: site → zone → ligne.
  await expect(page.getByRole('heading', { name: 'Localisations' })).toBeVisible();
  await page.getByRole('button', { name: 'Nouveau site' }).click();
  await page.getByRole('dialog').getByLabel('Code', { exact: true }).fill('LYON');
  await page.getByRole('dialog').getByLabel('Nom').fill('Usine de Lyon');
  await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Localisation « Usine de Lyon » créée.')).toBeVisible();
  await page.getByRole('button', { name: 'Ajouter une zone dans Usine de Lyon' }).click();
  await page.getByRole('dialog').getByLabel('Code', { exact: true }).fill('lyon');
  await page.getByRole('dialog').getByLabel('Nom').fill('Atelier 1');
  await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click();
  // A code already taken (whatever the case) is refused, and what was typed stays.
  await expect(page.getByRole('dialog').getByText('Ce code est déjà celui d’une autre localisation.').first()).toBeVisible();
  await expect(page.getByRole('dialog').getByLabel('Nom')).toHaveValue('Atelier 1');
  await page.getByRole('dialog').getByLabel('Code', { exact: true }).fill('LYON-A1');
  await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('button', { name: 'Ajouter une ligne dans Atelier 1' }).click();
  await page.getByRole('dialog').getByLabel('Code', { exact: true }).fill('LYON-A1-L2');
  await page.getByRole('dialog').getByLabel('Nom').fill('Ligne 2');
  await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Localisation « Ligne 2 » créée.')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('locations.png') });

  // Nouvel équipement.
  await page.getByRole('link', { name: 'Équipements' }).click();
  await expect(page.getByRole('heading', { name: 'Équipements', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Nouvel équipement' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Code', { exact: true }).fill('PV 001');
  await dialog.getByLabel('Désignation').fill('Pompe à vide');
  await dialog.getByLabel('Localisation').selectOption({ label: 'Usine de Lyon › Atelier 1 › Ligne 2' });
  await dialog.getByLabel('Criticité').selectOption('A');
  await dialog.getByLabel('Fabricant').fill('Busch');
  await dialog.getByLabel('Mise en service').fill('2019-03-15');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  // The zod schema of main, run in the form: a space in a code is named, nothing is lost.
  await expect(dialog.getByText('Code : lettres sans accent, chiffres et - _ . / seulement, sans espace.')).toBeVisible();
  await expect(dialog.getByLabel('Désignation')).toHaveValue('Pompe à vide');
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('equipment-form.png') });
  await dialog.getByLabel('Code', { exact: true }).fill('PV-001');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name: 'Pompe à vide', level: 1 })).toBeVisible();
  await expect(page.getByText('Usine de Lyon').first()).toBeVisible();

  // It breaks down: a DI with "machine à l'arrêt" opened a downtime 2 h 15 ago (the requests helper writes these).
  const db = harness.core.database.kysely;
  const equipment = await db.selectFrom('equipment').select(['id', 'location_id']).where('code', '=', 'PV-001').executeTakeFirstOrThrow();
  const now = Date.now();
  const startedAt = now - (2 * 60 + 15) * 60_000 - 30_000;
  await db
    .insertInto('work_requests')
    .values({ number: 'DI-2026-000001', equipment_id: equipment.id, location_id: equipment.location_id, symptom: 'Ne fait plus le vide', machine_stopped: 1, workstation: 'POSTE-1', search_text: '', created_at: startedAt, updated_at: startedAt })
    .execute();
  await new DowntimesRepository(db).open({ equipmentId: equipment.id, at: startedAt });
  await db.updateTable('equipment').set({ status: 'stopped' }).where('id', '=', equipment.id).execute();

  // Scan: the code + Enter, in another case, from the list page.
  await page.getByRole('link', { name: 'Équipements' }).click();
  const search = page.getByRole('searchbox', { name: 'Code ou recherche' }).last();
  await expect(search).toBeFocused();
  await search.fill('POMPE A VIDE');
  await expect(page.getByRole('link', { name: 'PV-001' })).toBeVisible();
  await expect(page.getByText('À l’arrêt depuis 2 h 15')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('equipment-list.png') });
  await search.fill('pv-001');
  await search.press('Enter');
  await expect(page).toHaveURL(/#\/equipements\/PV-001$/);
  await expect(page.getByRole('heading', { name: 'Pompe à vide', level: 1 })).toBeVisible();
  await expect(page.getByText('À l’arrêt depuis 2 h 15')).toBeVisible();
  // The timeline: the DI and the downtime, still running.
  await expect(page.getByRole('link', { name: 'DI-2026-000001' })).toBeVisible();
  await expect(page.getByText('en cours depuis 2 h 15')).toBeVisible();

  // A photo, checked by its bytes in main, shown with its thumbnail.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Ajouter un fichier' }).click();
  await (await chooser).setFiles({ name: 'plaque signalétique.png', mimeType: 'image/png', buffer: PNG_1PX });
  await expect(page.getByText('« plaque signalétique.png » ajouté.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Aperçu de plaque signalétique.png' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('equipment-page.png'), fullPage: true });

  // The same scan from the box at the top, from another page.
  await page.getByRole('link', { name: 'Équipements' }).first().click();
  await page.locator('#scanbox-input').fill('Pv-001');
  await page.locator('#scanbox-input').press('Enter');
  await expect(page).toHaveURL(/#\/equipements\/PV-001$/);

  // A sub-assembly, its parent chosen with the picker by part of the designation.
  await page.getByRole('link', { name: 'Équipements' }).first().click();
  await page.getByRole('button', { name: 'Nouvel équipement' }).click();
  await dialog.getByLabel('Code', { exact: true }).fill('PV-001-M');
  await dialog.getByLabel('Désignation').fill('Moteur de la pompe');
  await dialog.getByLabel('Équipement parent').fill('pompe a');
  await dialog.getByRole('button', { name: /PV-001 — Pompe à vide/ }).click();
  await expect(dialog.getByText('Choisi : PV-001 — Pompe à vide')).toBeVisible();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name: 'Moteur de la pompe', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'PV-001 — Pompe à vide' }).click();
  await expect(page.getByRole('link', { name: 'PV-001-M — Moteur de la pompe' })).toBeVisible();
  await expect(page.getByText(/et de ses sous-ensembles \(PV-001-M\)/)).toBeVisible();
});

test('a technician reads an equipment and reports a problem, but may not edit it or add files', async ({ page, harness }) => {
  await seedAdmin(harness);
  const sender = { windowId: 'seed-equipment', url: harness.url };
  const dispatch = harness.core.dispatcher.dispatch;
  await dispatch(sender, 'auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  const created = await dispatch(sender, 'equipment:create', {
    code: 'CP-7', designation: 'Compresseur à vis', locationId: null, parentCode: null, category: null, criticality: 'B', status: 'in_service',
    manufacturer: null, model: null, serialNumber: null, commissionedOn: null, notes: null,
  });
  expect(created.ok).toBe(true);
  await dispatch(sender, 'auth:logout', undefined);
  // A technician with the administrator's password (its hash copied: same key, same password).
  const db = harness.core.database.kysely;
  const { password_hash } = await db.selectFrom('users').select('password_hash').where('id', '=', 1).executeTakeFirstOrThrow();
  await db.insertInto('users').values({ username: 'j.martin', display_name: 'Julien Martin', email: null, role: 'technician', password_hash, password_changed_at: 0, created_at: 0, updated_at: 0 }).execute();

  await page.goto(`${harness.url}#/equipements/CP-7`);
  await login(page, 'j.martin', ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Compresseur à vis', level: 1 })).toBeVisible();
  await expect(page.getByText('En service', { exact: true })).toBeVisible();
  // The page's own « Signaler un problème » (the top bar has one too, without the equipment).
  await expect(page.getByRole('main').getByRole('link', { name: 'Signaler un problème' })).toHaveAttribute('href', /\/demandes\/nouvelle\?equipement=CP-7/);
  await expect(page.getByRole('button', { name: 'Modifier' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ajouter un fichier' })).toHaveCount(0);
  await expect(page.getByText('Aucune pièce jointe.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Équipements' }).click();
  await expect(page.getByRole('button', { name: 'Nouvel équipement' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'CP-7' })).toBeVisible();
});
