// The magasin through the real UI in the harness: a Responsable creates a store and a bin, receives 5 units of a
// part and sets its mini, reserves 2 on an OT; the technician assigned to the OT issues them from the OT page (and
// sees no cost); the reorder list then shows the part (3 available < mini 4); an inventory count is typed and
// applied. Every screen passes axe (0 serious/critical). GMAO_STOCK_SHOTS=<dir> also saves 1280×800 pictures.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness-server';
import { PartsRepository } from '../../electron/core/parts';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

const PASSWORD = 'vanne papillon graissée';
const MANAGER = { username: 'r.responsable', displayName: 'Rémi Responsable' };
const TECH = { username: 't.martin', displayName: 'Théo Martin' };
const shotsDir = process.env.GMAO_STOCK_SHOTS;

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage });
}

/** A manager, a technician, an equipment, one part of the catalog and an OT planned for the technician. */
async function seedPlant(harness: Harness): Promise<string> {
  await seedAdmin(harness);
  const sender = { windowId: 'seed-stock', url: harness.url };
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
    .values({ code: 'PR-003', designation: 'Presse à injecter 3', location_id: Number(zone.id), parent_id: null, search_text: 'pr-003 presse a injecter 3', created_at: now, updated_at: now })
    .execute();
  await new PartsRepository(db).insert({ code: 'JNT-040', designation: 'Joint torique 40 mm' }, now);
  const order = await dispatch('workOrders:create', {
    equipmentCode: 'PR-003',
    type: 'corrective',
    priority: 2,
    title: 'Remplacer le joint du vérin',
    description: '',
    plannedAt: now,
    dueAt: null,
    estimatedMinutes: 60,
    assigneeIds: [ids[1]],
  });
  if (!order.ok) throw new Error(`OT: ${JSON.stringify(order.error)}`);
  await dispatch('auth:logout', undefined);
  return (order.data as { number: string }).number;
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
}

async function pickPart(page: Page, scope: ReturnType<Page['getByRole']>, search: string): Promise<void> {
  await scope.getByLabel('Chercher une pièce (référence ou désignation)').fill(search);
  await scope.getByRole('button', { name: /JNT-040/ }).click();
  await expect(scope.getByText('Pièce : JNT-040 — Joint torique 40 mm')).toBeVisible();
}

test('magasin: store and bin, receipt, reservation on an OT, issue by the technician, reorder, inventory', async ({ page, harness }) => {
  test.setTimeout(180_000);
  const number = await seedPlant(harness);

  // The Responsable creates the store and its bin.
  await page.goto(`${harness.url}#/magasin/stock?onglet=magasins`);
  await login(page, MANAGER.username, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Stock', level: 1 })).toBeVisible();
  await expect(page.getByText('Aucun magasin : créez le premier ci-dessous.')).toBeVisible();
  await page.getByLabel('Code', { exact: true }).fill('MAG1');
  await page.getByLabel('Nom', { exact: true }).fill('Magasin central');
  await page.getByRole('button', { name: 'Nouveau magasin' }).click();
  await expect(page.getByRole('heading', { name: 'MAG1 — Magasin central' })).toBeVisible();
  await page.getByLabel('Nouvel emplacement — Code (MAG1)').fill('A-01');
  await page.getByLabel('Libellé').first().fill('Armoire A, étagère 1');
  await page.getByRole('button', { name: 'Nouvel emplacement' }).click();
  await expect(page.getByRole('list', { name: 'Emplacements de MAG1' }).getByText('A-01')).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'stock-stores');

  // Réception of 5 units at 12,50 €, then a mini of 4 and a maxi of 10.
  await page.getByRole('tab', { name: 'État du stock' }).click();
  await page.getByRole('button', { name: 'Réception' }).click();
  const receive = page.getByRole('dialog', { name: 'Réception de pièces' });
  await pickPart(page, receive, 'joint');
  await receive.getByLabel('Emplacement').selectOption({ label: 'MAG1 · A-01 — Armoire A, étagère 1' });
  await receive.getByLabel('Quantité').fill('5');
  await receive.getByLabel('Prix unitaire (€)').fill('12,50');
  await receive.getByLabel('Fournisseur').fill('Hydro Sud');
  await receive.getByLabel('N° de bon de livraison').fill('BL-4471');
  await shot(page, 'stock-receive', false);
  await receive.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(receive).toBeHidden();
  const row = page.getByRole('row', { name: /JNT-040/ });
  await expect(row).toContainText('A-01 : 5');
  await expect(row).toContainText('12,50 €');
  await page.getByRole('button', { name: 'Mini / maxi' }).click();
  const levels = page.getByRole('dialog', { name: 'Stock mini et maxi' });
  await pickPart(page, levels, 'JNT');
  await levels.getByLabel('Stock mini').fill('4');
  await levels.getByLabel('Stock maxi (vide : aucun)').fill('10');
  await levels.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(levels).toBeHidden();
  await expect(row).toContainText('4 / 10');
  await expectAccessible(page);
  await shot(page, 'stock-balances');

  // On the OT, the Responsable plans 2 joints from MAG1.
  await page.goto(`${harness.url}#/ot/${number}`);
  const panel = page.getByRole('region', { name: 'Pièces' });
  await panel.getByRole('button', { name: 'Prévoir une pièce' }).click();
  const plan = page.getByRole('dialog', { name: 'Prévoir une pièce' });
  await pickPart(page, plan, '040');
  await plan.getByLabel('Quantité').fill('2');
  await plan.getByRole('button', { name: 'Réserver' }).click();
  await expect(plan).toBeHidden();
  const line = panel.getByRole('row', { name: /JNT-040/ });
  // Réservé 2, sorti 0, rendu 0, disponible 3 (5 − 2).
  await expect(line.getByRole('cell')).toHaveText([/JNT-040/, 'MAG1', '2', '0', '0', '3', '0,00 €', /Sortir/]);
  await signOut(page);

  // The technician issues the 2 joints on their OT: the bin with stock is offered first; no cost shown.
  await login(page, TECH.username, PASSWORD);
  await page.goto(`${harness.url}#/ot/${number}`);
  await expect(line).toBeVisible();
  await expect(panel.getByRole('columnheader', { name: 'Coût' })).toHaveCount(0);
  await line.getByRole('button', { name: 'Sortir' }).click();
  const issue = page.getByRole('dialog', { name: 'Sortir JNT-040 sur l’OT' });
  await expect(issue.getByLabel('Emplacement')).toHaveValue(/\d+/);
  await expect(issue.getByLabel('Quantité')).toHaveValue('2');
  await shot(page, 'stock-wo-issue', false);
  await issue.getByRole('button', { name: 'Sortir' }).click();
  await expect(issue).toBeHidden();
  await expect(line.getByRole('cell')).toHaveText([/JNT-040/, 'MAG1', '2', '2', '0', '3', /Rendre/]);
  await expectAccessible(page);
  await shot(page, 'stock-wo-panel');
  await signOut(page);

  // The reorder list: 3 available < mini 4 → order 7 (up to the maxi of 10).
  await login(page, MANAGER.username, PASSWORD);
  await page.goto(`${harness.url}#/magasin/reappro`);
  const reorder = page.getByRole('row', { name: /JNT-040/ });
  await expect(reorder).toContainText('7 pce');
  await expectAccessible(page);
  await shot(page, 'stock-reorder');

  // The journal shows the receipt and the issue with who and where.
  await page.goto(`${harness.url}#/magasin/stock?onglet=mouvements`);
  await expect(page.getByRole('row', { name: /Sortie sur OT/ })).toContainText(TECH.displayName);
  await expect(page.getByRole('row', { name: /Réception/ })).toContainText('BL-4471');
  await expectAccessible(page);
  await shot(page, 'stock-moves');

  // An inventory of MAG1: 2 found instead of 3; applied in one go.
  await page.goto(`${harness.url}#/magasin/inventaires`);
  await page.getByRole('combobox', { name: 'Magasin' }).selectOption({ label: 'MAG1 — Magasin central' });
  await page.getByRole('button', { name: 'Lancer un inventaire' }).click();
  await expect(page.getByRole('heading', { name: /Inventaire n° \d+ — MAG1/ })).toBeVisible();
  await expect(page.getByText(/Règle : l’ajustement appliqué/)).toBeVisible();
  const count = page.getByLabel('Quantité comptée pour JNT-040 en A-01');
  await count.fill('2');
  await count.press('Enter');
  await expect(page.getByText('1 ligne(s) comptée(s) sur 1')).toBeVisible();
  await expect(page.getByRole('row', { name: /JNT-040/ }).getByRole('cell').nth(4)).toHaveText('-1');
  await expectAccessible(page);
  await shot(page, 'stock-inventory-count');
  await page.getByRole('button', { name: 'Appliquer les ajustements' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Appliquer les ajustements' }).click();
  await expect(page.getByText('1 ajustement(s) enregistré(s).')).toBeVisible();
  await page.goto(`${harness.url}#/magasin/inventaires`);
  await expect(page.getByRole('row', { name: /MAG1/ })).toContainText('Appliqué');
  await shot(page, 'stock-inventories');
  await page.goto(`${harness.url}#/magasin/stock`);
  await expect(page.getByRole('row', { name: /JNT-040/ })).toContainText('A-01 : 2');
});
