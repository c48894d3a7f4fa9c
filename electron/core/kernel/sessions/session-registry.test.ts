// Sessions per window, and revocation when the user's credentials change underneath them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../../tests/support/test-core';

let core: TestCore;
const login = (windowId: string) => core.call(windowId, 'auth:login', { identifier: 'admin.chef', password: ADMIN_INPUT.password });

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
});
afterEach(() => core.dispose());

describe('sessions', () => {
  it('ends every window’s session when the credential version moves on, and tells each window why', async () => {
    await login('w1');
    await login('w2');
    await core.database.kysely.updateTable('users').set((eb) => ({ credential_version: eb('credential_version', '+', 1) })).execute();
    expect(await core.call('w1', 'auth:logout')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await core.call('w2', 'app:getState')).toMatchObject({ ok: true, data: { user: null } });
    expect(core.events).toEqual([
      { windowId: 'w1', event: 'session:ended', payload: { reason: 'revoked' } },
      { windowId: 'w2', event: 'session:ended', payload: { reason: 'revoked' } },
    ]);
    const revoked = await core.database.kysely.selectFrom('audit_log').select('id').where('event_type', '=', 'session.revoked').execute();
    expect(revoked).toHaveLength(2);
  });

  it('ends the session of a deactivated user at their next call', async () => {
    await login('w1');
    await core.database.kysely.updateTable('users').set({ is_active: 0 }).execute();
    expect(await core.call('w1', 'app:getState')).toMatchObject({ data: { user: null } });
  });

  it('a new login in the same window replaces the previous session', async () => {
    await login('w1');
    await login('w1');
    expect(core.sessions.activeCount()).toBe(1);
    expect(core.events).toContainEqual({ windowId: 'w1', event: 'session:ended', payload: { reason: 'replaced' } });
  });

  it('endAllForUser closes that user’s windows only', async () => {
    await login('w1');
    await login('w2');
    await core.sessions.endAllForUser(1, 'revoked');
    expect(core.sessions.activeCount()).toBe(0);
  });

  it('forgets a closed window without notifying it', async () => {
    await login('w1');
    core.sessions.forgetWindow('w1');
    expect(core.sessions.activeCount()).toBe(0);
    expect(core.events).toEqual([]);
  });
});
