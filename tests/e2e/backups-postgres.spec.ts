// Node (tests, Playwright). "Sauvegardes" when the data is on PostgreSQL: the screen explains in French that the
// server makes the backups, shows no list, no "Sauvegarder maintenant" and no restore. On the PostgreSQL test
// server (GMAO_TEST_DATABASE_URL, or a throwaway cluster), on a schema of its own; without one it is skipped with
// the reason, except under CI=true, where that is a failure.
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN, openNav, expect, expectAccessible, login, seedAdmin, test } from './fixtures';
import { startPostgresHarness, usePostgresServer } from './postgres-fixture';

const postgresUrl = usePostgresServer();

test('on PostgreSQL, "Sauvegardes" says the server makes the backups, and offers no backup or restore of its own', async ({ page }) => {
  const { harness, dataDir, close } = await startPostgresHarness(postgresUrl(), { core: { backupCheckIntervalMs: 0 } });
  try {
    await seedAdmin(harness);
    await page.goto(harness.url);
    await login(page, ADMIN.username, ADMIN.password);
    await (await openNav(page, 'Sauvegardes')).click();
    await expect(page.getByRole('heading', { name: 'Sauvegardes', level: 1 })).toBeVisible();

    await expect(page.getByRole('heading', { name: 'Sauvegardes faites par le serveur' })).toBeVisible();
    await expect(page.getByText('Les données de GMAO Atelier sont sur un serveur PostgreSQL.')).toBeVisible();
    await expect(page.getByText('la restauration se fait sur le serveur')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sauvegarder maintenant' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Importer une sauvegarde…' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Sauvegardes disponibles' })).toHaveCount(0);
    // Either the pg_dump export or the sentence saying why it is not offered: never both, never neither.
    const exportButton = page.getByRole('button', { name: 'Exporter (pg_dump)' });
    const noPgDump = page.getByText("L'outil pg_dump n'est pas installé sur ce poste");
    await expect(exportButton.or(noPgDump)).toHaveCount(1);
    await expectAccessible(page);

    if (await exportButton.count()) {
      await exportButton.click();
      await expect(page.getByRole('status').filter({ hasText: 'Export enregistré' })).toBeVisible({ timeout: 30_000 });
      expect(fs.readdirSync(path.join(dataDir, 'backups')).filter((name) => name.endsWith('_pg-dump.dump'))).toHaveLength(1);
    }
    expect(fs.existsSync(path.join(dataDir, 'gmao-atelier.sqlite'))).toBe(false);
  } finally {
    await close();
  }
});
