// Node (tests). Each test gets its own harness on a fresh data folder: a brand-new install.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { startHarness, type Harness } from '../harness/harness-server';

export const ADMIN = {
  username: 'm.dupont',
  displayName: 'Marie Dupont',
  email: 'marie.dupont@usine.example',
  password: 'clé à molette 17 mm',
};

export const test = base.extend<{ harness: Harness }>({
  // Playwright requires the fixture's first argument to be an object pattern, even when it needs nothing.
  // eslint-disable-next-line no-empty-pattern
  harness: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-e2e-'));
    const harness = await startHarness({ dataDir });
    await use(harness);
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** The sidebar's entries, in order, for each role (issue 13's groups: Maintenance, Administration, À propos). */
export const ADMIN_NAV = [
  'Tableau de bord',
  'Demandes',
  'Ordres de travail',
  'Équipements',
  'Localisations',
  'Référentiels',
  'Indicateurs',
  'Planning',
  'Plans de maintenance',
  'Gammes',
  'Prévisions',
  'Réalisation du préventif',
  'Relevés',
  'Pièces',
  'Stock',
  'Réapprovisionnement',
  'Inventaires',
  'Utilisateurs',
  'Taux horaires',
  'Sécurité',
  'Journal de sécurité',
  'Sauvegardes',
  'Messagerie',
  'Réinitialisations',
  'Postes de travail',
  'À propos',
];
export const MANAGER_NAV = [
  'Tableau de bord',
  'Demandes',
  'Ordres de travail',
  'Équipements',
  'Localisations',
  'Indicateurs',
  'Planning',
  'Plans de maintenance',
  'Gammes',
  'Prévisions',
  'Réalisation du préventif',
  'Relevés',
  'Pièces',
  'Stock',
  'Réapprovisionnement',
  'Inventaires',
  'Taux horaires',
  'À propos',
];
export const TECHNICIAN_NAV = ['Tableau de bord', 'Mes demandes', 'Ordres de travail', 'Mes OT', 'Équipements', 'Planning', 'Relevés', 'Pièces', 'Stock', 'À propos'];
export const REQUESTER_NAV = ['Tableau de bord', 'Mes demandes', 'Équipements', 'Relevés', 'À propos'];

/** The sidebar (« Navigation principale »). */
export const sidebarOf = (page: Page): Locator => page.getByRole('navigation', { name: 'Navigation principale' });

/**
 * Every entry of the sidebar, those of folded groups included (the groups fold since issue 14: an administrator's
 * menu no longer fits a shop screen): for "this role has exactly these entries" assertions.
 */
export const navEntries = (page: Page): Locator => sidebarOf(page).getByRole('link', { includeHidden: true });

/**
 * A sidebar entry, ready to click: opens its group first when folded (the group heading is a disclosure button).
 * `name` as in getByRole: a string (exact match by default here, as entries are short) or a RegExp.
 */
export async function openNav(page: Page, name: string | RegExp, options: { exact?: boolean } = {}): Promise<Locator> {
  const exact = typeof name === 'string' ? (options.exact ?? true) : undefined;
  // Right after a sign-in the shell may not be drawn yet: wait for the entry itself, folded or not.
  await sidebarOf(page).getByRole('link', { name, exact, includeHidden: true }).first().waitFor({ state: 'attached' });
  const group = sidebarOf(page)
    .locator('.sidebar__group')
    .filter({ has: page.getByRole('link', { name, exact, includeHidden: true }) });
  const folded = group.locator('button[aria-expanded="false"]');
  if ((await folded.count()) > 0) await folded.first().click();
  const link = sidebarOf(page).getByRole('link', { name, exact });
  await expect(link).toBeVisible();
  return link;
}

/** Creates the first administrator through the same public channel the setup screen uses. */
export async function seedAdmin(harness: Harness): Promise<void> {
  const result = await harness.core.dispatcher.dispatch({ windowId: 'seed', url: harness.url }, 'auth:setupFirstAdmin', {
    ...ADMIN,
    passwordConfirmation: ADMIN.password,
  });
  if (!result.ok) throw new Error(`seed failed: ${result.error.code}`);
}

/**
 * A technician is signed in and on their start page: their day begins on "Mes OT" (issue 13), not on the dashboard's
 * "Bonjour, …"; who is signed in shows on the account button (name and role).
 */
export async function expectTechnicianHome(page: Page, displayName: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Mes OT', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: `${displayName} Rôle : Technicien` })).toBeVisible();
}

export async function login(page: Page, identifier: string, password: string): Promise<void> {
  await page.getByLabel('Identifiant ou adresse e-mail').fill(identifier);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** axe-core on the current screen: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** Changes the "Sécurité" settings through the real admin channel, from a seed window that signs in and out. */
export async function setSecuritySettings(harness: Harness, changes: Record<string, number>): Promise<void> {
  const sender = { windowId: 'seed-settings', url: harness.url };
  const dispatch = harness.core.dispatcher.dispatch;
  await dispatch(sender, 'auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  const current = await dispatch(sender, 'security:getSettings', undefined);
  if (!current.ok) throw new Error(current.error.code);
  const updated = await dispatch(sender, 'security:updateSettings', { ...(current.data as object), ...changes });
  if (!updated.ok) throw new Error(`settings: ${JSON.stringify(updated.error)}`);
  await dispatch(sender, 'auth:logout', undefined);
}

/** A second account with the administrator's password (its hash is copied: same key, same password). */
export async function seedSecondAdmin(harness: Harness, username: string, displayName: string): Promise<void> {
  const db = harness.core.database.kysely;
  const { password_hash } = await db.selectFrom('users').select('password_hash').where('id', '=', 1).executeTakeFirstOrThrow();
  await db
    .insertInto('users')
    .values({ username, display_name: displayName, email: null, role: 'admin', password_hash, password_changed_at: 0, created_at: 0, updated_at: 0 })
    .execute();
}
