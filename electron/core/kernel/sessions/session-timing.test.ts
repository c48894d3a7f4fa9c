// Every timer path of the inactivity lock, with an injected clock: main is the only clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../../tests/support/test-core';

const MIN = 60_000;
let core: TestCore;
const login = (windowId = 'w1') => core.call(windowId, 'auth:login', { identifier: 'admin.chef', password: ADMIN_INPUT.password });
const eventsFor = (windowId: string) => core.events.filter((e) => e.windowId === windowId).map((e) => ({ event: e.event, payload: e.payload }));
const locks = async () =>
  (await core.database.kysely.selectFrom('audit_log').select('details').where('event_type', '=', 'session.locked').orderBy('id').execute()).map((row) => ({
    reason: (JSON.parse(row.details ?? '{}') as { reason?: string }).reason,
  }));

async function setup(options: Parameters<typeof createTestCore>[0] = {}) {
  core = await createTestCore(options);
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
}
afterEach(() => core.dispose());

describe('inactivity lock (defaults: idle 15 min, warning 60 s, lifetime 1 h)', () => {
  beforeEach(() => setup());

  it('warns 60 s before the idle deadline, with the deadline from main', async () => {
    await login();
    const start = core.clock.now();
    core.clock.advance(14 * MIN - 1);
    await core.sessions.tick();
    expect(eventsFor('w1')).toEqual([]);
    core.clock.advance(1);
    await core.sessions.tick();
    expect(eventsFor('w1')).toEqual([
      {
        event: 'session:timing',
        payload: { now: start + 14 * MIN, idleDeadline: start + 15 * MIN, absoluteDeadline: start + 60 * MIN, warning: { reason: 'idle', deadline: start + 15 * MIN } },
      },
    ]);
    // Told once, not every tick.
    await core.sessions.tick();
    expect(eventsFor('w1')).toHaveLength(1);
  });

  it('"Rester connecté" is activity: it clears the warning and moves the deadline', async () => {
    await login();
    core.clock.advance(14.5 * MIN);
    await core.sessions.tick();
    const result = await core.call('w1', 'session:activity');
    expect(result).toMatchObject({ ok: true, data: { warning: null, idleDeadline: core.clock.now() + 15 * MIN } });
    expect(eventsFor('w1').at(-1)).toMatchObject({ event: 'session:timing', payload: { warning: null } });
    core.clock.advance(14 * MIN);
    await core.sessions.tick();
    expect(await core.call('w1', 'app:getState')).toMatchObject({ data: { user: { username: 'admin.chef' } } });
  });

  it('locks at the idle deadline: the window is told why, later calls are refused, and it is audited', async () => {
    await login();
    core.clock.advance(15 * MIN);
    await core.sessions.tick();
    expect(eventsFor('w1').at(-1)).toEqual({ event: 'session:ended', payload: { reason: 'idle' } });
    expect(await core.call('w1', 'session:getTiming')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await locks()).toEqual([{ reason: 'idle' }]);
  });

  it('polling and other background calls never extend the session', async () => {
    await login();
    for (let i = 0; i < 15; i++) {
      core.clock.advance(MIN);
      await core.call('w1', 'app:getState');
      await core.call('w1', 'session:getTiming');
      await core.call('w1', 'drafts:list');
      await core.sessions.tick();
    }
    expect(eventsFor('w1').at(-1)).toEqual({ event: 'session:ended', payload: { reason: 'idle' } });
  });

  it('ends at the absolute lifetime even with constant activity, warning first', async () => {
    await login();
    const start = core.clock.now();
    for (let t = 0; t < 59; t++) {
      core.clock.advance(MIN);
      await core.call('w1', 'session:activity');
      await core.sessions.tick();
    }
    expect(eventsFor('w1').at(-1)).toEqual({
      event: 'session:timing',
      payload: expect.objectContaining({ warning: { reason: 'absolute', deadline: start + 60 * MIN } }),
    });
    // Activity does not clear an absolute warning.
    expect(await core.call('w1', 'session:activity')).toMatchObject({ data: { warning: { reason: 'absolute' } } });
    core.clock.advance(MIN);
    await core.sessions.tick();
    expect(eventsFor('w1').at(-1)).toEqual({ event: 'session:ended', payload: { reason: 'absolute' } });
  });

  it('a call after the deadline is refused even if no tick ran (resume after sleep)', async () => {
    await login();
    core.clock.advance(3 * 60 * MIN);
    expect(await core.call('w1', 'session:activity')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(eventsFor('w1').at(-1)).toEqual({ event: 'session:ended', payload: { reason: 'absolute' } });
  });

  it('resume after the deadline: the next tick locks', async () => {
    await login();
    core.clock.advance(20 * MIN);
    await core.sessions.tick();
    expect(eventsFor('w1').at(-1)).toEqual({ event: 'session:ended', payload: { reason: 'idle' } });
  });

  it('suspend or screen lock locks every window at once', async () => {
    await login('w1');
    await login('w2');
    await core.sessions.lockAll('os-lock');
    expect(core.sessions.activeCount()).toBe(0);
    expect(eventsFor('w2')).toEqual([{ event: 'session:ended', payload: { reason: 'os-lock' } }]);
    expect(await locks()).toEqual([{ reason: 'os-lock' }, { reason: 'os-lock' }]);
  });

  it('"Verrouiller" ends this window’s session only', async () => {
    await login('w1');
    await login('w2');
    expect(await core.call('w1', 'session:lock')).toEqual({ ok: true, data: null });
    expect(await core.call('w1', 'app:getState')).toMatchObject({ data: { user: null } });
    expect(await core.call('w2', 'app:getState')).toMatchObject({ data: { user: { username: 'admin.chef' } } });
    expect(await locks()).toEqual([{ reason: 'manual-lock' }]);
  });
});

describe('settings', () => {
  beforeEach(() => setup());

  it('apply to sessions started after the change, not to open ones', async () => {
    await login('admin');
    const update = await core.call('admin', 'security:updateSettings', {
      idleMinutes: 1,
      warningSeconds: 30,
      absoluteHours: 1,
      throttleMaxFailures: 5,
      throttleBaseDelaySeconds: 60,
      throttleMaxDelayMinutes: 15,
      throttleResetHours: 12,
    });
    expect(update).toMatchObject({ ok: true, data: { idleMinutes: 1 } });
    await login('w2');
    core.clock.advance(MIN);
    await core.sessions.tick();
    expect(eventsFor('w2').at(-1)).toEqual({ event: 'session:ended', payload: { reason: 'idle' } });
    expect(await core.call('admin', 'app:getState')).toMatchObject({ data: { user: { username: 'admin.chef' } } });
    const audit = await core.database.kysely.selectFrom('audit_log').select('details').where('event_type', '=', 'settings.updated').executeTakeFirstOrThrow() as { details: string };
    expect(JSON.parse(audit.details).changes).toEqual([
      { setting: 'idleMinutes', from: 15, to: 1 },
      { setting: 'warningSeconds', from: 60, to: 30 },
    ]);
  });

  it('refuses values out of bounds and a warning longer than the idle delay, writing nothing', async () => {
    await login('admin');
    const base = (await core.call('admin', 'security:getSettings')) as { ok: true; data: Record<string, number> };
    const tooLong = await core.call('admin', 'security:updateSettings', { ...base.data, idleMinutes: 1, warningSeconds: 90 });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'warningSeconds', code: 'validation.warningTooLong' }] } });
    const outOfRange = await core.call('admin', 'security:updateSettings', { ...base.data, idleMinutes: 241 });
    expect(outOfRange).toMatchObject({ ok: false, error: { fields: [{ path: 'idleMinutes', code: 'validation.outOfRange' }] } });
    expect(await core.call('admin', 'security:getSettings')).toEqual(base);
  });
});

describe('the operating system’s idle time as a second signal', () => {
  let systemIdle = 0;
  beforeEach(() => setup({ systemIdleMs: () => systemIdle }));

  it('input elsewhere on the computer keeps the session alive; none locks it', async () => {
    await login();
    systemIdle = 0; // someone is typing in another application on this PC
    core.clock.advance(16 * MIN);
    await core.sessions.tick();
    expect(core.sessions.activeCount()).toBe(1);
    systemIdle = 15 * MIN;
    core.clock.advance(15 * MIN);
    await core.sessions.tick();
    expect(core.sessions.activeCount()).toBe(0);
  });
});

describe('ending a user’s sessions (administrator)', () => {
  beforeEach(() => setup());

  it('lists who is signed in, then ends every window of that user, tells them why, and is audited', async () => {
    await login('admin');
    core.clock.advance(MIN);
    await login('other');
    expect(await core.call('admin', 'security:listSessions')).toEqual({
      ok: true,
      data: [{ userId: 1, username: 'admin.chef', displayName: 'Chef Atelier', windows: 2, startedAt: core.clock.now() - MIN, lastActivityAt: core.clock.now() }],
    });
    expect(await core.call('admin', 'security:endUserSessions', { userId: 1 })).toEqual({ ok: true, data: { ended: 2 } });
    expect(eventsFor('other').at(-1)).toEqual({ event: 'session:ended', payload: { reason: 'revoked' } });
    expect(await core.database.kysely.selectFrom('audit_log').select('id').where('event_type', '=', 'sessions.ended_by_admin').execute()).toHaveLength(1);
  });

  it('refuses an unknown user id', async () => {
    await login('admin');
    expect(await core.call('admin', 'security:endUserSessions', { userId: 99 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
