// Accounts through the real UI: an administrator creates and resets accounts, temporary passwords force a
// change, the strength meter, the offered change with "Plus tard", "Changer mon mot de passe", and roles.
import type { Page } from '@playwright/test';
import type { IpcResult } from '../../shared/contract';
import type { Harness } from '../harness/harness-server';
import { ADMIN, openNav, TECHNICIAN_NAV, expect, expectAccessible, login, seedAdmin, test, expectTechnicianHome } from './fixtures';

const TECH = { username: 'l.moreau', displayName: 'Luc Moreau', newPassword: 'vanne papillon graissée' };

type Dispatch = (channel: string, input: unknown) => Promise<IpcResult<unknown>>;

/** Runs admin channels from a seed window that signs in and out, like the fixtures' settings helper. */
async function asAdmin(harness: Harness, work: (dispatch: Dispatch) => Promise<void>): Promise<void> {
  const sender = { windowId: 'seed-accounts', url: harness.url };
  const dispatch: Dispatch = (channel, input) => harness.core.dispatcher.dispatch(sender, channel, input);
  await dispatch('auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  await work(dispatch);
  await dispatch('auth:logout', undefined);
}

/** A technician with a password the administrator chose (the settings decide whether it must be changed). */
async function seedTechnician(harness: Harness, password: string): Promise<void> {
  await asAdmin(harness, async (dispatch) => {
    const created = await dispatch('users:create', {
      username: TECH.username,
      displayName: TECH.displayName,
      email: '',
      role: 'technician',
      locale: 'fr',
      passwordMode: 'chosen',
      password,
      passwordConfirmation: password,
    });
    if (!created.ok) throw new Error(`create: ${JSON.stringify(created.error)}`);
  });
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
  await expect(dialog.getByTestId('temporary-password-value')).toHaveCount(0);
  await expect(dialog).toContainText('Il ne sera plus jamais affiché');
  await expect(dialog).toContainText(/Valable jusqu’au .+, pour une seule connexion\./);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Afficher' }).click();
  const value = (await dialog.getByTestId('temporary-password-value').textContent()) ?? '';
  expect(value.length).toBeGreaterThanOrEqual(8);
  await dialog.getByRole('button', { name: 'Je l’ai transmis, fermer' }).click();
  await expect(dialog).toBeHidden();
  return value;
}

test('temporary password: created, shown once, forces a change that must differ, then works only as the new one', async ({ page, harness, context }) => {
  test.setTimeout(120_000);
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await openUsers(page);
  await expectAccessible(page);

  // "Nouvel utilisateur": mistakes are named on their fields and what was typed stays.
  await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
  const create = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
  await expect(create.getByLabel('Identifiant')).toBeFocused();
  await create.getByLabel('Identifiant').fill('L Moreau');
  await create.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(create.getByText('Utilisez seulement des lettres sans accent')).toBeVisible();
  await expect(create.getByText('Ce champ est obligatoire.')).toBeVisible();
  await expect(create.getByLabel('Identifiant')).toBeFocused();
  await expect(create.getByLabel('Identifiant')).toHaveValue('L Moreau');
  await expectAccessible(page);
  await create.getByLabel('Identifiant').fill(TECH.username);
  await create.getByLabel('Nom affiché').fill(TECH.displayName);
  await create.getByLabel('Rôle').selectOption({ label: 'Technicien' });
  await expect(create.getByLabel('Mot de passe temporaire (recommandé)')).toBeChecked();
  await create.getByRole('button', { name: 'Créer le compte' }).click();
  const temporary = await readTemporaryPassword(page, TECH.displayName);

  // Back on the account: the password is never shown again, only its state and expiry.
  const detail = page.getByRole('dialog', { name: TECH.displayName });
  await expect(detail).toContainText('Mot de passe temporaire en attente');
  await expect(detail).toContainText(/Le mot de passe temporaire expire le/);
  await expect(detail).not.toContainText(temporary);
  await detail.getByRole('button', { name: 'Fermer', exact: true }).click();
  await expect(page.getByRole('row', { name: new RegExp(TECH.displayName) })).toContainText('Technicien');
  await logout(page);

  // The technician: the temporary password opens only the change screen, which says why.
  await login(page, TECH.username, temporary);
  await expect(page.getByRole('heading', { name: 'Choisissez votre mot de passe' })).toBeVisible();
  await expect(page.getByText('Votre mot de passe est temporaire : choisissez-en un nouveau pour continuer.')).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByLabel('Mot de passe actuel')).toHaveCount(0);
  await expect(page.getByLabel('Nouveau mot de passe', { exact: true })).toBeFocused();
  await expectAccessible(page);

  // The temporary password again: refused, with the reason.
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(temporary);
  await page.getByLabel('Confirmer le nouveau mot de passe').fill(temporary);
  await expect(page.getByText('✓ Les mots de passe correspondent')).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await expect(page.getByText("Le nouveau mot de passe doit être différent de l'actuel.")).toBeVisible();
  await expect(page.getByLabel('Nouveau mot de passe', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Nouveau mot de passe', { exact: true })).toHaveValue(temporary);
  await expectAccessible(page);

  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(TECH.newPassword);
  await page.getByLabel('Confirmer le nouveau mot de passe').fill(TECH.newPassword);
  await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await expectTechnicianHome(page, TECH.displayName);
  await logout(page);

  // The new password works; the temporary one no longer does.
  await login(page, TECH.username, TECH.newPassword);
  await expectTechnicianHome(page, TECH.displayName);
  await logout(page);
  await login(page, TECH.username, temporary);
  await expect(page.getByRole('alert')).toHaveText(
    /Identifiant ou mot de passe incorrect|Ce mot de passe temporaire a déjà servi et ne fonctionne plus\. Demandez-en un nouveau à un administrateur\./,
  );

  // The technician is signed in in another window; the administrator resets again: that window ends.
  const technician = await context.newPage();
  await technician.goto(harness.url);
  await login(technician, TECH.username, TECH.newPassword);
  await expectTechnicianHome(technician, TECH.displayName);

  await login(page, ADMIN.username, ADMIN.password);
  await openUsers(page);
  await page.getByRole('button', { name: `Ouvrir le compte de ${TECH.displayName}` }).click();
  await expect(detail).toContainText('Sessions ouvertes');
  await detail.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Réinitialiser le mot de passe de ${TECH.displayName} ?` });
  await expect(confirm).toContainText('sessions ouvertes de Luc Moreau seront fermées');
  await expect(confirm.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Oui, réinitialiser' }).click();
  const second = await readTemporaryPassword(page, TECH.displayName);
  expect(second).not.toBe(temporary);

  await expect(technician.getByText('Votre session a été fermée. Reconnectez-vous.')).toBeVisible();
  await expect(technician.getByText(TECH.displayName)).toHaveCount(0);
  // The password the technician chose stopped working too: only the new temporary one opens a session.
  await login(technician, TECH.username, TECH.newPassword);
  await expect(technician.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect');
});

test('a temporary password already used, or expired, is named as such on the login screen', async ({ page, harness }) => {
  await seedAdmin(harness);
  let temporary = '';
  await asAdmin(harness, async (dispatch) => {
    const created = await dispatch('users:create', { username: TECH.username, displayName: TECH.displayName, email: '', role: 'technician', passwordMode: 'temporary' });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    temporary = (created.data as { temporaryPassword: { value: string } }).temporaryPassword.value;
  });
  await page.goto(harness.url);
  await login(page, TECH.username, temporary);
  await expect(page.getByRole('heading', { name: 'Choisissez votre mot de passe' })).toBeVisible();
  // Leaving without choosing: the temporary password has served its one login, and the screen says so first.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  const leave = page.getByRole('alertdialog', { name: 'Se déconnecter sans choisir de mot de passe ?' });
  await expect(leave).toContainText('Votre mot de passe temporaire ne fonctionnera plus. Demandez-en un nouveau à un administrateur.');
  await expect(leave.getByRole('button', { name: 'Choisir mon mot de passe' })).toBeFocused();
  await expectAccessible(page);
  await leave.getByRole('button', { name: 'Choisir mon mot de passe' }).click();
  await expect(leave).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Choisissez votre mot de passe' })).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await leave.getByRole('button', { name: 'Se déconnecter quand même' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  // At the next login, the truth: it no longer works, and who can give a new one (no "password you chose").
  await login(page, TECH.username, temporary);
  await expect(page.getByRole('alert')).toHaveText('Ce mot de passe temporaire a déjà servi et ne fonctionne plus. Demandez-en un nouveau à un administrateur.');
  await expectAccessible(page);

  // A new one, then its time runs out (the expiry moved into the past, as the clock would).
  await asAdmin(harness, async (dispatch) => {
    const list = await dispatch('users:list', { search: TECH.username });
    const userId = (list as { data: { id: number }[] }).data[0].id;
    const reset = await dispatch('users:resetPassword', { userId });
    temporary = (reset as { data: { value: string } }).data.value;
  });
  await harness.core.database.kysely.updateTable('users').set({ temporary_password_expires_at: 1 }).where('username', '=', TECH.username).execute();
  await login(page, TECH.username, temporary);
  await expect(page.getByRole('alert')).toHaveText('Ce mot de passe temporaire a expiré. Demandez-en un nouveau à votre administrateur.');
  // The wrong password still gets the one generic answer.
  await login(page, TECH.username, 'ABCD-EFGH-JKMN-PQRS');
  await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect');

  // The administrator sees why on the account.
  await login(page, ADMIN.username, ADMIN.password);
  await openUsers(page);
  await expect(page.getByRole('row', { name: new RegExp(TECH.displayName) })).toContainText('Mot de passe temporaire expiré');
});

test('"Copier" puts the temporary password on the clipboard; signing out clears it at once', async ({ page, harness, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await seedAdmin(harness);
  await seedTechnician(harness, 'pompe hydraulique 3 bars');
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await openUsers(page);
  await page.getByRole('button', { name: `Ouvrir le compte de ${TECH.displayName}` }).click();
  await page.getByRole('dialog', { name: TECH.displayName }).getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
  await page.getByRole('button', { name: 'Oui, réinitialiser' }).click();
  const dialog = page.getByRole('dialog', { name: `Mot de passe temporaire de ${TECH.displayName}` });
  await dialog.getByRole('button', { name: 'Copier' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copié. Le presse-papiers sera vidé dans 60 secondes.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  await dialog.getByRole('button', { name: 'Afficher' }).click();
  await expect(dialog.getByTestId('temporary-password-value')).toHaveText(copied);
  // Closed: the password is gone from the page; the clipboard still has it for the next 60 s…
  await dialog.getByRole('button', { name: 'Je l’ai transmis, fermer' }).click();
  await expect(page.getByText(copied)).toHaveCount(0);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(copied);
  // …unless the session ends first: the next person must not find it.
  await page.getByRole('dialog', { name: TECH.displayName }).getByRole('button', { name: 'Fermer', exact: true }).click();
  await logout(page);
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('');
});

test('the strength meter goes Faible → Moyen → Fort; its dictionaries load only with a new-password form', async ({ page, harness }) => {
  await seedAdmin(harness);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();
  expect(scripts.filter((script) => script.includes('strength-rules'))).toEqual([]);

  // "Changer mon mot de passe", from the administrator's name.
  await page.getByRole('button', { name: new RegExp(`^${ADMIN.displayName}`) }).click();
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  const dialog = page.getByRole('dialog', { name: 'Changer mon mot de passe' });
  await expect(dialog).toContainText('Au moins 8 caractères, force « Moyen » au minimum.');
  const meter = dialog.getByRole('meter', { name: 'Force du mot de passe' });
  await expect(meter).toHaveAttribute('aria-valuetext', 'Aucun mot de passe saisi');

  const field = dialog.getByLabel('Nouveau mot de passe', { exact: true });
  await field.fill('soleil2024');
  await expect(meter).toHaveAttribute('aria-valuetext', 'Faible');
  await expect(meter).toHaveAttribute('aria-valuenow', '1');
  // Every reason main would give: on its common list, and too easy to guess.
  await expect(
    dialog.getByText('Faible — Ce mot de passe figure dans la liste des mots de passe les plus courants. Pas encore assez fort : « Moyen » au minimum.'),
  ).toBeVisible();
  await expect(dialog.getByText('Ajoutez des mots moins courants.')).toBeVisible();
  expect(scripts.filter((script) => script.includes('strength-rules'))).toHaveLength(1);
  await field.fill('Tracteur-bleu');
  await expect(meter).toHaveAttribute('aria-valuetext', 'Moyen');
  await expect(dialog.getByText('Moyen — Le niveau demandé est atteint.')).toBeVisible();
  await field.fill('tracteur bleu rouille');
  await expect(meter).toHaveAttribute('aria-valuetext', 'Fort');
  await expect(meter).toHaveAttribute('aria-valuenow', '3');
  await expectAccessible(page);

  // The confirmation: nothing while it is still being typed right, a cross at the first wrong key.
  const confirmation = dialog.getByLabel('Confirmer le nouveau mot de passe');
  await confirmation.fill('tracteur');
  await expect(dialog.locator('.password-match')).toHaveText('');
  await confirmation.fill('tracteur vert');
  await expect(dialog.getByText('✗ Les mots de passe ne correspondent pas')).toBeVisible();
  await confirmation.fill('tracteur bleu rouille');
  await expect(dialog.getByText('✓ Les mots de passe correspondent')).toBeVisible();

  // A wrong current password is named on its field; nothing typed is lost.
  await dialog.getByLabel('Mot de passe actuel').fill('pas le bon');
  await dialog.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await expect(dialog.getByText('Le mot de passe actuel est incorrect.')).toBeVisible();
  await expect(dialog.getByLabel('Mot de passe actuel')).toBeFocused();
  await expect(field).toHaveValue('tracteur bleu rouille');
  await dialog.getByLabel('Mot de passe actuel').fill(ADMIN.password);
  await dialog.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await expect(dialog.getByText('Mot de passe changé. Vos autres sessions ont été fermées.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await logout(page);
  await login(page, ADMIN.username, 'tracteur bleu rouille');
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();
});

/** Records every sentence the strength meter ever shows, so a test can say one never appeared. */
async function recordVerdicts(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { verdicts: string[] }).verdicts = seen;
    new MutationObserver(() => {
      for (const element of document.querySelectorAll('.strength__verdict')) if (element.textContent) seen.push(element.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { verdicts: string[] }).verdicts);
}

test('the meter never shows as accepted a password main refuses: the person’s name, a common password', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await page.getByRole('button', { name: new RegExp(`^${ADMIN.displayName}`) }).click();
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  const dialog = page.getByRole('dialog', { name: 'Changer mon mot de passe' });
  const meter = dialog.getByRole('meter', { name: 'Force du mot de passe' });
  const field = dialog.getByLabel('Nouveau mot de passe', { exact: true });
  const verdicts = await recordVerdicts(page);

  // Typed key by key, as a person would: long and "strong" for zxcvbn, but it holds her name.
  await field.pressSequentially('dupont tournevis cruciforme rouge', { delay: 15 });
  await expect(dialog.getByText('Faible — Le mot de passe ne doit pas contenir le nom ou le prénom.')).toBeVisible();
  await expect(meter).toHaveAttribute('aria-valuetext', 'Faible');
  // Main says the same when it is sent.
  await dialog.getByLabel('Mot de passe actuel').fill(ADMIN.password);
  await dialog.getByLabel('Confirmer le nouveau mot de passe').fill('dupont tournevis cruciforme rouge');
  await dialog.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await expect(dialog.locator('.field__error')).toContainText('Le mot de passe ne doit pas contenir le nom ou le prénom.');

  // On main's common list (zxcvbn alone calls it "Moyen"): refused, and said so before sending.
  await field.fill('Soleil2024!');
  await expect(dialog.getByText('Faible — Ce mot de passe figure dans la liste des mots de passe les plus courants.')).toBeVisible();
  expect((await verdicts()).filter((text) => text.includes('atteint'))).toEqual([]);

  // A password main accepts is shown as such.
  await field.fill('tracteur bleu rouille');
  await expect(dialog.getByText('Fort — Le niveau demandé est atteint.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Annuler' }).click();

  // Creating an account: the words are the ones typed in the form.
  await openUsers(page);
  await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
  const create = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
  await create.getByLabel('Identifiant').fill('j.bernard');
  await create.getByLabel('Nom affiché').fill('Julie Bernard');
  await create.getByLabel('Choisir le mot de passe').check();
  const before = (await verdicts()).length;
  await create.getByLabel('Mot de passe', { exact: true }).pressSequentially('julie tournevis cruciforme', { delay: 15 });
  await expect(create.getByText('Faible — Le mot de passe ne doit pas contenir le nom ou le prénom.')).toBeVisible();
  expect((await verdicts()).slice(before).filter((text) => text.includes('atteint'))).toEqual([]);
});

test('first run: the meter knows the username and name typed above the password', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByLabel('Nom affiché').fill('Julie Bernard');
  await page.getByLabel('Identifiant').first().fill('j.bernard');
  await page.getByLabel('Mot de passe', { exact: true }).pressSequentially('bernard tournevis cruciforme rouge', { delay: 10 });
  await expect(page.getByText('Faible — Le mot de passe ne doit pas contenir le nom ou le prénom.')).toBeVisible();
  await page.getByLabel('Mot de passe', { exact: true }).fill('tracteur bleu rouille');
  await expect(page.getByText('Fort — Le niveau demandé est atteint.')).toBeVisible();
  await expectAccessible(page);
});

test('a password refused for several reasons shows every reason on the field', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await openUsers(page);
  await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
  const create = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
  await create.getByLabel('Identifiant').fill('moreau');
  await create.getByLabel('Nom affiché').fill(TECH.displayName);
  await create.getByLabel('Choisir le mot de passe').check();
  await create.getByLabel('Mot de passe', { exact: true }).fill('moreau1');
  await create.getByLabel('Confirmer le mot de passe').fill('moreau1');
  await create.getByRole('button', { name: 'Créer le compte' }).click();
  const errors = create.locator('.field--invalid').filter({ has: page.getByLabel('Mot de passe', { exact: true }) }).locator('.field__error li');
  await expect(errors).toContainText(["Trop court : au moins 8 caractères.", "Le mot de passe ne doit pas contenir l'identifiant."]);
  await expect(create.getByLabel('Mot de passe', { exact: true })).toBeFocused();
  await expect(create.getByLabel('Mot de passe', { exact: true })).toHaveValue('moreau1');
  await expectAccessible(page);
});

test('an invitation needs an email address and working email; the dialog says which is missing', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await openUsers(page);
  await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
  const create = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
  await create.getByLabel('Identifiant').fill(TECH.username);
  await create.getByLabel('Nom affiché').fill(TECH.displayName);
  await create.getByLabel('Envoyer une invitation par e-mail').check();
  await create.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(create.getByLabel('Adresse e-mail')).toBeFocused();
  await expect(create.getByText('Ce champ est obligatoire.')).toBeVisible();
  await create.getByLabel('Adresse e-mail').fill('l.moreau@usine.example');
  await create.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(create.getByRole('alert')).toContainText("La messagerie n'est pas configurée.");
  await expect(create.getByLabel('Adresse e-mail')).toHaveValue('l.moreau@usine.example');
  await expectAccessible(page);
});

test('offered change: the user may choose "Plus tard" after "Êtes-vous sûr ?"', async ({ page, harness }) => {
  const chosen = 'pompe hydraulique 3 bars';
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await openUsers(page);
  // The administrator makes the change optional in "Règles des mots de passe".
  await page.getByLabel('Changement facultatif (« Plus tard » possible)').check();
  await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await expect(page.getByText('Règles enregistrées. Elles s’appliquent aux prochains mots de passe.')).toBeVisible();
  await logout(page);
  await seedTechnician(harness, chosen);

  await login(page, TECH.username, chosen);
  await expect(page.getByText('Votre administrateur a choisi ce mot de passe. Nous vous conseillons d’en choisir un que vous seul connaissez.')).toBeVisible();
  await expect(page.getByLabel('Mot de passe actuel')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Plus tard' }).click();
  const sure = page.getByRole('alertdialog', { name: 'Êtes-vous sûr ?' });
  await expect(sure.getByRole('button', { name: 'Non, changer maintenant' })).toBeFocused();
  await expectAccessible(page);
  await sure.getByRole('button', { name: 'Non, changer maintenant' }).click();
  await expect(sure).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Choisissez votre mot de passe' })).toBeVisible();

  await page.getByRole('button', { name: 'Plus tard' }).click();
  await sure.getByRole('button', { name: 'Oui, plus tard' }).click();
  await expectTechnicianHome(page, TECH.displayName);
  // Not asked again at the next login.
  await logout(page);
  await login(page, TECH.username, chosen);
  await expectTechnicianHome(page, TECH.displayName);
});

test('a required change for an admin-chosen password; a Technicien sees no Utilisateurs', async ({ page, harness }) => {
  const chosen = 'pompe hydraulique 3 bars';
  await seedAdmin(harness);
  await seedTechnician(harness, chosen);
  await page.goto(harness.url);
  await login(page, TECH.username, chosen);
  await expect(page.getByText('Votre administrateur a choisi ce mot de passe : choisissez-en un que vous seul connaissez pour continuer.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Plus tard' })).toHaveCount(0);
  // Main refuses everything else meanwhile, whatever the renderer shows.
  const refused = await page.evaluate(() => window.gmao!.invoke('drafts:list', undefined));
  expect(refused).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
  // What the change screen is built from, as app:getState answers it at start-up.
  const state = await page.evaluate(() => window.gmao!.invoke('app:getState', undefined));
  expect(state).toMatchObject({ ok: true, data: { user: { username: TECH.username, passwordChange: { mode: 'required', reason: 'chosenByAdmin' } } } });

  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(TECH.newPassword);
  await page.getByLabel('Confirmer le nouveau mot de passe').fill(TECH.newPassword);
  await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
  await expectTechnicianHome(page, TECH.displayName);
  await expect(page.getByText('Rôle : Technicien')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link')).toHaveText(TECHNICIAN_NAV);
  const list = await page.evaluate(() => window.gmao!.invoke('users:list', {}));
  expect(list).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('users list: search, filters, sorting; unblock, end sessions, edit; deactivation asks first and says sessions end', async ({ page, harness, context }) => {
  test.setTimeout(90_000);
  await seedAdmin(harness);
  await seedTechnician(harness, 'pompe hydraulique 3 bars');
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await openUsers(page);
  const rows = page.locator('table tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.getByText('2 comptes')).toBeVisible();

  const nameHeader = page.getByRole('columnheader', { name: 'Nom' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toContainText(TECH.displayName);
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText(ADMIN.displayName);

  await page.getByLabel('Rechercher').fill('moreau');
  await expect(rows).toHaveCount(1);
  await expect(page.getByText('1 compte', { exact: true })).toBeVisible();
  await page.getByLabel('Rechercher').fill('');
  await page.getByLabel('Rôle').selectOption({ label: 'Administrateur' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(ADMIN.displayName);
  await expect(rows.first()).toContainText('Vous');
  await page.getByLabel('Rôle').selectOption({ label: 'Tous les rôles' });
  await page.getByLabel('Bloqués seulement').check();
  await expect(page.getByText('Aucun compte ne correspond à ces filtres.')).toBeVisible();
  // Five wrong passwords make the technician wait; "Débloquer" on the account lifts it.
  for (let i = 0; i < 5; i++) {
    await harness.core.dispatcher.dispatch({ windowId: 'guesser', url: harness.url }, 'auth:login', { identifier: TECH.username, password: `faux ${i}` });
  }
  await page.getByLabel('Bloqués seulement').uncheck();
  await page.getByLabel('Bloqués seulement').check();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Bloqué');
  await page.getByRole('button', { name: `Ouvrir le compte de ${TECH.displayName}` }).click();
  const blocked = page.getByRole('dialog', { name: TECH.displayName });
  await expect(blocked).toContainText('Bloquée après des échecs répétés');
  await blocked.getByRole('button', { name: 'Débloquer' }).click();
  await expect(blocked).toContainText(`La connexion de ${TECH.displayName} est débloquée.`);
  await expect(blocked).toContainText('Libre');
  await blocked.getByRole('button', { name: 'Fermer', exact: true }).click();
  await expect(page.getByText('Aucun compte ne correspond à ces filtres.')).toBeVisible();
  await page.getByLabel('Bloqués seulement').uncheck();

  // The administrator's own account offers no way to lock themself out.
  await page.getByRole('button', { name: `Ouvrir le compte de ${ADMIN.displayName}` }).click();
  const own = page.getByRole('dialog', { name: ADMIN.displayName });
  await expect(own.getByRole('button', { name: 'Modifier' })).toBeVisible();
  await expect(own.getByRole('button', { name: 'Désactiver' })).toHaveCount(0);
  await expect(own.getByRole('button', { name: 'Réinitialiser le mot de passe' })).toHaveCount(0);
  await own.getByRole('button', { name: 'Fermer', exact: true }).click();

  await page.getByRole('button', { name: `Ouvrir le compte de ${TECH.displayName}` }).click();
  const detail = page.getByRole('dialog', { name: TECH.displayName });
  await expect(detail).toContainText(`par ${ADMIN.displayName}`);
  await expectAccessible(page);
  // Edit: display name and role.
  await detail.getByRole('button', { name: 'Modifier' }).click();
  const edit = page.getByRole('dialog', { name: `Modifier le compte de ${TECH.displayName}` });
  await edit.getByLabel('Rôle').selectOption({ label: 'Responsable maintenance' });
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(detail).toContainText(`Le compte de ${TECH.displayName} est enregistré.`);
  await expect(detail).toContainText('Responsable maintenance');

  // The technician signs in elsewhere; "Fermer les sessions" sends that window back to the login screen.
  const technician = await context.newPage();
  await technician.goto(harness.url);
  await login(technician, TECH.username, 'pompe hydraulique 3 bars');
  await expect(technician.getByRole('heading', { name: 'Choisissez votre mot de passe' })).toBeVisible();
  await detail.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByRole('button', { name: `Ouvrir le compte de ${TECH.displayName}` }).click();
  await detail.getByRole('button', { name: 'Fermer les sessions' }).click();
  await page.getByRole('alertdialog', { name: `Fermer les sessions de ${TECH.displayName} ?` }).getByRole('button', { name: 'Oui, fermer les sessions' }).click();
  await expect(detail).toContainText(`1 session de ${TECH.displayName} fermée.`);
  await expect(technician.getByText('Votre session a été fermée. Reconnectez-vous.')).toBeVisible();

  await detail.getByRole('button', { name: 'Désactiver' }).click();
  const confirm = page.getByRole('alertdialog', { name: `Désactiver le compte de ${TECH.displayName} ?` });
  await expect(confirm).toContainText('Ses sessions ouvertes seront fermées tout de suite.');
  await confirm.getByRole('button', { name: 'Oui, désactiver' }).click();
  await expect(detail).toContainText(`Le compte de ${TECH.displayName} est désactivé ; ses sessions sont fermées.`);
  await expect(detail.getByRole('button', { name: 'Réactiver' })).toBeVisible();
  await detail.getByRole('button', { name: 'Fermer', exact: true }).click();
  await page.getByLabel('État du compte').selectOption({ label: 'Inactifs' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Inactif');
});
