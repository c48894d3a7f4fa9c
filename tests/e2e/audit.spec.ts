// "Journal de sécurité": an administrator finds the logins (an unknown name included), filters, pages,
// exports a CSV that Excel opens in French, and sets the retention. Other roles don't see the page.
import fs from 'node:fs';
import { sql } from 'kysely';
import { AuditRepository } from '../../electron/core/kernel/audit-trail/audit-repository';
import type { Harness } from '../harness/harness-server';
import { ADMIN, openNav, expect, expectAccessible, login, seedAdmin, test, expectTechnicianHome } from './fixtures';
import type { Page } from '@playwright/test';

/** YYYY-MM-DD in local time: the harness, the browser and this test share the machine's time zone. */
function localDay(offsetDays = 0): string {
  const date = new Date();
  date.setDate(date.getDate() + offsetDays);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

async function openJournal(page: Page, harness: Harness): Promise<void> {
  await page.goto(harness.url);
  await login(page, 'inconnu.du.poste', 'un essai au hasard');
  await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect');
  await login(page, ADMIN.username, ADMIN.password);
  await (await openNav(page, 'Journal de sécurité')).click();
  await expect(page.getByRole('heading', { name: 'Journal de sécurité', level: 1 })).toBeVisible();
}

const results = (page: Page) => page.getByRole('region', { name: 'Événements' });
const rows = (page: Page) => results(page).locator('tbody tr');

test('an administrator sees the logins, an unknown name included, filters by event and date, and exports CSV', async ({ page, harness }) => {
  await seedAdmin(harness);
  await openJournal(page, harness);

  // Newest first: this login, the failed attempt of a name that matches no account, then the first run.
  await expect(results(page).getByRole('status')).toHaveText('3 événements');
  await expect(rows(page).nth(0)).toContainText('Connexion réussie');
  await expect(rows(page).nth(0)).toContainText('Marie Dupont (m.dupont)');
  await expect(rows(page).nth(1)).toContainText('Échec de connexion');
  await expect(rows(page).nth(1)).toContainText('« inconnu.du.poste » (saisi)');
  await expect(rows(page).nth(1)).toContainText('Motif : identifiant inconnu');
  await expect(rows(page).nth(2)).toContainText('Premier administrateur créé');
  await expect(results(page).getByText('Page 1 sur 1')).toBeVisible();
  await expectAccessible(page);

  // By event type.
  await page.getByLabel('Événement', { exact: true }).selectOption({ label: 'Échec de connexion' });
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(results(page).getByRole('status')).toHaveText('1 événement');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('inconnu.du.poste');

  // By date: tomorrow has nothing; today, both days included, has the failure again.
  await page.getByLabel('Du', { exact: true }).fill(localDay(1));
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(results(page).getByText('Aucun événement ne correspond à ces filtres.')).toBeVisible();
  await page.getByLabel('Du', { exact: true }).fill(localDay(0));
  await page.getByLabel('Au (inclus)').fill(localDay(0));
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(rows(page)).toHaveCount(1);

  // A range running backwards is named on the field, and nothing typed is lost.
  await page.getByLabel('Du', { exact: true }).fill(localDay(1));
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(page.getByText('La date de fin doit être le même jour ou après la date de début.')).toBeVisible();
  await expect(page.getByLabel('Au (inclus)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Du', { exact: true })).toHaveValue(localDay(1));
  await expectAccessible(page);
  await page.getByLabel('Du', { exact: true }).fill(localDay(0));
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(rows(page)).toHaveCount(1);

  // The export holds the filtered rows, in French, the way Excel expects them.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter en CSV' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`journal-securite-${localDay(0)}.csv`);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe('N°;Date et heure;Événement;Code événement;Par;Concerne;Poste;Détails');
  expect(lines[1]).toMatch(/^2;\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2};Échec de connexion;login\.failure;;« inconnu\.du\.poste » \(saisi\);[^;]+;Motif : identifiant inconnu$/);
  expect(lines.slice(2)).toEqual(['']); // one row, and the file ends with CRLF
  await expect(page.getByRole('status').filter({ hasText: 'journal-securite' })).toContainText('1 ligne(s)');

  // The export is itself in the log.
  await page.getByRole('button', { name: 'Effacer les filtres' }).click();
  await expect(page.getByLabel('Événement', { exact: true })).toHaveValue('');
  await expect(rows(page).first()).toContainText('Journal exporté (CSV)');
  await expect(rows(page).first()).toContainText('1 ligne exportée — filtres : événements Échec de connexion');
});

test('a large export shows its progress bar while main’s worker writes the file', async ({ page, harness }) => {
  await seedAdmin(harness);
  const audit = new AuditRepository(harness.core.database.kysely, 'POSTE-E2E');
  await harness.core.database.transaction(async (trx) => {
    for (let i = 0; i < 60_000; i++) await audit.in(trx).append({ eventType: 'logout', actorUserId: 1, subjectUserId: 1 }, Date.now() - i * 1000);
  });
  await openJournal(page, harness);
  // The bar may come and go quickly: record every label the page draws.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('progress.audit-export-progress__bar');
      const label = bar && document.getElementById(bar.getAttribute('aria-labelledby') ?? '')?.textContent;
      if (label && seen.at(-1) !== label) seen.push(label);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter en CSV' }).click();
  const download = await downloadPromise;
  const lines = fs.readFileSync((await download.path())!).toString('utf8').split('\r\n');
  expect(lines.length).toBeGreaterThan(60_000);
  await expect(page.locator('progress')).toHaveCount(0);
  const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
  expect(seen.some((label) => /^Export : [\d\s\u202f]+ ligne\(s\) sur [\d\s\u202f]+ \(\d+ %\)$/.test(label))).toBe(true);
});

test('pages of 50, newest first, and a retention change that asks before deleting', async ({ page, harness }) => {
  await seedAdmin(harness);
  const audit = new AuditRepository(harness.core.database.kysely, 'POSTE-ATELIER-2');
  const old = Date.now() - 400 * 86_400_000;
  await audit.append({ eventType: 'logout', actorUserId: 1, subjectUserId: 1 }, old);
  for (let i = 0; i < 60; i++) await audit.append({ eventType: 'session.locked', actorUserId: 1, subjectUserId: 1, details: { reason: 'idle' } }, Date.now() - 3_600_000 + i);
  await openJournal(page, harness);

  await expect(results(page).getByRole('status')).toHaveText('64 événements');
  await expect(rows(page)).toHaveCount(50);
  await expect(results(page).getByText('Page 1 sur 2')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Précédent' })).toBeDisabled();
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(results(page).getByText('Page 2 sur 2')).toBeVisible();
  await expect(rows(page)).toHaveCount(14);
  await expect(rows(page).last()).toContainText('Déconnexion');
  await expect(rows(page).last()).toContainText('POSTE-ATELIER-2');
  await expect(page.getByRole('button', { name: 'Suivant' })).toBeDisabled();

  // Retention: out of bounds is refused on the field; shortening asks first, then deletes and says so.
  const days = page.getByLabel('Durée de conservation (jours)');
  await expect(days).toHaveValue('730');
  await days.fill('30');
  await page.getByRole('button', { name: 'Enregistrer la durée' }).click();
  await expect(page.getByText('Valeur hors des limites autorisées.')).toBeVisible();
  await days.fill('365');
  await page.getByRole('button', { name: 'Enregistrer la durée' }).click();
  await expect(page.getByText('Passer de 730 à 365 jours supprimera définitivement les entrées de plus de 365 jours. Confirmez-vous ?')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Oui, réduire la durée' }).click();
  await expect(page.getByText('Durée de conservation enregistrée. 1 entrée ancienne a été supprimée.')).toBeVisible();
  await expect(rows(page).nth(0)).toContainText('Anciennes entrées du journal supprimées');
  await expect(rows(page).nth(0)).toContainText('conservation : 365 jours');
  await expect(rows(page).nth(1)).toContainText('Conservation du journal modifiée');
  await expect(rows(page).nth(1)).toContainText('Durée de conservation : 730 → 365 jours');
});

test('other roles have no "Journal de sécurité" entry', async ({ page, harness }) => {
  await seedAdmin(harness);
  await sql`INSERT INTO users (username, display_name, role, password_hash, password_changed_at, created_at, updated_at)
       SELECT 't.petit', 'Tom Petit', 'technician', password_hash, 0, 0, 0 FROM users WHERE id = 1`.execute(harness.core.database.kysely);
  await page.goto(harness.url);
  await login(page, 't.petit', ADMIN.password);
  await expectTechnicianHome(page, 'Tom Petit');
  await expect(page.getByRole('link', { name: 'Journal de sécurité' })).toHaveCount(0);
  // Main refuses the channel whatever the page shows.
  const answer = await page.evaluate(() => window.gmao!.invoke('audit:list', { page: 1 }));
  expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('the account events of a reset show in the journal and in its CSV: created, reset by the admin, temporary password used, changed', async ({ page, harness }) => {
  await seedAdmin(harness);
  const dispatch = harness.core.dispatcher.dispatch;
  const admin = { windowId: 'seed-admin', url: harness.url };
  const tech = { windowId: 'seed-tech', url: harness.url };
  await dispatch(admin, 'auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  const created = await dispatch(admin, 'users:create', { username: 'l.moreau', displayName: 'Luc Moreau', email: '', role: 'technician', passwordMode: 'temporary' });
  if (!created.ok) throw new Error(created.error.code);
  const userId = (created.data as { user: { id: number } }).user.id;
  const reset = await dispatch(admin, 'users:resetPassword', { userId });
  if (!reset.ok) throw new Error(reset.error.code);
  await dispatch(tech, 'auth:login', { identifier: 'l.moreau', password: (reset.data as { value: string }).value });
  const changed = await dispatch(tech, 'account:changePassword', { newPassword: 'tracteur bleu rouille', passwordConfirmation: 'tracteur bleu rouille' });
  if (!changed.ok) throw new Error(changed.error.code);

  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await (await openNav(page, 'Journal de sécurité')).click();
  for (const label of ['Compte créé', 'Mot de passe réinitialisé par un administrateur', 'Mot de passe temporaire utilisé', 'Mot de passe changé']) {
    await expect(results(page).getByRole('cell', { name: label, exact: true }).first()).toBeVisible();
  }
  await expectAccessible(page);

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter en CSV' }).click();
  const csv = fs.readFileSync((await (await downloadPromise).path())!, 'utf8');
  for (const label of ['Compte créé', 'Mot de passe réinitialisé par un administrateur', 'Mot de passe changé']) expect(csv).toContain(label);
  // The temporary password itself is nowhere in the export.
  expect(csv).not.toContain((reset.data as { value: string }).value);
});
