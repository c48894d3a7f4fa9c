// Node (docs). `npm run screenshots`: pictures of each screen, taken from the harness in Chromium,
// for the README and for looking at the app as a user would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startSmtpTestServer } from '../support/smtp-test-server';
import { startHarness, type Harness } from '../harness/harness-server';
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
    await approvalScreens(page, harness);
  } finally {
    await browser.close();
    await harness.close();
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Issue 6: "Mot de passe oublié ?" and the "Réinitialisations" page, with a technician's request approved. */
async function approvalScreens(page: Page, harness: Harness): Promise<void> {
  const tech = { username: 'j.martin', displayName: 'Jean Martin', password: 'tracteur bleu rouille' };
  const dispatch = (windowId: string, channel: string, input: unknown) => harness.core.dispatcher.dispatch({ windowId, url: harness.url }, channel, input);
  const initial = 'mot de passe initial choisi';
  await dispatch('shots-admin', 'auth:login', { identifier: admin.username, password: admin.password });
  await dispatch('shots-admin', 'users:create', { ...tech, email: 'j.martin@usine.example', role: 'technician', passwordMode: 'chosen', password: initial, passwordConfirmation: initial });
  await dispatch('shots-admin', 'auth:logout', undefined);
  await dispatch('shots-tech', 'auth:login', { identifier: tech.username, password: initial });
  await dispatch('shots-tech', 'account:changePassword', { newPassword: tech.password, passwordConfirmation: tech.password });
  await dispatch('shots-tech', 'auth:logout', undefined);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('button', { name: 'Mot de passe oublié ?' }).click();
  await page.getByRole('heading', { name: 'Mot de passe oublié' }).waitFor();
  await shot(page, 'forgot-menu');
  await page.getByRole('button', { name: /^Demander à un administrateur/ }).click();
  await page.getByLabel('Identifiant ou adresse e-mail').fill(tech.username);
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  const code = (await page.getByTestId('reference-code').textContent())!.trim();
  await shot(page, 'forgot-receipt');
  await page.getByRole('button', { name: "J'ai noté le code" }).click();
  await page.getByRole('button', { name: 'Retour à la connexion' }).click();

  await page.getByLabel('Identifiant ou adresse e-mail').fill(admin.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: /^Réinitialisations/ }).click();
  await page.getByRole('heading', { name: 'Réinitialisations de mot de passe' }).waitFor();
  await shot(page, 'reset-requests');
  await page.getByRole('button', { name: `Approuver la demande de ${tech.displayName}` }).click();
  await page.getByRole('dialog').getByLabel('Note').fill('Vu avec Jean au bureau maintenance.');
  await shot(page, 'reset-requests-dialog');
  await page.getByRole('button', { name: 'Approuver la demande', exact: true }).click();
  await page.getByText('Aucune demande en attente.').waitFor();
  await shot(page, 'reset-requests-decided');
  await page.getByRole('button', { name: 'Sécurité', exact: true }).click();
  await page.getByRole('heading', { name: 'Mot de passe oublié' }).waitFor();
  await page.getByRole('region', { name: 'Mot de passe oublié' }).screenshot({ path: path.join(outDir, 'security-forgot-mode.png') });
  console.log('security-forgot-mode.png');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  await page.getByRole('button', { name: 'Mot de passe oublié ?' }).click();
  await page.getByRole('button', { name: /^Vérifier l'état d'une demande/ }).click();
  await page.getByLabel('Identifiant ou adresse e-mail').fill(tech.username);
  await page.getByLabel('Code de référence').fill(code);
  await page.getByRole('button', { name: "Vérifier l'état" }).click();
  await page.getByText('Vu avec Jean au bureau maintenance.').waitFor();
  await shot(page, 'forgot-status');
  await page.getByRole('button', { name: 'Choisir mon nouveau mot de passe' }).click();
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('martin');
  await page.getByLabel('Confirmer le nouveau mot de passe').fill('martin');
  await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await page.getByText('Trop court').waitFor();
  await shot(page, 'forgot-complete-errors');
  await page.getByRole('button', { name: 'Autres options' }).click();
  await page.getByRole('button', { name: /^Code de secours/ }).click();
  await shot(page, 'forgot-recovery');
}

void main();
