// Node (docs). The magasin's screens for `npm run screenshots` (called once from take-screenshots.ts): a store
// with its bins, a few parts received, a mini, an OT with parts reserved and issued, the journal, the reorder
// list and an inventory being counted — each at 1280×800 as the signed-in administrator sees it.
import type { Page } from 'playwright-core';
import { PartsRepository } from '../../electron/core/parts';
import type { Harness } from '../harness/harness-server';

export async function stockScreens(page: Page, harness: Harness, admin: { username: string; password: string }, shot: (page: Page, name: string, fullPage?: boolean) => Promise<void>): Promise<void> {
  const dispatch = async (channel: string, input: unknown) => {
    const result = await harness.core.dispatcher.dispatch({ windowId: 'shots-stock', url: harness.url }, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.data as Record<string, unknown>;
  };
  await dispatch('auth:login', { identifier: admin.username, password: admin.password });
  const db = harness.core.database.kysely;
  const now = Date.now();
  const zone = await db.insertInto('locations').values({ code: 'SHOT-MAG', name: 'Atelier usinage', kind: 'zone', parent_id: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('equipment').values({ code: 'TOUR-07', designation: 'Tour CN 7', location_id: Number(zone.id), parent_id: null, search_text: 'tour-07 tour cn 7', created_at: now, updated_at: now }).execute();
  const parts = new PartsRepository(db);
  const catalog = [
    ['JNT-040', 'Joint torique 40 mm', 'pce', 8, 1250],
    ['RLT-6204', 'Roulement 6204 2RS', 'pce', 3, 890],
    ['CRR-HTD-800', 'Courroie crantée HTD 800-8M', 'pce', 2, 4620],
    ['HUI-HM46', 'Huile hydraulique HM 46', 'L', 60, 420],
    ['FLT-HP-10', 'Filtre hydraulique 10 µm', 'pce', 1, 3875],
  ] as const;
  const store = Number((await dispatch('stock:saveStore', { id: null, code: 'MAG1', name: 'Magasin central', isActive: true })).id);
  const bins: number[] = [];
  for (const [code, label] of [['A-01', 'Armoire A, étagère 1'], ['A-02', 'Armoire A, étagère 2'], ['B-01', 'Rayonnage B']] as const) {
    bins.push(Number((await dispatch('stock:saveBin', { id: null, storeId: store, code, label, isActive: true })).id));
  }
  const ids: number[] = [];
  for (const [index, [code, designation, unit, quantity, price]] of catalog.entries()) {
    const id = Number((await parts.insert({ code, designation, unit }, now)).id);
    ids.push(id);
    await dispatch('stock:receive', { partId: id, binId: bins[index % bins.length], quantityMilli: quantity * 1000, unitCostCents: price, supplier: 'Hydro Sud', documentRef: `BL-${4470 + index}`, reason: '' });
    await dispatch('stock:setLevel', { partId: id, storeId: store, minMilli: (index === 1 || index === 4 ? 4 : 1) * 1000, maxMilli: 10_000 });
  }
  await dispatch('stock:transfer', { partId: ids[0], fromBinId: bins[0], toBinId: bins[1], quantityMilli: 2000, reason: 'Rangement' });
  const order = await dispatch('workOrders:create', { equipmentCode: 'TOUR-07', type: 'corrective', priority: 2, title: 'Changer le roulement de broche', description: '', plannedAt: now, dueAt: null, estimatedMinutes: 120, assigneeIds: [] });
  const view = await dispatch('workOrders:get', { number: order.number });
  const workOrderId = Number(view.id);
  await dispatch('stock:reserve', { workOrderId, partId: ids[1], storeId: store, quantityMilli: 2000 });
  await dispatch('stock:reserve', { workOrderId, partId: ids[0], storeId: store, quantityMilli: 2000 });
  await dispatch('stock:issue', { workOrderId, partId: ids[1], binId: bins[1], quantityMilli: 1000 });
  await dispatch('auth:logout', undefined);

  await page.goto(`${harness.url}#/magasin/stock`);
  await page.getByLabel('Identifiant ou adresse e-mail').fill(admin.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('row', { name: /JNT-040/ }).waitFor();
  await shot(page, 'stock-balances');
  await page.getByRole('button', { name: 'Réception' }).click();
  await page.getByRole('dialog').getByLabel('Chercher une pièce (référence ou désignation)').fill('roul');
  await page.getByRole('dialog').getByRole('button', { name: /RLT-6204/ }).click();
  await shot(page, 'stock-receive', false);
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();
  await page.getByRole('tab', { name: 'Mouvements' }).click();
  await page.getByRole('row', { name: /Sortie sur OT/ }).waitFor();
  await shot(page, 'stock-moves');
  await page.getByRole('tab', { name: 'Magasins et emplacements' }).click();
  await page.getByRole('heading', { name: 'MAG1 — Magasin central' }).waitFor();
  await shot(page, 'stock-stores');
  await page.goto(`${harness.url}#/ot/${String(order.number)}`);
  await page.getByRole('region', { name: 'Pièces' }).getByRole('row', { name: /RLT-6204/ }).waitFor();
  await shot(page, 'stock-work-order-parts');
  await page.goto(`${harness.url}#/magasin/reappro`);
  await page.getByRole('row', { name: /RLT-6204/ }).waitFor();
  await shot(page, 'stock-reorder');
  await page.goto(`${harness.url}#/magasin/inventaires`);
  await page.getByRole('combobox', { name: 'Magasin' }).selectOption({ label: 'MAG1 — Magasin central' });
  await page.getByRole('button', { name: 'Lancer un inventaire' }).click();
  const first = page.getByLabel('Quantité comptée pour JNT-040 en A-01');
  await first.fill('5');
  await first.press('Enter');
  await page.getByText('1 ligne(s) comptée(s)').waitFor();
  await shot(page, 'stock-inventory-count');
  await page.goto(`${harness.url}#/magasin/inventaires`);
  await page.getByRole('row', { name: /MAG1/ }).waitFor();
  await shot(page, 'stock-inventories');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
}
