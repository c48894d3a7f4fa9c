// Login throttling through the real dispatcher, on the engine of this pass (SQLite file or PostgreSQL schema), with a fake clock.
import bcrypt from 'bcrypt';
import type { KyselyPlugin } from 'kysely';
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
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  await core.call('setup', 'auth:logout');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await core.dispose();
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
const auditOf = async (eventType: string) =>
  (await new AuditRepository(core.database.kysely, 'x').recent(200)).filter((entry) => entry.eventType === eventType).reverse();
/** The throttle's rows, by key. */
const throttleRows = () =>
  core.database.kysely.selectFrom('login_throttle').select(['identifier', 'consecutive_failures as n']).orderBy('identifier').execute();

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
    expect((await auditOf('login.throttled')).map((entry) => entry.details)).toEqual(
      [60, 120, 240, 480, 900, 900, 900].map((delaySeconds, i) => ({ delaySeconds, consecutiveFailures: 5 + i })),
    );
    expect((await auditOf('login.throttled'))[0]).toMatchObject({ subjectLabel: 'admin.chef', subjectUserId: 1, actorUserId: null });
  });

  it('refuses even the right password during a wait, which does not extend it; afterwards success resets the streak', async () => {
    await fail('admin.chef', 5);
    core.clock.advance(30_000);
    expect(await login('admin.chef', ADMIN_INPUT.password)).toEqual(throttled(30));
    expect(await login('admin.chef')).toEqual(throttled(30));
    core.clock.advance(30_000);
    expect(await login('admin.chef', ADMIN_INPUT.password)).toMatchObject({ ok: true });
    expect(await throttleRows()).toEqual([]);
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
    await core.database.kysely.updateTable('users').set({ is_active: 0 }).execute();
    await login('ADMIN.chef', ADMIN_INPUT.password);
    await login(' admin.CHEF ', ADMIN_INPUT.password);
    await fail('admin.chef', 3);
    expect(await login('Admin.Chef')).toEqual(throttled(60));
    expect((await throttleRows()).map((row) => row.identifier)).toEqual(['admin.chef']);
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
    expect(await auditOf('login.unthrottled')).toEqual([
      expect.objectContaining({ actorUserId: 1, subjectUserId: 1, subjectLabel: 'admin.chef', workstation: 'POSTE-TEST' }),
    ]);

    core.clock.advance(12 * 3_600_000);
    expect(await asAdmin('security:listThrottled')).toEqual({ ok: true, data: [] }); // the old streak has reset
  });

  it('clears a user under both their username and their email', async () => {
    const repository = new ThrottleRepository(core.database.kysely);
    const throttle = new LoginThrottle({
      database: core.database,
      repository,
      audit: new AuditRepository(core.database.kysely, 'POSTE-TEST'),
      clock: core.clock,
      settings: async () => DEFAULT_SECURITY_SETTINGS,
    });
    await fail('admin.chef', 5);
    // Failures typed as the email now count under the account; a row keyed by the email can only be one left by an
    // earlier version, and the administrator's clear must lift it too.
    await repository.save({ identifier: 'chef@usine.example', consecutiveFailures: 5, lastFailureAt: core.clock.now(), blockedUntil: core.clock.now() + 60_000, blockCount: 1 });
    await throttle.clearForUser({ username: 'admin.chef', email: 'chef@usine.example' }, 1);
    expect(await throttle.list()).toEqual([]);
    expect((await auditOf('login.unthrottled')).map((entry) => [entry.subjectLabel, entry.subjectUserId])).toEqual([
      ['admin.chef', 1],
      ['chef@usine.example', 1],
    ]);
    await throttle.clearForUser({ username: 'admin.chef', email: null }, 1); // nothing left: nothing audited
    expect(await auditOf('login.unthrottled')).toHaveLength(2);
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
    expect(await throttleRows()).toEqual([{ identifier: 'admin.chef', n: 5 }]);
    expect(await auditOf('login.throttled')).toEqual([expect.objectContaining({ subjectLabel: 'admin.chef', subjectUserId: 1 })]);

    core.clock.advance(60_000);
    expect(await login('CHEF@usine.example', ADMIN_INPUT.password)).toMatchObject({ ok: true });
    expect(await throttleRows()).toEqual([]);
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
    expect(await throttleRows()).toEqual([
      { identifier: 'admin.chef', n: 5 },
      { identifier: 'autre.inconnu', n: 1 },
      { identifier: 'personne', n: 1 },
      { identifier: 'personne@nulle.part', n: 5 },
    ]);
  });

  it('costs the same queries for a known name and an unknown one, at every step of a streak and at its wait', async () => {
    // Every statement of the throttle, its lookups and its audit entries, counted as it reaches the database.
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: ({ node }) => {
        queries++;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    const counted = core.database.kysely.withPlugin(counting);
    const throttle = new LoginThrottle({
      database: { transaction: (work) => core.database.transaction((trx) => work(trx.withPlugin(counting))) },
      repository: new ThrottleRepository(counted),
      audit: new AuditRepository(counted, 'POSTE-TEST'),
      clock: core.clock,
      settings: async () => DEFAULT_SECURITY_SETTINGS,
    });
    const attempt = async (name: string) => {
      queries = 0;
      const key = await throttle.keyFor(name);
      await throttle.exclusive(key, async () => {
        await throttle.assertAllowed(key);
        await throttle.recordFailure(key);
      });
      return queries;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await attempt('Chef@Usine.Example'));
      unknown.push(await attempt('personne@nulle.part'));
    }
    expect(unknown).toEqual(known);
    // The 5th started both waits (one more lookup, one more audit entry, for both).
    expect(known[4]).toBeGreaterThan(known[3]);
    expect((await throttle.list()).map((row) => [row.identifier, row.blockedUntil])).toEqual([
      ['admin.chef', core.clock.now() + 60_000],
      ['personne@nulle.part', core.clock.now() + 60_000],
    ]);
  });

  // The attempts of a burst join the line once their key is looked up, in whatever order the database answers
  // (a PostgreSQL pool answers in parallel): which window gets which answer is not fixed, how many guesses are.
  const tally = (results: unknown[]) => ({
    invalid: results.filter((result) => JSON.stringify(result) === JSON.stringify(INVALID)).length,
    throttled: results.filter((result) => JSON.stringify(result) === JSON.stringify(throttled(60))).length,
  });

  it('holds parallel attempts on one name in line, so a burst gets no extra guesses', async () => {
    const compare = vi.spyOn(bcrypt, 'compare'); // a spy: the real comparison still runs
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => login('personne', WRONG, `w${i}`)));
    expect(tally(results)).toEqual({ invalid: 5, throttled: 3 });
    expect(compare).toHaveBeenCalledTimes(5);
  });

  it('holds a burst alternating an account’s username and email in one line too', async () => {
    const compare = vi.spyOn(bcrypt, 'compare');
    const names = ['admin.chef', ADMIN_INPUT.email, 'ADMIN.CHEF', ADMIN_INPUT.email.toUpperCase()];
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => login(names[i % names.length], WRONG, `w${i}`)));
    expect(tally(results)).toEqual({ invalid: 5, throttled: 3 });
    expect(compare).toHaveBeenCalledTimes(5);
  });
});

describe('login throttle, with production bcrypt cost', () => {
  beforeEach(async () => {
    await core.dispose();
    core = await createTestCore({ bcryptCost: 12 });
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
