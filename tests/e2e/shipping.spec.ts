// The About screen ("À propos") in the harness, and the renderer's error boundary.
import path from 'node:path';
import { build } from 'esbuild';
import { ADMIN, expect, expectAccessible, login, seedAdmin, test } from './fixtures';
import { readSchemaVersion } from '../../electron/core/kernel/db/migrate-database';

test('À propos: versions, schema, data folder and its mode; the log folder cannot be opened from a browser, and says so', async ({ page, harness }) => {
  await seedAdmin(harness);
  await page.goto(harness.url);
  await login(page, ADMIN.username, ADMIN.password);
  await page.getByRole('link', { name: 'À propos' }).click();
  await expect(page.getByRole('heading', { name: 'À propos de GMAO Atelier' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'À propos' })).toHaveAttribute('aria-current', 'page');

  const versions = page.getByRole('region', { name: 'Versions' });
  await expect(versions.getByText("Version de l'application")).toBeVisible();
  await expect(versions.getByText('Sans objet (version navigateur)')).toHaveCount(2); // Electron, Chromium
  await expect(versions.getByText(process.versions.node)).toBeVisible();
  const schema = await readSchemaVersion(harness.core.database);
  await expect(versions.locator('dd').last()).toHaveText(String(schema));

  const data = page.getByRole('region', { name: 'Données' });
  await expect(data.getByText('Dossier choisi au lancement (option --data-dir)')).toBeVisible();
  await expect(data.getByText(path.dirname(harness.core.databaseFile!), { exact: true })).toBeVisible();
  await expect(data.getByText(harness.core.logDir, { exact: true })).toBeVisible();

  await data.getByRole('button', { name: 'Ouvrir le dossier des journaux' }).click();
  await expect(data.getByRole('status')).toHaveText(`Impossible d’ouvrir un dossier depuis le navigateur. Le dossier des journaux est : ${harness.core.logDir}`);
  await expectAccessible(page);
});

test('the error boundary replaces a broken screen with a French message, reports it, and "Recharger" reloads', async ({ page }) => {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, 'error-boundary/entry.tsx')],
    bundle: true,
    write: false,
    outdir: '/virtual',
    format: 'iife',
    jsx: 'automatic',
    loader: { '.svg': 'empty' },
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const js = bundle.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
  const css = bundle.outputFiles.find((file) => file.path.endsWith('.css'))?.text ?? '';
  let documentLoads = 0;
  await page.route('http://boundary.test/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/app.js') return route.fulfill({ contentType: 'text/javascript', body: js });
    if (url.pathname === '/app.css') return route.fulfill({ contentType: 'text/css', body: css });
    documentLoads++;
    return route.fulfill({
      contentType: 'text/html',
      // A recording stand-in for the preload's bridge: the boundary must report what it caught.
      body: `<!doctype html><html lang="fr"><head><title>GMAO Atelier</title><link rel="stylesheet" href="/app.css"><script>
        window.reports = [];
        window.gmao = { invoke: (channel, input) => { window.reports.push({ channel, input }); return Promise.resolve({ ok: true, data: null }); }, on: () => () => {} };
      </script></head><body><div id="root"></div><script src="/app.js"></script></body></html>`,
    });
  });
  page.on('pageerror', () => undefined); // React rethrows render errors to window.onerror in development only
  await page.goto('http://boundary.test/');

  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'Un problème d’affichage est survenu' })).toBeVisible();
  await expect(alert).toContainText('Les données déjà enregistrées ne sont pas perdues.');
  await expect(alert).not.toContainText('render failed on purpose');
  const reports = await page.evaluate(() => (window as unknown as { reports: { channel: string; input: { message: string } }[] }).reports);
  expect(reports.map((r) => r.channel)).toContain('app:reportError');
  expect(reports.find((r) => r.channel === 'app:reportError')?.input.message).toBe('render failed on purpose (test)');
  await expectAccessible(page);

  expect(documentLoads).toBe(1);
  await alert.getByRole('button', { name: 'Recharger' }).click();
  await expect.poll(() => documentLoads).toBe(2);
  await expect(page.getByRole('heading', { name: 'Un problème d’affichage est survenu' })).toBeVisible();
});
