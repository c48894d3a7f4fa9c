// Node (docs). `npm run screenshots`: pictures of each screen, taken from the harness in Chromium,
// for the README and for looking at the app as a user would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startSmtpTestServer } from '../support/smtp-test-server';
import { startHarness, type Harness } from '../harness/harness-server';
import { MetersRepository } from '../../electron/core/meters';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser';
import { PartsRepository } from '../../electron/core/parts';
import { PartsStockFixturesRepository } from '../support/parts-stock-fixtures-repository';
import { preventiveReportsScreens } from './preventive-reports-screens';
import { stockScreens } from './stock-screenshots';
import { siteScreens } from './site-screenshots';

const outDir = path.resolve(process.argv[2] ?? 'docs/screenshots');
const admin = { username: 'm.dupont', displayName: 'Marie Dupont', email: '', password: 'clé à molette 17 mm' };

/** `fullPage: false` for dialogs: they are fixed to the window, a full-page picture would cut the backdrop. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage });
  console.log(`${name}.png`);
}

/** A sidebar entry, its group opened first when folded (the sidebar's groups fold since issue 14). */
async function openNav(page: Page, name: string | RegExp) {
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  const exact = typeof name === 'string' ? true : undefined;
  await nav.getByRole('link', { name, exact, includeHidden: true }).first().waitFor({ state: 'attached' });
  const folded = nav.locator('.sidebar__group').filter({ has: page.getByRole('link', { name, exact, includeHidden: true }) }).locator('button[aria-expanded="false"]');
  if ((await folded.count()) > 0) await folded.first().click();
  return nav.getByRole('link', { name, exact });
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
    await (await openNav(page, 'Journal de sécurité')).click();
    await page.getByRole('cell', { name: 'Connexion réussie' }).first().waitFor();
    await shot(page, 'audit');
    await page.setViewportSize({ width: 1024, height: 700 });
    await shot(page, 'audit-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await (await openNav(page, 'Sauvegardes')).click();
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

    await (await openNav(page, 'Messagerie')).click();
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
    await page.getByRole('link', { name: 'À propos' }).click();
    await page.getByRole('heading', { name: 'À propos de GMAO Atelier' }).waitFor();
    await page.getByRole('button', { name: 'Ouvrir le dossier des journaux' }).click();
    await page.getByRole('status').waitFor();
    await shot(page, 'about');
    await checklistScreens(page, harness);
    await page.setViewportSize({ width: 1280, height: 800 });
    await partsScreens(page, harness);
    await accountScreens(page);
    await approvalScreens(page, harness);
    await preventiveReportsScreens(browser, outDir);
    await stockScreens(page, harness, admin, shot);
    await kpiScreens(page, harness);
    await meterScreens(page, harness);
    await siteScreens(browser, outDir);
  } finally {
    await browser.close();
    await harness.close();
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Issue 4: users, temporary password, password change, strength meter, account menu. */
async function accountScreens(page: Page): Promise<void> {
  const technician = { username: 'l.moreau', displayName: 'Luc Moreau', password: 'vanne papillon graissée' };
  await (await openNav(page, 'Utilisateurs')).click();
  await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
  const create = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
  await create.getByLabel('Identifiant').fill(technician.username);
  await create.getByLabel('Nom affiché').fill(technician.displayName);
  await create.getByLabel('Rôle').selectOption({ label: 'Technicien' });
  await shot(page, 'users-create', false);
  await create.getByLabel('Choisir le mot de passe').check();
  await create.getByLabel('Mot de passe', { exact: true }).fill('moreau1');
  await create.getByLabel('Confirmer le mot de passe').fill('moreau1');
  await create.getByRole('button', { name: 'Créer le compte' }).click();
  await create.locator('.field__error').first().waitFor();
  await shot(page, 'users-create-refused', false);
  await create.getByLabel('Mot de passe temporaire (recommandé)').check();
  await create.getByRole('button', { name: 'Créer le compte' }).click();
  const temporary = page.getByRole('dialog', { name: /Mot de passe temporaire de/ });
  await temporary.waitFor();
  await shot(page, 'temporary-password', false);
  await temporary.getByRole('button', { name: 'Afficher' }).click();
  const value = (await temporary.getByTestId('temporary-password-value').textContent()) ?? '';
  await shot(page, 'temporary-password-revealed', false);
  await temporary.getByRole('button', { name: 'Je l’ai transmis, fermer' }).click();
  await page.getByRole('dialog', { name: technician.displayName }).getByText('Mot de passe temporaire en attente').first().waitFor();
  await shot(page, 'user-detail', false);
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: 'Ouvrir le compte de Luc Moreau' }).waitFor();
  await shot(page, 'users');
  await page.getByRole('button', { name: /^Marie Dupont/ }).click();
  await shot(page, 'account-menu');
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  const change = page.getByRole('dialog', { name: 'Changer mon mot de passe' });
  await change.getByLabel('Nouveau mot de passe', { exact: true }).fill('Tracteur-bleu');
  await change.getByLabel('Confirmer le nouveau mot de passe').fill('Tracteur-bleu');
  await change.getByRole('meter').and(page.locator('[aria-valuetext="Moyen"]')).waitFor();
  await shot(page, 'change-password-dialog', false);
  await change.getByRole('button', { name: 'Annuler' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  await page.getByLabel('Identifiant ou adresse e-mail').fill(technician.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Choisissez votre mot de passe' }).waitFor();
  await shot(page, 'password-change-required');
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('soleil2024');
  await page.getByRole('meter').and(page.locator('[aria-valuetext="Faible"]')).waitFor();
  await shot(page, 'strength-weak');
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(technician.password);
  await page.getByLabel('Confirmer le nouveau mot de passe').fill(technician.password);
  await page.getByRole('meter').and(page.locator('[aria-valuetext="Fort"]')).waitFor();
  await shot(page, 'strength-strong');
  // Leaving without choosing: the temporary password has served its one login.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter quand même' }).click();
  await page.getByLabel('Identifiant ou adresse e-mail').fill(technician.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText('Ce mot de passe temporaire a déjà servi', { exact: false }).waitFor();
  await shot(page, 'login-temporary-used');

  // An optional change: the administrator sets it, creates an account with a chosen password.
  const requester = { username: 'a.petit', displayName: 'Anne Petit', password: 'pompe hydraulique 3 bars' };
  await page.getByLabel('Identifiant ou adresse e-mail').fill(admin.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await (await openNav(page, 'Utilisateurs')).click();
  await page.getByLabel('Changement facultatif (« Plus tard » possible)').check();
  await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await page.getByText('Règles enregistrées.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
  const createOffered = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
  await createOffered.getByLabel('Identifiant').fill(requester.username);
  await createOffered.getByLabel('Nom affiché').fill(requester.displayName);
  await createOffered.getByLabel('Rôle').selectOption({ label: 'Demandeur' });
  await createOffered.getByLabel('Choisir le mot de passe').check();
  await createOffered.getByLabel('Mot de passe', { exact: true }).fill(requester.password);
  await createOffered.getByLabel('Confirmer le mot de passe').fill(requester.password);
  await createOffered.getByRole('meter').and(page.locator('[aria-valuetext="Fort"]')).waitFor();
  await createOffered.getByRole('button', { name: 'Créer le compte' }).click();
  await page.getByRole('dialog', { name: requester.displayName }).getByText('Changement proposé').first().waitFor();
  await page.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByLabel('Identifiant ou adresse e-mail').fill(requester.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(requester.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Plus tard' }).waitFor();
  await shot(page, 'password-change-offered');
  await page.getByRole('button', { name: 'Plus tard' }).click();
  await page.getByRole('alertdialog', { name: 'Êtes-vous sûr ?' }).waitFor();
  await shot(page, 'password-change-postpone', false);
  await page.getByRole('button', { name: 'Oui, plus tard' }).click();
  // Signed in: a technician lands on "Mes OT", anyone else on the dashboard; the shell's logout is there for both.
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  // Back to the default rule and signed in as the administrator, as the next screens expect.
  await page.getByLabel('Identifiant ou adresse e-mail').fill(admin.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await (await openNav(page, 'Utilisateurs')).click();
  await page.getByLabel('Changement obligatoire').check();
  await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await page.getByText('Règles enregistrées.', { exact: false }).waitFor();
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
  await (await openNav(page, /^Réinitialisations/)).click();
  await page.getByRole('heading', { name: 'Réinitialisations de mot de passe' }).waitFor();
  await shot(page, 'reset-requests');
  await page.getByRole('button', { name: `Approuver la demande de ${tech.displayName}` }).click();
  await page.getByRole('dialog').getByLabel('Note').fill('Vu avec Jean au bureau maintenance.');
  await shot(page, 'reset-requests-dialog');
  await page.getByRole('button', { name: 'Approuver la demande', exact: true }).click();
  await page.getByText('Aucune demande en attente.').waitFor();
  await shot(page, 'reset-requests-decided');
  await (await openNav(page, 'Sécurité')).click();
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

/** Issue 14 (gammes): the list, the editor, and an OT with its steps (one measurement out of limits). */
async function checklistScreens(page: Page, harness: Harness): Promise<void> {
  const sender = { windowId: 'shots-gammes', url: harness.url };
  const dispatch = async (channel: string, input: unknown) => {
    const result = await harness.core.dispatcher.dispatch(sender, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.data as Record<string, unknown>;
  };
  await dispatch('auth:login', { identifier: admin.username, password: admin.password });
  const db = harness.core.database.kysely;
  const now = Date.now();
  const adminId = Number((await db.selectFrom('users').select('id').where('username', '=', admin.username).executeTakeFirstOrThrow()).id);
  await db.insertInto('equipment').values({ code: 'PR-003', designation: 'Presse à injecter 3', location_id: null, parent_id: null, status: 'in_service', search_text: 'pr-003 presse a injecter 3', created_at: now, updated_at: now }).execute();
  const base = { required: true, help: '', unit: '', minValue: null, maxValue: null };
  await dispatch('checklists:create', {
    code: 'HYD-MENS',
    name: 'Visite hydraulique mensuelle',
    description: 'Groupe hydraulique des presses à injecter.',
    steps: [
      { ...base, kind: 'measurement', label: 'Pression hydraulique', unit: 'bar', minValue: 2, maxValue: 6 },
      { ...base, kind: 'check', label: 'Niveau d’huile correct', help: 'Voyant côté opérateur' },
      { ...base, kind: 'photo', label: 'Photo du filtre', required: false },
      { ...base, kind: 'text', label: 'Observations', required: false },
    ],
  });
  const order = await dispatch('workOrders:create', { equipmentCode: 'PR-003', type: 'preventive', priority: 3, title: 'Visite hydraulique mensuelle', description: '', plannedAt: now, dueAt: null, estimatedMinutes: 60, assigneeIds: [adminId] });
  const number = String(order.number);
  await dispatch('checklists:attachToWorkOrder', { number, code: 'HYD-MENS' });
  const view = await dispatch('workOrders:get', { number });
  await dispatch('workOrders:transition', { action: 'start', number, version: view.version });
  const steps = (await dispatch('checklists:workOrderSteps', { number })).steps as { id: number }[];
  await dispatch('checklists:answer', { number, stepId: steps[0].id, answer: { kind: 'measurement', value: 7.2 } });
  await dispatch('auth:logout', undefined);

  await page.goto(`${harness.url}#/preventif/gammes`);
  await page.getByRole('row').filter({ hasText: 'HYD-MENS' }).waitFor();
  await shot(page, 'checklists-list');
  await page.getByRole('link', { name: 'HYD-MENS' }).click();
  await page.getByRole('heading', { name: 'Gamme HYD-MENS' }).waitFor();
  await shot(page, 'checklist-editor');
  await page.goto(`${harness.url}#/ot/${number}`);
  await page.getByText('⚠ Hors limites (max 6)').waitFor();
  await shot(page, 'work-order-steps');
  await page.goto(`${harness.url}#/`);
}

/** Issue 15, pièces de rechange: the list, a part with its stock, the import's dry run, the magasin labels. */
async function partsScreens(page: Page, harness: Harness): Promise<void> {
  const db = harness.core.database.kysely;
  const parts = new PartsRepository(db);
  const now = Date.now();
  const bearing = await parts.insert({ code: 'ROUL-6205-2RS', designation: 'Roulement à billes 6205 2RS', manufacturer: 'SKF', manufacturerRef: '6205-2RSH', category: 'Roulements' }, now);
  await parts.replaceSuppliers(Number(bearing.id), [{ supplier: 'Brammer', supplierRef: 'BR-6205', leadTimeDays: 3, unitPriceCents: 1250, isPreferred: true }], now);
  const oil = await parts.insert({ code: 'HUILE-HLP46', designation: 'Huile hydraulique HLP 46', manufacturer: 'Total', manufacturerRef: 'AZOLLA ZS 46', unit: 'L', category: 'Lubrifiants' }, now);
  await parts.insert({ code: 'JOINT-OR-20', designation: 'Joint torique 20x2 NBR', category: 'Joints' }, now);
  await parts.insert({ code: 'COUR-SPZ-1000', designation: 'Courroie trapézoïdale SPZ 1000', manufacturer: 'Optibelt', category: 'Courroies' }, now);
  const fixtures = new PartsStockFixturesRepository(db);
  const store = await fixtures.store('MAG-01', 'Magasin central', now);
  await fixtures.balance(Number(bearing.id), await fixtures.bin(store, 'A-03-2', 'Allée A, étagère 3, niveau 2', now), 4000, now);
  await fixtures.balance(Number(bearing.id), await fixtures.bin(store, 'A-03-3', null, now), 2000, now);
  await fixtures.balance(Number(oil.id), await fixtures.bin(store, 'F-01', 'Fûts', now), 42_500, now);
  await fixtures.level(Number(bearing.id), store, 8000, 20_000);
  await page.goto(`${harness.url}#/magasin/pieces`);
  await page.getByRole('row', { name: /ROUL-6205-2RS/ }).waitFor();
  await shot(page, 'parts-list', false);
  await page.getByRole('link', { name: 'ROUL-6205-2RS' }).click();
  await page.getByTestId('part-stock').waitFor();
  await shot(page, 'part-page');
  await page.goto(`${harness.url}#/magasin/pieces/import`);
  const csv = ['Référence;Désignation;Unité;Catégorie;Fournisseur;Délai (j);Prix unitaire (€)', 'FILT-HF6553;Filtre à huile HF6553;pce;Filtres;Hydac;10;38,90', 'JOINT-OR-25;;pce;Joints;;;', 'ROUL-6205-2RS;Roulement à billes 6205 2RS;pce;Roulements;Brammer;trois;12,50'].join('\r\n');
  await page.getByLabel('Fichier à importer').setInputFiles({ name: 'pieces.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`, 'utf8') });
  await page.getByTestId('parts-import-summary').waitFor({ timeout: 60_000 });
  await shot(page, 'parts-import');
  await page.goto(`${harness.url}#/magasin/etiquettes`);
  await page.getByRole('radio', { name: 'Emplacements' }).check();
  await page.getByRole('combobox', { name: 'Magasin' }).selectOption('MAG-01');
  await page.getByTestId('labels-summary').waitFor();
  await shot(page, 'store-labels');
}

/** Issue 14: the compteurs panel of an equipment and the « Relevés de compteurs » page, with a refused reading. */
async function meterScreens(page: Page, harness: Harness): Promise<void> {
  const db = harness.core.database.kysely;
  const now = Date.now();
  const DAY = 86_400_000;
  const { id } = await db
    .insertInto('equipment')
    .values({ code: 'PR-250', designation: 'Presse hydraulique 250 t', search_text: 'pr-250 presse hydraulique 250 t', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hours = await new MetersRepository(db).insert({ equipmentId: Number(id), name: 'Heures de marche', unit: 'h', at: now });
  await new MetersRepository(db).insert({ equipmentId: Number(id), name: 'Cycles', unit: 'cycles', at: now });
  // Three weeks of readings, 14 h a day, entered on the shop's PCs.
  for (let day = 21; day >= 1; day -= 1) {
    await harness.core.database.transaction((trx) =>
      new MetersRepository(trx).record({ meterId: Number(hours.id), value: 4200 + 14 * (21 - day), isReset: false, readAt: now - day * DAY, userId: 1, workstation: 'PC-ATELIER-2' }),
    );
  }
  // The previous screens end on the forgotten-password flow: a fresh load shows the sign-in screen.
  await page.goto(`${harness.url}#/equipements/PR-250`);
  await page.reload();
  const signIn = page.getByRole('heading', { name: 'Connexion' });
  const pageTitle = page.getByRole('heading', { name: 'Presse hydraulique 250 t', level: 1 });
  await signIn.or(pageTitle).first().waitFor();
  if (await signIn.isVisible()) {
    await page.getByLabel('Identifiant ou adresse e-mail').fill(admin.username);
    await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }
  await pageTitle.waitFor();
  const panel = page.getByRole('region', { name: 'Compteurs' });
  await panel.getByText('Usage moyen : 14 h par jour (30 derniers jours)').waitFor();
  await panel.screenshot({ path: path.join(outDir, 'meters-panel.png') });
  console.log('meters-panel.png');
  await page.goto(`${harness.url}#/releves?equipement=PR-250`);
  await page.getByRole('heading', { name: 'Compteurs de PR-250 — Presse hydraulique 250 t' }).waitFor();
  await page.getByRole('textbox', { name: 'Cycles (cycles)' }).fill('18500');
  await page.getByRole('textbox', { name: 'Heures de marche (h)' }).fill('4100');
  await page.getByRole('button', { name: 'Enregistrer les relevés' }).click();
  await page.getByText('1 relevé à corriger : les autres sont enregistrés.').waitFor();
  await shot(page, 'meters-readings');
}


/** Issue 15 (kpi): the hourly rates, an OT's cost with a service line, and the indicators dashboard. */
async function kpiScreens(page: Page, harness: Harness): Promise<void> {
  const db = harness.core.database.kysely;
  const HOUR = 3_600_000;
  const now = Date.now();
  const me = await db.selectFrom('users').select('id').where('username', '=', admin.username).executeTakeFirstOrThrow();
  const zone = await db.insertInto('locations').values({ code: 'KPI-INJ', name: 'Atelier injection', kind: 'zone', parent_id: null, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
  const machine = await db
    .insertInto('equipment')
    .values({ code: 'PR-KPI', designation: 'Presse à injecter 7', location_id: zone.id, parent_id: null, search_text: 'pr-kpi presse a injecter 7', created_at: now - 400 * 24 * HOUR, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const stop = now - 2 * 24 * HOUR;
  const order = await db
    .insertInto('work_orders')
    .values({ number: 'OT-2026-009001', type: 'corrective', priority: 1, equipment_id: machine.id, location_id: zone.id, title: 'Fuite vérin de fermeture', status: 'done', search_text: 'ot-2026-009001 fuite', created_at: stop, updated_at: stop, started_at: stop, finished_at: stop + 4 * HOUR, back_in_service: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('time_entries').values({ work_order_id: order.id, user_id: me.id, started_at: stop + HOUR, ended_at: stop + 3.5 * HOUR, workstation: 'POSTE-1' }).execute();
  await db.insertInto('downtimes').values({ equipment_id: machine.id, started_at: stop, ended_at: stop + 4 * HOUR, work_order_id: order.id, created_at: stop }).execute();
  const go = (hash: string) => page.evaluate((h) => (window.location.hash = h), hash);
  // The previous screens leave the login page's « forgot » flow open: start afresh and sign in.
  await page.goto(`${harness.url}#/admin/taux-horaires`);
  const loginHeading = page.getByRole('heading', { name: 'Connexion' });
  const ratesHeading = page.getByRole('heading', { name: 'Taux horaires', level: 1 });
  const back = page.getByRole('link', { name: 'Retour à la connexion' }).or(page.getByRole('button', { name: 'Retour à la connexion' }));
  await loginHeading.or(ratesHeading).or(back).first().waitFor();
  if (await back.first().isVisible()) await back.first().click();
  await loginHeading.or(ratesHeading).first().waitFor();
  if (await loginHeading.isVisible()) {
    await page.getByLabel('Identifiant ou adresse e-mail').fill(admin.username);
    await page.getByLabel('Mot de passe', { exact: true }).fill(admin.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }
  await ratesHeading.waitFor();
  await page.getByLabel(`Taux horaire de ${admin.displayName} (€/h)`).fill('55,00');
  await page.getByRole('row').filter({ hasText: admin.displayName }).getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('55,00 €/h').first().waitFor();
  await shot(page, 'kpi-labour-rates');
  await go('#/ot/OT-2026-009001');
  const panel = page.getByRole('region', { name: 'Coût de l’OT' });
  await panel.getByLabel('Fournisseur').fill('Hydro Services');
  await panel.getByLabel('Montant HT (€)').fill('480');
  await panel.getByRole('button', { name: 'Ajouter la prestation' }).click();
  await panel.getByRole('cell', { name: 'Hydro Services', exact: true }).waitFor();
  await shot(page, 'kpi-work-order-cost');
  await go('#/indicateurs');
  await page.locator('[data-kpi="mttr"] .kpi-card__focus').focus();
  await page.locator('.kpi-chart canvas').first().waitFor();
  await page.waitForTimeout(500);
  await shot(page, 'kpi-dashboard');
}

void main();
