// Node (tests, Playwright). Compteurs and relevés in the real renderer over the harness: a Responsable adds
// « Heures de marche (h) » (and « Cycles ») to a press from its page; a technician on « Relevés de compteurs » scans
// the press's code, enters several readings in one go (Enter moves on), sees 100 refused below 120 with a French
// message that offers the reset, then 0 accepted with « Remise à zéro »; the history says who and when. axe on each
// screen; 1280×800 screenshots of the panel and of the readings page.
import type { Page } from '@playwright/test';
import type { Role } from '../../shared/contract/roles';
import { EquipmentRepository } from '../../electron/core/equipment';
import type { Harness } from '../harness/harness-server';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test } from './fixtures';

/** Another account with the administrator's password (the hash is copied), in the given role. */
async function seedUser(harness: Harness, username: string, displayName: string, role: Role): Promise<void> {
  const db = harness.core.database.kysely;
  const { password_hash } = await db.selectFrom('users').select('password_hash').where('id', '=', 1).executeTakeFirstOrThrow();
  await db.insertInto('users').values({ username, display_name: displayName, email: null, role, password_hash, password_changed_at: 0, created_at: 0, updated_at: 0 }).execute();
}

const panel = (page: Page) => page.getByRole('region', { name: 'Compteurs' });

test('a Responsable adds meters to a press; a technician enters readings on « Relevés », one refused below the last, then a reset', async ({ page, harness }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await seedAdmin(harness);
  await seedUser(harness, 'c.roux', 'Claire Roux', 'maintenance_manager');
  await seedUser(harness, 'l.moreau', 'Luc Moreau', 'technician');
  const now = Date.now();
  await new EquipmentRepository(harness.core.database.kysely).insert({
    code: 'PR-250', designation: 'Presse hydraulique 250 t', location_id: null, parent_id: null, category: null,
    manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: now, updated_at: now,
  });

  // The Responsable, on the press's page.
  await page.goto(`${harness.url}#/equipements/PR-250`);
  await login(page, 'c.roux', ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Presse hydraulique 250 t', level: 1 })).toBeVisible();
  await expect(panel(page).getByText(/Aucun compteur sur cet équipement/)).toBeVisible();
  await panel(page).getByRole('button', { name: 'Ajouter un compteur' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouveau compteur' });
  await dialog.getByLabel('Nom').fill('Heures de marche');
  await expect(dialog.getByLabel('Unité')).toHaveValue('h');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Compteur « Heures de marche » ajouté.')).toBeVisible();
  // The same name again, in another case: refused on the name field, in French, nothing lost.
  await panel(page).getByRole('button', { name: 'Ajouter un compteur' }).click();
  await dialog.getByLabel('Nom').fill('heures de marche');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByText('Cet équipement a déjà un compteur nommé « heures de marche ». Choisissez un autre nom.')).toBeVisible();
  await expect(dialog.getByLabel('Nom')).toHaveValue('heures de marche');
  await dialog.getByLabel('Nom').fill('Cycles');
  await dialog.getByLabel('Unité').fill('cycles');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Compteur « Cycles » ajouté.')).toBeVisible();
  await expect(panel(page).getByRole('listitem', { name: 'Heures de marche (h)' }).getByText('Aucun relevé')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  // The technician, walking the shop: « Relevés », the label scanned (its code and Enter, in another case).
  await page.goto(`${harness.url}#/releves`);
  await login(page, 'l.moreau', ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Relevés de compteurs', level: 1 })).toBeVisible();
  await page.getByLabel('Code de l’équipement').fill('pr-250');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/releves\?equipement=PR-250$/);
  await expect(page.getByRole('heading', { name: 'Compteurs de PR-250 — Presse hydraulique 250 t' })).toBeVisible();
  const hours = page.getByRole('listitem', { name: 'Heures de marche (h)' });
  const cycles = page.getByRole('listitem', { name: 'Cycles (cycles)' });
  const hoursField = page.getByRole('textbox', { name: 'Heures de marche (h)' });
  const cyclesField = page.getByRole('textbox', { name: 'Cycles (cycles)' });
  // One field per meter (by name: Cycles, then Heures de marche); Enter moves to the next, and on the last one
  // saves them all.
  await expect(cyclesField).toBeFocused();
  await page.keyboard.type('5000');
  await page.keyboard.press('Enter');
  await expect(hoursField).toBeFocused();
  await page.keyboard.type('120');
  await page.keyboard.press('Enter');
  await expect(hours.getByText('Relevé enregistré : 120 h.')).toBeVisible();
  await expect(cycles.getByText('Relevé enregistré : 5 000 cycles.')).toBeVisible();
  await expect(hours.getByText(/120 h le .* par Luc Moreau/)).toBeVisible();

  // 100 hours is below 120: refused with the last value and the reset offered; the cycles typed with it are saved.
  await hoursField.fill('100');
  await cyclesField.fill('5100');
  await page.getByRole('button', { name: 'Enregistrer les relevés' }).click();
  await expect(hours.getByRole('alert')).toHaveText(
    'Valeur inférieure au dernier relevé (120 h). Si le compteur a été remis à zéro ou changé, cochez « Remise à zéro / compteur changé » puis enregistrez.',
  );
  await expect(hoursField).toHaveValue('100');
  await expect(cycles.getByText('Relevé enregistré : 5 100 cycles.')).toBeVisible();
  await expect(page.getByText('1 relevé à corriger : les autres sont enregistrés.')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('meters-readings-refused.png') });

  // The hour meter was changed: 0 with « Remise à zéro / compteur changé ».
  await hours.getByRole('checkbox', { name: 'Remise à zéro / compteur changé' }).check();
  await hoursField.fill('0');
  await hoursField.press('Enter');
  await expect(hours.getByText('Relevé enregistré : 0 h.')).toBeVisible();
  await expect(hours.getByText(/^0 h le .* par Luc Moreau$/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('meters-readings.png') });

  // The history, from the press's page: newest first, who and when, the reset marked, the total still counting.
  await page.getByRole('link', { name: 'Ouvrir la fiche de l’équipement' }).click();
  await expect(page.getByRole('heading', { name: 'Presse hydraulique 250 t', level: 1 })).toBeVisible();
  const panelHours = panel(page).getByRole('listitem', { name: 'Heures de marche (h)' });
  await expect(panelHours.getByText(/^0 h le .* par Luc Moreau$/)).toBeVisible();
  await expect(panelHours.getByText(/Cumul : 120 h/)).toBeVisible();
  // A technician reads and records, and may not add or edit meters.
  await expect(panel(page).getByRole('button', { name: 'Ajouter un compteur' })).toHaveCount(0);
  await expect(panel(page).getByRole('button', { name: 'Modifier le compteur Heures de marche' })).toHaveCount(0);
  await panel(page).screenshot({ path: testInfo.outputPath('meters-panel.png') });
  await panelHours.getByRole('button', { name: 'Historique du compteur Heures de marche' }).click();
  const history = page.getByRole('dialog', { name: 'Historique — Heures de marche (h)' });
  const rows = history.getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('0 hRemise à zéro');
  await expect(rows.nth(1)).toContainText('120');
  await expect(rows.nth(1)).toContainText('Luc Moreau');
  await expect(rows.nth(2)).toContainText('120 h');
  await expect(rows.nth(2)).toContainText('Luc Moreau');
  const today = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short' }).format(new Date());
  await expect(rows.nth(2)).toContainText(today);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('meters-history.png') });
  await history.getByRole('button', { name: 'Fermer' }).click();

  // A quick reading from the panel itself.
  await panelHours.getByRole('textbox', { name: 'Nouveau relevé (h)' }).fill('8,5');
  await panelHours.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(panelHours.getByText('Relevé enregistré : 8,5 h.')).toBeVisible();
  await expect(panelHours.getByText(/Cumul : 128,5 h/)).toBeVisible();
});
