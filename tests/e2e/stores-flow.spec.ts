// Issue 15's acceptance path, through the real UI in the harness, in one browser shared by a plant's people:
//  1. the Responsable receives 5 joints at 12,50 € (and sets a minimum of 4);
//  2. reserves 2 of them on the OT of a « machine à l'arrêt » DI;
//  3. the technician issues them on the OT, and records 2 h of work;
//  4. finishes the OT (« remis en service »): its cost shows the labour and the parts;
//  5. the dashboard's cost and MTTR move (from nothing to this failure);
//  6. the reorder list shows the joint, now below its minimum (3 < 4).
import type { Locator, Page } from '@playwright/test';
import type { Harness } from '../harness/harness-server';
import { PartsRepository } from '../../electron/core/parts';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

const PASSWORD = 'vanne papillon graissée';
const MANAGER = { username: 'r.responsable', displayName: 'Rémi Responsable' };
const TECH = { username: 't.martin', displayName: 'Théo Martin' };

/** People, a press, a joint in the catalog, a store with one bin, the technician's rate, and the DI's OT. */
async function seedPlant(harness: Harness): Promise<string> {
  await seedAdmin(harness);
  const sender = { windowId: 'seed-stores-flow', url: harness.url };
  const dispatch = async (channel: string, input: unknown) => {
    const result = await harness.core.dispatcher.dispatch(sender, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.data as Record<string, unknown>;
  };
  const db = harness.core.database.kysely;
  const now = Date.now();
  const zone = await db.insertInto('locations').values({ code: 'INJ', name: 'Atelier injection', kind: 'zone', parent_id: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('equipment')
    .values({ code: 'PR-003', designation: 'Presse à injecter 3', location_id: Number(zone.id), parent_id: null, search_text: 'pr-003 presse a injecter 3', created_at: now - 400 * 86_400_000, updated_at: now })
    .execute();
  await new PartsRepository(db).insert({ code: 'JNT-040', designation: 'Joint torique 40 mm' }, now);
  // The press stops: a passer-by's DI from the login screen (public channel), before anyone signs in.
  const report = await dispatch('requests:report', { equipmentCode: 'PR-003', symptom: 'Fuite d’huile au vérin', machineStopped: true });
  await dispatch('auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  const ids: number[] = [];
  for (const [person, role] of [[MANAGER, 'maintenance_manager'], [TECH, 'technician']] as const) {
    const created = await dispatch('users:create', { ...person, email: '', role, locale: 'fr', passwordMode: 'chosen', password: PASSWORD, passwordConfirmation: PASSWORD });
    ids.push((created.user as { id: number }).id);
  }
  await db.updateTable('users').set({ must_change_password: 0, password_change_offered: 0 }).where('username', 'in', [MANAGER.username, TECH.username]).execute();
  await dispatch('costs:setRate', { subjectKind: 'user', userId: ids[1], rateCents: 4000 });
  const store = await dispatch('stock:saveStore', { id: null, code: 'MAG1', name: 'Magasin central', isActive: true });
  await dispatch('stock:saveBin', { id: null, storeId: store.id, code: 'A-01', label: 'Armoire A, étagère 1', isActive: true });
  const accepted = await dispatch('requests:accept', { number: report.number, type: 'corrective', priority: 1, plannedAt: now, assigneeIds: [ids[1]] });
  await dispatch('auth:logout', undefined);
  const order = await db.selectFrom('work_orders').select('number').where('request_id', 'is not', null).executeTakeFirstOrThrow();
  expect(accepted).toBeTruthy();
  return order.number;
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

async function pickPart(page: Page, scope: Locator, search: string): Promise<void> {
  await scope.getByLabel('Chercher une pièce (référence ou désignation)').fill(search);
  await scope.getByRole('button', { name: /JNT-040/ }).click();
  await expect(scope.getByText('Pièce : JNT-040 — Joint torique 40 mm')).toBeVisible();
}

const kpi = (page: Page, id: string) => page.locator(`[data-kpi="${id}"] .kpi-card__value`);

test('receive, reserve on an OT, issue, finish with labour and parts costed, the dashboard moves, and the reorder list shows the part', async ({ page, harness }) => {
  test.setTimeout(240_000);
  const number = await seedPlant(harness);

  // Before: the dashboard has no failure restored and no cost.
  await page.goto(`${harness.url}#/indicateurs`);
  await login(page, MANAGER.username, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Indicateurs', level: 1 })).toBeVisible();
  await expect(kpi(page, 'mttr')).toHaveText('—');
  await expect(kpi(page, 'cost')).toHaveText(/^0,00\s€$/);

  // 1. Réception of 5 joints at 12,50 €, and a minimum of 4 in MAG1.
  await page.goto(`${harness.url}#/magasin/stock`);
  await page.getByRole('button', { name: 'Réception' }).click();
  const receive = page.getByRole('dialog', { name: 'Réception de pièces' });
  await pickPart(page, receive, 'joint');
  await receive.getByLabel('Emplacement').selectOption({ label: 'MAG1 · A-01 — Armoire A, étagère 1' });
  await receive.getByLabel('Quantité').fill('5');
  await receive.getByLabel('Prix unitaire (€)').fill('12,50');
  await receive.getByLabel('Fournisseur').fill('Hydro Sud');
  await receive.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(receive).toBeHidden();
  await expect(page.getByRole('row', { name: /JNT-040/ })).toContainText('A-01 : 5');
  await page.getByRole('button', { name: 'Mini / maxi' }).click();
  const levels = page.getByRole('dialog', { name: 'Stock mini et maxi' });
  await pickPart(page, levels, 'JNT');
  await levels.getByLabel('Stock mini').fill('4');
  await levels.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(levels).toBeHidden();
  // Not below its minimum yet: the reorder list doesn't name it.
  await page.goto(`${harness.url}#/magasin/reappro`);
  await expect(page.getByRole('heading', { name: 'Réapprovisionnement', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: /JNT-040/ })).toHaveCount(0);

  // 2. On the DI's OT, the Responsable reserves 2 joints.
  await page.goto(`${harness.url}#/ot/${number}`);
  const panel = page.getByRole('region', { name: 'Pièces' });
  await panel.getByRole('button', { name: 'Prévoir une pièce' }).click();
  const plan = page.getByRole('dialog', { name: 'Prévoir une pièce' });
  await pickPart(page, plan, '040');
  await plan.getByLabel('Quantité').fill('2');
  await plan.getByRole('button', { name: 'Réserver' }).click();
  await expect(plan).toBeHidden();
  await expect(panel.getByRole('row', { name: /JNT-040/ })).toBeVisible();
  await signOut(page);

  // 3. The technician starts the OT, issues the 2 joints, records 2 h of work.
  await openOnLoginScreen(page, `#/ot/${number}`);
  await login(page, TECH.username, PASSWORD);
  await page.getByRole('button', { name: 'Démarrer', exact: true }).click();
  await expect(page.locator('.wo-status')).toHaveText('En cours');
  const line = panel.getByRole('row', { name: /JNT-040/ });
  await line.getByRole('button', { name: 'Sortir' }).click();
  const issue = page.getByRole('dialog', { name: 'Sortir JNT-040 sur l’OT' });
  await expect(issue.getByLabel('Quantité')).toHaveValue('2');
  await issue.getByRole('button', { name: 'Sortir' }).click();
  await expect(issue).toBeHidden();
  await page.getByRole('button', { name: 'Ajouter du temps' }).click();
  await page.getByLabel('Durée (minutes)').fill('120');
  await page.getByRole('button', { name: 'Enregistrer le temps' }).click();
  await expect(page.getByRole('row', { name: /Total par personne — Théo Martin/ })).toContainText('2 h 00');

  // 4. Finished, back in service.
  await page.getByRole('button', { name: 'Terminer', exact: true }).click();
  const finish = page.getByRole('dialog', { name: "Terminer l'OT" });
  await finish.getByLabel('Symptôme', { exact: true }).selectOption({ label: 'Fuite' });
  await finish.getByLabel('Cause', { exact: true }).selectOption({ label: 'Usure' });
  await finish.getByLabel('Remède', { exact: true }).selectOption({ label: 'Remplacement pièce' });
  await finish.getByRole('radio', { name: 'Oui' }).check();
  await finish.getByRole('button', { name: 'Terminer' }).click();
  await expect(page.locator('.wo-status')).toHaveText('Terminé');
  await signOut(page);

  // The Responsable reads the OT's cost: 2 h × 40 € (plus the seconds the clock ran) and 2 × 12,50 € of parts.
  await openOnLoginScreen(page, `#/ot/${number}`);
  await login(page, MANAGER.username, PASSWORD);
  const cost = page.getByRole('region', { name: 'Coût de l’OT' });
  const amount = (term: string) => cost.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  await expect(amount('Main-d’œuvre')).toHaveText(/^80,\d\d\s€$/);
  await expect(amount('Pièces')).toHaveText(/^25,00\s€$/);
  await expect(cost.getByTestId('wo-cost-total')).toHaveText(/^10\d,\d\d\s€$/);
  await expectAccessible(page);

  // 5. The dashboard moved: one failure restored (its MTTR), and the OT's cost.
  await page.goto(`${harness.url}#/indicateurs`);
  await expect(kpi(page, 'mttr')).not.toHaveText('—');
  await expect(kpi(page, 'cost')).toHaveText(/^10\d,\d\d\s€$/);

  // 6. 5 received − 2 issued = 3, below the minimum of 4: the reorder list names it.
  await page.goto(`${harness.url}#/magasin/reappro`);
  await expect(page.getByRole('row', { name: /JNT-040/ })).toBeVisible();
  await expectAccessible(page);
});
