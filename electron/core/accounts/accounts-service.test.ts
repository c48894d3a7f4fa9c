// User administration and passwords, through the real dispatcher on the engine of this pass (SQLite file or
// PostgreSQL schema): what an administrator and a technician at the shared PC would do, and what main must refuse
// whatever the renderer sends.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, IpcResult, TemporaryPassword, UserDetail } from '../../../shared/contract';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';

let core: TestCore;
const HOUR = 3_600_000;
const GOOD = 'tracteur bleu rouille';
const OTHER_GOOD = 'perceuse verte du lundi';

beforeEach(async () => {
  core = await createTestCore();
  await core.call('admin', 'auth:setupFirstAdmin', ADMIN_INPUT);
  await core.call('admin', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
});
afterEach(async () => {
  await core.dispose();
});

function data<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`Expected ok, got ${JSON.stringify(result.error)}`);
  return result.data;
}

const TECH = { username: 'j.martin', displayName: 'Jean Martin', email: 'j.martin@usine.example', role: 'technician' as const };

async function createTechnician(): Promise<{ user: UserDetail; temporaryPassword: TemporaryPassword }> {
  const created = data(await core.call('admin', 'users:create', { ...TECH, passwordMode: 'temporary' }));
  if (!created.temporaryPassword) throw new Error('no temporary password');
  return { user: created.user, temporaryPassword: created.temporaryPassword };
}

const login = (windowId: string, identifier: string, password: string) => core.call(windowId, 'auth:login', { identifier, password });
const recentAudit = (limit: number) => new AuditRepository(core.database.kysely, 'x').recent(limit);
const auditTypes = async () => (await recentAudit(200)).map((entry) => entry.eventType);

describe('temporary passwords', () => {
  it('is answered once, stored only as a hash, opens a session that can only change it, and then works no more', async () => {
    const { user, temporaryPassword } = await createTechnician();
    expect(temporaryPassword.value).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(temporaryPassword.expiresAt).toBe(core.clock.now() + 24 * HOUR);
    expect(user.passwordState).toBe('temporary');
    // Never again: not in the detail, not in the list, not in the stored rows (nor, on SQLite, anywhere in the
    // database file), not in the logs.
    expect(JSON.stringify(data(await core.call('admin', 'users:get', { userId: user.id })))).not.toContain(temporaryPassword.value);
    expect(JSON.stringify(await core.call('admin', 'users:list', {}))).not.toContain(temporaryPassword.value);
    expect(JSON.stringify(await core.database.kysely.selectFrom('users').selectAll().execute())).not.toContain(temporaryPassword.value);
    if (core.database.sqlite && core.databaseFile) {
      core.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      expect(fs.readFileSync(core.databaseFile).includes(Buffer.from(temporaryPassword.value))).toBe(false);
    }
    expect(core.logger.lines.join('\n')).not.toContain(temporaryPassword.value);

    const session = data(await login('tech', TECH.username, temporaryPassword.value));
    expect(session.passwordChange).toEqual({ mode: 'required', reason: 'temporary' });
    // Nothing else until the change: main refuses, whatever the renderer shows.
    expect(await core.call('tech', 'drafts:list')).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    expect(await core.call('tech', 'session:getTiming')).toMatchObject({ ok: true });

    const same = await core.call('tech', 'account:changePassword', { newPassword: temporaryPassword.value, passwordConfirmation: temporaryPassword.value });
    expect(same).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(!same.ok && same.error.fields?.map((f) => f.code)).toContain('validation.password.sameAsCurrent');

    const changed = data(await core.call('tech', 'account:changePassword', { newPassword: GOOD, passwordConfirmation: GOOD }));
    expect(changed.passwordChange).toBeNull();
    expect(await core.call('tech', 'drafts:list')).toMatchObject({ ok: true });
    await core.call('tech', 'auth:logout');

    expect(await login('tech', TECH.username, temporaryPassword.value)).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(data(await login('tech', TECH.username, GOOD)).passwordChange).toBeNull();
    expect(await auditTypes()).toEqual(expect.arrayContaining(['user.created', 'password.temporary_used', 'password.changed']));
  });

  it('expires after the configured time, and says so only to whoever typed it right', async () => {
    const { temporaryPassword } = await createTechnician();
    core.clock.advance(24 * HOUR);
    expect(await login('tech', TECH.username, temporaryPassword.value)).toMatchObject({
      ok: false,
      error: { code: 'CODE_EXPIRED', details: { kind: 'temporaryPassword' } },
    });
    expect(await login('tech', TECH.username, 'wrong guess here')).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    await login('admin', ADMIN_INPUT.username, ADMIN_INPUT.password); // the admin's own session timed out meanwhile
    expect(data(await core.call('admin', 'users:list', {})).find((u) => u.username === TECH.username)?.passwordState).toBe('temporaryExpired');
  });

  it('works once: a session that ends without the change uses it up', async () => {
    const { temporaryPassword } = await createTechnician();
    expect(await login('tech', TECH.username, temporaryPassword.value)).toMatchObject({ ok: true });
    await core.call('tech', 'auth:logout');
    expect(await login('tech', TECH.username, temporaryPassword.value)).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });
  });

  it('follows the validity setting', async () => {
    const settings = data(await core.call('admin', 'users:getSettings'));
    data(await core.call('admin', 'users:updateSettings', { ...settings, temporaryPasswordHours: 2 }));
    const { temporaryPassword } = await createTechnician();
    expect(temporaryPassword.expiresAt).toBe(core.clock.now() + 2 * HOUR);
  });

  it('reset by an administrator ends the user’s sessions, clears their login waits and is audited with the admin', async () => {
    const { user, temporaryPassword } = await createTechnician();
    await login('tech', TECH.username, temporaryPassword.value);
    await core.call('tech', 'account:changePassword', { newPassword: GOOD, passwordConfirmation: GOOD });
    for (let i = 0; i < 5; i++) await login('other', TECH.username, 'not the password');
    expect(data(await core.call('admin', 'users:get', { userId: user.id })).throttled).toBe(true);

    const reset = data(await core.call('admin', 'users:resetPassword', { userId: user.id }));
    expect(reset.value).not.toBe(temporaryPassword.value);
    expect(core.events).toContainEqual({ windowId: 'tech', event: 'session:ended', payload: { reason: 'revoked' } });
    expect(await core.call('tech', 'drafts:list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(data(await core.call('admin', 'users:get', { userId: user.id }))).toMatchObject({ throttled: false, passwordState: 'temporary' });
    expect(await login('tech', TECH.username, GOOD)).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(data(await login('tech', TECH.username, reset.value)).passwordChange?.mode).toBe('required');

    const entry = (await recentAudit(50)).find((e) => e.eventType === 'password.reset_by_admin');
    expect(entry).toMatchObject({ actorUserId: 1, subjectUserId: user.id });
    expect(JSON.stringify(entry)).not.toContain(reset.value);
  });

  it('an administrator cannot reset their own password from the list', async () => {
    expect(await core.call('admin', 'users:resetPassword', { userId: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});

describe('password policy on every path', () => {
  const reasons = (result: IpcResult<unknown>) => (result.ok ? [] : (result.error.fields ?? []).map((f) => f.code));

  it('says every reason at once when an administrator chooses a password', async () => {
    const result = await core.call('admin', 'users:create', { ...TECH, passwordMode: 'chosen', password: 'martin', passwordConfirmation: 'martin' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(reasons(result)).toEqual([
      'validation.password.tooShort',
      'validation.password.common',
      'validation.password.containsDisplayName',
      'validation.password.tooWeak',
    ]);
    expect(!result.ok && result.error.fields?.[0]).toEqual({ path: 'password', code: 'validation.password.tooShort', params: { min: 8 } });
  });

  it('refuses common passwords, the username, and too weak ones, on the change path too', async () => {
    const { temporaryPassword } = await createTechnician();
    await login('tech', TECH.username, temporaryPassword.value);
    const change = (password: string) => core.call('tech', 'account:changePassword', { newPassword: password, passwordConfirmation: password });
    expect(reasons(await change('motdepasse123'))).toContain('validation.password.common');
    expect(reasons(await change('j.martin-atelier-9'))).toContain('validation.password.containsUsername');
    expect(reasons(await change('aaaaaaaaaa'))).toContain('validation.password.tooWeak');
    expect(reasons(await change(GOOD))).toEqual([]);
  });

  it('follows the minimum length and strength settings', async () => {
    const settings = data(await core.call('admin', 'users:getSettings'));
    data(await core.call('admin', 'users:updateSettings', { ...settings, passwordMinLength: 24, passwordMinStrength: 'strong' }));
    const result = await core.call('admin', 'users:create', { ...TECH, passwordMode: 'chosen', password: 'Tracteur-bleu', passwordConfirmation: 'Tracteur-bleu' });
    expect(!result.ok && result.error.fields).toEqual([
      { path: 'password', code: 'validation.password.tooShort', params: { min: 24 } },
      { path: 'password', code: 'validation.password.tooWeak', params: { level: 'strong' } },
    ]);
    // Generated temporary passwords follow the length setting too.
    const { temporaryPassword } = await createTechnician();
    expect(temporaryPassword.value.length).toBeGreaterThanOrEqual(24);
    expect(await core.call('admin', 'users:updateSettings', { ...settings, passwordMinLength: 7 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('keeps passwords apart beyond bcrypt’s 72 bytes, and treats NFKC-equivalent ones as the same', async () => {
    // 37 × "é" is 74 bytes of UTF-8: two passwords differing only after byte 72 must not be interchangeable.
    const long = `${'é'.repeat(37)} pompe A`;
    const longTwin = `${'é'.repeat(37)} pompe B`;
    data(await core.call('admin', 'users:create', { ...TECH, passwordMode: 'chosen', password: long, passwordConfirmation: long }));
    expect(await login('t1', TECH.username, longTwin)).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await login('t1', TECH.username, long)).toMatchObject({ ok: true });

    // "ﬁ" (one ligature code point) and "fi" are one password after NFKC; "é" composed or decomposed too.
    const ligature = 'la ﬁlière hydraulique é';
    data(await core.call('admin', 'users:create', { ...TECH, username: 'p.durand', displayName: 'Paul Durand', email: '', passwordMode: 'chosen', password: ligature, passwordConfirmation: ligature }));
    expect(await login('t2', 'p.durand', 'la filière hydraulique e\u0301')).toMatchObject({ ok: true });
  });

  it('checks the first administrator’s password too', async () => {
    const fresh = await createTestCore();
    try {
      const result = await fresh.call('w', 'auth:setupFirstAdmin', { ...ADMIN_INPUT, password: 'azertyuiop', passwordConfirmation: 'azertyuiop' });
      expect(reasons(result)).toContain('validation.password.common');
    } finally {
      await fresh.dispose();
    }
  });
});

describe('required, offered and voluntary changes', () => {
  it('offers a change for an admin-chosen password when the setting is optional, and "Plus tard" is audited', async () => {
    const settings = data(await core.call('admin', 'users:getSettings'));
    data(await core.call('admin', 'users:updateSettings', { ...settings, chosenPasswordChange: 'optional' }));
    data(await core.call('admin', 'users:create', { ...TECH, passwordMode: 'chosen', password: GOOD, passwordConfirmation: GOOD }));
    const session = data(await login('tech', TECH.username, GOOD));
    expect(session.passwordChange).toEqual({ mode: 'offered', reason: 'chosenByAdmin' });
    expect(await core.call('tech', 'drafts:list')).toMatchObject({ ok: true });
    expect(data(await core.call('tech', 'account:postponePasswordChange')).passwordChange).toBeNull();
    expect(await auditTypes()).toContain('password.change_postponed');
    await core.call('tech', 'auth:logout');
    expect(data(await login('tech', TECH.username, GOOD)).passwordChange).toBeNull();
  });

  it('requires the change of an admin-chosen password by default, without "Plus tard"', async () => {
    data(await core.call('admin', 'users:create', { ...TECH, passwordMode: 'chosen', password: GOOD, passwordConfirmation: GOOD }));
    expect(data(await login('tech', TECH.username, GOOD)).passwordChange).toEqual({ mode: 'required', reason: 'chosenByAdmin' });
    expect(await core.call('tech', 'account:postponePasswordChange')).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
  });

  it('a voluntary change needs the current password, counts wrong ones as login failures, and ends only the other sessions', async () => {
    await login('second', ADMIN_INPUT.username, ADMIN_INPUT.password);
    const wrong = await core.call('admin', 'account:changePassword', { currentPassword: 'pas le bon', newPassword: GOOD, passwordConfirmation: GOOD });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'currentPassword', code: 'validation.currentPasswordWrong' }] } });
    expect(await auditTypes()).toContain('password.change_failed');
    const missing = await core.call('admin', 'account:changePassword', { newPassword: GOOD, passwordConfirmation: GOOD });
    expect(missing).toMatchObject({ ok: false, error: { fields: [{ path: 'currentPassword', code: 'validation.currentPasswordRequired' }] } });

    const changed = await core.call('admin', 'account:changePassword', { currentPassword: ADMIN_INPUT.password, newPassword: GOOD, passwordConfirmation: GOOD });
    expect(changed).toMatchObject({ ok: true });
    expect(await core.call('admin', 'users:list', {})).toMatchObject({ ok: true });
    expect(await core.call('second', 'users:list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await recentAudit(5)).find((e) => e.eventType === 'password.changed')?.details).toEqual({ reason: 'voluntary', endedSessions: 1 });
  });

  it('throttles guessing through the change form like the login screen', async () => {
    for (let i = 0; i < 5; i++) {
      await core.call('admin', 'account:changePassword', { currentPassword: `faux ${i}`, newPassword: GOOD, passwordConfirmation: GOOD });
    }
    const blocked = await core.call('admin', 'account:changePassword', { currentPassword: ADMIN_INPUT.password, newPassword: GOOD, passwordConfirmation: GOOD });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
  });

  it('refuses a confirmation that differs', async () => {
    const result = await core.call('admin', 'account:changePassword', { currentPassword: ADMIN_INPUT.password, newPassword: GOOD, passwordConfirmation: OTHER_GOOD });
    expect(result).toMatchObject({ ok: false, error: { fields: [{ path: 'passwordConfirmation', code: 'validation.passwordsDiffer' }] } });
  });
});

describe('user administration', () => {
  it('refuses a username or email already taken, and says which', async () => {
    await createTechnician();
    const result = await core.call('admin', 'users:create', { ...TECH, username: 'J.Martin', passwordMode: 'temporary' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fields: [{ path: 'username', code: 'validation.usernameTaken' }, { path: 'email', code: 'validation.emailTaken' }] },
    });
  });

  it('edits name, email and role; a new role ends the user’s sessions', async () => {
    const { user, temporaryPassword } = await createTechnician();
    await login('tech', TECH.username, temporaryPassword.value);
    await core.call('tech', 'account:changePassword', { newPassword: GOOD, passwordConfirmation: GOOD });
    const renamed = data(await core.call('admin', 'users:update', { userId: user.id, displayName: 'Jean Martin-Roux', email: '', role: 'technician' }));
    expect(renamed).toMatchObject({ displayName: 'Jean Martin-Roux', email: null });
    expect(await core.call('tech', 'drafts:list')).toMatchObject({ ok: true });
    data(await core.call('admin', 'users:update', { userId: user.id, displayName: 'Jean Martin-Roux', email: '', role: 'maintenance_manager' }));
    expect(await core.call('tech', 'drafts:list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const entry = (await recentAudit(10)).find((e) => e.eventType === 'user.updated');
    expect(entry?.details).toEqual({ changes: [{ field: 'role', from: 'technician', to: 'maintenance_manager' }] });
  });

  it('deactivation ends sessions and blocks login; reactivation lets the user back in; nobody is deleted', async () => {
    const { user, temporaryPassword } = await createTechnician();
    await login('tech', TECH.username, temporaryPassword.value);
    await core.call('tech', 'account:changePassword', { newPassword: GOOD, passwordConfirmation: GOOD });
    const off = data(await core.call('admin', 'users:setActive', { userId: user.id, active: false }));
    expect(off).toMatchObject({ isActive: false, openSessions: 0 });
    expect(off.deactivatedAt).toBe(core.clock.now());
    expect(await core.call('tech', 'drafts:list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await login('tech', TECH.username, GOOD)).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    data(await core.call('admin', 'users:setActive', { userId: user.id, active: true }));
    expect(await login('tech', TECH.username, GOOD)).toMatchObject({ ok: true });
    expect(await auditTypes()).toEqual(expect.arrayContaining(['user.deactivated', 'user.reactivated']));
  });

  it('keeps at least one active administrator', async () => {
    expect(await core.call('admin', 'users:update', { userId: 1, displayName: 'Chef', email: ADMIN_INPUT.email, role: 'technician' })).toMatchObject({
      ok: false,
      error: { code: 'LAST_ADMIN' },
    });
    expect(await core.call('admin', 'users:setActive', { userId: 1, active: false })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
    // With a second administrator, the first may step down (and signs in again under the new role), but never deactivate themselves.
    const second = data(await core.call('admin', 'users:create', { ...TECH, role: 'admin', passwordMode: 'temporary' }));
    expect(await core.call('admin', 'users:setActive', { userId: 1, active: false })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await core.call('admin', 'users:setActive', { userId: second.user.id, active: false })).toMatchObject({ ok: true });
    expect(await core.call('admin', 'users:update', { userId: 1, displayName: 'Chef', email: ADMIN_INPUT.email, role: 'technician' })).toMatchObject({
      ok: false,
      error: { code: 'LAST_ADMIN' },
    });
  });

  it('keeps one active administrator when two administrators demote each other at once', async () => {
    const settings = data(await core.call('admin', 'users:getSettings'));
    data(await core.call('admin', 'users:updateSettings', { ...settings, chosenPasswordChange: 'optional' }));
    const second = data(await core.call('admin', 'users:create', { ...TECH, role: 'admin', passwordMode: 'chosen', password: GOOD, passwordConfirmation: GOOD }));
    data(await login('second', TECH.username, GOOD));
    // Each counts two active administrators before writing; only the write's own count under its lock decides.
    const results = await Promise.all([
      core.call('admin', 'users:update', { userId: second.user.id, displayName: TECH.displayName, email: TECH.email, role: 'technician' }),
      core.call('second', 'users:update', { userId: 1, displayName: ADMIN_INPUT.displayName, email: ADMIN_INPUT.email, role: 'technician' }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toMatchObject([{ ok: false, error: { code: 'LAST_ADMIN' } }]);
    const admins = await core.database.kysely.selectFrom('users').select('id').where('role', '=', 'admin').where('is_active', '=', 1).execute();
    expect(admins).toHaveLength(1);
  });

  it('answers CONFLICT, not an internal error, when two administrators create the same name at once', async () => {
    const results = await Promise.all([
      core.call('admin', 'users:create', { ...TECH, passwordMode: 'temporary' }),
      core.call('admin', 'users:create', { ...TECH, email: 'autre@usine.example', passwordMode: 'temporary' }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toMatchObject([
      { ok: false, error: { code: 'CONFLICT', fields: [{ path: 'username', code: 'validation.usernameTaken' }] } },
    ]);
    expect(await core.database.kysely.selectFrom('users').select('id').where('username', '=', TECH.username).execute()).toHaveLength(1);
  });

  it('lists with search, filters and sort', async () => {
    await createTechnician();
    data(await core.call('admin', 'users:create', { username: 'a.bernard', displayName: 'Alice Bernard', email: '', role: 'requester', passwordMode: 'temporary' }));
    const names = async (input: ChannelInput<'users:list'>) => data(await core.call('admin', 'users:list', input)).map((u) => u.username);
    expect(await names({})).toEqual(['a.bernard', 'admin.chef', 'j.martin']);
    expect(await names({ sort: 'username', direction: 'desc' })).toEqual(['j.martin', 'admin.chef', 'a.bernard']);
    expect(await names({ search: 'MARTIN' })).toEqual(['j.martin']);
    expect(await names({ search: 'usine.example' })).toEqual(['admin.chef', 'j.martin']);
    expect(await names({ search: '%' })).toEqual([]);
    expect(await names({ role: 'requester' })).toEqual(['a.bernard']);
    for (let i = 0; i < 5; i++) await login('x', 'j.martin@usine.example', 'wrong password');
    expect(await names({ throttledOnly: true })).toEqual(['j.martin']);
    data(await core.call('admin', 'users:clearThrottle', { userId: 2 }));
    expect(await names({ throttledOnly: true })).toEqual([]);
    data(await core.call('admin', 'users:setActive', { userId: 2, active: false }));
    expect(await names({ status: 'inactive' })).toEqual(['j.martin']);
    expect(await names({ status: 'active' })).toEqual(['a.bernard', 'admin.chef']);
  });

  it('shows the detail an administrator needs', async () => {
    const { user } = await createTechnician();
    expect(data(await core.call('admin', 'users:get', { userId: user.id }))).toMatchObject({
      createdBy: { id: 1, displayName: ADMIN_INPUT.displayName },
      createdAt: core.clock.now(),
      passwordChangedAt: core.clock.now(),
      lastLoginAt: null,
      passwordState: 'temporary',
      temporaryPasswordExpiresAt: core.clock.now() + 24 * HOUR,
    });
    expect(await core.call('admin', 'users:get', { userId: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
