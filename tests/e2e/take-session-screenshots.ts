// Node (docs). `npx tsx tests/e2e/take-session-screenshots.ts [dir]`: pictures of the session warning over an
// open dialog, the login after an idle lock, the sign-out question on a temporary password and the meter
// refusing a name — main's clock is moved forward rather than waited for.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startHarness, type Harness } from '../harness/harness-server';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser';

const outDir = path.resolve(process.argv[2] ?? 'docs/screenshots');
const admin = { username: 'j.bernard', displayName: 'Julie Bernard', email: '', password: 'clé à molette 17 mm' };

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage });
  console.log(`${name}.png`);
}

async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.getByLabel('Identifiant ou adresse e-mail').fill(identifier);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Moves main's clock to `afterMs` past the admin's last activity. */
function idle(harness: Harness, clock: { offsetMs: number }, afterMs: number): void {
  const session = harness.core.sessions.listByUser().find((entry) => entry.userId === 1);
  if (session) clock.offsetMs = Math.max(clock.offsetMs, session.lastActivityAt + afterMs - Date.now());
}

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-shots-session-'));
  const clock = { offsetMs: 0, now: () => Date.now() + clock.offsetMs };
  const harness = await startHarness({ dataDir, core: { clock, tickIntervalMs: 200 } });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const seed = { windowId: 'seed', url: harness.url };
    const dispatch = harness.core.dispatcher.dispatch;
    await dispatch(seed, 'auth:setupFirstAdmin', { ...admin, passwordConfirmation: admin.password });
    await dispatch(seed, 'auth:login', { identifier: admin.username, password: admin.password });
    const settings = await dispatch(seed, 'security:getSettings', undefined);
    if (settings.ok) await dispatch(seed, 'security:updateSettings', { ...(settings.data as object), idleMinutes: 15, warningSeconds: 60 });
    const created = await dispatch(seed, 'users:create', { username: 'l.moreau', displayName: 'Luc Moreau', email: '', role: 'technician', locale: 'fr', passwordMode: 'temporary' });
    const temporary = created.ok ? (created.data as { temporaryPassword: { value: string } }).temporaryPassword.value : '';
    await dispatch(seed, 'auth:logout', undefined);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    await page.goto(harness.url);
    await signIn(page, admin.username, admin.password);
    await page.getByRole('heading', { name: /Bonjour/ }).waitFor();
    // The Administration group of the sidebar is folded while the dashboard is shown (issue 14): open it first.
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    const create = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
    await create.getByLabel('Identifiant').fill('a.petit');
    await create.getByLabel('Nom affiché').fill('Anne Petit');
    await create.getByLabel('Choisir le mot de passe').check();
    await create.getByLabel('Mot de passe', { exact: true }).fill('petit tournevis cruciforme rouge');
    await create.getByText('Le mot de passe ne doit pas contenir le nom ou le prénom.').first().waitFor();
    await create.getByLabel('Confirmer le mot de passe').scrollIntoViewIfNeeded();
    await shot(page, 'strength-refuses-name');

    await new Promise((resolve) => setTimeout(resolve, 300));
    idle(harness, clock, 15 * 60_000 - 42_000);
    await page.getByRole('alertdialog', { name: 'Êtes-vous toujours là ?' }).waitFor();
    await shot(page, 'session-warning-over-dialog');

    idle(harness, clock, 15 * 60_000 + 1_000);
    await page.getByText('Session de Julie Bernard verrouillée').waitFor();
    await shot(page, 'login-locked-session');

    await page.getByRole('button', { name: 'Changer d’utilisateur' }).click();
    await signIn(page, 'l.moreau', temporary);
    await page.getByRole('heading', { name: 'Choisissez votre mot de passe' }).waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('alertdialog', { name: 'Se déconnecter sans choisir de mot de passe ?' }).waitFor();
    await shot(page, 'password-change-logout-temporary');
    await page.getByRole('button', { name: 'Se déconnecter quand même' }).click();
    await signIn(page, 'l.moreau', temporary);
    await page.getByText('Ce mot de passe temporaire a déjà servi').waitFor();
    await shot(page, 'login-temporary-used-after-sign-out');
  } finally {
    await browser.close();
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
