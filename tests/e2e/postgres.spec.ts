// Node (tests). The app's first journey on PostgreSQL, through the real UI: first run, login, an account created
// by the administrator, then a password reset by the administrator. The harness runs on a PostgreSQL server
// (GMAO_TEST_DATABASE_URL, or a throwaway cluster started here), each test in a schema of its own. Without a
// server the test is skipped with the reason, except under CI=true, where that is a failure: a PostgreSQL spec
// must never pass by not running.
import type { Page } from '@playwright/test';
import pg from 'pg';
import { ADMIN, openNav, expect, login, test, expectTechnicianHome } from './fixtures';
import { startPostgresHarness, usePostgresServer } from './postgres-fixture';

const TECH = { username: 'l.moreau', displayName: 'Luc Moreau', password: 'vanne papillon graissée' };

const postgresUrl = usePostgresServer();

/** What the server itself holds in the test's schema: the proof the journey's data went to PostgreSQL. */
async function inSchema<T extends pg.QueryResultRow>(url: string, schema: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
}

async function openUsers(page: Page): Promise<void> {
  await (await openNav(page, 'Utilisateurs')).click();
  await expect(page.getByRole('heading', { name: 'Utilisateurs', level: 1 })).toBeVisible();
}

/** Reads the temporary password from its dialog (after "Afficher") and closes the dialog. */
async function readTemporaryPassword(page: Page, name: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: `Mot de passe temporaire de ${name}` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Afficher' }).click();
  const value = (await dialog.getByTestId('temporary-password-value').textContent()) ?? '';
  expect(value.length).toBeGreaterThanOrEqual(8);
  await dialog.getByRole('button', { name: 'Je l’ai transmis, fermer' }).click();
  await expect(dialog).toBeHidden();
  return value;
}

async function chooseNewPassword(page: Page, password: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Choisissez votre mot de passe' })).toBeVisible();
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(password);
  await page.getByLabel('Confirmer le nouveau mot de passe').fill(password);
  await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
}

test('on PostgreSQL: first run, then login, then a password reset by an administrator', async ({ page }) => {
  test.setTimeout(120_000);
  const url = postgresUrl();
  const { harness, schema, close } = await startPostgresHarness(url);
  try {
    // The harness really is on PostgreSQL: no SQLite file anywhere.
    expect(harness.core.database.engine).toBe('postgres');
    expect(harness.core.databaseFile).toBeNull();

    // First run: the setup screen creates the administrator.
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Première mise en service' })).toBeVisible();
    await page.getByLabel('Identifiant').fill(ADMIN.username);
    await page.getByLabel('Nom affiché').fill(ADMIN.displayName);
    await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Confirmer le mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
    await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
    await expect(page.getByText('Le compte administrateur est créé. Connectez-vous.')).toBeVisible();

    // Login: a wrong password gets the generic answer; the email in capitals finds the account (nocase on PostgreSQL).
    await login(page, ADMIN.username, 'pas le bon mot de passe');
    await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect');
    await login(page, ADMIN.email.toUpperCase(), ADMIN.password);
    await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();

    // The administrator creates a technician with a temporary password, who then chooses their own.
    await openUsers(page);
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    const create = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
    await create.getByLabel('Identifiant').fill(TECH.username);
    await create.getByLabel('Nom affiché').fill(TECH.displayName);
    await create.getByLabel('Rôle').selectOption({ label: 'Technicien' });
    await expect(create.getByLabel('Mot de passe temporaire (recommandé)')).toBeChecked();
    await create.getByRole('button', { name: 'Créer le compte' }).click();
    const firstTemporary = await readTemporaryPassword(page, TECH.displayName);
    await page.getByRole('dialog', { name: TECH.displayName }).getByRole('button', { name: 'Fermer', exact: true }).click();
    await logout(page);
    await login(page, TECH.username, firstTemporary);
    await chooseNewPassword(page, TECH.password);
    await expectTechnicianHome(page, TECH.displayName);
    await logout(page);

    // The password reset by the administrator: a new temporary password, shown once.
    await login(page, ADMIN.username, ADMIN.password);
    await openUsers(page);
    await page.getByRole('button', { name: `Ouvrir le compte de ${TECH.displayName}` }).click();
    const detail = page.getByRole('dialog', { name: TECH.displayName });
    await detail.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
    await page.getByRole('alertdialog', { name: `Réinitialiser le mot de passe de ${TECH.displayName} ?` }).getByRole('button', { name: 'Oui, réinitialiser' }).click();
    const reset = await readTemporaryPassword(page, TECH.displayName);
    expect(reset).not.toBe(firstTemporary);
    await detail.getByRole('button', { name: 'Fermer', exact: true }).click();
    await logout(page);

    // The password the technician had chosen no longer works; the new temporary one opens the change screen.
    await login(page, TECH.username, TECH.password);
    await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect');
    await login(page, TECH.username, reset);
    await chooseNewPassword(page, 'pompe hydraulique 3 bars');
    await expectTechnicianHome(page, TECH.displayName);

    // And the server holds it all, in this test's schema.
    const users = await inSchema<{ username: string }>(url, schema, 'select username from users order by id');
    expect(users.map((row) => row.username)).toEqual([ADMIN.username, TECH.username]);
    const events = await inSchema<{ event_type: string }>(url, schema, 'select event_type from audit_log where event_type = any($1) order by id', [
      ['setup.first_admin', 'user.created', 'password.reset_by_admin'],
    ]);
    expect(events.map((row) => row.event_type)).toEqual(['setup.first_admin', 'user.created', 'password.reset_by_admin']);
  } finally {
    await close();
  }
});
