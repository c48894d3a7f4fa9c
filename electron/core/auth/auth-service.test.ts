// Setup, login and logout through the real dispatcher, on the engine of this pass (SQLite file or PostgreSQL schema).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const audit = async () => (await new AuditRepository(core.database.kysely, 'x').recent(50)).map((entry) => entry.eventType).reverse();
const users = () => core.database.kysely.selectFrom('users').selectAll().orderBy('id').execute();

describe('first run', () => {
  it('says setup is needed until the first administrator exists, then never again', async () => {
    expect(await core.call('w1', 'app:getState')).toMatchObject({ ok: true, data: { needsSetup: true, user: null } });
    expect(await core.call('w1', 'auth:setupFirstAdmin', ADMIN_INPUT)).toEqual({ ok: true, data: { username: 'admin.chef' } });
    expect(await core.call('w1', 'app:getState')).toMatchObject({ ok: true, data: { needsSetup: false, user: null } });

    const again = await core.call('w2', 'auth:setupFirstAdmin', { ...ADMIN_INPUT, username: 'intrus' });
    expect(again).toMatchObject({ ok: false, error: { code: 'SETUP_ALREADY_DONE' } });
    expect((await users()).map((row) => ({ username: row.username, role: row.role }))).toEqual([{ username: 'admin.chef', role: 'admin' }]);
  });

  it('creates exactly one administrator when two windows submit at once', async () => {
    const results = await Promise.all([
      core.call('w1', 'auth:setupFirstAdmin', ADMIN_INPUT),
      core.call('w2', 'auth:setupFirstAdmin', { ...ADMIN_INPUT, username: 'autre.admin', email: '' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await users()).toHaveLength(1);
  });

  it('stores a bcrypt hash, never the password', async () => {
    await core.call('w1', 'auth:setupFirstAdmin', ADMIN_INPUT);
    const rows = await users();
    expect(rows[0].password_hash).toMatch(/^\$2b\$/);
    expect(JSON.stringify(rows)).not.toContain(ADMIN_INPUT.password);
  });

  it('writes nothing when the input is invalid', async () => {
    const result = await core.call('w1', 'auth:setupFirstAdmin', { ...ADMIN_INPUT, passwordConfirmation: 'autre chose' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: [{ path: 'passwordConfirmation', code: 'validation.passwordsDiffer' }] },
    });
    expect(await users()).toHaveLength(0);
  });
});

describe('login', () => {
  beforeEach(async () => {
    await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  });

  it('accepts the username or the email, in any case, and opens a session for that window only', async () => {
    const byName = await core.call('w1', 'auth:login', { identifier: ' ADMIN.Chef ', password: ADMIN_INPUT.password });
    expect(byName).toEqual({
      ok: true,
      data: { id: 1, username: 'admin.chef', displayName: 'Chef Atelier', role: 'admin', locale: 'fr', passwordChange: null },
    });
    expect(await core.call('w2', 'auth:login', { identifier: 'CHEF@usine.example', password: ADMIN_INPUT.password })).toMatchObject({ ok: true });
    expect(await core.call('w3', 'app:getState')).toMatchObject({ data: { user: null } });
    expect(await core.call('w1', 'app:getState')).toMatchObject({ data: { user: { username: 'admin.chef' } } });
  });

  it('answers a wrong password, an unknown name and an unknown email exactly alike', async () => {
    const attempts = [
      { identifier: 'admin.chef', password: 'mauvais mot de passe' },
      { identifier: 'personne', password: 'mauvais mot de passe' },
      { identifier: 'personne@usine.example', password: 'mauvais mot de passe' },
    ];
    const results = await Promise.all(attempts.map((input, i) => core.call(`w${i}`, 'auth:login', input)));
    for (const result of results) {
      expect(result).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'Invalid credentials' } });
    }
    expect(core.sessions.activeCount()).toBe(0);
  });

  it('accepts the NFKC-equivalent of the password', async () => {
    await core.call('setup', 'auth:logout');
    const result = await core.call('w1', 'auth:login', { identifier: 'admin.chef', password: 'pompe hydraulique ４２' });
    expect(result).toMatchObject({ ok: true });
  });

  it('refuses a deactivated account with the same generic answer', async () => {
    await core.database.kysely.updateTable('users').set({ is_active: 0 }).execute();
    const result = await core.call('w1', 'auth:login', { identifier: 'admin.chef', password: ADMIN_INPUT.password });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('records last login and audits success and failure with the workstation', async () => {
    core.clock.advance(60_000);
    await core.call('w1', 'auth:login', { identifier: 'nobody', password: 'xxxxxxxx' });
    await core.call('w1', 'auth:login', { identifier: 'admin.chef', password: ADMIN_INPUT.password });
    expect((await users())[0].last_login_at).toBe(core.clock.now());
    expect(await audit()).toEqual(['setup.first_admin', 'login.failure', 'login.success']);
    const [success, failure] = await new AuditRepository(core.database.kysely, 'x').recent(2);
    expect(failure).toMatchObject({ subjectUserId: null, subjectLabel: 'nobody', workstation: 'POSTE-TEST', details: { reason: 'unknown_user' } });
    expect(success).toMatchObject({ actorUserId: 1, workstation: 'POSTE-TEST' });
  });

  it('logout ends the session in main: the next call from that window is refused', async () => {
    await core.call('w1', 'auth:login', { identifier: 'admin.chef', password: ADMIN_INPUT.password });
    expect(await core.call('w1', 'auth:logout')).toEqual({ ok: true, data: null });
    expect(await core.call('w1', 'auth:logout')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await audit()).toContain('logout');
  });

  it('saves the user’s language and returns it at the next login', async () => {
    await core.call('w1', 'auth:login', { identifier: 'admin.chef', password: ADMIN_INPUT.password });
    expect(await core.call('w1', 'account:setLocale', { locale: 'en' })).toMatchObject({ ok: true, data: { locale: 'en' } });
    await core.call('w1', 'auth:logout');
    expect(await core.call('w1', 'auth:login', { identifier: 'admin.chef', password: ADMIN_INPUT.password })).toMatchObject({
      data: { locale: 'en' },
    });
  });
});
