// Shared-workstation sessions through the real UI, in real time: warning, stay signed in, idle lock,
// OS lock, lock now with drafts kept per user, and login throttling.
import { ADMIN, openNav, expect, expectAccessible, login, seedAdmin, seedSecondAdmin, setSecuritySettings, test } from './fixtures';

const welcome = `Bonjour, ${ADMIN.displayName}`;

test('idle 1 min, warning 30 s: the warning counts down, "Rester connecté" dismisses it, idleness locks and hides everything', async ({ page, harness }) => {
  test.setTimeout(180_000);
  await seedAdmin(harness);
  await setSecuritySettings(harness, { idleMinutes: 1, warningSeconds: 30 });
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: welcome })).toBeVisible();

  // Hands off the keyboard: after 30 s the warning comes, with a countdown from main's deadline.
  const dialog = page.getByRole('alertdialog', { name: 'Êtes-vous toujours là ?' });
  await expect(dialog).toBeVisible({ timeout: 40_000 });
  await expect(dialog).toContainText(/verrouillée dans \d+ s/);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Rester connecté' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: welcome })).toBeVisible();

  // Hands off again: the warning returns, then main locks and the content is gone, not covered.
  await expect(dialog).toBeVisible({ timeout: 40_000 });
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible({ timeout: 40_000 });
  await expect(page.getByText('Session verrouillée après inactivité')).toBeVisible();
  // Only whose session it was stays on screen (her name and identifier, for her return); nothing of her work.
  await expect(page.getByText(`Session de ${ADMIN.displayName} verrouillée`)).toBeVisible();
  await expect(page.getByRole('heading', { name: welcome })).toHaveCount(0);
  const state = await page.evaluate(() => window.gmao!.invoke('app:getState', undefined));
  expect(state).toMatchObject({ ok: true, data: { user: null } });
});

test('an OS suspend or screen lock locks at once', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: welcome })).toBeVisible();
  await harness.simulateOsEvent('suspend');
  await expect(page.getByText("Session verrouillée : l'ordinateur a été mis en veille ou verrouillé.")).toBeVisible();
  await expect(page.getByRole('heading', { name: welcome })).toHaveCount(0);

  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: welcome })).toBeVisible();
  // Through the harness's HTTP hook too, as a script outside the test process would.
  const status = await page.evaluate(async () => (await fetch('/__harness/os-event?event=lock-screen', { method: 'POST' })).status);
  expect(status).toBe(204);
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
});

test('Ctrl+L locks for the next person; the draft comes back to its owner only', async ({ page, harness }) => {
  await seedAdmin(harness);
  await seedSecondAdmin(harness, 'p.bernard', 'Paul Bernard');
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await (await openNav(page, 'Sécurité')).click();
  await expect(page.getByRole('heading', { name: 'Sécurité', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Verrouillage après inactivité (minutes)').fill('30');
  // The draft reaches main while she types (debounced), before anything is saved.
  await expect
    .poll(async () => (await harness.core.database.kysely.selectFrom('drafts').select('form_key').execute()).length, { timeout: 10_000 })
    .toBe(1);

  await page.keyboard.press('Control+l');
  await expect(page.getByText('Session verrouillée. La personne suivante peut se connecter.')).toBeVisible();
  await expect(page.getByRole('heading', { name: welcome })).toHaveCount(0);

  // The next person sees nothing of it.
  await page.getByRole('button', { name: 'Changer d’utilisateur' }).click();
  await login(page, 'p.bernard', ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Bonjour, Paul Bernard' })).toBeVisible();
  await expect(page.getByText('Brouillons à reprendre')).toHaveCount(0);
  await (await openNav(page, 'Sécurité')).click();
  await expect(page.getByLabel('Verrouillage après inactivité (minutes)')).toHaveValue('15');
  await expect(page.getByText(/brouillon non enregistré/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Verrouiller' }).click();

  // Its owner gets it back.
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Brouillons à reprendre' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Reprendre', exact: true }).click();
  await expect(page.getByText(/Un brouillon non enregistré du .* a été retrouvé/)).toBeVisible();
  await page.getByRole('button', { name: 'Reprendre le brouillon' }).click();
  await expect(page.getByLabel('Verrouillage après inactivité (minutes)')).toHaveValue('30');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText('Paramètres enregistrés. Ils s’appliqueront aux prochaines connexions.')).toBeVisible();
  await expect.poll(async () => (await harness.core.database.kysely.selectFrom('drafts').select('form_key').execute()).length).toBe(0);
});

test('throttling: the same visible wait for a real and an unknown name, in seconds under a minute; an administrator unblocks', async ({ page, harness, context }) => {
  await seedAdmin(harness);
  // A 10 s first wait reads "10 s" (or 9 s, a second later), never "1 min".
  await setSecuritySettings(harness, { throttleBaseDelaySeconds: 10 });
  await seedSecondAdmin(harness, 'p.bernard', 'Paul Bernard');
  await page.goto(harness.url);
  const messages: string[] = [];
  for (const name of ['p.bernard', 'personne.inconnue']) {
    for (let i = 0; i < 5; i++) {
      await login(page, name, `mauvais ${i}`);
      await expect(page.getByRole('button', { name: 'Se connecter' })).toBeEnabled();
    }
    await login(page, name, ADMIN.password);
    await expect(page.getByRole('button', { name: 'Se connecter' })).toBeEnabled();
    messages.push((await page.getByRole('alert').textContent()) ?? '');
  }
  for (const message of messages) expect(message).toMatch(/^Trop de tentatives\. Réessayez dans \d+ s\.$/);
  // Same words for both names: only the number of seconds left may differ.
  expect(messages.map((message) => message.replace(/\d+/, 'N'))).toEqual(['Trop de tentatives. Réessayez dans N s.', 'Trop de tentatives. Réessayez dans N s.']);

  const admin = await context.newPage();
  await admin.goto(harness.url);
  await login(admin, ADMIN.username, ADMIN.password);
  await (await openNav(admin, 'Sécurité')).click();
  await expect(admin.getByRole('cell', { name: 'p.bernard', exact: true })).toBeVisible();
  await expect(admin.getByRole('cell', { name: 'personne.inconnue', exact: true })).toBeVisible();
  await admin.getByRole('button', { name: 'Débloquer p.bernard' }).click();
  await expect(admin.getByText('« p.bernard » est débloqué.')).toBeVisible();

  await login(page, 'p.bernard', ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Bonjour, Paul Bernard' })).toBeVisible();
});

test('an administrator closes another user’s sessions: that window is told why at once', async ({ page, harness, context }) => {
  await seedAdmin(harness);
  await seedSecondAdmin(harness, 'p.bernard', 'Paul Bernard');
  await page.goto(harness.url);
  await login(page, 'p.bernard', ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Bonjour, Paul Bernard' })).toBeVisible();

  const admin = await context.newPage();
  await admin.goto(harness.url);
  await login(admin, ADMIN.username, ADMIN.password);
  await (await openNav(admin, 'Sécurité')).click();
  await expect(admin.getByRole('heading', { name: 'Sessions ouvertes' })).toBeVisible();
  await expectAccessible(admin);
  await admin.getByRole('button', { name: 'Fermer les sessions de Paul Bernard' }).click();
  await expect(admin.getByText('Sessions de Paul Bernard fermées (1).')).toBeVisible();

  await expect(page.getByText('Votre session a été fermée. Reconnectez-vous.')).toBeVisible();
  await expect(page.getByText('Paul Bernard')).toHaveCount(0);
  // The administrator's own window is untouched.
  await expect(admin.getByRole('heading', { name: 'Sécurité', level: 1 })).toBeVisible();
});
