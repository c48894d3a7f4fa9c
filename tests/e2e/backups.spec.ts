// "Sauvegardes", as an administrator uses it: back up, change something, restore, sign in again on the old
// data; carry a backup away and bring one in; watch the progress of a larger backup.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { startHarness } from '../harness/harness-server';
import { ADMIN, openNav, TECHNICIAN_NAV, expect, expectAccessible, login, seedAdmin, setSecuritySettings, test, expectTechnicianHome } from './fixtures';

const IDLE_LABEL = 'Verrouillage après inactivité (minutes)';

async function openBackups(page: Page): Promise<void> {
  await (await openNav(page, 'Sauvegardes')).click();
  await expect(page.getByRole('heading', { name: 'Sauvegardes', level: 1 })).toBeVisible();
}

const rows = (page: Page) => page.getByRole('region', { name: 'Sauvegardes disponibles' }).getByRole('row');

test('an administrator backs up, changes a setting, restores, is sent to login, and finds the old value', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await openBackups(page);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sauvegarde enregistrée' })).toBeVisible();
  const manual = rows(page).filter({ hasText: 'Manuelle' });
  await expect(manual).toHaveCount(1);
  await expect(manual).toContainText('schéma');

  // The data changes after the backup.
  await setSecuritySettings(harness, { idleMinutes: 42 });
  await (await openNav(page, 'Sécurité')).click();
  await expect(page.getByLabel(IDLE_LABEL)).toHaveValue('42');

  await openBackups(page);
  await manual.getByRole('button', { name: /^Restaurer la sauvegarde du/ }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Restaurer cette sauvegarde ?' });
  await expect(dialog).toContainText('Tous les utilisateurs, vous compris, seront déconnectés');
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();

  // Everyone is signed out, with the reason.
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await expect(page.getByText('Une sauvegarde a été restaurée par un administrateur')).toBeVisible();

  await login(page, ADMIN.username, ADMIN.password);
  await (await openNav(page, 'Sécurité')).click();
  await expect(page.getByLabel(IDLE_LABEL)).toHaveValue('15');
  await openBackups(page);
  await expect(rows(page).filter({ hasText: 'Avant restauration' })).toHaveCount(1);
});

test('a file that is not a backup is refused before any confirmation', async ({ page, harness }) => {
  await seedAdmin(harness);
  const dir = harness.core.backups.folder.dir;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'liste-de-courses.sqlite'), 'pas une base de données\n'.repeat(100));
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await openBackups(page);
  const row = rows(page).filter({ hasText: 'Ajoutée à la main' });
  await expect(row).toContainText('Fichier illisible');
  await expect(row.getByRole('button', { name: /^Restaurer/ })).toBeDisabled();
});

test('a backup carrying its own trigger is refused at "Restaurer", with a French message naming it; nothing changes', async ({ page, harness }) => {
  await seedAdmin(harness);
  const dir = harness.core.backups.folder.dir;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'cle-usb.sqlite');
  harness.core.database.sqlite!.prepare('VACUUM INTO ?').run(file);
  const hostile = new Database(file);
  hostile.exec("CREATE TRIGGER promote_on_login AFTER UPDATE OF last_login_at ON users BEGIN UPDATE users SET role = 'admin' WHERE id = new.id; END");
  hostile.close();
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await openBackups(page);
  const row = rows(page).filter({ hasText: 'Ajoutée à la main' });
  await row.getByRole('button', { name: /^Restaurer/ }).click();
  await expect(page.getByText('élément en trop : déclencheur « promote_on_login »')).toBeVisible();
  await expect(page.getByText("Ce fichier n'est pas une sauvegarde valide de GMAO Atelier : sa structure ne correspond pas")).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  expect(harness.core.database.sqlite!.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'promote_on_login'").pluck().get()).toBe(0);
  await expect(rows(page).filter({ hasText: 'Avant restauration' })).toHaveCount(0);
});

test('"Exporter vers…" downloads the backup and "Importer une sauvegarde…" brings one in, checked', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await openBackups(page);
  await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
  const manual = rows(page).filter({ hasText: 'Manuelle' });
  await expect(manual).toHaveCount(1);

  const downloading = page.waitForEvent('download');
  await manual.getByRole('button', { name: /^Exporter la sauvegarde du/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^gmao-atelier_.*_manuelle\.sqlite$/);
  const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-usb-')), download.suggestedFilename());
  await download.saveAs(saved);
  expect(fs.readFileSync(saved).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');

  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importer une sauvegarde…' }).click();
  await (await choosing).setFiles(saved);
  await expect(page.getByRole('status').filter({ hasText: 'Sauvegarde importée et vérifiée' })).toBeVisible();
  await expect(rows(page).filter({ hasText: 'Importée' })).toHaveCount(1);
  fs.rmSync(path.dirname(saved), { recursive: true, force: true });
});

test('a larger backup shows its progress, and main keeps answering meanwhile', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-e2e-'));
  // Small copy steps, so a 24 MB database takes hundreds of steps.
  const harness = await startHarness({ dataDir, core: { backupPagesPerStep: 8, backupCheckIntervalMs: 0 } });
  try {
    await seedAdmin(harness);
    const live = harness.core.database.sqlite!;
    const insert = live.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)');
    live.transaction(() => {
      for (let i = 0; i < 24 * 16; i++) insert.run(`e2e.padding.${i}`, JSON.stringify('x'.repeat(64 * 1024)));
    })();
    await page.goto(harness.url);
    await login(page, ADMIN.username, ADMIN.password);
    await openBackups(page);

    // The bar may come and go faster than a poll on a fast machine: record every one the page draws.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenProgress: string[] }).seenProgress = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('progress');
        const label = bar && document.getElementById(bar.getAttribute('aria-labelledby') ?? '')?.textContent;
        if (label && seen.at(-1) !== label) seen.push(label);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Sauvegarde enregistrée' })).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('progress')).toHaveCount(0);
    const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((label) => /^Copie des données actuelles : \d+ %$/.test(label))).toBe(true);

    // While main copies, it answers other calls: a list asked at the first progress event comes back before the
    // backup ends, and says a backup is running.
    const outcome = await page.evaluate(async () => {
      const order: string[] = [];
      let list: Promise<{ ok: boolean; data?: unknown }> | null = null;
      const off = window.gmao!.on('backups:progress', () => {
        list ??= window.gmao!.invoke('backups:list', undefined).then((result) => (order.push('list'), result));
      });
      const created = await window.gmao!.invoke('backups:create', undefined).then((result) => (order.push('create'), result));
      off();
      const listed = await list!;
      return { order, created: created.ok, busy: listed.ok ? (listed.data as { busy: string | null }).busy : null };
    });
    expect(outcome).toEqual({ order: ['list', 'create'], created: true, busy: 'backup' });
  } finally {
    await harness.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('only administrators see "Sauvegardes"', async ({ page, harness }) => {
  await seedAdmin(harness);
  // A technician with the administrator's password (same key, same password: the hash is copied).
  await sql`INSERT INTO users (username, display_name, role, password_hash, password_changed_at, created_at, updated_at)
       SELECT 'j.martin', 'Jean Martin', 'technician', password_hash, 0, 0, 0 FROM users WHERE id = 1`.execute(harness.core.database.kysely);
  await page.goto(harness.url);
  await login(page, 'j.martin', ADMIN.password);
  await expectTechnicianHome(page, 'Jean Martin');
  await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link')).toHaveText(TECHNICIAN_NAV);
  expect(await page.evaluate(() => window.gmao!.invoke('backups:list', undefined))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
