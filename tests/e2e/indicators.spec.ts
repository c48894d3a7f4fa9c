// Costs and indicators through the real UI in the harness, as a Responsable: sets a technician's hourly rate, adds
// an external service to an OT and sees its cost (labour + service); opens the dashboard, sees MTTR and the cost,
// focuses a figure to read its formula, shows a chart's table, downloads the .xlsx and the monthly PDF. A technician
// sees the OT's hours without any euro. GMAO_KPI_SHOTS=<dir> saves 1280×800 pictures of the three screens.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness-server';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

const PASSWORD = 'vanne papillon graissée';
const MANAGER = { username: 'r.responsable', displayName: 'Rémi Responsable' };
const TECH = { username: 't.martin', displayName: 'Théo Martin' };
const HOUR = 3_600_000;
const shotsDir = process.env.GMAO_KPI_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** A press that stopped 3 h yesterday, its finished corrective OT with 2 h of the technician's time. */
async function seedPlant(harness: Harness): Promise<string> {
  await seedAdmin(harness);
  const sender = { windowId: 'seed-kpi', url: harness.url };
  const dispatch = (channel: string, input: unknown) => harness.core.dispatcher.dispatch(sender, channel, input);
  await dispatch('auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  for (const [person, role] of [[MANAGER, 'maintenance_manager'], [TECH, 'technician']] as const) {
    const created = await dispatch('users:create', { ...person, email: '', role, locale: 'fr', passwordMode: 'chosen', password: PASSWORD, passwordConfirmation: PASSWORD });
    if (!created.ok) throw new Error(`create: ${JSON.stringify(created.error)}`);
  }
  await dispatch('auth:logout', undefined);
  const db = harness.core.database.kysely;
  await db.updateTable('users').set({ must_change_password: 0, password_change_offered: 0 }).where('username', 'in', [MANAGER.username, TECH.username]).execute();
  const tech = await db.selectFrom('users').select('id').where('username', '=', TECH.username).executeTakeFirstOrThrow();
  const now = Date.now();
  const zone = await db.insertInto('locations').values({ code: 'INJ', name: 'Atelier injection', kind: 'zone', parent_id: null, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
  const equipment = await db
    .insertInto('equipment')
    .values({ code: 'PR-003', designation: 'Presse à injecter 3', location_id: zone.id, parent_id: null, search_text: 'pr-003 presse a injecter 3', created_at: now - 400 * 24 * HOUR, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const stop = now - 24 * HOUR;
  const order = await db
    .insertInto('work_orders')
    .values({ number: 'OT-2026-000042', type: 'corrective', priority: 1, equipment_id: equipment.id, location_id: zone.id, title: 'Fuite vérin', status: 'done', search_text: 'ot-2026-000042 fuite verin', created_at: stop, updated_at: stop, started_at: stop, finished_at: stop + 3 * HOUR, back_in_service: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('work_order_assignees').values({ work_order_id: order.id, user_id: tech.id }).execute();
  await db.insertInto('time_entries').values({ work_order_id: order.id, user_id: tech.id, started_at: stop + HOUR, ended_at: stop + 3 * HOUR, workstation: 'POSTE-1' }).execute();
  await db.insertInto('downtimes').values({ equipment_id: equipment.id, started_at: stop, ended_at: stop + 3 * HOUR, work_order_id: order.id, created_at: stop }).execute();
  return 'OT-2026-000042';
}

test('a Responsable costs an OT and reads the indicators: rate, service line, MTTR, formula, table, .xlsx and PDF', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const number = await seedPlant(harness);

  // Rates: 40 € an hour for Théo Martin.
  await page.goto(`${harness.url}#/admin/taux-horaires`);
  await login(page, MANAGER.username, PASSWORD);
  await expect(page.getByRole('heading', { name: 'Taux horaires', level: 1 })).toBeVisible();
  await page.getByLabel('Taux horaire de Théo Martin (€/h)').fill('40,00');
  const row = page.getByRole('row').filter({ hasText: 'Théo Martin' });
  await row.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(row.getByText('40,00 €/h')).toBeVisible();
  await shot(page, 'kpi-labour-rates');
  await expectAccessible(page);

  // The OT: 2 h × 40 € = 80 €, plus a service line of 150 € → 230 €.
  await page.evaluate((n) => (window.location.hash = `#/ot/${n}`), number);
  const panel = page.getByRole('region', { name: 'Coût de l’OT' });
  await expect(panel.getByTestId('wo-cost-total')).toHaveText(/80,00\s€/);
  await panel.getByLabel('Fournisseur').fill('Hydro Services');
  await panel.getByLabel('Montant HT (€)').fill('150');
  await panel.getByLabel(/^Référence/).fill('F-2026-118');
  await panel.getByRole('button', { name: 'Ajouter la prestation' }).click();
  await expect(panel.getByRole('cell', { name: 'Hydro Services', exact: true })).toBeVisible();
  await expect(panel.getByTestId('wo-cost-total')).toHaveText(/230,00\s€/);
  await shot(page, 'kpi-work-order-cost');
  await expectAccessible(page);

  // The dashboard (12 months by default): one failure restored in 3 h, 230 € of cost.
  await page.evaluate(() => (window.location.hash = '#/indicateurs'));
  await expect(page.getByRole('heading', { name: 'Indicateurs', level: 1 })).toBeVisible();
  const mttr = page.locator('[data-kpi="mttr"]');
  await expect(mttr.locator('.kpi-card__value')).toHaveText('3 h');
  await expect(page.locator('[data-kpi="cost"] .kpi-card__value')).toHaveText(/230,00\s€/);
  // Keyboard focus on the figure shows its formula, tied to it for screen readers.
  const formula = mttr.getByRole('tooltip');
  await expect(formula).toBeHidden();
  await mttr.locator('.kpi-card__focus').focus();
  await expect(formula).toBeVisible();
  await expect(formula).toContainText('Atlas CMMS');
  await expect(mttr.locator('.kpi-card__focus')).toHaveAttribute('aria-describedby', (await formula.getAttribute('id')) ?? '');
  // Its drill-down: the failure behind it.
  await mttr.locator('.kpi-card__focus').click();
  const dialog = page.getByRole('dialog', { name: 'Défaillances de la période' });
  await expect(dialog.getByRole('cell', { name: /PR-003/ })).toBeVisible();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  // A chart's table.
  const toggle = page.getByRole('button', { name: 'Voir le tableau' }).first();
  await toggle.click();
  await expect(page.getByRole('button', { name: 'Voir le graphique' }).first()).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('.kpi-chart__table').first().getByRole('cell', { name: /230,00/ }).first()).toBeVisible();
  await shot(page, 'kpi-dashboard');
  await expectAccessible(page);

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter (.xlsx)' }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^indicateurs-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const month = new Date(Date.now() - 24 * HOUR);
  const monthValue = `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}`;
  await page.getByLabel('Mois du rapport').fill(monthValue);
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Rapport mensuel (PDF)' }).click()]);
  expect(pdf.suggestedFilename()).toBe(`rapport-maintenance-${monthValue}.pdf`);
  const bytes = fs.readFileSync(await pdf.path());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

  // The technician: hours on the OT, no euro anywhere.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.evaluate((n) => (window.location.hash = `#/ot/${n}`), number);
  await login(page, TECH.username, PASSWORD);
  const techPanel = page.getByRole('region', { name: 'Coût de l’OT' });
  await expect(techPanel.getByText('Les montants sont réservés aux responsables.')).toBeVisible();
  await expect(techPanel.getByRole('cell', { name: '2 h 00' })).toBeVisible();
  await expect(techPanel).not.toContainText('€');
});
