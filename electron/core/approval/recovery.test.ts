// The last administrator's way back in: IT runs the command line on the computer (spawned here for real, as
// `npm run recovery` runs it), gets a one-time code, and the administrator redeems it on "Code de secours".
// The command line's own tests are per engine: against a temp data folder (SQLite pass: a data folder is a
// SQLite thing) and against a PostgreSQL schema with --database-url (PostgreSQL pass). The codes' rules run
// through the test core on the engine of the pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../shared/contract';
import { ADMIN_INPUT, createTestCore, makeTempDir, type TestCore } from '../../../tests/support/test-core';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../../../tests/support/test-database';
import { migrateDatabase } from '../kernel/db/migrate-database';
import { MIGRATIONS } from '../kernel/db/migrations';
import { hashReferenceCode } from './reference-code';
import { normalizeReferenceCode } from '../../../shared/approval/reference-code';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { UsersRepository } from '../kernel/identity/users-repository';
import { RECOVERY_FLAG, runRecoveryCli } from './recovery-cli';
import { issueRecoveryCode, RECOVERY_CODE_LIFETIME_MS } from './recovery-codes';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NEW_PASSWORD = 'la vanne du bassin nord';
const CODE = /([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})/;

let core: TestCore | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await core?.dispose();
  core = null;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function data<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`Expected ok, got ${JSON.stringify(result.error)}`);
  return result.data;
}

/** A data folder holding one administrator (and a technician), with the core closed, as IT finds it. */
async function installation(): Promise<string> {
  const dataDir = makeTempDir('gmao-recovery-');
  dirs.push(dataDir);
  const setup = await createTestCore({ dataDir });
  data(await setup.call('w', 'auth:setupFirstAdmin', ADMIN_INPUT));
  data(await setup.call('w', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password }));
  data(
    await setup.call('w', 'users:create', {
      username: 'j.martin',
      displayName: 'Jean Martin',
      email: '',
      role: 'technician',
      passwordMode: 'chosen',
      password: 'tracteur bleu rouille',
      passwordConfirmation: 'tracteur bleu rouille',
    }),
  );
  await setup.dispose();
  return dataDir;
}

const redeem = (c: TestCore, code: string, password = NEW_PASSWORD, identifier = ADMIN_INPUT.username) =>
  c.call('kiosk', 'approval:completeRecovery', { identifier, code, newPassword: password, passwordConfirmation: password });

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, options: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

const spawnCli = (args: string[]) =>
  spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['electron/cli/recovery.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GMAO_DATA_DIR: '', GMAO_DATABASE_URL: '' },
    timeout: 60_000,
  });

describe.runIf(TEST_ENGINE === 'sqlite')('the recovery command line, on a data folder (SQLite)', () => {
  it('run as a separate process, prints a one-time code the administrator then uses to set a new password', async () => {
    const dataDir = await installation();
    const run = spawnCli(['--data-dir', dataDir, '--user', ADMIN_INPUT.username]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const code = CODE.exec(run.stdout)?.[1];
    expect(code).toBeDefined();
    expect(run.stdout).toContain('Code de secours');

    core = await createTestCore({ dataDir });
    core.clock.current = Date.now(); // the command line used the real clock
    const audit = new AuditRepository(core.database.kysely, 'x');
    expect((await audit.recent(5))[0]).toMatchObject({ eventType: 'recovery.code_issued', actorUserId: null, subjectUserId: 1 });
    expect(JSON.stringify(await audit.recent(50))).not.toContain(code!.replace(/-/g, ''));

    expect(data(await redeem(core, code!.toLowerCase()))).toBeNull();
    expect(data(await core.call('w', 'auth:login', { identifier: ADMIN_INPUT.username, password: NEW_PASSWORD })).passwordChange).toBeNull();
    expect(await core.call('w2', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    expect(await redeem(core, code!, 'encore une phrase de passe')).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });
    const types = (await audit.recent(20)).map((entry) => entry.eventType);
    expect(types).toEqual(expect.arrayContaining(['recovery.code_issued', 'password.recovered', 'recovery.code_used']));
    expect((await audit.recent(20)).find((e) => e.eventType === 'password.recovered')).toMatchObject({ details: { via: 'recovery' } });
  });

  it('refuses a technician, an unknown name, a missing database and a missing --user, with clear messages', async () => {
    const dataDir = await installation();
    const base = { env: {}, defaultDataDir: '/nonexistent' };
    const tech = capture();
    expect(await runRecoveryCli({ ...base, ...tech.options, argv: [RECOVERY_FLAG, '--data-dir', dataDir, '--user', 'j.martin'] })).toBe(1);
    expect(tech.err.join('\n')).toContain("n'est pas administrateur");
    expect(tech.out).toEqual([]);
    const unknown = capture();
    expect(await runRecoveryCli({ ...base, ...unknown.options, argv: ['--data-dir', dataDir, '--user', 'personne'] })).toBe(1);
    expect(unknown.err.join('\n')).toContain('Aucun compte');
    const empty = makeTempDir('gmao-recovery-empty-');
    dirs.push(empty);
    const missing = capture();
    expect(await runRecoveryCli({ ...base, ...missing.options, argv: ['--data-dir', empty, '--user', 'admin'] })).toBe(1);
    expect(missing.err.join('\n')).toContain('Aucune base de données');
    expect(fs.readdirSync(empty)).toEqual([]); // nothing created in a mistyped folder
    const usage = capture();
    expect(await runRecoveryCli({ ...base, ...usage.options, argv: ['--data-dir', dataDir] })).toBe(2);
    expect(usage.err.join('\n')).toContain('--user');
  });
});

describe.runIf(TEST_ENGINE === 'postgres')('the recovery command line, on a PostgreSQL database (--database-url)', () => {
  let target: TestDatabaseTarget | null = null;
  afterEach(async () => {
    await target?.drop();
    target = null;
  });

  /** The test's own schema, named in the URL the way a site could: every connection's search_path. */
  async function siteDatabase(): Promise<string> {
    target = await createTestDatabaseTarget();
    const db = await target.open();
    try {
      await migrateDatabase(db, MIGRATIONS);
      const user = (username: string, role: 'admin' | 'technician') => ({
        username, display_name: username, role, password_hash: 'x', password_changed_at: 1, created_at: 1, updated_at: 1,
      });
      await db.kysely.insertInto('users').values([user('admin.chef', 'admin'), user('j.martin', 'technician')]).execute();
    } finally {
      await db.close();
    }
    const url = new URL(target.url!);
    url.searchParams.set('options', `-c search_path=${target.schema}`);
    return url.toString();
  }

  it('run as a separate process, issues the code into the site database, audited, hash only', async () => {
    const url = await siteDatabase();
    const run = spawnCli(['--database-url', url, '--user', 'admin.chef']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const code = CODE.exec(run.stdout)?.[1];
    expect(code).toBeDefined();
    const db = await target!.open();
    try {
      const [row] = await db.kysely.selectFrom('recovery_codes').selectAll().execute();
      expect(row).toMatchObject({ user_id: 1, code_hash: hashReferenceCode(normalizeReferenceCode(code!)!), used_at: null, cancelled_at: null });
      const audit = await new AuditRepository(db.kysely, 'x').recent(5);
      expect(audit[0]).toMatchObject({ eventType: 'recovery.code_issued', subjectUserId: 1 });
      expect(JSON.stringify(audit)).not.toContain(code!.replace(/-/g, ''));
    } finally {
      await db.close();
    }
  });

  it('refuses a technician, and says in French (no stack) when the server cannot be reached', async () => {
    const url = await siteDatabase();
    const tech = capture();
    expect(await runRecoveryCli({ env: {}, defaultDataDir: '/nonexistent', ...tech.options, argv: ['--database-url', url, '--user', 'j.martin'] })).toBe(1);
    expect(tech.err.join('\n')).toContain("n'est pas administrateur");
    const down = spawnCli(['--database-url', 'postgres://gmao:secret@127.0.0.1:1/gmao', '--user', 'admin.chef']);
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/^Impossible de joindre la base de données PostgreSQL postgres:\/\/gmao:\*\*\*@127\.0\.0\.1:1\/gmao/);
    expect(down.stderr).not.toContain('secret');
    expect(down.stderr).not.toMatch(/^\s+at /m);
    expect(down.stdout).toBe('');
  });
});

describe('the recovery command line, before any database', () => {
  it('refuses a data folder on a network share with its French message, no stack, and opens nothing', async () => {
    const share = capture();
    expect(await runRecoveryCli({ env: {}, defaultDataDir: '/nonexistent', ...share.options, argv: ['--data-dir', '//serveur/partage/gmao', '--user', 'admin'] })).toBe(1);
    expect(share.err.join('\n')).toMatch(/^Le dossier de données \/\/serveur\/partage\/gmao est sur un partage réseau/);
    expect(share.err.join('\n')).not.toMatch(/^\s+at /m);
    expect(share.out).toEqual([]);
  });

  it('refuses a database URL that is not PostgreSQL’s', async () => {
    const bad = capture();
    expect(await runRecoveryCli({ env: {}, defaultDataDir: '/nonexistent', ...bad.options, argv: ['--database-url', 'mysql://x@y/z', '--user', 'admin'] })).toBe(1);
    expect(bad.err.join('\n')).toContain('une adresse postgres://… est attendue');
    expect(bad.out).toEqual([]);
  });
});

describe('recovery codes', () => {
  async function withCode(): Promise<{ c: TestCore; code: string }> {
    const c = (core = await createTestCore());
    data(await c.call('w', 'auth:setupFirstAdmin', ADMIN_INPUT));
    const issued = await issueRecoveryCode(
      { database: c.database, users: new UsersRepository(c.database.kysely), audit: new AuditRepository(c.database.kysely, 'IT'), clock: c.clock },
      { username: ADMIN_INPUT.username, osUser: 'it-admin' },
    );
    expect(issued.expiresAt).toBe(c.clock.now() + RECOVERY_CODE_LIFETIME_MS);
    return { c, code: issued.code };
  }

  it('expires after 30 minutes', async () => {
    const { c, code } = await withCode();
    c.clock.advance(RECOVERY_CODE_LIFETIME_MS);
    expect(await redeem(c, code)).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED' } });
  });

  it('dies after 5 wrong tries; wrong names and wrong codes answer alike', async () => {
    const { c, code } = await withCode();
    const wrong = code.startsWith('Z') ? `Y${code.slice(1)}` : `Z${code.slice(1)}`;
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await redeem(c, wrong));
    expect(results.every((r) => !r.ok && r.error.code === 'CODE_INVALID')).toBe(true);
    expect(await redeem(c, code, NEW_PASSWORD, 'personne')).toEqual(results[0]);
    expect(await redeem(c, code)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { status: 'cancelled' } } });
    expect((await new AuditRepository(c.database.kysely, 'x').recent(10)).filter((e) => e.eventType === 'recovery.code_failed')[1]).toMatchObject({
      details: { attempts: 5, cancelled: true },
    });
  });

  it('a new code replaces the previous one; the policy still applies; a recovery cancels the admin’s pending approval request', async () => {
    const { c, code: first } = await withCode();
    await c.call('kiosk', 'approval:request', { identifier: ADMIN_INPUT.username });
    const second = (
      await issueRecoveryCode(
        { database: c.database, users: new UsersRepository(c.database.kysely), audit: new AuditRepository(c.database.kysely, 'IT'), clock: c.clock },
        { username: ADMIN_INPUT.email, osUser: 'it-admin' },
      )
    ).code;
    expect(await redeem(c, first)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { status: 'cancelled' } } });
    const weak = await redeem(c, second, 'azertyuiop');
    expect(weak).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'newPassword', code: 'validation.password.common' }, { path: 'newPassword', code: 'validation.password.tooWeak' }] } });
    expect(data(await redeem(c, second))).toBeNull();
    const cancelled = (await new AuditRepository(c.database.kysely, 'x').recent(20)).find((e) => e.eventType === 'approval.cancelled');
    expect(cancelled).toMatchObject({ subjectUserId: 1, details: { reason: 'password_changed', via: 'recovery' } });
  });

  it('any other password change cancels an unused recovery code', async () => {
    const { c, code } = await withCode();
    await c.accounts.setRecoveredPassword(1, 'une toute autre phrase', 'email');
    expect(await redeem(c, code)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { status: 'cancelled' } } });
    expect((await new AuditRepository(c.database.kysely, 'x').recent(10)).map((e) => e.eventType)).toContain('recovery.code_cancelled');
  });
});
