// One OT through the real UI in the harness: a manager creates and plans it for a technician; the technician
// starts it, puts it on hold for a part, resumes, and finishes it with symptom, cause and remedy and "remis en
// service" (the equipment's downtime closes); the manager closes it and the closed OT offers no action.
// Every screen passes axe (0 serious/critical). GMAO_WO_SHOTS=<dir> also saves 1280×800 pictures of each state.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness-server';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

const PASSWORD = 'vanne papillon graissée';
const MANAGER = { username: 'r.responsable', displayName: 'Rémi Responsable' };
const TECH = { username: 't.martin', displayName: 'Théo Martin' };
const shotsDir = process.env.GMAO_WO_SHOTS;

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage });
}

/** The plant: a manager and a technician, a stopped press with its open downtime, and the reference lists. */
async function seedPlant(harness: Harness): Promise<void> {
  await seedAdmin(harness);
  const sender = { windowId: 'seed-plant', url: harness.url };
  const dispatch = (channel: string, input: unknown) => harness.core.dispatcher.dispatch(sender, channel, input);
  await dispatch('auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  for (const [person, role] of [[MANAGER, 'maintenance_manager'], [TECH, 'technician']] as const) {
    const created = await dispatch('users:create', { ...person, email: '', role, locale: 'fr', passwordMode: 'chosen', password: PASSWORD, passwordConfirmation: PASSWORD });
    if (!created.ok) throw new Error(`create: ${JSON.stringify(created.error)}`);
  }
  await dispatch('auth:logout', undefined);
  const db = harness.core.database.kysely;
  await db.updateTable('users').set({ must_change_password: 0, password_change_offered: 0 }).where('username', 'in', [MANAGER.username, TECH.username]).execute();
  const now = Date.now();
  const zone = await db.insertInto('locations').values({ code: 'INJ', name: 'Atelier injection', kind: 'zone', parent_id: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  const equipment = await db
    .insertInto('equipment')
    .values({ code: 'PR-003', designation: 'Presse à injecter 3', location_id: Number(zone.id), parent_id: null, status: 'stopped', search_text: 'pr-003 presse a injecter 3', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('downtimes').values({ equipment_id: Number(equipment.id), started_at: now - 3_600_000, created_at: now - 3_600_000 }).execute();
  for (const [list, code, label] of [['symptom', 'FUITE', 'Fuite'], ['cause', 'JOINT', 'Joint usé'], ['remedy', 'REMPL', 'Remplacement de pièce']] as const) {
    // The app's French starter set may hold the same code already: take it over.
    await db.insertInto('reference_items').values({ list, code, label, created_at: now, updated_at: now }).onConflict((oc) => oc.columns(['list', 'code']).doUpdateSet({ label, is_active: 1 })).execute();
  }
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The OT's address typed while the login screen shows: sign-in lands there. */
async function openOnLoginScreen(page: Page, number: string): Promise<void> {
  await page.evaluate((n) => {
    window.location.hash = `#/ot/${n}`;
  }, number);
}

test('an OT from creation to closure: plan, start, hold for a part, resume, finish back in service, close', async ({ page, harness }) => {
  test.setTimeout(120_000);
  await seedPlant(harness);

  // The manager creates and plans the OT for the technician.
  await page.goto(`${harness.url}#/ot/nouveau`);
  await login(page, MANAGER.username, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nouvel ordre de travail' })).toBeVisible();
  await page.getByRole('button', { name: "Créer l'OT" }).click();
  await expect(page.getByText('Ce champ est obligatoire.').first()).toBeVisible();
  await page.getByLabel("Code de l'équipement").fill('pr-003');
  await page.getByLabel('Titre').fill('Fuite huile vérin de fermeture');
  await page.getByLabel('Description').fill('Flaque sous la presse, côté opérateur.');
  await page.getByLabel('Priorité').selectOption('2');
  await page.getByLabel(/^Date prévue/).fill(today());
  await page.getByRole('checkbox', { name: /Théo Martin/ }).check();
  await shot(page, 'ot-new-form');
  await expectAccessible(page);
  await page.getByRole('button', { name: "Créer l'OT" }).click();
  await expect(page.getByText('OT-')).toBeVisible();
  const number = ((await page.locator('.wo-header__number').textContent()) ?? '').trim();
  expect(number).toMatch(/^OT-\d{4}-000001$/);
  await expect(page.locator('.wo-status')).toHaveText('Planifié');
  await expect(page.getByRole('link', { name: 'PR-003 — Presse à injecter 3' })).toBeVisible();
  await shot(page, 'ot-planned-manager');
  await expectAccessible(page);
  await signOut(page);

  // The technician starts it, puts it on hold for a part, resumes and finishes it.
  // Every sign-out goes back to « / »: the next person opens the OT by its address (a scanned sheet, a link).
  await openOnLoginScreen(page, number);
  await login(page, TECH.username, PASSWORD);
  await expect(page.locator('.wo-status')).toHaveText('Planifié');
  await expect(page.getByRole('button', { name: 'Clôturer' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Démarrer', exact: true }).click();
  await expect(page.locator('.wo-status')).toHaveText('En cours');
  await expect(page.getByRole('status').filter({ hasText: 'Votre temps est compté sur cet OT' })).toBeVisible();
  await shot(page, 'ot-in-progress');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Mettre en attente' }).click();
  const hold = page.getByRole('dialog', { name: "Mettre l'OT en attente" });
  await hold.getByRole('radio', { name: 'Autre raison' }).check();
  await hold.getByRole('button', { name: 'Mettre en attente' }).click();
  await expect(hold.getByText('Précisez la raison.')).toBeVisible();
  await hold.getByRole('radio', { name: 'Attente de pièce' }).check();
  await hold.getByLabel(/^Précision/).fill('Joint Ø40 commandé');
  await hold.getByRole('button', { name: 'Mettre en attente' }).click();
  await expect(hold).toBeHidden();
  await expect(page.locator('.wo-status')).toHaveText('En attente');
  await expect(page.getByText('En attente — Attente de pièce (Joint Ø40 commandé)')).toBeVisible();
  await shot(page, 'ot-on-hold');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Reprendre' }).click();
  await expect(page.locator('.wo-status')).toHaveText('En cours');
  await page.getByRole('button', { name: 'Terminer' }).click();
  const finish = page.getByRole('dialog', { name: "Terminer l'OT" });
  await finish.getByRole('button', { name: 'Terminer' }).click();
  await expect(finish.getByText('Répondez Oui ou Non.')).toBeVisible();
  // « Fuite » is the starter set's item (its code is the starter's; the label is what a person picks).
  await finish.getByLabel('Symptôme', { exact: true }).selectOption({ label: 'Fuite' });
  await finish.getByLabel('Cause', { exact: true }).selectOption('JOINT');
  await finish.getByLabel('Remède', { exact: true }).selectOption('autre');
  await finish.getByLabel('Remède — Précisez').fill('Joint remplacé et serrage contrôlé');
  await finish.getByRole('radio', { name: 'Oui' }).check();
  await shot(page, 'ot-finish-dialog', false);
  await expectAccessible(page);
  await finish.getByRole('button', { name: 'Terminer' }).click();
  await expect(finish).toBeHidden();
  await expect(page.locator('.wo-status')).toHaveText('Terminé');
  await expect(page.getByText('Joint remplacé et serrage contrôlé')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Clôturer' })).toHaveCount(0);
  await shot(page, 'ot-done-technician');
  await signOut(page);

  // "Remis en service": the downtime is closed and the press is back in service.
  const db = harness.core.database.kysely;
  const press = await db.selectFrom('equipment').select('status').where('code', '=', 'PR-003').executeTakeFirstOrThrow();
  expect(press.status).toBe('in_service');
  const open = await db.selectFrom('downtimes').select('id').where('ended_at', 'is', null).execute();
  expect(open).toEqual([]);

  // The manager closes it; a closed OT shows no action but printing.
  await openOnLoginScreen(page, number);
  await login(page, MANAGER.username, PASSWORD);
  await expect(page.locator('.wo-status')).toHaveText('Terminé');
  await page.getByRole('button', { name: 'Clôturer' }).click();
  const close = page.getByRole('alertdialog', { name: "Clôturer l'OT" });
  await close.getByRole('button', { name: 'Clôturer' }).click();
  await expect(page.locator('.wo-status')).toHaveText('Clôturé');
  await expect(page.getByText('Cet OT est clôturé : il ne peut plus être modifié.')).toBeVisible();
  for (const name of ['Démarrer', 'Mettre en attente', 'Reprendre', 'Terminer', 'Clôturer', "Annuler l'OT", 'Ajouter du temps', 'Ajouter le commentaire']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole('heading', { name: 'Planification' })).toHaveCount(0);
  const history = page.getByRole('table').filter({ hasText: 'Quand' });
  await expect(history).toContainText('Terminé → Clôturé');
  await expect(history).toContainText('Théo Martin');
  await expect(history).toContainText('Planifié → En cours');
  await shot(page, 'ot-closed');
  await expectAccessible(page);

  // The sheet downloads as a PDF named after the OT.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Imprimer la fiche' }).click();
  expect((await download).suggestedFilename()).toBe(`${number}.pdf`);
});
