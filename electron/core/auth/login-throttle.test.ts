// Login throttling through the real dispatcher, on a real SQLite file, with a fake clock.
import bcrypt from 'bcrypt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SECURITY_SETTINGS } from '../../../shared/security/security-settings';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { ThrottleRepository } from './throttle-repository';
import { LoginThrottle } from './login-throttle';

const WRONG = 'mauvais mot de passe';
const INVALID = { ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'Invalid credentials' } };
const throttled = (retryAfterSeconds: number) => ({
  ok: false,
  error: { code: 'THROTTLED', message: 'Too many attempts', details: { retryAfterSeconds } },
});

let core: TestCore;
beforeEach(async () => {
  core = createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  await core.call('setup', 'auth:logout');
});
afterEach(() => {
  vi.restoreAllMocks();
  core.dispose();
});

const login = (identifier: string, password = WRONG, windowId = 'w1') => core.call(windowId, 'auth:login', { identifier, password });
async function fail(identifier: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) expect(await login(identifier)).toEqual(INVALID);
}
/** Logs the administrator in and calls as them (while their account is not waiting: its names share one wait). */
async function asAdmin(channel: string, input?: unknown) {
  expect(await login(ADMIN_INPUT.email, ADMIN_INPUT.password, 'admin')).toMatchObject({ ok: true });
  return core.call('admin', channel, input);
}
const auditOf = (eventType: string) =>
  new AuditRepository(core.db, 'x').recent(200).filter((entry) => entry.eventType === eventType).reverse();

describe('login throttle', () => {
  it('makes the name wait after 5 failures, then doubles each wait up to 15 minutes', async () => {
    await fail('admin.chef', 5);
    for (const seconds of [60, 120, 240, 480, 900, 900]) {
      expect(await login('admin.chef')).toEqual(throttled(seconds));
      core.clock.advance(seconds * 1000 - 1500);
      expect(await login('admin.chef')).toEqual(throttled(2)); // rounded up, never 0 while waiting
      core.clock.advance(1500);
      expect(await login('admin.chef')).toEqual(INVALID); // one failure after the wait starts the next one
    }
    expect(auditOf('login.throttled').map((entry) => entry.details)).toEqual(
      [60, 120, 240, 480, 900, 900, 900].map((delaySeconds, i) => ({ delaySeconds, consecutiveFailures: 5 + i })),
    );
    expect(auditOf('login.throttled')[0]).toMatchObject({ subjectLabel: 'admin.chef', subjectUserId: 1, actorUserId: null });
  });

  it('refuses even the right password during a wait, which does not extend it; afterwards success resets the streak', async () => {
    await fail('admin.chef', 5);
    core.clock.advance(30_000);
    expect(await login('admin.chef', ADMIN_INPUT.password)).toEqual(throttled(30));
    expect(await login('admin.chef')).toEqual(throttled(30));
    core.clock.advance(30_000);
    expect(await login('admin.chef', ADMIN_INPUT.password)).toMatchObject({ ok: true });
    expect(core.db.prepare('SELECT COUNT(*) AS n FROM login_throttle').get()).toEqual({ n: 0 });
    await fail('admin.chef', 4);
    expect(await login('admin.chef')).toEqual(INVALID); // the 5th of a fresh streak, not a doubled wait
    expect(await login('admin.chef')).toEqual(throttled(60));
  });

  it('answers a known name and an unknown one identically at every step', async () => {
    const step = async () => [await login('admin.chef'), await login('personne')];
    const sequence: unknown[][] = [];
    for (let i = 0; i < 6; i++) sequence.push(await step());
    core.clock.advance(60_000);
    sequence.push(await step(), await step());
    for (const [known, unknown] of sequence) expect(unknown).toEqual(known);
    expect(sequence.map(([known]) => known)).toEqual([...Array(5).fill(INVALID), throttled(60), INVALID, throttled(120)]);
  });

  it('counts inactive accounts too, and keys names case-insensitively', async () => {
    core.db.prepare('UPDATE users SET is_active = 0').run();
    await login('ADMIN.chef', ADMIN_INPUT.password);
    await login(' admin.CHEF ', ADMIN_INPUT.password);
    await fail('admin.chef', 3);
    expect(await login('Admin.Chef')).toEqual(throttled(60));
    expect(core.db.prepare('SELECT identifier FROM login_throttle').all()).toEqual([{ identifier: 'admin.chef' }]);
  });

  it('forgets a streak after 12 hours without failure', async () => {
    await fail('personne', 5);
    core.clock.advance(12 * 3_600_000);
    await fail('personne', 4); // a fresh streak: the 5th failure only starts a 60 s wait, not 120 s
    expect(await login('personne')).toEqual(INVALID);
    expect(await login('personne')).toEqual(throttled(60));
  });

  it('honours changed settings', async () => {
    const settings = { ...DEFAULT_SECURITY_SETTINGS, throttleMaxFailures: 3, throttleBaseDelaySeconds: 40, throttleMaxDelayMinutes: 1, throttleResetHours: 1 };
    expect(await asAdmin('security:updateSettings', settings)).toMatchObject({ ok: true });
    await fail('personne', 3);
    for (const seconds of [40, 60, 60]) {
      expect(await login('personne')).toEqual(throttled(seconds));
      core.clock.advance(seconds * 1000);
      expect(await login('personne')).toEqual(INVALID);
    }
    core.clock.advance(3_600_000);
    await fail('personne', 2);
    expect(await login('personne')).toEqual(INVALID);
    expect(await login('personne')).toEqual(throttled(40));
  });

  it('lists current throttles newest first, and an administrator’s clear lets the name in at once, audited', async () => {
    // Signed in first: the account about to wait is the administrator's own, under every name.
    expect(await asAdmin('session:getTiming')).toMatchObject({ ok: true });
    await fail('personne', 2);
    core.clock.advance(1000);
    await fail('admin.chef', 5);
    const blockedUntil = core.clock.now() + 60_000;
    core.clock.advance(1000);
    expect(await core.call('admin', 'security:listThrottled')).toEqual({
      ok: true,
      data: [
        { identifier: 'admin.chef', consecutiveFailures: 5, blockedUntil, lastFailureAt: blockedUntil - 60_000 },
        { identifier: 'personne', consecutiveFailures: 2, blockedUntil: null, lastFailureAt: blockedUntil - 61_000 },
      ],
    });

    expect(await core.call('admin', 'security:clearThrottle', { identifier: ' Admin.Chef ' })).toEqual({ ok: true, data: null });
    expect(await login('admin.chef', ADMIN_INPUT.password)).toMatchObject({ ok: true });
    expect(auditOf('login.unthrottled')).toEqual([
      expect.objectContaining({ actorUserId: 1, subjectUserId: 1, subjectLabel: 'admin.chef', workstation: 'POSTE-TEST' }),
    ]);

    core.clock.advance(12 * 3_600_000);
    expect(await asAdmin('security:listThrottled')).toEqual({ ok: true, data: [] }); // the old streak has reset
  });

  it('clears a user under both their username and their email', async () => {
    const repository = new ThrottleRepository(core.db);
    const throttle = new LoginThrottle({
      repository,
      audit: new AuditRepository(core.db, 'POSTE-TEST'),
      clock: core.clock,
      settings: () => DEFAULT_SECURITY_SETTINGS,
    });
    await fail('admin.chef', 5);
    // Failures typed as the email now count under the account; a row keyed by the email can only be one left by an
    // earlier version, and the administrator's clear must lift it too.
    repository.save({ identifier: 'chef@usine.example', consecutiveFailures: 5, lastFailureAt: core.clock.now(), blockedUntil: core.clock.now() + 60_000, blockCount: 1 });
    throttle.clearForUser({ username: 'admin.chef', email: 'chef@usine.example' }, 1);
    expect(throttle.list()).toEqual([]);
    expect(auditOf('login.unthrottled').map((entry) => [entry.subjectLabel, entry.subjectUserId])).toEqual([
      ['admin.chef', 1],
      ['chef@usine.example', 1],
    ]);
    throttle.clearForUser({ username: 'admin.chef', email: null }, 1); // nothing left: nothing audited
    expect(auditOf('login.unthrottled')).toHaveLength(2);
  });

  it('counts the username, the email and their case variants of one account as one name: 16 tries, 5 password checks', async () => {
    const compare = vi.spyOn(bcrypt, 'compare'); // a spy: the real comparison still runs
    const variants = ['admin.chef', 'chef@usine.example', 'ADMIN.CHEF', 'Chef@Usine.Example', ' Admin.Chef '];
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await login(i % 2 === 0 ? variants[i % variants.length] : ADMIN_INPUT.email.toUpperCase()));
    for (let i = 0; i < 8; i++) answers.push(await login(ADMIN_INPUT.email));
    // Same message and same wait as for a single name typed over and over.
    expect(answers).toEqual([...Array(5).fill(INVALID), ...Array(11).fill(throttled(60))]);
    expect(compare).toHaveBeenCalledTimes(5);
    // The right password, under any of the names, waits too.
    for (const name of variants) expect(await login(name, ADMIN_INPUT.password)).toEqual(throttled(60));
    expect(core.db.prepare('SELECT identifier, consecutive_failures AS n FROM login_throttle').all()).toEqual([{ identifier: 'admin.chef', n: 5 }]);
    expect(auditOf('login.throttled')).toEqual([expect.objectContaining({ subjectLabel: 'admin.chef', subjectUserId: 1 })]);

    core.clock.advance(60_000);
    expect(await login('CHEF@usine.example', ADMIN_INPUT.password)).toMatchObject({ ok: true });
    expect(core.db.prepare('SELECT COUNT(*) AS n FROM login_throttle').get()).toEqual({ n: 0 });
  });

  it('keeps an unknown name on its own key, apart from every account and from other unknown names', async () => {
    await fail('personne@nulle.part', 5);
    expect(await login('personne@nulle.part')).toEqual(throttled(60));
    expect(await login('PERSONNE@nulle.part')).toEqual(throttled(60));
    expect(await login('personne')).toEqual(INVALID);
    expect(await login(ADMIN_INPUT.email)).toEqual(INVALID);
    await fail('admin.chef', 4); // with the email's failure above, the account's fifth: its wait starts
    expect(await login('autre.inconnu')).toEqual(INVALID);
    expect(await login(ADMIN_INPUT.email)).toEqual(throttled(60));
    expect(core.db.prepare('SELECT identifier, consecutive_failures AS n FROM login_throttle ORDER BY identifier').all()).toEqual([
      { identifier: 'admin.chef', n: 5 },
      { identifier: 'autre.inconnu', n: 1 },
      { identifier: 'personne', n: 1 },
      { identifier: 'personne@nulle.part', n: 5 },
    ]);
  });

  it('holds parallel attempts on one name in line, so a burst gets no extra guesses', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => login('personne', WRONG, `w${i}`)));
    expect(results).toEqual([...Array(5).fill(INVALID), ...Array(3).fill(throttled(60))]);
  });

  it('holds a burst alternating an account’s username and email in one line too', async () => {
    const names = ['admin.chef', ADMIN_INPUT.email, 'ADMIN.CHEF', ADMIN_INPUT.email.toUpperCase()];
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => login(names[i % names.length], WRONG, `w${i}`)));
    expect(results).toEqual([...Array(5).fill(INVALID), ...Array(3).fill(throttled(60))]);
  });
});

describe('login throttle, with production bcrypt cost', () => {
  beforeEach(async () => {
    core.dispose();
    core = createTestCore({ bcryptCost: 12 });
    await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  });

  it('answers a throttled name without running bcrypt', async () => {
    await fail('admin.chef', 5);
    const compare = vi.spyOn(bcrypt, 'compare');
    expect(await login('admin.chef', ADMIN_INPUT.password)).toEqual(throttled(60));
    // No bcrypt at all (its cost vs a cost-12 compare is a ratio in `npm run bench`).
    expect(compare).not.toHaveBeenCalled();
    await login('personne'); // the spy does see a real check
    expect(compare).toHaveBeenCalledTimes(1);
  });
});
