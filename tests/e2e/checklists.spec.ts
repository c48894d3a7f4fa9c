// A gamme from its editor to a finished OT, through the real UI in the harness: an administrator builds a gamme with
// a measurement (min/max) and a check (reordering the steps with the keyboard); a Responsable applies it to a
// planned OT; the technician starts the OT, enters an out-of-limits measurement and raises the corrective DI from
// it, is refused « terminé » while the required check is empty, answers it and finishes. Every screen passes axe.
// GMAO_CHECKLISTS_SHOTS=<dir> also saves 1280×800 pictures (editor, list, OT with its steps).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness-server';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

const PASSWORD = 'vanne papillon graissée';
const MANAGER = { username: 'r.responsable', displayName: 'Rémi Responsable' };
const TECH = { username: 't.martin', displayName: 'Théo Martin' };
const shotsDir = process.env.GMAO_CHECKLISTS_SHOTS;

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage });
}

/** A manager and a technician, a press, and a preventive OT planned for the technician (made by the manager). */
async function seedPlant(harness: Harness): Promise<string> {
  await seedAdmin(harness);
  const sender = { windowId: 'seed-plant', url: harness.url };
  const dispatch = (channel: string, input: unknown) => harness.core.dispatcher.dispatch(sender, channel, input);
  await dispatch('auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  const ids: number[] = [];
  for (const [person, role] of [[MANAGER, 'maintenance_manager'], [TECH, 'technician']] as const) {
    const created = await dispatch('users:create', { ...person, email: '', role, locale: 'fr', passwordMode: 'chosen', password: PASSWORD, passwordConfirmation: PASSWORD });
    if (!created.ok) throw new Error(`create: ${JSON.stringify(created.error)}`);
    ids.push((created.data as { user: { id: number } }).user.id);
  }
  const db = harness.core.database.kysely;
  await db.updateTable('users').set({ must_change_password: 0, password_change_offered: 0 }).where('username', 'in', [MANAGER.username, TECH.username]).execute();
  const now = Date.now();
  const zone = await db.insertInto('locations').values({ code: 'INJ', name: 'Atelier injection', kind: 'zone', parent_id: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('equipment')
    .values({ code: 'PR-003', designation: 'Presse à injecter 3', location_id: Number(zone.id), parent_id: null, status: 'in_service', search_text: 'pr-003 presse a injecter 3', created_at: now, updated_at: now })
    .execute();
  const order = await dispatch('workOrders:create', {
    equipmentCode: 'PR-003',
    type: 'preventive',
    priority: 3,
    title: 'Visite hydraulique mensuelle',
    description: 'Contrôles du groupe hydraulique.',
    plannedAt: now,
    dueAt: null,
    estimatedMinutes: 60,
    assigneeIds: [ids[1]],
  });
  if (!order.ok) throw new Error(`workOrders:create: ${JSON.stringify(order.error)}`);
  await dispatch('auth:logout', undefined);
  return (order.data as { number: string }).number;
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

test('a gamme built by an admin, applied by a Responsable, run by the technician with a corrective DI, and required steps before « terminé »', async ({ page, harness }) => {
  test.setTimeout(180_000);
  const number = await seedPlant(harness);

  // 1. The administrator builds the gamme: a check, then a measurement moved up with the keyboard.
  await page.goto(`${harness.url}#/preventif/gammes`);
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Gammes', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Nouvelle gamme' }).click();
  await expect(page.getByRole('heading', { name: 'Nouvelle gamme' })).toBeVisible();
  await expect(page.getByText('Modifier une gamme ne change jamais les OT déjà créés')).toBeVisible();
  await page.getByLabel('Code', { exact: true }).fill('HYD-MENS');
  await page.getByLabel('Nom', { exact: true }).fill('Visite hydraulique mensuelle');
  const step1 = page.getByRole('listitem', { name: 'Étape 1' });
  await step1.getByLabel('Libellé').fill('Niveau d’huile correct');
  await step1.getByLabel(/^Aide pour le technicien/).fill('Voyant côté opérateur');
  await page.getByRole('button', { name: 'Ajouter une étape' }).click();
  const step2 = page.getByRole('listitem', { name: 'Étape 2' });
  await step2.getByLabel('Type d’étape').selectOption('measurement');
  await step2.getByLabel('Libellé').fill('Pression hydraulique');
  // The shared schema refuses a measurement without unit and a max under the min, before anything is sent.
  await step2.getByLabel(/^Minimum/).fill('7');
  await step2.getByLabel(/^Maximum/).fill('6');
  await page.getByRole('button', { name: 'Enregistrer la gamme' }).click();
  await expect(step2.getByText('Indiquez l’unité de la mesure')).toBeVisible();
  await expect(step2.getByText('Le maximum doit être supérieur ou égal au minimum.')).toBeVisible();
  await step2.getByLabel('Unité').fill('bar');
  await step2.getByLabel(/^Minimum/).fill('2');
  await step2.getByLabel(/^Maximum/).fill('6');
  // ↑ with the keyboard: the measurement becomes step 1, and the focus follows it.
  await step2.getByRole('button', { name: 'Monter l’étape 2' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listitem', { name: 'Étape 1' }).getByLabel('Libellé')).toHaveValue('Pression hydraulique');
  await expect(page.getByRole('button', { name: 'Descendre l’étape 1' })).toBeFocused();
  await shot(page, 'checklist-editor');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Enregistrer la gamme' }).click();
  await expect(page.getByRole('heading', { name: 'Gamme HYD-MENS' })).toBeVisible();
  await expect(page.getByText('Gamme enregistrée.')).toBeVisible();
  await page.getByRole('link', { name: /Retour aux gammes/ }).click();
  const row = page.getByRole('row').filter({ hasText: 'HYD-MENS' });
  await expect(row).toContainText('Visite hydraulique mensuelle');
  await expect(row).toContainText('aucun plan');
  await shot(page, 'checklists-list');
  await expectAccessible(page);
  await signOut(page);

  // 2. The Responsable applies it to the planned OT.
  await openOnLoginScreen(page, `#/ot/${number}`);
  await login(page, MANAGER.username, PASSWORD);
  await expect(page.locator('.wo-status')).toHaveText('Planifié');
  await page.getByLabel('Gamme', { exact: true }).selectOption('HYD-MENS');
  await page.getByRole('button', { name: 'Appliquer la gamme' }).click();
  await expect(page.getByRole('heading', { name: 'Gamme HYD-MENS — Visite hydraulique mensuelle' })).toBeVisible();
  await expect(page.getByText('Les étapes se renseignent quand l\'OT est « en cours »')).toBeVisible();
  await signOut(page);

  // 3. The technician starts the OT and enters an out-of-limits measurement.
  await openOnLoginScreen(page, `#/ot/${number}`);
  await login(page, TECH.username, PASSWORD);
  await page.getByRole('button', { name: 'Démarrer', exact: true }).click();
  await expect(page.locator('.wo-status')).toHaveText('En cours');
  const measure = page.getByRole('listitem').filter({ hasText: '1. Pression hydraulique' });
  await expect(measure).toContainText('Limites : min 2 – max 6 bar');
  await measure.getByLabel('Valeur').fill('7,2');
  await measure.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(measure.getByText('⚠ Hors limites (max 6)')).toBeVisible();
  await expect(measure.getByText(/Enregistré — Renseigné par Théo Martin/)).toBeVisible();
  await measure.getByRole('button', { name: 'Créer une DI' }).click();
  await expect(measure.getByText('DI créée :')).toBeVisible();
  const requestLink = measure.getByRole('link', { name: /^DI-\d{4}-\d{6}$/ });
  await expect(requestLink).toBeVisible();
  await expect(measure.getByRole('button', { name: 'Créer une DI' })).toHaveCount(0);
  const di = await harness.core.database.kysely.selectFrom('work_requests').select(['symptom', 'number']).executeTakeFirstOrThrow();
  expect(di.symptom).toBe(`Mesure hors limites : Pression hydraulique 7,2 bar (max 6) sur ${number}`);
  await expect(requestLink).toHaveText(di.number);

  // 4. « Terminer » is refused while the required check is empty; the dialog names it.
  await page.getByRole('button', { name: 'Terminer', exact: true }).click();
  const finish = page.getByRole('dialog', { name: "Terminer l'OT" });
  await finish.getByRole('radio', { name: 'Oui' }).check();
  await finish.getByRole('button', { name: 'Terminer' }).click();
  await expect(finish.getByText('Des étapes obligatoires de la gamme ne sont pas renseignées : 2. Niveau d’huile correct.')).toBeVisible();
  await finish.getByRole('button', { name: 'Retour' }).click();
  await expect(page.locator('.wo-status')).toHaveText('En cours');

  // 5. The check answered (a 48 px button), the OT finishes.
  const check = page.getByRole('listitem').filter({ hasText: '2. Niveau d’huile correct' });
  await check.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(check.getByRole('button', { name: '✓ OK' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('2 / 2 étapes renseignées')).toBeVisible();
  const box = await check.getByRole('button', { name: '✓ OK' }).boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
  await shot(page, 'ot-with-steps');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Terminer', exact: true }).click();
  await finish.getByRole('radio', { name: 'Oui' }).check();
  await finish.getByRole('button', { name: 'Terminer' }).click();
  await expect(finish).toBeHidden();
  await expect(page.locator('.wo-status')).toHaveText('Terminé');
  await expect(page.getByText('Les étapes se renseignent quand l\'OT est « en cours » ; l\'OT')).toBeVisible();
});
