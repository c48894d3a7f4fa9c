// Issue 14's acceptance path, through the real UI in the harness, in one browser shared by the people of a plant:
//  1. an administrator builds a gamme with a measurement (min/max);
//  2. a Responsable makes a plan « toutes les 250 h » on a press, with that gamme, for a technician;
//  3. the technician enters readings on « Relevés » until it is due, and the OT appears in « Mes OT » (the
//     generator runs when a reading is saved: nobody presses anything);
//  4. the technician fills the gamme with one measurement out of limits and raises the corrective DI from it;
//  5. they finish, and the PM compliance figure moves from « — » to 100 %.
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness-server';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

const PASSWORD = 'vanne papillon graissée';
const MANAGER = { username: 'r.responsable', displayName: 'Rémi Responsable' };
const TECH = { username: 't.martin', displayName: 'Théo Martin' };

/** The people and a press with its hour meter (the app's own channels for accounts; the plant as rows). */
async function seedPlant(harness: Harness): Promise<void> {
  await seedAdmin(harness);
  const sender = { windowId: 'seed-preventive-flow', url: harness.url };
  const dispatch = (channel: string, input: unknown) => harness.core.dispatcher.dispatch(sender, channel, input);
  await dispatch('auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  for (const [person, role] of [[MANAGER, 'maintenance_manager'], [TECH, 'technician']] as const) {
    const created = await dispatch('users:create', { ...person, email: '', role, locale: 'fr', passwordMode: 'chosen', password: PASSWORD, passwordConfirmation: PASSWORD });
    if (!created.ok) throw new Error(`users:create: ${JSON.stringify(created.error)}`);
  }
  const db = harness.core.database.kysely;
  await db.updateTable('users').set({ must_change_password: 0, password_change_offered: 0 }).where('username', 'in', [MANAGER.username, TECH.username]).execute();
  const now = Date.now();
  const zone = await db.insertInto('locations').values({ code: 'INJ', name: 'Atelier injection', kind: 'zone', parent_id: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  const press = await db
    .insertInto('equipment')
    .values({ code: 'PR-003', designation: 'Presse à injecter 3', location_id: Number(zone.id), parent_id: null, status: 'in_service', search_text: 'pr-003 presse a injecter 3', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meter = await dispatch('meters:create', { equipmentId: Number(press.id), name: 'Heures de marche', unit: 'h' });
  if (!meter.ok) throw new Error(`meters:create: ${JSON.stringify(meter.error)}`);
  await dispatch('auth:logout', undefined);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
}

async function openOnLoginScreen(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** One reading on « Relevés », saved with Enter; the page confirms it. */
async function read(page: Page, value: string): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Heures de marche (h)' });
  await field.fill(value);
  await field.press('Enter');
  await expect(page.getByRole('listitem', { name: 'Heures de marche (h)' }).getByText(`Relevé enregistré : ${value} h.`)).toBeVisible();
}

test('a gamme, a plan every 250 h, readings until the OT appears, an out-of-limits measurement raising a DI, and the compliance moving', async ({ page, harness }) => {
  test.setTimeout(240_000);
  await seedPlant(harness);

  // 1. The administrator builds the gamme: a measurement with limits, and a check.
  await page.goto(`${harness.url}#/preventif/gammes/nouvelle`);
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Nouvelle gamme' })).toBeVisible();
  await page.getByLabel('Code', { exact: true }).fill('HYD-250H');
  await page.getByLabel('Nom', { exact: true }).fill('Visite hydraulique 250 h');
  const step1 = page.getByRole('listitem', { name: 'Étape 1' });
  await step1.getByLabel('Type d’étape').selectOption('measurement');
  await step1.getByLabel('Libellé').fill('Pression hydraulique');
  await step1.getByLabel('Unité').fill('bar');
  await step1.getByLabel(/^Minimum/).fill('2');
  await step1.getByLabel(/^Maximum/).fill('6');
  await page.getByRole('button', { name: 'Ajouter une étape' }).click();
  await page.getByRole('listitem', { name: 'Étape 2' }).getByLabel('Libellé').fill('Absence de fuite');
  await page.getByRole('button', { name: 'Enregistrer la gamme' }).click();
  await expect(page.getByRole('heading', { name: 'Gamme HYD-250H' })).toBeVisible();
  await signOut(page);

  // 2. The Responsable makes the plan: every 250 h of « Heures de marche », ± 20 h, the gamme, the technician.
  await openOnLoginScreen(page, '#/preventif/plans/nouveau');
  await login(page, MANAGER.username, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nouveau plan de maintenance' })).toBeVisible();
  await page.getByLabel('Code', { exact: true }).fill('PM-PR003-250H');
  await page.getByLabel('Nom', { exact: true }).fill('Visite hydraulique presse 3');
  const picker = page.getByLabel('Équipement', { exact: true });
  await picker.fill('PR-003');
  await picker.press('Enter');
  await page.getByLabel('Gamme', { exact: true }).selectOption({ label: 'HYD-250H — Visite hydraulique 250 h' });
  await page.getByLabel('Tolérance (± unités de compteur)').fill('20');
  await page.getByRole('checkbox', { name: TECH.displayName }).check();
  const trigger = page.getByTestId('trigger-0');
  await trigger.getByLabel('Type de déclencheur').selectOption('meter_fixed');
  await trigger.getByLabel(/^Compteur/).fill('Heures de marche');
  await trigger.getByLabel('Toutes les (unités)').fill('250');
  await page.getByRole('button', { name: 'Créer le plan' }).click();
  await expect(page.getByRole('heading', { name: 'Plan PM-PR003-250H' })).toBeVisible();
  // Nothing is due yet: the compliance has nothing to count.
  await page.goto(`${harness.url}#/preventif/conformite`);
  await expect(page.getByRole('heading', { name: 'Taux de réalisation du préventif', level: 1 })).toBeVisible();
  await expect(page.getByText('Aucun OT préventif n\'était dû sur cette période.').first()).toBeVisible();
  await signOut(page);

  // 3. The technician reads the meter on « Relevés »: 100, 200, nothing yet; 260 passes 250 and the OT appears.
  await openOnLoginScreen(page, '#/releves?equipement=PR-003');
  await login(page, TECH.username, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Relevés de compteurs', level: 1 })).toBeVisible();
  await read(page, '100');
  await read(page, '200');
  await read(page, '260');
  await expectAccessible(page);
  const orders = harness.core.database.kysely.selectFrom('work_orders').select(['number', 'pm_occurrence_id']).where('type', '=', 'preventive');
  await expect.poll(async () => (await orders.execute()).length, { timeout: 15_000 }).toBe(1);
  const { number } = await orders.executeTakeFirstOrThrow();
  await page.goto(`${harness.url}#/ot/mes`);
  await expect(page.getByText('Visite hydraulique presse 3').first()).toBeVisible();

  // 4. The OT carries the gamme: started, the pressure out of limits raises the corrective DI.
  await page.goto(`${harness.url}#/ot/${number}`);
  await page.getByRole('button', { name: 'Démarrer', exact: true }).click();
  await expect(page.locator('.wo-status')).toHaveText('En cours');
  const measure = page.getByRole('listitem').filter({ hasText: '1. Pression hydraulique' });
  await measure.getByLabel('Valeur').fill('7,2');
  await measure.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(measure.getByText('⚠ Hors limites (max 6)')).toBeVisible();
  await measure.getByRole('button', { name: 'Créer une DI' }).click();
  await expect(measure.getByRole('link', { name: /^DI-\d{4}-\d{6}$/ })).toBeVisible();
  const check = page.getByRole('listitem').filter({ hasText: '2. Absence de fuite' });
  await check.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(page.getByText('2 / 2 étapes renseignées')).toBeVisible();
  await expectAccessible(page);

  // 5. Finished; the Responsable's compliance now counts it: 1 due, 1 done within tolerance (260 ≤ 250 + 20).
  await page.getByRole('button', { name: 'Terminer', exact: true }).click();
  const finish = page.getByRole('dialog', { name: "Terminer l'OT" });
  await finish.getByRole('radio', { name: 'Oui' }).check();
  await finish.getByRole('button', { name: 'Terminer' }).click();
  await expect(page.locator('.wo-status')).toHaveText('Terminé');
  await signOut(page);
  await openOnLoginScreen(page, '#/preventif/conformite');
  await login(page, MANAGER.username, PASSWORD);
  await expect(page.getByTestId('compliance-rate')).toHaveText(/^100,0\s?%$/, { timeout: 15_000 });
  await expect(page.getByText('1 réalisés dans leur tolérance sur 1 dus')).toBeVisible();
  await expectAccessible(page);
});
