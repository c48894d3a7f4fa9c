// Node (Playwright). Issue 16 in Chromium: one site server and two client PCs (two harnesses in client-PC mode, each
// with its own client core, sealed credential and origin), one window on each. A passer-by files a DI from the login
// screen of « Presse 3 »; the « Demandes d'intervention » list already open on « Bureau maintenance » shows it by
// itself — no reload — under the number the other PC was given, and the server's row names the PC that filed it.
// The server runs on PostgreSQL when GMAO_TEST_DATABASE_URL names one (as `npm test` does), else on SQLite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { EquipmentRepository } from '../../electron/core/equipment';
import { createMemoryLogger } from '../../electron/core/kernel/platform/logger';
import { SITE_CLIENT_ORIGIN } from '../../electron/core/site/protocol';
import { startSiteServer, type SiteServer } from '../../electron/core/site/server/site-server';
import { startHarness, type ClientHarness } from '../harness/harness-server';
import { REPO_RESOURCES_DIR } from '../support/repo-paths';
import { ADMIN, expect, login } from './fixtures';
import { createSchema, dropSchema } from './postgres-server';

interface Site {
  server: SiteServer;
  presse: ClientHarness;
  bureau: ClientHarness;
}

const test = base.extend<{ site: Site }>({
  // eslint-disable-next-line no-empty-pattern
  site: async ({}, use) => {
    const cleanups: (() => Promise<void> | void)[] = [];
    try {
      const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-e2e-site-'));
      cleanups.push(() => fs.rmSync(serverDir, { recursive: true, force: true }));
      const url = process.env.GMAO_TEST_DATABASE_URL?.trim() || null;
      const schema = url ? await createSchema(url, 'e2esite') : undefined;
      if (url && schema) cleanups.push(() => dropSchema(url, schema));
      const server = await startSiteServer({
        dataDir: serverDir, databaseUrl: url, databaseSchema: schema, host: '127.0.0.1', port: 0, serverName: 'Serveur atelier',
        resourcesDir: REPO_RESOURCES_DIR,
        core: { logger: createMemoryLogger(), bcryptCost: 4, backupCheckIntervalMs: 0, mailAutoRun: false, preventiveAutoRun: false },
      });
      cleanups.push(() => server.close());
      // The first administrator and a press, written on the server (its own console, not a PC).
      const setup = await server.core.dispatcher.dispatch({ windowId: 'setup', url: `${SITE_CLIENT_ORIGIN}/` }, 'auth:setupFirstAdmin', { ...ADMIN, passwordConfirmation: ADMIN.password });
      if (!setup.ok) throw new Error(setup.error.code);
      const db = server.core.database.kysely;
      const zone = await db.insertInto('locations').values({ code: 'AT-INJ', name: 'Atelier injection', kind: 'zone', parent_id: null, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
      await new EquipmentRepository(db).insert({
        code: 'PR-003', designation: 'Presse à injecter 3', location_id: Number(zone.id), parent_id: null, category: null,
        manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: 0, updated_at: 0,
      });
      const admin = await db.selectFrom('users').select('id').where('username', '=', ADMIN.username).executeTakeFirstOrThrow();

      const pc = async (name: string): Promise<ClientHarness> => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-e2e-pc-'));
        cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
        const harness = await startHarness({ dataDir, client: { serverUrl: server.url, backoff: { initialMs: 100, maxMs: 1000 }, logger: createMemoryLogger() } });
        cleanups.push(() => harness.close());
        // Enrolled as the enrolment screen does it: a one-time code, the fingerprint the person compared, a name.
        const code = await server.createEnrolmentCode(Number(admin.id));
        const enrolled = await harness.client.dispatcher.dispatch({ windowId: 'enrol', url: `${harness.url}` }, 'site:enrol', {
          serverUrl: server.url, code: code.code, workstationName: name, fingerprint: server.fingerprint,
        });
        if (!enrolled.ok) throw new Error(`${name}: ${enrolled.error.code} ${enrolled.error.message}`);
        await expect.poll(() => harness.client.status().connection).toBe('connected');
        return harness;
      };
      await use({ server, presse: await pc('Presse 3'), bureau: await pc('Bureau maintenance') });
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  },
});

test('a DI filed on one client PC appears in the other PC\'s open list without a reload', async ({ site, browser }) => {
  const office = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  const floor = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  try {
    // The office PC: the administrator on the list of DIs (empty so far).
    const bureau = await office.newPage();
    await bureau.goto(site.bureau.url);
    await login(bureau, ADMIN.username, ADMIN.password);
    await bureau.getByRole('link', { name: 'Demandes', exact: true }).click();
    await expect(bureau.getByRole('heading', { name: "Demandes d'intervention", level: 1 })).toBeVisible();
    await expect(bureau.getByRole('row', { name: /DI-\d{4}-\d{6}/ })).toHaveCount(0);
    // A mark in the page: still there at the end means the page was never reloaded.
    await bureau.evaluate(() => ((window as unknown as { __sansRechargement: boolean }).__sansRechargement = true));

    // Press 3's PC: a passer-by at the login screen.
    const presse = await floor.newPage();
    await presse.goto(site.presse.url);
    await expect(presse.getByRole('heading', { name: 'Connexion' })).toBeVisible();
    await presse.getByRole('button', { name: 'Signaler un problème' }).click();
    await presse.getByLabel('Code de l’équipement ou nom').fill('presse');
    await presse.getByRole('button', { name: /PR-003.*Presse à injecter 3/ }).click();
    await presse.getByLabel('Que se passe-t-il ?').fill('Fuite d’huile sous le vérin principal');
    await presse.getByRole('radio', { name: 'Non' }).click();
    await presse.getByLabel(/Votre nom/).fill('Paul, équipe B');
    await presse.getByRole('button', { name: 'Envoyer la demande' }).click();
    const done = presse.getByRole('heading', { name: /^Demande DI-\d{4}-\d{6} enregistrée$/ });
    await expect(done).toBeVisible();
    const number = ((await done.textContent()) ?? '').match(/DI-\d{4}-\d{6}/)?.[0] ?? '';
    expect(number).not.toBe('');

    // The office's list shows it by itself (data:changed from the server, through its PC's main).
    const row = bureau.getByRole('row', { name: new RegExp(number) });
    await expect(row).toBeVisible();
    await expect(row).toContainText('PR-003');
    await expect(row).toContainText('Nouvelle');
    expect(await bureau.evaluate(() => (window as unknown as { __sansRechargement?: boolean }).__sansRechargement)).toBe(true);

    const filed = await site.server.core.database.kysely.selectFrom('work_requests').select(['workstation', 'reporter_name', 'client_key']).where('number', '=', number).executeTakeFirstOrThrow();
    expect(filed).toMatchObject({ workstation: 'Presse 3', reporter_name: 'Paul, équipe B' });
    expect(filed.client_key).not.toBeNull();
  } finally {
    await office.close();
    await floor.close();
  }
});
