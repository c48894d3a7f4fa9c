// Generated from the contract: every channel that names roles is refused to every other role, and every
// non-public channel is refused without a session. A new channel is covered the day it is declared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, contract, ROLES, type Role } from '../../../../shared/contract';
import { createTestCore, type TestCore } from '../../../../tests/support/test-core';
import { UsersRepository } from '../identity/users-repository';

let core: TestCore;
const windowOf = (role: Role) => `window-${role}`;

beforeAll(async () => {
  core = await createTestCore();
  const users = new UsersRepository(core.database.kysely);
  for (const role of ROLES) {
    const id = await users.insert(
      { username: `user.${role}`, displayName: role, email: null, role, passwordHash: 'unused', mustChangePassword: false, locale: 'fr' },
      core.clock.now(),
    );
    await core.sessions.start(windowOf(role), (await users.findById(id))!);
  }
  // An administrator signed in with a temporary password: the highest role, yet only the change is open.
  await users.insert(
    { username: 'temp.admin', displayName: 'temp', email: null, role: 'admin', passwordHash: 'unused', mustChangePassword: true, locale: 'fr' },
    core.clock.now(),
  );
});
const startTemporarySession = async () => core.sessions.start('window-temporary', (await new UsersRepository(core.database.kysely).findByLogin('temp.admin'))!);
afterAll(() => core.dispose());

const restricted = CHANNEL_NAMES.filter((name) => Array.isArray(contract[name].access));
const nonPublic = CHANNEL_NAMES.filter((name) => contract[name].access !== 'public');

describe('access matrix', () => {
  it('has admin-only channels to check (the matrix is not empty)', () => {
    expect(restricted.length).toBeGreaterThan(0);
  });

  for (const channel of restricted) {
    const allowed = contract[channel].access as readonly Role[];
    for (const role of ROLES.filter((r) => !allowed.includes(r))) {
      it(`${channel} is refused to ${role}`, async () => {
        const result = await core.call(windowOf(role), channel, undefined);
        expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      });
    }
    for (const role of allowed) {
      it(`${channel} lets ${role} past the role check`, async () => {
        const result = await core.call(windowOf(role), channel, undefined);
        expect(result.ok ? 'ok' : result.error.code).not.toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      });
    }
  }

  for (const channel of nonPublic) {
    it(`${channel} is refused without a session`, async () => {
      expect(await core.call('window-anonymous', channel, undefined)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    });
  }

  for (const channel of nonPublic) {
    const open = contract[channel].duringPasswordChange === true;
    it(`${channel} is ${open ? 'open' : 'refused'} while the password must be changed`, async () => {
      await startTemporarySession();
      const result = await core.call('window-temporary', channel, undefined);
      if (open) expect(result.ok ? 'ok' : result.error.code).not.toMatch(/PASSWORD_CHANGE_REQUIRED|FORBIDDEN|UNAUTHENTICATED/);
      else expect(result).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    });
  }
});
