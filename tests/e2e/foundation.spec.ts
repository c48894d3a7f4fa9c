// First run, login, logout, language, and one session per window, through the real UI.
import { ADMIN, ADMIN_NAV, expect, navEntries, expectAccessible, login, seedAdmin, test } from './fixtures';

test('first run: the setup screen creates the administrator, then the login screen takes over', async ({ page, harness }) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Première mise en service' })).toBeVisible();
  await expectAccessible(page);

  // Bad input: every mistake is named in French, focus goes to the first one, and nothing typed is lost.
  await page.getByLabel('Identifiant').fill('Jé');
  await page.getByLabel('Mot de passe', { exact: true }).fill('court');
  await page.getByLabel('Confirmer le mot de passe').fill('autre');
  await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
  await expect(page.getByText("L'identifiant doit compter au moins 3 caractères.")).toBeVisible();
  await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
  await expect(page.getByText('Le mot de passe doit compter au moins 8 caractères.')).toBeVisible();
  await expect(page.getByText('Les deux mots de passe ne correspondent pas.')).toBeVisible();
  await expect(page.getByLabel('Identifiant')).toBeFocused();
  await expect(page.getByLabel('Identifiant')).toHaveValue('Jé');
  await expectAccessible(page);

  await page.getByLabel('Identifiant').fill(ADMIN.username);
  await page.getByLabel('Nom affiché').fill(ADMIN.displayName);
  await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirmer le mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();

  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await expect(page.getByText('Le compte administrateur est créé. Connectez-vous.')).toBeVisible();
  await expect(page.getByLabel('Identifiant ou adresse e-mail')).toHaveValue(ADMIN.username);
  await expect(page.getByLabel('Mot de passe', { exact: true })).toBeFocused();

  // A reload opens on login, never on setup again: there is no second first run.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
});

test('login: one generic message for a wrong password and an unknown name; Enter submits', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await expectAccessible(page);

  await login(page, ADMIN.username, 'pas le bon mot de passe');
  await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect');
  await expect(page.getByLabel('Identifiant ou adresse e-mail')).toHaveValue(ADMIN.username);
  await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveValue('');
  await expectAccessible(page);

  await login(page, 'personne.inconnue', 'pas le bon mot de passe');
  // The same message as before, so wait for this attempt's answer: the button comes back when it lands.
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeEnabled();
  await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect');
  await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveValue('');

  // Keyboard only: type, Enter.
  await page.getByLabel('Identifiant ou adresse e-mail').fill(ADMIN.email.toUpperCase());
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();
  await expect(page.getByText('Rôle : Administrateur')).toBeVisible();
});

test('logout ends the session in main and leaves nothing of the previous user on screen', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();
  await expect(navEntries(page)).toHaveText(ADMIN_NAV);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();
  await expect(page.getByText(ADMIN.displayName)).toHaveCount(0);
  await expect(page.getByLabel('Identifiant ou adresse e-mail')).toHaveValue('');

  // Main agrees: this window has no session any more, even after a reload.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  const state = await page.evaluate(() => window.gmao!.invoke('app:getState', undefined));
  expect(state).toMatchObject({ ok: true, data: { user: null, needsSetup: false } });
});

test('each tab is its own window with its own session', async ({ page, harness, context }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();

  const other = await context.newPage();
  await other.goto(harness.url);
  await expect(other.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  const refused = await other.evaluate(() => window.gmao!.invoke('auth:logout', undefined));
  expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();
});

test('French by default, English on demand: the workstation language and the user’s own', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.getByLabel('Langue').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Username or email address').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Incorrect username or password');

  // The administrator's account says French: signing in switches to it.
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();

  // Choosing English while signed in (under one's own name) is saved to the account…
  await page.getByRole('button', { name: new RegExp(`^${ADMIN.displayName}`) }).click();
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.getByRole('heading', { name: `Hello, ${ADMIN.displayName}` })).toBeVisible();
  await expect(page.getByText('Role: Administrator')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Language').selectOption('fr');
  await login(page, ADMIN.username, ADMIN.password);
  // …and comes back at the next login, whatever the workstation's language.
  await expect(page.getByRole('heading', { name: `Hello, ${ADMIN.displayName}` })).toBeVisible();
});
