// The single IPC entry point: sender, channel, session, role, input, and what may come back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, contract } from '../../../../shared/contract';
import { ADMIN_INPUT, createTestCore, TEST_ORIGIN, type TestCore } from '../../../../tests/support/test-core';
import { createDispatcher } from './dispatcher';
import type { Handlers } from './handler-types';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(() => core.dispose());

describe('dispatcher', () => {
  it('refuses a sender that is not one of our pages, before anything else', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', '', `${TEST_ORIGIN}.evil/`]) {
      const result = await core.dispatcher.dispatch({ windowId: 'w1', url }, 'auth:setupFirstAdmin', ADMIN_INPUT);
      expect(result, url).toEqual({ ok: false, error: { code: 'UNTRUSTED_SENDER', message: 'The caller is not one of our windows' } });
    }
    expect(await core.database.kysely.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('refuses channels outside the contract, including prototype names', async () => {
    for (const channel of ['users:drop', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await core.call('w1', channel as string)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('refuses authenticated channels without a session, before looking at the input', async () => {
    expect(await core.call('w1', 'account:setLocale', { locale: 'klingon' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('returns field codes for bad input, never zod’s own text', async () => {
    const result = await core.call('w1', 'auth:login', { identifier: '', password: 12 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The input does not match the contract',
        fields: [
          { path: 'identifier', code: 'validation.required' },
          { path: 'password', code: 'validation.invalid' },
        ],
      },
    });
  });

  it('enforces the roles a channel declares, with fresh roles from the database', async () => {
    await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
    await core.call('w1', 'auth:login', { identifier: 'admin.chef', password: ADMIN_INPUT.password });
    let calls = 0;
    const guarded = createDispatcher({
      sessions: core.sessions,
      logger: core.logger,
      isTrustedSender: () => true,
      contract: { 'test:adminOnly': { input: z.undefined(), access: ['admin'] } },
      handlers: { 'test:adminOnly': () => ++calls } as unknown as Handlers,
    });
    const sender = { windowId: 'w1', url: '' };
    expect(await guarded.dispatch(sender, 'test:adminOnly', undefined)).toEqual({ ok: true, data: 1 });
    await core.database.kysely.updateTable('users').set({ role: 'technician' }).execute();
    expect(await guarded.dispatch(sender, 'test:adminOnly', undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toBe(1);
  });

  it('hides unexpected errors: a generic code reaches the renderer, the details reach the log', async () => {
    const handlers = {
      'app:getState': () => {
        throw new Error('SQLITE_CORRUPT: near "SELECT": syntax error in /secret/path.sqlite');
      },
    } as unknown as Handlers;
    const dispatcher = createDispatcher({ sessions: core.sessions, logger: core.logger, isTrustedSender: () => true, handlers });
    const result = await dispatcher.dispatch({ windowId: 'w1', url: '' }, 'app:getState', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL_ERROR', message: 'Unexpected error' } });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|secret|stack/i);
    expect(core.logger.lines.join('\n')).toContain('SQLITE_CORRUPT');
  });

  it('every channel of the contract has a handler and declares its access', async () => {
    for (const channel of CHANNEL_NAMES) {
      const access = contract[channel].access as unknown;
      expect(access === 'public' || access === 'authenticated' || Array.isArray(access), channel).toBe(true);
      const result = await core.call('probe', channel, undefined);
      expect(result.ok === false ? result.error.code : 'ok', channel).not.toBe('UNKNOWN_CHANNEL');
    }
  });
});
