// Node (tests). The app domain's channels through the real dispatcher, on the engine of this pass (SQLite file or
// PostgreSQL schema); the locked-database case is about SQLite files and runs on SQLite only.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AboutInfo } from '../../../shared/contract';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { MIGRATIONS } from '../kernel/db/migrations';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

async function signIn(target: TestCore, windowId = 'w1'): Promise<void> {
  await target.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  const login = await target.call(windowId, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
  expect(login.ok).toBe(true);
}

/** A technician with the administrator's password (same per-installation key, so the hash is valid). */
async function signInTechnician(target: TestCore, windowId: string): Promise<void> {
  const db = target.database.kysely;
  const admin = await db.selectFrom('users').select('password_hash').where('id', '=', 1).executeTakeFirstOrThrow();
  await db
    .insertInto('users')
    .values({ username: 'tech.lucas', display_name: 'Lucas Tech', role: 'technician', password_hash: admin.password_hash, password_changed_at: 0, created_at: 0, updated_at: 0 })
    .execute();
  const login = await target.call(windowId, 'auth:login', { identifier: 'tech.lucas', password: ADMIN_INPUT.password });
  expect(login.ok).toBe(true);
}

describe('About (app:getAbout)', () => {
  it('gives administrators the versions, schema, data folder with its mode, and the log folder', async () => {
    core = await createTestCore({ dataMode: 'shared', dataConfigFile: '/opt/GMAO Atelier/gmao-atelier.json', versions: { electron: '40.8.5', chrome: '144.0.0.0', node: '22.1.0' } });
    await signIn(core);
    const about = await core.call('w1', 'app:getAbout');
    expect(about).toEqual({
      ok: true,
      data: {
        version: 'test',
        runtime: { electron: '40.8.5', chrome: '144.0.0.0', node: '22.1.0', platform: process.platform, arch: process.arch },
        schemaVersion: MIGRATIONS[MIGRATIONS.length - 1].version,
        database: { engine: TEST_ENGINE, location: core.database.location },
        dataMode: 'shared',
        dataDir: core.dataDir,
        configFile: '/opt/GMAO Atelier/gmao-atelier.json',
        logDir: core.logDir,
      },
    });
    expect(core.logDir.startsWith(core.dataDir)).toBe(true);
  });

  it('names the engine and shows where the data is, with a PostgreSQL password hidden', async () => {
    core = await createTestCore();
    await signIn(core);
    const about = await core.call('w1', 'app:getAbout');
    const database = about.ok ? (about.data as AboutInfo).database : null;
    if (TEST_ENGINE === 'sqlite') {
      expect(database).toEqual({ engine: 'sqlite', location: core.databaseFile });
    } else {
      expect(database?.engine).toBe('postgres');
      expect(database?.location).toMatch(/^postgres(ql)?:\/\//);
      const password = new URL(process.env.GMAO_TEST_DATABASE_URL ?? '').password;
      if (password) expect(database?.location).not.toContain(password);
    }
  });

  it('reports missing Electron and Chrome honestly (the harness runs under plain Node)', async () => {
    core = await createTestCore({ versions: { node: process.versions.node } });
    await signIn(core);
    const about = await core.call('w1', 'app:getAbout');
    expect(about.ok && (about.data as AboutInfo).runtime).toMatchObject({ electron: null, chrome: null, node: process.versions.node });
  });

  it('hides the folders from other roles, and needs a session', async () => {
    core = await createTestCore();
    await signIn(core);
    await signInTechnician(core, 'w2');
    const about = await core.call('w2', 'app:getAbout');
    expect(about.ok).toBe(true);
    if (!about.ok) return;
    expect(about.data).toMatchObject({ dataDir: null, configFile: null, logDir: null, dataMode: 'argument', database: { engine: TEST_ENGINE, location: null } });
    expect(JSON.stringify(about.data)).not.toContain(core.dataDir);
    expect(await core.call('w3', 'app:getAbout')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('Ouvrir le dossier des journaux (app:openLogFolder)', () => {
  it('asks the injected openPath to open the log folder', async () => {
    const opened: string[] = [];
    core = await createTestCore({
      openPath: (folder) => {
        opened.push(folder);
        return Promise.resolve({ ok: true });
      },
    });
    await signIn(core);
    expect(await core.call('w1', 'app:openLogFolder')).toEqual({ ok: true, data: { opened: true, path: core.logDir, reason: null } });
    expect(opened).toEqual([core.logDir]);
  });

  it('says "not available" with the path when nothing can open folders (the browser harness)', async () => {
    core = await createTestCore();
    await signIn(core);
    expect(await core.call('w1', 'app:openLogFolder')).toEqual({ ok: true, data: { opened: false, path: core.logDir, reason: 'unavailable' } });
  });

  it('is refused to other roles', async () => {
    core = await createTestCore({ openPath: () => Promise.reject(new Error('must not be called')) });
    await signIn(core);
    await signInTechnician(core, 'w2');
    expect(await core.call('w2', 'app:openLogFolder')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe.runIf(TEST_ENGINE === 'sqlite')('database locked by another instance (SQLite files only)', () => {
  it('answers DATABASE_BUSY (not INTERNAL_ERROR) once busy_timeout runs out, and works again after', async () => {
    core = await createTestCore({ busyTimeoutMs: 150 });
    await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
    // Another process would hold the write lock like this, e.g. a second OS account's instance mid-write.
    const other = new Database(core.databaseFile!);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    const blocked = await core.call('w1', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    expect(blocked).toEqual({ ok: false, error: { code: 'DATABASE_BUSY', message: 'The database is locked by another instance; try again' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(core.logger.lines.join('\n')).toContain('database busy');
    other.exec('ROLLBACK');
    other.close();
    expect((await core.call('w1', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password })).ok).toBe(true);
  });
});

describe('renderer error reports (app:reportError)', () => {
  it('logs what the error boundary caught, redacted, and stops after 10 a minute per window', async () => {
    core = await createTestCore();
    const report = { message: 'Cannot read properties of undefined', stack: 'TypeError at AboutPage token=abcdefabcdefabcdefabcdefabcdefab12', componentStack: 'at AboutPage' };
    for (let i = 0; i < 15; i++) expect(await core.call('w1', 'app:reportError', report)).toEqual({ ok: true, data: null });
    const logged = core.logger.lines.filter((line) => line.includes('Renderer error'));
    expect(logged).toHaveLength(10);
    expect(logged[0]).toContain('Cannot read properties of undefined');
    expect(logged[0]).not.toContain('abcdefabcdefabcdefabcdefabcdefab12');
    core.clock.advance(61_000);
    await core.call('w1', 'app:reportError', report);
    expect(core.logger.lines.filter((line) => line.includes('Renderer error'))).toHaveLength(11);
  });

  it('refuses oversized reports', async () => {
    core = await createTestCore();
    expect(await core.call('w1', 'app:reportError', { message: 'x'.repeat(2001) })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
