// The last administrator's way back in: IT runs the command line on the computer (spawned here for real, as
// `npm run recovery` runs it), gets a one-time code, and the administrator redeems it on "Code de secours".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../shared/contract';
import { ADMIN_INPUT, createTestCore, makeTempDir, type TestCore } from '../../../tests/support/test-core';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { RecoveryCodesRepository } from './recovery-codes-repository';
import { UsersRepository } from '../kernel/identity/users-repository';
import { RECOVERY_FLAG, runRecoveryCli } from './recovery-cli';
import { issueRecoveryCode, RECOVERY_CODE_LIFETIME_MS } from './recovery-codes';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NEW_PASSWORD = 'la vanne du bassin nord';
const CODE = /([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})/;

let core: TestCore | null = null;
const dirs: string[] = [];
afterEach(() => {
  core?.dispose();
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
  const setup = createTestCore({ dataDir });
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
  setup.dispose();
  return dataDir;
}

const redeem = (c: TestCore, code: string, password = NEW_PASSWORD, identifier = ADMIN_INPUT.username) =>
  c.call('kiosk', 'approval:completeRecovery', { identifier, code, newPassword: password, passwordConfirmation: password });

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, options: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

describe('the recovery command line', () => {
  it('run as a separate process, prints a one-time code the administrator then uses to set a new password', async () => {
    const dataDir = await installation();
    const run = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['electron/cli/recovery.ts', '--data-dir', dataDir, '--user', ADMIN_INPUT.username], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, GMAO_DATA_DIR: '' },
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const code = CODE.exec(run.stdout)?.[1];
    expect(code).toBeDefined();
    expect(run.stdout).toContain('Code de secours');

    core = createTestCore({ dataDir });
    core.clock.current = Date.now(); // the command line used the real clock
    const audit = new AuditRepository(core.db, 'x');
    expect(audit.recent(5)[0]).toMatchObject({ eventType: 'recovery.code_issued', actorUserId: null, subjectUserId: 1 });
    expect(JSON.stringify(audit.recent(50))).not.toContain(code!.replace(/-/g, ''));

    expect(data(await redeem(core, code!.toLowerCase()))).toBeNull();
    expect(data(await core.call('w', 'auth:login', { identifier: ADMIN_INPUT.username, password: NEW_PASSWORD })).passwordChange).toBeNull();
    expect(await core.call('w2', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    expect(await redeem(core, code!, 'encore une phrase de passe')).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });
    const types = audit.recent(20).map((entry) => entry.eventType);
    expect(types).toEqual(expect.arrayContaining(['recovery.code_issued', 'password.recovered', 'recovery.code_used']));
    expect(audit.recent(20).find((e) => e.eventType === 'password.recovered')).toMatchObject({ details: { via: 'recovery' } });
  });

  it('refuses a technician, an unknown name, a missing database and a missing --user, with clear messages', async () => {
    const dataDir = await installation();
    const base = { env: {}, defaultDataDir: '/nonexistent' };
    const tech = capture();
    expect(runRecoveryCli({ ...base, ...tech.options, argv: [RECOVERY_FLAG, '--data-dir', dataDir, '--user', 'j.martin'] })).toBe(1);
    expect(tech.err.join('\n')).toContain("n'est pas administrateur");
    expect(tech.out).toEqual([]);
    const unknown = capture();
    expect(runRecoveryCli({ ...base, ...unknown.options, argv: ['--data-dir', dataDir, '--user', 'personne'] })).toBe(1);
    expect(unknown.err.join('\n')).toContain('Aucun compte');
    const empty = makeTempDir('gmao-recovery-empty-');
    dirs.push(empty);
    const missing = capture();
    expect(runRecoveryCli({ ...base, ...missing.options, argv: ['--data-dir', empty, '--user', 'admin'] })).toBe(1);
    expect(missing.err.join('\n')).toContain('Aucune base de données');
    expect(fs.readdirSync(empty)).toEqual([]); // nothing created in a mistyped folder
    const usage = capture();
    expect(runRecoveryCli({ ...base, ...usage.options, argv: ['--data-dir', dataDir] })).toBe(2);
    expect(usage.err.join('\n')).toContain('--user');
  });
});

describe('recovery codes', () => {
  async function withCode(): Promise<{ c: TestCore; code: string }> {
    const c = (core = createTestCore());
    data(await c.call('w', 'auth:setupFirstAdmin', ADMIN_INPUT));
    const issued = issueRecoveryCode(
      { db: c.db, users: new UsersRepository(c.db), recoveryCodes: new RecoveryCodesRepository(c.db), audit: new AuditRepository(c.db, 'IT'), clock: c.clock },
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
    expect(new AuditRepository(c.db, 'x').recent(10).filter((e) => e.eventType === 'recovery.code_failed')[1]).toMatchObject({
      details: { attempts: 5, cancelled: true },
    });
  });

  it('a new code replaces the previous one; the policy still applies; a recovery cancels the admin’s pending approval request', async () => {
    const { c, code: first } = await withCode();
    await c.call('kiosk', 'approval:request', { identifier: ADMIN_INPUT.username });
    const second = issueRecoveryCode(
      { db: c.db, users: new UsersRepository(c.db), recoveryCodes: new RecoveryCodesRepository(c.db), audit: new AuditRepository(c.db, 'IT'), clock: c.clock },
      { username: ADMIN_INPUT.email, osUser: 'it-admin' },
    ).code;
    expect(await redeem(c, first)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { status: 'cancelled' } } });
    const weak = await redeem(c, second, 'azertyuiop');
    expect(weak).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'newPassword', code: 'validation.password.common' }, { path: 'newPassword', code: 'validation.password.tooWeak' }] } });
    expect(data(await redeem(c, second))).toBeNull();
    const cancelled = new AuditRepository(c.db, 'x').recent(20).find((e) => e.eventType === 'approval.cancelled');
    expect(cancelled).toMatchObject({ subjectUserId: 1, details: { reason: 'password_changed', via: 'recovery' } });
  });

  it('any other password change cancels an unused recovery code', async () => {
    const { c, code } = await withCode();
    await c.accounts.setRecoveredPassword(1, 'une toute autre phrase', 'email');
    expect(await redeem(c, code)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { status: 'cancelled' } } });
    expect(new AuditRepository(c.db, 'x').recent(10).map((e) => e.eventType)).toContain('recovery.code_cancelled');
  });
});
