// Messagerie through the real UI against a real SMTP server on loopback (STARTTLS + AUTH): configure with a
// preset, send a test email with unsaved values, read it on the server side, save, see it in the outbox; and the
// saved password refusing to follow a move to another port without encryption (a trap server records any AUTH).
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness-server';
import { ADMIN, openNav, expect, expectAccessible, login, seedAdmin } from './fixtures';
import { startSmtpTestServer } from '../support/smtp-test-server';
import { test } from './smtp-fixtures';

async function openMessagerie(page: Page, harness: Harness) {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await (await openNav(page, 'Messagerie')).click();
  await expect(page.getByRole('heading', { name: 'Messagerie', level: 1 })).toBeVisible();
}

test('configure SMTP, send a test email with the unsaved form, read it on the server, save, see it in the outbox', async ({ page, harness, smtp }) => {
  await openMessagerie(page, harness);
  await expectAccessible(page);

  // The Gmail preset fills server, port and security, and explains app passwords.
  await page.getByLabel('Fournisseur').selectOption('gmail');
  await expect(page.getByLabel('Serveur', { exact: true })).toHaveValue('smtp.gmail.com');
  await expect(page.getByLabel('Port')).toHaveValue('587');
  await expect(page.getByText('mot de passe d’application')).toBeVisible();

  // Our server instead (custom), with a warning while "Aucune" is chosen.
  await page.getByLabel('Serveur', { exact: true }).fill('127.0.0.1');
  await page.getByLabel('Port').fill(String(smtp.port));
  await expect(page.getByLabel('Fournisseur')).toHaveValue('custom');
  await page.getByLabel('Sécurité de la connexion').selectOption('none');
  await expect(page.getByText('circulent en clair sur le réseau')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Sécurité de la connexion').selectOption('starttls');
  await expect(page.getByText('circulent en clair sur le réseau')).toBeHidden();
  await page.getByLabel('Identifiant du compte').fill(smtp.username);
  await page.getByLabel('Mot de passe du compte').fill(smtp.password);
  await page.getByLabel("Nom de l'expéditeur").fill('Maintenance Lyon');
  await page.getByLabel("Adresse de l'expéditeur").fill('atelier@usine.example');
  await page.getByLabel('Nom du site').fill('Usine de Lyon');

  // Test before saving: the values in the form are used.
  await page.getByLabel('Adresse du destinataire').fill(ADMIN.email);
  await page.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
  await expect(page.getByText(`E-mail de test accepté par le serveur pour ${ADMIN.email}`)).toBeVisible();
  const [mail] = await smtp.waitForMessages(1);
  expect(mail).toMatchObject({ to: [ADMIN.email], from: 'atelier@usine.example', user: smtp.username, subject: 'E-mail de test – GMAO Atelier' });
  expect(mail.text).toContain(`par le serveur 127.0.0.1:${smtp.port}`);
  expect(mail.text).toContain(ADMIN.displayName);
  expect(mail.html).toContain('La messagerie fonctionne');

  // Save; the password is not shown again, only that one is stored.
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Réglages de messagerie enregistrés.')).toBeVisible();
  await expect(page.getByLabel('Mot de passe du compte')).toHaveValue('');
  await expect(page.getByText(/Un mot de passe est enregistré\. Laissez ce champ vide pour le conserver/)).toBeVisible();
  await expect(page.locator('body')).not.toContainText(smtp.password);

  const outbox = page.getByRole('region', { name: "Boîte d'envoi" });
  await expect(outbox.getByRole('row', { name: /E-mail de test/ })).toContainText('Envoyé');
  await expect(outbox).toContainText('Envoyés : 1');
  await expect(page.getByRole('region', { name: 'Codes de réinitialisation' })).toContainText('Codes actifs');
  await expectAccessible(page);

  // A second test with the field empty uses the stored password.
  await page.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
  await expect(page.getByText(`E-mail de test accepté par le serveur pour ${ADMIN.email}`)).toBeVisible();
  await smtp.waitForMessages(2);
});

test('a refused password is explained in French, with the technical detail and without the password', async ({ page, harness, smtp }) => {
  await openMessagerie(page, harness);
  await page.getByLabel('Serveur', { exact: true }).fill('127.0.0.1');
  await page.getByLabel('Port').fill(String(smtp.port));
  await page.getByLabel('Identifiant du compte').fill(smtp.username);
  await page.getByLabel('Mot de passe du compte').fill('pas-le-bon-mot-de-passe');
  await page.getByLabel("Adresse de l'expéditeur").fill('atelier@usine.example');
  await page.getByLabel('Adresse du destinataire').fill(ADMIN.email);
  await page.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Échec de l’envoi' });
  await expect(alert).toContainText("Le serveur de messagerie a refusé l'identifiant ou le mot de passe.");
  await expect(alert).toContainText('Détail technique : EAUTH 535');
  await expect(page.locator('body')).not.toContainText('pas-le-bon-mot-de-passe', { useInnerText: true });
  // What was typed stays in the form.
  await expect(page.getByLabel('Serveur', { exact: true })).toHaveValue('127.0.0.1');
  await expect(page.getByRole('region', { name: "Boîte d'envoi" }).getByRole('row', { name: /E-mail de test/ })).toContainText('En échec');
  expect(smtp.messages).toHaveLength(0);
  await expectAccessible(page);
});

test('moving port and security to "Aucune": the password must be typed again and sending it in clear confirmed; the trap gets nothing until then', async ({ page, harness, smtp }) => {
  const trap = await startSmtpTestServer({ noTls: true });
  try {
    await openMessagerie(page, harness);
    await page.getByLabel('Serveur', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port').fill(String(smtp.port));
    await page.getByLabel('Identifiant du compte').fill(smtp.username);
    await page.getByLabel('Mot de passe du compte').fill(smtp.password);
    await page.getByLabel("Adresse de l'expéditeur").fill('atelier@usine.example');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Réglages de messagerie enregistrés.')).toBeVisible();

    // The attack: same server and account, another port, no encryption, password left empty.
    await page.getByLabel('Port').fill(String(trap.port));
    await page.getByLabel('Sécurité de la connexion').selectOption('none');
    await expect(page.getByText('circulent en clair sur le réseau')).toBeVisible();
    const confirm = page.getByLabel(/Je confirme que le mot de passe de ce compte peut être envoyé sans chiffrement/);
    await expect(confirm).not.toBeChecked();
    await page.getByLabel('Adresse du destinataire').fill(ADMIN.email);
    await page.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
    const retype = 'Saisissez à nouveau le mot de passe : le serveur, le port, la sécurité ou l’identifiant a changé.';
    await expect(page.getByText(retype)).toBeVisible();
    await expect(page.getByText('Cochez la case pour confirmer l’envoi du mot de passe sans chiffrement')).toBeVisible();
    await expect(page.getByLabel('Mot de passe du compte')).toHaveAccessibleDescription(new RegExp(retype.slice(0, 40)));
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText(retype)).toBeVisible();
    // Nothing typed is lost.
    await expect(page.getByLabel('Port')).toHaveValue(String(trap.port));
    await expect(page.getByLabel('Sécurité de la connexion')).toHaveValue('none');
    await expect(page.getByLabel('Adresse du destinataire')).toHaveValue(ADMIN.email);
    await expectAccessible(page);

    // Even confirmed, the saved password does not follow (the form says it at once; main refuses it anyway).
    await confirm.check();
    await page.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
    await expect(page.getByText(retype)).toBeVisible();
    expect(trap.authAttempts).toEqual([]);
    expect(trap.messages).toEqual([]);

    // Typed again and confirmed: the administrator's explicit choice, and only then does it go in clear.
    await page.getByLabel('Mot de passe du compte').fill('relais-interne-pass-8');
    await page.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
    await expect(page.getByText(`E-mail de test accepté par le serveur pour ${ADMIN.email}`)).toBeVisible();
    expect(trap.authAttempts).toMatchObject([{ password: 'relais-interne-pass-8', secure: false }]);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Réglages de messagerie enregistrés.')).toBeVisible();
    await expect(confirm).toBeChecked();
  } finally {
    await trap.close();
  }
});
