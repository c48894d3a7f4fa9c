// Node (tests). The OT and DI lists in the harness with a few hundred OTs written in its database: filter, sort,
// scroll that loads the next keyset pages, a change pushed to every signed-in window showing up without a
// reload, the export of the filtered rows, axe, and pictures at 1280×800 (test-results/lists/).
// The pages are reached by their hash routes (`#/ot`, `#/ot/mes`, `#/demandes`): openRoute() is the one place
// to change if the shell's router uses another history.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { EventSink } from '../../electron/core/kernel/sessions/session-registry';
import type { Harness } from '../harness/harness-server';
import { insertOrders, insertRequests, makePlant, type OrderSpec } from '../support/list-fixtures';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test } from './fixtures';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/lists');
const DAY = 86_400_000;

test.use({ viewport: { width: 1280, height: 800 } });

async function openRoute(page: Page, route: string): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, route);
}

async function signIn(page: Page, harness: Harness): Promise<void> {
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('button', { name: 'Verrouiller' })).toBeVisible();
}

/** 320 OTs: 300 "Graissage" planned ones a day apart (some overdue, a few undated), 20 "Fuite" drafts; 40 DIs. */
async function seedPlant(harness: Harness) {
  await seedAdmin(harness);
  const db = harness.core.database.kysely;
  const plant = await makePlant(db);
  const admin = Number((await db.selectFrom('users').select('id').where('username', '=', ADMIN.username).executeTakeFirstOrThrow()).id);
  const now = Date.now();
  const specs: OrderSpec[] = [
    ...Array.from({ length: 300 }, (_, i) => ({
      equipmentId: i % 2 ? plant.press : plant.compressor,
      locationId: i % 2 ? plant.line1 : plant.zone2,
      title: `Graissage ${String(i).padStart(3, '0')}`,
      status: 'planned' as const,
      priority: (i % 4) + 1,
      dueAt: i % 50 === 49 ? null : now + (i - 5) * DAY + 3_600_000,
      assignees: i < 6 ? [admin] : [],
    })),
    ...Array.from({ length: 20 }, (_, i) => ({ equipmentId: plant.oven, locationId: null, title: `Fuite vérin ${i}`, status: 'draft' as const, priority: 1, dueAt: now + i * DAY })),
  ];
  await insertOrders(db, specs);
  await insertRequests(db, [
    ...Array.from({ length: 30 }, (_, i) => ({ equipmentId: plant.press, equipmentCode: 'PR-001', locationId: plant.line1, symptom: `Bruit de cognement ${i}`, machineStopped: i % 3 === 0, reporterName: 'Équipe de nuit', createdAt: now - i * 3_600_000 })),
    ...Array.from({ length: 10 }, (_, i) => ({ equipmentId: plant.compressor, equipmentCode: 'CMP-002', locationId: plant.zone2, symptom: `Pression basse ${i}`, status: 'accepted' as const, createdAt: now - (40 + i) * 3_600_000 })),
  ]);
  return { plant, admin, now };
}

const table = (page: Page, name: string) => page.getByRole('table', { name });
const bodyRows = (page: Page, name: string) => table(page, name).locator('tbody tr[data-index]');

test('the OT list filters, sorts, loads more on scroll, refreshes by itself and exports the filtered rows', async ({ page, harness, context }) => {
  test.setTimeout(120_000);
  const { plant } = await seedPlant(harness);
  await signIn(page, harness);
  await openRoute(page, '/ot');
  await expect(page.getByRole('heading', { name: 'Ordres de travail', level: 1 })).toBeVisible();
  const list = 'Liste des ordres de travail';
  await expect(bodyRows(page, list).first()).toBeVisible();
  // Due date soonest first: the overdue ones on top, in red with their words.
  await expect(table(page, list).getByRole('columnheader', { name: 'Échéance' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(bodyRows(page, list).first()).toContainText('Graissage 000');
  await expect(bodyRows(page, list).first().locator('.list-overdue')).toContainText('En retard');
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'ot-list.png') });
  await expectAccessible(page);

  // Scrolling to the end of what is loaded asks for the next keyset page (50 rows each).
  const scroller = page.locator('.data-table__scroll');
  await expect(table(page, list)).toHaveAttribute('aria-rowcount', '51');
  await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(table(page, list)).toHaveAttribute('aria-rowcount', '101');
  await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(table(page, list)).toHaveAttribute('aria-rowcount', '151');
  // Only the rows on screen are in the DOM.
  expect(await bodyRows(page, list).count()).toBeLessThan(40);

  // Sort by number, then descending: the URL keeps it.
  await table(page, list).getByRole('button', { name: 'Numéro' }).click();
  await expect(table(page, list).getByRole('columnheader', { name: 'Numéro' })).toHaveAttribute('aria-sort', 'ascending');
  await table(page, list).getByRole('button', { name: 'Numéro' }).click();
  await expect(table(page, list).getByRole('columnheader', { name: 'Numéro' })).toHaveAttribute('aria-sort', 'descending');
  await expect(bodyRows(page, list).first()).toContainText('Fuite vérin 19');
  expect(page.url()).toContain('tri=number');

  // Filters: a view, then text (accents and case ignored) — the URL is a link to the same list.
  await page.getByRole('link', { name: 'À planifier' }).click();
  await expect(page.getByRole('link', { name: 'À planifier' })).toHaveAttribute('aria-current', 'page');
  await expect(table(page, list)).toHaveAttribute('aria-rowcount', '21');
  await page.getByRole('link', { name: 'Tous', exact: true }).click();
  await page.getByLabel('Rechercher').fill('GRAISSAGE 29');
  await expect(table(page, list)).toHaveAttribute('aria-rowcount', '11');
  expect(page.url()).toMatch(/q=GRAISSAGE(\+|%20)29/);
  await page.getByRole('button', { name: /Plus de filtres/ }).click();
  await page.getByLabel('Priorité', { exact: true }).selectOption('2');
  await expect(page.getByRole('button', { name: 'Plus de filtres (1)' })).toHaveAttribute('aria-expanded', 'true');
  // Of 290–299, priority 2 is i % 4 = 1: 293 and 297.
  await expect(bodyRows(page, list)).toHaveCount(2);
  await expect(table(page, list)).toHaveAttribute('aria-rowcount', '3');

  // The export holds exactly the filtered rows.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter CSV' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^ordres-de-travail-.*\.csv$/);
  const lines = fs.readFileSync((await download.path())!).toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe('Numéro;Titre;Statut;Type;Priorité;Équipement;Désignation;Localisation;Intervenants;Échéance;En retard;Créé le');
  expect(lines.slice(1).map((line) => line.split(';')[1])).toEqual(['Graissage 293', 'Graissage 297', undefined]);
  await expect(page.getByText(/2 lignes exportées/)).toBeVisible();

  // A second window signs in; an OT written there (its channels belong to the OT page) is pushed to every
  // signed-in window as `data:changed`, and the first window's list shows it without a reload.
  const second = await context.newPage();
  await signIn(second, harness);
  await insertOrders(harness.core.database.kysely, [{ equipmentId: plant.press, locationId: plant.line1, title: 'Graissage 29 bis', priority: 2, status: 'planned', dueAt: Date.now() }]);
  // Stands in for the OT commands (orders helper), which publish after they commit: the same feed, every window.
  const events = (harness.core.sessions as unknown as { deps: { events: EventSink } }).deps.events;
  for (const windowId of harness.core.sessions.signedInWindows()) events.send(windowId, 'data:changed', { topics: ['work-orders'] });
  await expect(bodyRows(page, list)).toHaveCount(3);
  await expect(table(page, list)).toContainText('Graissage 29 bis');
  await second.close();
});

test('"Mes OT" puts the overdue first and names the next step', async ({ page, harness }) => {
  await seedPlant(harness);
  await signIn(page, harness);
  await openRoute(page, '/ot/mes');
  await expect(page.getByRole('heading', { name: 'Mes OT', level: 1 })).toBeVisible();
  const overdue = page.getByRole('region', { name: /En retard/ });
  await expect(overdue.getByRole('listitem')).toHaveCount(5);
  await expect(page.getByRole('region', { name: /Aujourd’hui|À venir/ }).first()).toBeVisible();
  await expect(overdue.getByRole('listitem').first()).toContainText('À démarrer');
  await page.screenshot({ path: path.join(SHOTS, 'my-orders.png') });
  await expectAccessible(page);
  await overdue.getByRole('link').first().click();
  await expect(page).toHaveURL(/#\/ot\/OT-/);
});

test('the DI triage list shows the new ones first with "machine à l\'arrêt" on each row that has it', async ({ page, harness }) => {
  await seedPlant(harness);
  await signIn(page, harness);
  await openRoute(page, '/demandes');
  const list = "Liste des demandes d'intervention";
  await expect(page.getByRole('heading', { name: "Demandes d'intervention", level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'À trier' })).toHaveAttribute('aria-current', 'page');
  await expect(table(page, list)).toHaveAttribute('aria-rowcount', '31');
  await expect(bodyRows(page, list).first()).toContainText('Bruit de cognement 0');
  await expect(bodyRows(page, list).first()).toContainText("Machine à l'arrêt");
  await expect(bodyRows(page, list).nth(1)).toContainText('En marche');
  await page.screenshot({ path: path.join(SHOTS, 'requests-list.png') });
  await expectAccessible(page);
  await page.getByRole('link', { name: "Machine à l'arrêt" }).click();
  await expect(table(page, list)).toHaveAttribute('aria-rowcount', '11');
  // Keyboard: focus a row, Enter opens it.
  await bodyRows(page, list).first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/demandes\/DI-/);
});
