// Reset by administrator approval, end to end in Chromium against the harness: a technician asks from the login
// screen and notes the code, an administrator decides in another window, the technician checks and finishes.
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness-server';
import { ADMIN, openNav, expect, expectAccessible, login, seedAdmin, test, expectTechnicianHome } from './fixtures';

const TECH = { username: 'j.martin', displayName: 'Jean Martin', password: 'tracteur bleu rouille' };
const NEW_PASSWORD = 'perceuse verte du lundi';

/** A technician with a password only they know: created by the admin's channel, then its required change made. */
async function seedTechnician(harness: Harness): Promise<void> {
  const dispatch = harness.core.dispatcher.dispatch;
  const admin = { windowId: 'seed-admin', url: harness.url };
  const tech = { windowId: 'seed-tech', url: harness.url };
  const initial = 'mot de passe initial choisi';
  const steps = [
    () => dispatch(admin, 'auth:login', { identifier: ADMIN.username, password: ADMIN.password }),
    () =>
      dispatch(admin, 'users:create', {
        username: TECH.username,
        displayName: TECH.displayName,
        email: 'j.martin@usine.example',
        role: 'technician',
        passwordMode: 'chosen',
        password: initial,
        passwordConfirmation: initial,
      }),
    () => dispatch(admin, 'auth:logout', undefined),
    () => dispatch(tech, 'auth:login', { identifier: TECH.username, password: initial }),
    () => dispatch(tech, 'account:changePassword', { newPassword: TECH.password, passwordConfirmation: TECH.password }),
    () => dispatch(tech, 'auth:logout', undefined),
  ];
  for (const step of steps) {
    const result = await step();
    if (!result.ok) throw new Error(`seed technician: ${JSON.stringify(result.error)}`);
  }
}

async function requestReset(page: Page, identifier: string): Promise<{ code: string; checkNumber: string }> {
  await page.getByRole('button', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { name: 'Mot de passe oublié' })).toBeVisible();
  await page.getByRole('button', { name: /^Demander à un administrateur/ }).click();
  await page.getByLabel('Identifiant ou adresse e-mail').fill(identifier);
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  const code = (await page.getByTestId('reference-code').textContent())!.trim();
  const checkNumber = (await page.getByTestId('check-number').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  return { code, checkNumber };
}

async function openResetRequests(page: Page, harness: Harness): Promise<void> {
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await (await openNav(page, /^Réinitialisations/)).click();
  await expect(page.getByRole('heading', { name: 'Réinitialisations de mot de passe' })).toBeVisible();
}

async function decide(admin: Page, kind: 'Approuver' | 'Refuser', checkNumber: string, notes: string): Promise<void> {
  await admin.getByRole('button', { name: `${kind} la demande de ${TECH.displayName}` }).click();
  const dialog = admin.getByRole('dialog');
  await expect(dialog).toContainText(`Numéro de demande : ${checkNumber}`);
  await dialog.getByLabel('Note').fill(notes);
  await expectAccessible(admin);
  await dialog.getByRole('button', { name: `${kind === 'Approuver' ? 'Approuver' : 'Refuser'} la demande`, exact: true }).click();
  await expect(dialog).toBeHidden();
}

async function checkStatus(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: /^Vérifier l'état d'une demande/ }).click();
  await page.getByLabel('Identifiant ou adresse e-mail').fill(TECH.username);
  await page.getByLabel('Code de référence').fill(code.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: "Vérifier l'état" }).click();
}

test.beforeEach(async ({ harness }) => {
  await seedAdmin(harness);
  await seedTechnician(harness);
});

test('request → approve with a note → status → new password; the old one fails, the new one works', async ({ page, harness }) => {
  test.slow(); // two windows, six accessibility scans, and every public reset answer waits for its 250 ms floor
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await page.getByRole('button', { name: 'Mot de passe oublié ?' }).click();
  // No SMTP on this installation: said plainly, and only the approval paths are offered.
  await expect(page.getByText("La réinitialisation par e-mail n'est pas disponible")).toBeVisible();
  await expect(page.getByRole('button', { name: /e-mail/ })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Retour à la connexion' }).click();

  const { code, checkNumber } = await requestReset(page, TECH.username);
  await expect(page.getByText('il ne sera plus jamais affiché')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: "J'ai noté le code" }).click();

  // Before approval, the status says so.
  await checkStatus(page, code);
  await expect(page.getByText('En attente : un administrateur doit encore traiter la demande.')).toBeVisible();
  await page.getByRole('button', { name: 'Autres options' }).click();

  const admin = await page.context().newPage();
  await openResetRequests(admin, harness);
  await expect(await openNav(admin, 'Réinitialisations (1)', { exact: false })).toBeVisible();
  const row = admin.getByRole('row', { name: new RegExp(TECH.displayName) });
  await expect(row).toContainText('Technicien');
  await expect(row).toContainText(checkNumber);
  await expectAccessible(admin);
  await decide(admin, 'Approuver', checkNumber, 'Vu avec Jean au bureau maintenance.');
  await expect(admin.getByText(`Demande de ${TECH.displayName} approuvée.`)).toBeVisible();
  await expect(admin.getByText('Aucune demande en attente.')).toBeVisible();
  await expect(admin.getByRole('row', { name: /Approuvée/ })).toContainText('Vu avec Jean au bureau maintenance.');
  await expect(admin.getByTestId('pending-now')).toHaveText('0');

  await checkStatus(page, code);
  await expect(page.getByText('Approuvée : vous pouvez choisir votre nouveau mot de passe.')).toBeVisible();
  await expect(page.getByText('Vu avec Jean au bureau maintenance.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Choisir mon nouveau mot de passe' }).click();

  // The status check handed over the identifier and code; a refused password lists every reason and keeps the request.
  await expect(page.getByRole('heading', { name: "J'ai une demande approuvée" })).toBeVisible();
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('martin');
  await page.getByLabel('Confirmer le nouveau mot de passe').fill('martin');
  await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await expect(page.getByText('Trop court : au moins 8 caractères.')).toBeVisible();
  await expect(page.getByText('Trop facile à deviner : la force doit être au moins « Moyen ».')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirmer le nouveau mot de passe').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await expect(page.getByText('Votre mot de passe est changé.')).toBeVisible();
  await page.getByRole('button', { name: 'Se connecter' }).click();

  await expect(page.getByLabel('Identifiant ou adresse e-mail')).toHaveValue(TECH.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TECH.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect');
  await login(page, TECH.username, NEW_PASSWORD);
  await expectTechnicianHome(page, TECH.displayName);

  await admin.reload();
  await login(admin, ADMIN.username, ADMIN.password);
  await (await openNav(admin, /^Réinitialisations/)).click();
  await expect(admin.getByRole('row', { name: new RegExp(TECH.displayName) })).toContainText('Terminée');
});

test('request → reject with a note: the status shows it, and completion is refused', async ({ page, harness }) => {
  await page.goto(harness.url);
  const { code, checkNumber } = await requestReset(page, 'j.martin@usine.example');
  await page.getByRole('button', { name: "J'ai noté le code" }).click();

  const admin = await page.context().newPage();
  await openResetRequests(admin, harness);
  await decide(admin, 'Refuser', checkNumber, "Ce n'était pas vous : passez au bureau.");
  await expect(admin.getByText(`Demande de ${TECH.displayName} refusée.`)).toBeVisible();
  await expect(admin.getByRole('row', { name: /Refusée/ })).toContainText(ADMIN.displayName);

  await checkStatus(page, code);
  await expect(page.getByText('Refusée par un administrateur.')).toBeVisible();
  await expect(page.getByText("Ce n'était pas vous : passez au bureau.")).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choisir mon nouveau mot de passe' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Autres options' }).click();
  await page.getByRole('button', { name: /^J'ai une demande approuvée/ }).click();
  await page.getByLabel('Code de référence').fill(code);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirmer le nouveau mot de passe').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await expect(page.getByRole('alert')).toContainText('La demande a été refusée.');
  // Nothing typed is lost.
  await expect(page.getByLabel('Identifiant ou adresse e-mail')).toHaveValue('j.martin@usine.example');
  await expect(page.getByLabel('Code de référence')).toHaveValue(code);
});

test('an unknown name gets the same receipt, and a wrong code says only that nothing matches', async ({ page, harness }) => {
  await page.goto(harness.url);
  const { code } = await requestReset(page, 'personne.inconnue');
  await expect(page.getByText('Si un compte actif correspond à « personne.inconnue »')).toBeVisible();
  await page.getByRole('button', { name: "J'ai noté le code" }).click();
  await checkStatus(page, code);
  await expect(page.getByText('Aucune demande ne correspond à cet identifiant et à ce code.')).toBeVisible();
  await expect(page.getByLabel('Code de référence')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

test('the Sécurité page sets the forgot-password mode and the request lifetime', async ({ page, harness }) => {
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await (await openNav(page, 'Sécurité')).click();
  const card = page.getByRole('region', { name: 'Mot de passe oublié' });
  await expect(card).toContainText('Messagerie : non configurée.');
  await expect(card.getByLabel('Automatique (recommandé)')).toBeChecked();
  await card.getByLabel('Code par e-mail uniquement').check();
  // Without email, approval stays on offer: nobody is locked out.
  await expect(card).toContainText('Proposé aujourd’hui : demande à un administrateur.');
  await card.getByLabel("Validité d'une demande (jours)").fill('3');
  await card.getByRole('button', { name: 'Enregistrer « Mot de passe oublié »' }).click();
  await expect(page.getByText('Réglage « Mot de passe oublié » enregistré.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  await requestReset(page, TECH.username);
  await expect(page.getByText('La demande expire dans 3 jours, approuvée ou non.')).toBeVisible();
});
