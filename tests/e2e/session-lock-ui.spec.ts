// Node (Playwright). The inactivity warning and the lock as a person on a shared PC meets them, with main's
// clock moved forward instead of waiting: the warning comes above whatever dialog is open, takes and keeps the
// focus, "Rester connecté" works and gives the dialog back; the lock removes every dialog of the previous person,
// then names whose session it was (name and identifier only) until "Changer d'utilisateur" or the next login.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Locator, type Page } from '@playwright/test';
import { startHarness, type Harness } from '../harness/harness-server';
import { ADMIN, openNav, expect, expectAccessible, login, seedAdmin, seedSecondAdmin, setSecuritySettings } from './fixtures';

const TECH = { username: 'l.moreau', displayName: 'Luc Moreau' };
const IDLE_MS = 60_000;
const WARNING_MS = 30_000;

/** Main's clock, moved forward by the test: the registry's own tick then warns and locks as it would. */
interface TestClock {
  now(): number;
  offsetMs: number;
}

const test = base.extend<{ clock: TestClock; harness: Harness }>({
  // Playwright requires the fixture's first argument to be an object pattern, even when it needs nothing.
  // eslint-disable-next-line no-empty-pattern
  clock: async ({}, use) => {
    const clock: TestClock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
    await use(clock);
  },
  harness: async ({ clock }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-e2e-lock-'));
    const harness = await startHarness({ dataDir, core: { clock, tickIntervalMs: 200 } });
    await use(harness);
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

/** Puts main's clock `afterMs` past the last activity of `username`'s session (retried if input arrives meanwhile). */
async function idleFor(harness: Harness, clock: TestClock, username: string, afterMs: number, until: () => Promise<void>): Promise<void> {
  const user = await harness.core.database.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  await expect(async () => {
    const session = harness.core.sessions.listByUser().find((entry) => entry.userId === user.id);
    if (session) clock.offsetMs = Math.max(clock.offsetMs, session.lastActivityAt + afterMs - Date.now());
    await until();
  }).toPass({ timeout: 15_000 });
}

function warningOf(page: Page): Locator {
  return page.getByRole('alertdialog', { name: 'Êtes-vous toujours là ?' });
}

async function openUsers(page: Page): Promise<void> {
  await (await openNav(page, 'Utilisateurs')).click();
  await expect(page.getByRole('heading', { name: 'Utilisateurs', level: 1 })).toBeVisible();
}

async function openAccount(page: Page): Promise<Locator> {
  await openUsers(page);
  await page.getByRole('button', { name: `Ouvrir le compte de ${TECH.displayName}` }).click();
  const detail = page.getByRole('dialog', { name: TECH.displayName });
  await expect(detail).toBeVisible();
  return detail;
}

/** Each kind of dialog an administrator may have open when they walk away; returns the top one. */
const DIALOGS: { kind: string; open: (page: Page) => Promise<Locator> }[] = [
  { kind: 'user detail', open: openAccount },
  {
    kind: 'new user (something typed)',
    open: async (page) => {
      await openUsers(page);
      await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
      const create = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
      await create.getByLabel('Nom affiché').fill('Julie Bernard');
      return create;
    },
  },
  {
    kind: 'confirmation over the user detail',
    open: async (page) => {
      const detail = await openAccount(page);
      await detail.getByRole('button', { name: 'Désactiver' }).click();
      const confirm = page.getByRole('alertdialog', { name: `Désactiver le compte de ${TECH.displayName} ?` });
      await expect(confirm).toBeVisible();
      return confirm;
    },
  },
  {
    kind: 'temporary password',
    open: async (page) => {
      const detail = await openAccount(page);
      await detail.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
      await page.getByRole('alertdialog', { name: `Réinitialiser le mot de passe de ${TECH.displayName} ?` }).getByRole('button', { name: /^Oui/ }).click();
      const shown = page.getByRole('dialog', { name: `Mot de passe temporaire de ${TECH.displayName}` });
      await expect(shown).toBeVisible();
      await shown.getByRole('button', { name: 'Afficher' }).click();
      return shown;
    },
  },
  {
    kind: 'change my password',
    open: async (page) => {
      await page.getByRole('button', { name: new RegExp(`^${ADMIN.displayName}`) }).click();
      await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
      const change = page.getByRole('dialog', { name: 'Changer mon mot de passe' });
      await change.getByLabel('Mot de passe actuel').fill('à moitié tapé');
      return change;
    },
  },
];

/** Whether the focus is inside the session warning. */
function focusInWarning(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.closest('[aria-labelledby="session-warning-title"]') !== null);
}

/** Whether the element sits in an inert subtree: it takes no click, no focus, no key. */
function isInert(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element.closest('[inert]') !== null);
}

test.beforeEach(async ({ harness }) => {
  await seedAdmin(harness);
  await seedSecondAdmin(harness, TECH.username, TECH.displayName);
  await setSecuritySettings(harness, { idleMinutes: IDLE_MS / 60_000, warningSeconds: WARNING_MS / 1000 });
});

for (const dialog of DIALOGS) {
  test(`the warning comes above an open ${dialog.kind}, keeps the focus, and the lock takes the dialog away`, async ({ page, harness, clock }) => {
    await page.goto(harness.url);
    await login(page, ADMIN.username, ADMIN.password);
    await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();
    const open = await dialog.open(page);
    await expect(open).toBeVisible();

    const warning = warningOf(page);
    await idleFor(harness, clock, ADMIN.username, IDLE_MS - WARNING_MS + 5_000, () => expect(warning).toBeVisible({ timeout: 2_000 }));
    const stay = warning.getByRole('button', { name: 'Rester connecté' });
    await expect(stay).toBeFocused();
    // What is under the pointer at the button's centre is the button: nothing is drawn over the warning.
    const box = (await stay.boundingBox())!;
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.textContent ?? null, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    expect(hit).toBe('Rester connecté');
    // Tab and Shift+Tab stay inside; the dialog underneath takes no input.
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await focusInWarning(page)).toBe(true);
    }
    expect(await isInert(open)).toBe(true);
    await expectAccessible(page);

    // "Rester connecté" is clickable (a covered button would fail here) and gives the dialog back as it was.
    await stay.click();
    await expect(warning).toBeHidden();
    await expect(open).toBeVisible();
    expect(await isInert(open)).toBe(false);

    // Walked away for good: the warning again, then the lock. Nothing of the dialog remains.
    await idleFor(harness, clock, ADMIN.username, IDLE_MS - WARNING_MS + 5_000, () => expect(warning).toBeVisible({ timeout: 2_000 }));
    await idleFor(harness, clock, ADMIN.username, IDLE_MS + 1_000, () => expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible({ timeout: 2_000 }));
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expect(page.locator('.modal-backdrop')).toHaveCount(0);
    await expect(page.locator('[inert]')).toHaveCount(0);
    await expect(page.getByText(TECH.displayName)).toHaveCount(0);
    await expect(page.getByLabel('Mot de passe', { exact: true })).toBeFocused();
  });
}

test('the forced-change screen is warned too', async ({ page, harness, clock }) => {
  await harness.core.database.kysely.updateTable('users').set({ must_change_password: 1 }).where('username', '=', TECH.username).execute();
  await page.goto(harness.url);
  await login(page, TECH.username, ADMIN.password);
  const change = page.getByRole('heading', { name: /mot de passe/i }).first();
  await expect(change).toBeVisible();
  const warning = warningOf(page);
  await idleFor(harness, clock, TECH.username, IDLE_MS - WARNING_MS + 5_000, () => expect(warning).toBeVisible({ timeout: 2_000 }));
  await expect(warning.getByRole('button', { name: 'Rester connecté' })).toBeFocused();
});

test('after an idle lock: whose session, identifier filled in, password focused; "Changer d’utilisateur" forgets it', async ({ page, harness, clock }) => {
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();
  await idleFor(harness, clock, ADMIN.username, IDLE_MS + 1_000, () => expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible({ timeout: 2_000 }));

  await expect(page.getByText(`Session de ${ADMIN.displayName} verrouillée`)).toBeVisible();
  await expect(page.getByText('Session verrouillée après inactivité')).toBeVisible();
  await expect(page.getByLabel('Identifiant ou adresse e-mail')).toHaveValue(ADMIN.username);
  await expect(page.getByLabel('Mot de passe', { exact: true })).toBeFocused();
  // Her name and identifier, nothing else of hers (not even her email address).
  await expect(page.locator('body')).not.toContainText(ADMIN.email);
  await expectAccessible(page);

  // She comes back: only the password to type.
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();

  // Locked again; someone else takes the PC.
  await idleFor(harness, clock, ADMIN.username, IDLE_MS + 1_000, () => expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible({ timeout: 2_000 }));
  await expect(page.getByText(`Session de ${ADMIN.displayName} verrouillée`)).toBeVisible();
  await page.getByRole('button', { name: 'Changer d’utilisateur' }).click();
  await expect(page.getByLabel('Identifiant ou adresse e-mail')).toHaveValue('');
  await expect(page.getByLabel('Identifiant ou adresse e-mail')).toBeFocused();
  await expect(page.getByText(ADMIN.displayName)).toHaveCount(0);
  await expect(page.getByText('Session verrouillée après inactivité')).toHaveCount(0);

  // A successful login by someone else leaves nothing of her either, even after they sign out.
  await login(page, TECH.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: `Bonjour, ${TECH.displayName}` })).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await expect(page.getByText(ADMIN.displayName)).toHaveCount(0);
  await expect(page.getByLabel('Identifiant ou adresse e-mail')).toHaveValue('');
});

test('someone else signing in over a locked session: the lock line goes with the successful login', async ({ page, harness, clock }) => {
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: `Bonjour, ${ADMIN.displayName}` })).toBeVisible();
  await idleFor(harness, clock, ADMIN.username, IDLE_MS + 1_000, () => expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible({ timeout: 2_000 }));
  await login(page, TECH.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: `Bonjour, ${TECH.displayName}` })).toBeVisible();
  await expect(page.getByText(ADMIN.displayName)).toHaveCount(0);
  await page.getByRole('button', { name: 'Verrouiller' }).click();
  // Now it is his session that is named, and only his.
  await expect(page.getByText(`Session de ${TECH.displayName} verrouillée`)).toBeVisible();
  await expect(page.getByText(ADMIN.displayName)).toHaveCount(0);
});
