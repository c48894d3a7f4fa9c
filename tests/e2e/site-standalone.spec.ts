// What a poste autonome shows of the site server (issue 16), in the harness: « Postes de travail » says this PC is
// not a site server (main answers SITE_NOT_SERVER) and where IT reads how to set one up; « À propos » names the mode;
// the first-run screen offers no enrolment when main says it may not (no enrolment wired) and no banner is drawn.
import { ADMIN, expect, expectAccessible, login, openNav, seedAdmin, test } from './fixtures';

test('« Postes de travail » on a poste autonome: not a site server, and where to read how to set one up', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await (await openNav(page, 'Postes de travail')).click();
  await expect(page).toHaveURL(/\/admin\/postes$/);
  await expect(page.getByRole('heading', { name: 'Postes de travail', level: 1 })).toBeVisible();
  const notServer = page.getByRole('region', { name: 'Ce poste n’est pas un serveur de site' });
  await expect(notServer).toBeVisible();
  await expect(notServer.getByText('docs/site-server.md')).toBeVisible();
  // Nothing a server would offer: no code to create, no table of PCs.
  await expect(page.getByRole('button', { name: 'Nouveau code de raccordement' })).toHaveCount(0);
  await expect(page.getByRole('table')).toHaveCount(0);
  // The page's words come from main's own refusal on the admin channel.
  const sender = { windowId: 'seed-site', url: harness.url };
  await harness.core.dispatcher.dispatch(sender, 'auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  const direct = await harness.core.dispatcher.dispatch(sender, 'site:listWorkstations', undefined);
  expect(direct.ok ? null : direct.error.code).toBe('SITE_NOT_SERVER');
  await expectAccessible(page);
});

test('« À propos » names the mode of this PC: poste autonome, no server, no fingerprint', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await page.getByRole('link', { name: 'À propos' }).click();
  const site = page.getByRole('region', { name: 'Serveur de site' });
  await expect(site.getByText('Mode de ce poste')).toBeVisible();
  await expect(site.getByText('Poste autonome', { exact: true })).toBeVisible();
  await expect(site.getByText('Aucun serveur de site.', { exact: false })).toBeVisible();
  await expect(site.getByText('Empreinte du certificat')).toHaveCount(0);
  await expectAccessible(page);
});

test('first run of a poste autonome that may not enrol: the setup form alone, no enrolment link, no connection banner', async ({ page, harness }) => {
  const status = await harness.core.dispatcher.dispatch({ windowId: 'probe', url: harness.url }, 'site:status', undefined);
  expect(status.ok && status.data).toMatchObject({ mode: 'standalone', canEnrol: false, connection: null });
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Première mise en service' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Créer le compte administrateur' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Se connecter à un serveur de site' })).toHaveCount(0);
  await expect(page.getByText('Connexion au serveur perdue')).toHaveCount(0);
});
