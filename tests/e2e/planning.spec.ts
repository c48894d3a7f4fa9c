// Plans de maintenance and the planning through the real UI in the harness. A Responsable creates a plan « toutes
// les 250 h » on a press (the meter chosen from the press's meters), pauses and resumes it (both audited); on the
// planning they move an OT to the next day with the keyboard (Space, →, Enter) and another with the date field.
// A technician sees the planning read-only, their own row highlighted. Every screen passes axe (0 serious/critical).
// GMAO_PLANNING_SHOTS=<dir> also saves 1280×800 pictures (plans list, plan editor, planning week and month).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness-server';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test, openNav } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

const PASSWORD = 'vanne papillon graissée';
const MANAGER = { username: 'r.responsable', displayName: 'Rémi Responsable' };
const TECH = { username: 't.martin', displayName: 'Théo Martin' };
const shotsDir = process.env.GMAO_PLANNING_SHOTS;
const DAY = 86_400_000;

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage });
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Wednesday of this week at 9:00 (local): a day with a day after it in the same week view. */
function wednesdayNine(): number {
  const now = new Date();
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7), 9);
  return new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 2, 9).getTime();
}

interface Seeded {
  techId: number;
  orders: string[];
  wednesday: string;
}

/** A manager and a technician, a press with its hour meter, and two OTs planned for the technician on Wednesday. */
async function seedPlant(harness: Harness): Promise<Seeded> {
  await seedAdmin(harness);
  const sender = { windowId: 'seed-planning', url: harness.url };
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
  const equipment = await db
    .insertInto('equipment')
    .values({ code: 'PR-003', designation: 'Presse à injecter 3', location_id: null, parent_id: null, category: 'Presse', status: 'in_service', search_text: 'pr-003 presse a injecter 3', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('meters').values({ equipment_id: Number(equipment.id), name: 'Heures de marche', unit: 'h', created_at: now, updated_at: now }).execute();
  const at = wednesdayNine();
  const orders: string[] = [];
  for (const [title, minutes] of [['Fuite huile vérin', 120], ['Contrôle capteur porte', 60]] as const) {
    const created = await dispatch('workOrders:create', { equipmentCode: 'PR-003', type: 'corrective', priority: 2, title, description: '', plannedAt: at, dueAt: null, estimatedMinutes: minutes, assigneeIds: [ids[1]] });
    if (!created.ok) throw new Error(`OT: ${JSON.stringify(created.error)}`);
    orders.push((created.data as { number: string }).number);
  }
  await dispatch('auth:logout', undefined);
  return { techId: ids[1], orders, wednesday: localDay(at) };
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
}

test('a Responsable creates a plan every 250 h on a press, pauses and resumes it, and reschedules OTs on the planning', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const seeded = await seedPlant(harness);

  await page.goto(`${harness.url}#/preventif/plans/nouveau`);
  await login(page, MANAGER.username, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Nouveau plan de maintenance' })).toBeVisible();
  // Nothing filled: the form says what is missing, main is not asked.
  await page.getByRole('button', { name: 'Créer le plan' }).click();
  await expect(page.getByText('Ce champ est obligatoire.').first()).toBeVisible();

  await page.getByLabel('Code', { exact: true }).fill('pm-pr003-250h');
  await page.getByLabel('Nom', { exact: true }).fill('Graissage des colonnes presse 3');
  const picker = page.getByLabel('Équipement', { exact: true });
  await picker.fill('PR-003');
  await picker.press('Enter');
  await page.getByLabel('Durée estimée (heures)').fill('1,5');
  await page.getByRole('checkbox', { name: TECH.displayName }).check();
  const trigger = page.getByTestId('trigger-0');
  await trigger.getByLabel('Type de déclencheur').selectOption('meter_fixed');
  await trigger.getByLabel(/^Compteur/).fill('Heures de marche');
  await trigger.getByLabel('Toutes les (unités)').fill('250');
  await expect(page.getByTestId('plan-summary')).toHaveText(/Toutes les 250 h$/);
  await shot(page, 'plan-editor');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Créer le plan' }).click();

  await expect(page.getByRole('heading', { name: 'Plan PM-PR003-250H' })).toBeVisible();
  await expect(page.getByText('les OT déjà créés restent tels quels').first()).toBeVisible();
  await page.getByRole('button', { name: 'Suspendre' }).click();
  await expect(page.getByText('Ce plan est suspendu')).toBeVisible();
  await page.getByRole('button', { name: 'Reprendre' }).click();
  await expect(page.getByRole('button', { name: 'Suspendre' })).toBeVisible();
  const audit = await harness.core.database.kysely.selectFrom('audit_log').select('event_type').where('event_type', 'like', 'preventive.plan_%').orderBy('id').execute();
  expect(audit.map((row) => row.event_type)).toEqual(['preventive.plan_created', 'preventive.plan_paused', 'preventive.plan_resumed']);
  // « Générer maintenant » says plainly when this build has no generator, or runs it.
  await page.getByRole('button', { name: 'Générer maintenant' }).click();
  await expect(page.getByText('Génération lancée : les OT dus ont été créés.')).toBeVisible();
  await expectAccessible(page);

  await (await openNav(page, 'Plans de maintenance')).click();
  await expect(page.getByRole('heading', { name: 'Plans de maintenance', level: 1 })).toBeVisible();
  await expect(page.getByText('Graissage des colonnes presse 3')).toBeVisible();
  await expect(page.getByText('Tous les 250 (Heures de marche)')).toBeVisible();
  await shot(page, 'plans-list');
  await expectAccessible(page);

  // The planning: the first OT moves to Thursday with the keyboard.
  await page.goto(`${harness.url}#/planning`);
  await expect(page.getByRole('heading', { name: 'Planning', level: 1 })).toBeVisible();
  const thursday = localDay(new Date(`${seeded.wednesday}T12:00:00`).getTime() + DAY);
  const friday = localDay(new Date(`${seeded.wednesday}T12:00:00`).getTime() + 2 * DAY);
  const cell = (day: string) => page.locator(`td[data-cell="${seeded.techId}|${day}"]`);
  const [first, second] = seeded.orders;
  await expect(cell(seeded.wednesday).getByRole('button', { name: new RegExp(first) })).toBeVisible();
  await expect(page.locator('tr.planning-row--over')).toHaveCount(0);
  await shot(page, 'planning-week');
  await expectAccessible(page);

  const card = cell(seeded.wednesday).getByRole('button', { name: new RegExp(first) });
  await card.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('planning-live')).toContainText(`${first} saisi`);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('planning-live')).toContainText('Vers jeudi');
  await page.keyboard.press('Enter');
  await expect(cell(thursday).getByRole('button', { name: new RegExp(first) })).toBeVisible();
  await expect(page.getByTestId('planning-live')).toContainText(`${first} déplacé au jeudi`);
  await expect(cell(seeded.wednesday).getByRole('button', { name: new RegExp(first) })).toHaveCount(0);
  // Escape puts a picked-up card back without a change.
  await cell(thursday).getByRole('button', { name: new RegExp(first) }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('planning-live')).toContainText('annulé');
  await expect(cell(thursday).getByRole('button', { name: new RegExp(first) })).toBeVisible();

  // The second OT moves to Friday with the date field.
  await cell(seeded.wednesday).getByRole('button', { name: new RegExp(second) }).click();
  const dialog = page.getByRole('dialog', { name: `Replanifier ${second}` });
  await dialog.getByLabel('Nouvelle date').fill(friday);
  await dialog.getByRole('button', { name: 'Replanifier' }).click();
  await expect(dialog).toBeHidden();
  await expect(cell(friday).getByRole('button', { name: new RegExp(second) })).toBeVisible();
  const events = await harness.core.database.kysely.selectFrom('work_order_events').select('kind').where('kind', '=', 'rescheduled').execute();
  expect(events).toHaveLength(2);

  // Capacity: 1 h a week puts the technician over capacity, said in words.
  await page.getByRole('button', { name: `Capacité — ${TECH.displayName}` }).click();
  const capacity = page.getByRole('dialog', { name: `Capacité de ${TECH.displayName}` });
  await capacity.getByLabel('Heures de travail par semaine').fill('1');
  await capacity.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('tr.planning-row--over')).toHaveCount(1);
  await expect(page.getByText(/Surcharge : \+2 h/)).toBeVisible();

  await page.getByRole('button', { name: 'Mois' }).click();
  await expect(page.locator(`td[data-cell="${seeded.techId}|${friday}"]`).getByRole('button', { name: new RegExp(second) })).toBeVisible();
  await shot(page, 'planning-month');
  await expectAccessible(page);
  await signOut(page);

  // The technician reads the planning: their own row, no reschedule.
  await page.goto(`${harness.url}#/planning`);
  await login(page, TECH.username, PASSWORD);
  await page.goto(`${harness.url}#/planning`);
  await expect(page.getByText('Consultation seule')).toBeVisible();
  await expect(page.locator('tr.planning-row--me')).toContainText(TECH.displayName);
  await expect(page.getByRole('link', { name: new RegExp(first) })).toBeVisible();
  await expect(page.getByRole('button', { name: /Capacité/ })).toHaveCount(0);
  await expectAccessible(page);
});
