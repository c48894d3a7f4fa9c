// Node (docs). `npm run screenshots`: pictures of each screen, taken from the harness in Chromium,
// for the README and for looking at the app as a user would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startHarness } from '../harness/harness-server';
import { startSmtpTestServer } from '../support/smtp-test-server';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser';

const outDir = path.resolve(process.argv[2] ?? 'docs/screenshots');
const admin = { username: 'm.dupont', displayName: 'Marie Dupont', email: '', password: 'clé à molette 17 mm' };

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
  console.log(`${name}.png`);
}

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-shots-'));
  // A real SMTP server on loopback, so the Messagerie screen shows a real test email and outbox.
  const smtp = await startSmtpTestServer();
  const harness = await startHarness({ dataDir, smtp: { trustedCertificates: [smtp.certificate] } });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    await page.goto(harness.url);
    await page.getByRole('heading', { name: 'Première mise en service' }).waitFor();
    await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
    await page.getByText('Ce champ est obligatoire.').first().waitFor();
    await shot(page, 'setup-errors');
    await page.getByLabel('Identifiant').fill(admin.username);
    await page.getByLabel('Nom affiché').fill(admin.displayName);
    await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
    await page.getByLabel('Confirmer le mot de passe').fill(admin.password);
    await shot(page, 'setup');
    await page.getByRole('button', { name: 'Créer le compte administrateur' }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await shot(page, 'login');
    await page.getByLabel('Mot de passe', { exact: true }).fill('mauvais');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, 'login-error');
    await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: /Bonjour/ }).waitFor();
    await shot(page, 'home');
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot(page, 'home-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Journal de sécurité' }).click();
    await page.getByRole('cell', { name: 'Connexion réussie' }).first().waitFor();
    await shot(page, 'audit');
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot(page, 'audit-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Sauvegardes' }).click();
    await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await page.getByText('Sauvegarde enregistrée').waitFor();
    await shot(page, 'backups');
    await page.getByRole('button', { name: /^Restaurer la sauvegarde du/ }).first().click();
    await page.getByRole('alertdialog').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    // The viewport only: the dialog's backdrop covers the window, not a full-page capture.
    await page.screenshot({ path: path.join(outDir, 'backups-restore.png') });
    console.log('backups-restore.png');
    await page.getByRole('button', { name: 'Annuler' }).click();

    await page.getByRole('button', { name: 'Messagerie' }).click();
    await page.getByLabel('Serveur', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port').fill(String(smtp.port));
    await page.getByLabel('Identifiant du compte').fill(smtp.username);
    await page.getByLabel('Mot de passe du compte').fill('mauvais mot de passe');
    await page.getByLabel("Nom de l'expéditeur").fill('Maintenance – Usine de Lyon');
    await page.getByLabel("Adresse de l'expéditeur").fill('atelier@usine.example');
    await page.getByLabel('Nom du site').fill('Usine de Lyon');
    await page.getByLabel('Adresse du destinataire').fill('marie.dupont@usine.example');
    await page.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
    await page.getByText('Détail technique').waitFor();
    await shot(page, 'email-test-failed');
    await page.getByLabel('Mot de passe du compte').fill(smtp.password);
    await page.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
    await page.getByText('E-mail de test accepté').waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Réglages de messagerie enregistrés.').waitFor();
    await page.getByText('Envoyés : 1').waitFor();
    await shot(page, 'email-settings');
    await page.getByLabel('Sécurité de la connexion').selectOption('none');
    await page.getByLabel('Fournisseur').selectOption('gmail');
    await shot(page, 'email-gmail-preset');
    await page.getByRole('button', { name: 'À propos' }).click();
    await page.getByRole('heading', { name: 'À propos de GMAO Atelier' }).waitFor();
    await page.getByRole('button', { name: 'Ouvrir le dossier des journaux' }).click();
    await page.getByRole('status').waitFor();
    await shot(page, 'about');
  } finally {
    await browser.close();
    await harness.close();
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
