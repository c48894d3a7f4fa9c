// Node (tests, Playwright). The signed-in shell of issue 13: the sidebar each role sees, deep links kept across
// sign-in, and nothing of the previous person (page or cached data) after a session end on a shared PC.
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page, WebSocketRoute } from '@playwright/test';
import type { Role } from '../../shared/contract/roles';
import type { Harness } from '../harness/harness-server';
import { ADMIN, ADMIN_NAV, MANAGER_NAV, REQUESTER_NAV, TECHNICIAN_NAV, expect, login, navEntries, openNav, seedAdmin, test } from './fixtures';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/shell-shots');

/** Another account with the administrator's password (the hash is copied), in the given role. */
async function seedUser(harness: Harness, username: string, displayName: string, role: Role): Promise<void> {
  const db = harness.core.database.kysely;
  const { password_hash } = await db.selectFrom('users').select('password_hash').where('id', '=', 1).executeTakeFirstOrThrow();
  await db
    .insertInto('users')
    .values({ username, display_name: displayName, email: null, role, password_hash, password_changed_at: 0, created_at: 0, updated_at: 0 })
    .execute();
}

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });

/** `open`: the groups shown open at sign-in (a menu that fits is all open; else only the current page's group). */
const ROLES = [
  { role: 'admin', username: ADMIN.username, name: ADMIN.displayName, nav: ADMIN_NAV, start: `Bonjour, ${ADMIN.displayName}`, current: 'Tableau de bord', open: ['true', 'false', 'false', 'false'] },
  { role: 'maintenance_manager', username: 'c.roux', name: 'Claire Roux', nav: MANAGER_NAV, start: 'Bonjour, Claire Roux', current: 'Tableau de bord', open: ['true', 'false', 'false', 'false'] },
  { role: 'technician', username: 'l.moreau', name: 'Luc Moreau', nav: TECHNICIAN_NAV, start: 'Mes OT', current: 'Mes OT', open: ['true', 'true', 'true'] },
  { role: 'requester', username: 'a.petit', name: 'Anne Petit', nav: REQUESTER_NAV, start: 'Bonjour, Anne Petit', current: 'Tableau de bord', open: ['true', 'true'] },
] as const;

/** The group headings: disclosure buttons of the sidebar. */
const groupButtons = (page: Page) => sidebar(page).locator('button[aria-expanded]');

/** Every visible entry and heading is a 48 px target, and the sidebar fits a 1280×800 shop screen without scrolling. */
async function expectSidebarFits(page: Page): Promise<void> {
  const heights = await sidebar(page).locator('a:visible, button:visible').evaluateAll((items) => items.map((item) => item.getBoundingClientRect().height));
  for (const height of heights) expect(height).toBeGreaterThanOrEqual(48);
  const overflow = await sidebar(page).evaluate((nav) => nav.scrollHeight - nav.clientHeight);
  expect(overflow).toBeLessThanOrEqual(0);
}

/**
 * Opens each folded group in turn with the keyboard, checks its entries are there and the sidebar still fits,
 * folds it again; answers every entry that was reachable, in the sidebar's order.
 */
async function reachEveryEntry(page: Page): Promise<string[]> {
  const seen = new Map<number, string>();
  const collect = async () => {
    const visible = await sidebar(page)
      .getByRole('link', { includeHidden: true })
      .evaluateAll((links) => links.map((link, index) => ({ index, text: (link.textContent ?? '').trim(), visible: (link as HTMLElement).offsetParent !== null })));
    for (const link of visible) if (link.visible) seen.set(link.index, link.text);
  };
  await collect();
  const count = await groupButtons(page).count();
  for (let i = 0; i < count; i += 1) {
    const button = groupButtons(page).nth(i);
    if ((await button.getAttribute('aria-expanded')) === 'true') continue;
    const list = page.locator(`#${await button.getAttribute('aria-controls')}`);
    await expect(list).toBeHidden();
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(list).toBeVisible();
    await expectSidebarFits(page);
    await collect();
    await page.keyboard.press('Space');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
  }
  return [...seen.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
}

test('each role sees its own sidebar entries, lands on its start page, and the shell passes axe at 1280×800', async ({ page, harness }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await seedAdmin(harness);
  for (const account of ROLES) if (account.role !== 'admin') await seedUser(harness, account.username, account.name, account.role);
  await page.goto(harness.url);

  for (const account of ROLES) {
    await login(page, account.username, ADMIN.password);
    await expect(page.getByRole('heading', { name: account.start, level: 1 })).toBeVisible();
    await expect(navEntries(page)).toHaveText([...account.nav]);
    // The groups: headings are buttons that say whether their entries are shown; the current page's group is open.
    await expect(groupButtons(page)).toHaveCount(account.open.length);
    expect(await groupButtons(page).evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-expanded')))).toEqual([...account.open]);
    // Exactly one entry says "you are here".
    await expect(sidebar(page).locator('[aria-current="page"]')).toHaveText([account.current]);
    // The top bar: the two slots and the session buttons, on every screen.
    await expect(page.getByRole('link', { name: 'Signaler un problème' })).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Code ou recherche' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Verrouiller' })).toBeVisible();
    // On one line, nothing over anything else: each top-bar control ends before the next begins.
    const bar = await page.locator('.app-shell__header').evaluate((header) =>
      [...header.querySelectorAll('.brand, .scanbox, .app-shell__tools > a, .account-menu__button, .app-shell__user > button')].map((element) => {
        const box = element.getBoundingClientRect();
        return { left: box.left, right: box.right, top: box.top };
      }),
    );
    expect(bar).toHaveLength(6);
    for (let i = 1; i < bar.length; i += 1) expect(bar[i].left).toBeGreaterThanOrEqual(bar[i - 1].right);
    expect(bar[bar.length - 1].right).toBeLessThanOrEqual(1280);
    // Every entry and heading is a 48 px target and the whole sidebar fits a 1280×800 shop screen without scrolling;
    // below, every entry of the role is reachable: each folded group opened in turn (keyboard), still fitting.
    await expectSidebarFits(page);
    // axe: 0 serious or critical, naming the elements when not (the shell is on every screen).
    const results = await new AxeBuilder({ page }).analyze();
    const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(blocking.map((v) => `${account.role} ${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join('; ')}`)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, `shell-${account.role}.png`) });
    expect(await reachEveryEntry(page)).toEqual([...account.nav]);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  }
});

test('a role that may not open a page is sent to the dashboard; main refuses the channel anyway', async ({ page, harness }) => {
  await seedAdmin(harness);
  await seedUser(harness, 'a.petit', 'Anne Petit', 'requester');
  await page.goto(`${harness.url}#/admin/utilisateurs`);
  await login(page, 'a.petit', ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Bonjour, Anne Petit', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/#\/$/);
  await page.evaluate(() => {
    window.location.hash = '#/ot/OT-2026-000001';
  });
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByRole('heading', { name: 'Bonjour, Anne Petit', level: 1 })).toBeVisible();
  expect(await page.evaluate(() => window.gmao!.invoke('users:list', {}))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('a deep link opened before sign-in is where sign-in lands; the sidebar marks its list', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(`${harness.url}#/equipements/XYZ`);
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await login(page, ADMIN.username, ADMIN.password);
  // The equipment page itself, for a code that does not exist here: it says so.
  await expect(page.getByText('Aucun équipement ne porte le code « XYZ ».')).toBeVisible();
  await expect(page).toHaveURL(/#\/equipements\/XYZ$/);
  await expect(sidebar(page).getByRole('link', { name: 'Équipements' })).toHaveAttribute('aria-current', 'page');

  // And an OT number, opened while the session is locked.
  await page.getByRole('button', { name: 'Verrouiller' }).click();
  await expect(page.getByText('Session de Marie Dupont verrouillée')).toBeVisible();
  await page.evaluate(() => {
    window.location.hash = '#/ot/OT-2026-000123';
  });
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // The OT page itself (this OT does not exist here: the page says so), under « Ordres de travail ».
  await expect(page).toHaveURL(/#\/ot\/OT-2026-000123$/);
  await expect(sidebar(page).getByRole('link', { name: 'Ordres de travail' })).toHaveAttribute('aria-current', 'page');

  // The scan box: a scanner types the code and Enter, from any page.
  await page.getByRole('searchbox', { name: 'Code ou recherche' }).fill('PR-003');
  await page.keyboard.press('Enter');
  // No equipment has this code here: the équipements list opens, searching for it, and says so.
  await expect(page.getByText('Aucun équipement ne correspond à ces critères.')).toBeVisible();
  await expect(page.getByRole('main').getByRole('searchbox', { name: 'Code ou recherche' })).toHaveValue('PR-003');
  await expect(sidebar(page).getByRole('link', { name: 'Équipements' })).toHaveAttribute('aria-current', 'page');
});

test('after a logout, the next person starts at / with no page and no cached data of the previous one', async ({ page, harness }) => {
  await seedAdmin(harness);
  await seedUser(harness, 'p.bernard', 'Paul Bernard', 'admin');
  // Answers to `users:list` can be held back, to see what the page shows before main has answered.
  const held: (() => void)[] = [];
  let holdUsersList = false;
  await page.routeWebSocket(/__harness\/ipc/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const text = String(message);
      if (holdUsersList && text.includes('"channel":"users:list"')) held.push(() => server.send(message));
      else server.send(message);
    });
    server.onMessage((message) => ws.send(message));
  });

  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await (await openNav(page, 'Utilisateurs')).click();
  await expect(page.getByRole('cell', { name: 'Paul Bernard', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/#\/admin\/utilisateurs$/);
  // A new account main knows of, written where no change event tells this window.
  await seedUser(harness, 'z.nouvelle', 'Zoé Nouvelle', 'requester');

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await expect(page).toHaveURL(/#\/$/);
  await login(page, 'p.bernard', ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Bonjour, Paul Bernard', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/#\/$/);
  await expect(sidebar(page).getByRole('link', { name: 'Tableau de bord' })).toHaveAttribute('aria-current', 'page');

  holdUsersList = true;
  await (await openNav(page, 'Utilisateurs')).click();
  await expect(page.getByRole('heading', { name: 'Utilisateurs', level: 1 })).toBeVisible();
  // Main has not answered yet: the list is loading, and shows nothing the previous person's session read.
  await expect(page.getByRole('status').filter({ hasText: 'Chargement' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Marie Dupont', exact: true })).toHaveCount(0);
  expect(held.length).toBeGreaterThan(0);
  holdUsersList = false;
  for (const release of held.splice(0)) release();
  await expect(page.getByRole('cell', { name: 'Zoé Nouvelle', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Marie Dupont', exact: true })).toBeVisible();
});

test('the dashboard counts what waits, each count a link to its list and saved view', async ({ page, harness }) => {
  await seedAdmin(harness);
  const db = harness.core.database.kysely;
  const equipment = await db
    .insertInto('equipment')
    .values({ code: 'PR-003', designation: 'Presse 3', search_text: 'pr-003 presse 3', created_at: 0, updated_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('downtimes').values({ equipment_id: Number(equipment.id), started_at: 0, created_at: 0 }).execute();
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  const dashboard = page.getByRole('region', { name: 'Tableau de bord' });
  await expect(dashboard.getByRole('link', { name: '1 Équipements à l’arrêt' })).toHaveAttribute('href', /#\/equipements$/);
  await expect(dashboard.getByRole('link', { name: '0 OT en retard' })).toHaveAttribute('href', /#\/ot\?vue=retard$/);
  await expect(dashboard.getByRole('link', { name: '0 OT à planifier' })).toHaveAttribute('href', /#\/ot\?vue=a-planifier$/);
  await expect(dashboard.getByRole('link', { name: '0 OT en attente de pièces' })).toHaveAttribute('href', /#\/ot\?vue=attente-pieces$/);
  await expect(dashboard.getByRole('link', { name: '0 Mes OT en cours' })).toHaveAttribute('href', /#\/ot\?vue=mes$/);
  await expect(dashboard.getByRole('link', { name: '0 DI nouvelles' })).toHaveAttribute('href', /#\/demandes$/);
  await dashboard.getByRole('link', { name: '0 OT en retard' }).click();
  await expect(page).toHaveURL(/#\/ot\?vue=retard$/);
  await expect(page.getByRole('heading', { name: 'Ordres de travail', level: 1 })).toBeVisible();
  await expect(sidebar(page).getByRole('link', { name: 'Ordres de travail' })).toHaveAttribute('aria-current', 'page');
});

test('a long menu shows one group at a time, the current page’s on arrival; a short one remembers what was folded until sign-out', async ({ page, harness }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await seedAdmin(harness);
  await seedUser(harness, 'l.moreau', 'Luc Moreau', 'technician');
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  const group = (name: string) => sidebar(page).getByRole('button', { name });
  await expect(group('Maintenance')).toHaveAttribute('aria-expanded', 'true');
  await expect(group('Magasin')).toHaveAttribute('aria-controls', 'nav-list-stores');
  // A folded group's entries are not links anyone can reach until it is opened.
  await expect(sidebar(page).getByRole('link', { name: 'Stock' })).toHaveCount(0);
  await group('Magasin').click();
  await expect(sidebar(page).getByRole('link', { name: 'Stock' })).toBeVisible();
  await expect(group('Maintenance')).toHaveAttribute('aria-expanded', 'false');
  await expectSidebarFits(page);
  await group('Administration').click();
  await expect(group('Magasin')).toHaveAttribute('aria-expanded', 'false');
  await sidebar(page).getByRole('link', { name: 'Utilisateurs' }).click();
  await expect(page.getByRole('heading', { name: 'Utilisateurs', level: 1 })).toBeVisible();
  await expect(sidebar(page).getByRole('link', { name: 'Utilisateurs' })).toHaveAttribute('aria-current', 'page');
  // Another page of another group, by its own link: its group is the one shown.
  await (await openNav(page, 'Équipements')).click();
  await expect(page.getByRole('heading', { name: 'Équipements', level: 1 })).toBeVisible();
  expect(await groupButtons(page).evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-expanded')))).toEqual(['true', 'false', 'false', 'false']);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  // A technician's menu fits: everything open; what they fold stays folded while they work…
  await login(page, 'l.moreau', ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Mes OT', level: 1 })).toBeVisible();
  await group('Préventif').focus();
  await page.keyboard.press('Enter');
  await expect(group('Préventif')).toHaveAttribute('aria-expanded', 'false');
  await expect(sidebar(page).getByRole('link', { name: 'Relevés' })).toHaveCount(0);
  await sidebar(page).getByRole('link', { name: 'Équipements' }).click();
  await expect(page.getByRole('heading', { name: 'Équipements', level: 1 })).toBeVisible();
  await expect(group('Préventif')).toHaveAttribute('aria-expanded', 'false');
  // …and the next person on this shared PC (here the same one, signed in again) starts from the defaults.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await login(page, 'l.moreau', ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Mes OT', level: 1 })).toBeVisible();
  await expect(group('Préventif')).toHaveAttribute('aria-expanded', 'true');
});
