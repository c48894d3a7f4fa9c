// Forgot password by email through the real screens, with a real SMTP server on loopback (STARTTLS + AUTH):
// ask for a code, read it from the email that arrived, reset, sign in with the new password (the old one fails),
// and find the confirmation email. Also: without email configured, the screen points to the approval path.
import type { Harness } from '../harness/harness-server';
import { mailSettingsFor } from '../support/mail-fixtures';
import type { SmtpTestServer } from '../support/smtp-test-server';
import { ADMIN, expect, expectAccessible, login, seedAdmin } from './fixtures';
import { test } from './smtp-fixtures';

async function configureEmail(harness: Harness, smtp: SmtpTestServer): Promise<void> {
  const sender = { windowId: 'seed-mail', url: harness.url };
  const dispatch = harness.core.dispatcher.dispatch;
  await dispatch(sender, 'auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  const saved = await dispatch(sender, 'email:updateSettings', mailSettingsFor(smtp));
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  await dispatch(sender, 'auth:logout', undefined);
}

const NEW_PASSWORD = 'tracteur bleu rouille';

test('forgot → email → reset with the code → sign in with the new password; the confirmation arrives', async ({ page, harness, smtp }) => {
  await seedAdmin(harness);
  await configureEmail(harness, smtp);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Mot de passe oublié ?' }).click();
  await page.getByRole('button', { name: /Recevoir un code par e-mail/ }).click();
  await expectAccessible(page);
  await page.getByLabel('Identifiant ou adresse e-mail').fill(ADMIN.username);
  await page.getByRole('button', { name: 'Envoyer le code' }).click();
  await expect(page.getByText('Demande enregistrée.')).toBeVisible();

  const [mail] = await smtp.waitForMessages(1, 20_000);
  const code = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec(mail.text)?.[1];
  expect(code).toBeTruthy();

  await page.getByRole('button', { name: "J'ai reçu le code" }).click();
  await expect(page.getByLabel('Identifiant ou adresse e-mail')).toHaveValue(ADMIN.username);
  await page.getByLabel('Code reçu par e-mail').fill(code!.toLowerCase());
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('azertyuiop');
  await page.getByLabel('Confirmer le nouveau mot de passe').fill('azertyuiop');
  await page.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
  // Main's refusal on the field (the meter says the same just above it).
  await expect(page.locator('.field__error').getByText('liste des mots de passe les plus courants')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirmer le nouveau mot de passe').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
  await expect(page.getByText('Votre mot de passe est modifié.')).toBeVisible();
  // Back to the login screen on its own after 3 s, with the name filled in; no automatic sign-in.
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible({ timeout: 6000 });

  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect');
  await login(page, ADMIN.username, NEW_PASSWORD);
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();

  const mails = await smtp.waitForMessages(2, 20_000);
  expect(mails[1].subject).toContain('mot de passe a été modifié');
  expect(mails[1].text).toContain('Si ce n’était pas vous');
});

test('without email, the forgot-password screen says so and offers the administrator path', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('button', { name: /Recevoir un code par e-mail/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Demander à un administrateur/ })).toBeVisible();
  await expect(page.getByText("la messagerie n'est pas configurée", { exact: false })).toBeVisible();
});
