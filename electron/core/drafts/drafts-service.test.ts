// Form drafts through the real dispatcher, on the test engine's database (SQLite or PostgreSQL), with two users
// of the same shared PC.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { DraftsRepository } from './drafts-repository';
import { UsersRepository } from '../kernel/identity/users-repository';
import { DraftsService, MAX_DRAFT_CHARS, MAX_DRAFTS_PER_USER } from './drafts-service';

/** Drafts expire a day after their last save (the issue says so: not a setting). */
const DAY = 24 * 3_600_000;
const FORM = 'work-order:new';
const A_DATA = { title: 'Fuite pompe P-12', priority: 2, urgent: true, notes: null };
const B_DATA = { title: 'Courroie convoyeur C-3', priority: 1, urgent: false, notes: 'bruit au démarrage' };

let core: TestCore;
let bobId: number;

/** User A (the administrator) signs in the ordinary way. */
async function signInAlice(windowId: string): Promise<void> {
  const result = await core.call(windowId, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
  expect(result.ok).toBe(true);
}

/** User B's password is irrelevant here: main starts the session as a successful login would. */
async function signInBob(windowId: string): Promise<void> {
  const bob = await new UsersRepository(core.database.kysely).findById(bobId);
  if (!bob) throw new Error('Bob is missing');
  await core.sessions.start(windowId, bob);
}

const save = (windowId: string, data: Record<string, unknown>, formKey = FORM) => core.call(windowId, 'drafts:save', { formKey, data });
const get = (windowId: string, formKey = FORM) => core.call(windowId, 'drafts:get', { formKey });
const list = (windowId: string) => core.call(windowId, 'drafts:list');
const discard = (windowId: string, formKey = FORM) => core.call(windowId, 'drafts:discard', { formKey });
const rows = () =>
  core.database.kysely.selectFrom('drafts').select(['user_id', 'form_key', 'data', 'saved_at', 'expires_at']).orderBy('user_id').orderBy('form_key').execute();
const service = () => new DraftsService({ database: core.database, repository: new DraftsRepository(core.database.kysely), clock: core.clock });

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  bobId = await new UsersRepository(core.database.kysely).insert(
    {
      username: 'bob.technicien',
      displayName: 'Bob Technicien',
      email: null,
      role: 'technician',
      passwordHash: 'not-used-by-these-tests',
      mustChangePassword: false,
      locale: 'fr',
    },
    core.clock.now(),
  );
});
afterEach(async () => {
  await core.dispose();
});

describe('drafts of one user', () => {
  it('keeps a draft in main and offers it back when the same user signs in again', async () => {
    await signInAlice('w1');
    const savedAt = core.clock.now();
    expect(await save('w1', A_DATA)).toEqual({ ok: true, data: null });
    expect(await core.call('w1', 'auth:logout')).toMatchObject({ ok: true });

    core.clock.advance(60_000);
    await signInAlice('w1');
    expect(await get('w1')).toEqual({ ok: true, data: { formKey: FORM, data: A_DATA, savedAt } });
    expect(await list('w1')).toEqual({ ok: true, data: [{ formKey: FORM, savedAt }] });
    expect(await rows()).toEqual([{ user_id: 1, form_key: FORM, data: JSON.stringify(A_DATA), saved_at: savedAt, expires_at: savedAt + DAY }]);
  });

  it('answers null for a form without a draft', async () => {
    await signInAlice('w1');
    expect(await get('w1', 'equipment:new')).toEqual({ ok: true, data: null });
    expect(await list('w1')).toEqual({ ok: true, data: [] });
  });

  it('replaces the draft on every save, and the day starts again from the last save', async () => {
    await signInAlice('w1');
    await save('w1', A_DATA);
    core.clock.advance(12 * 3_600_000);
    await signInAlice('w1'); // The morning session has long timed out.
    const updatedAt = core.clock.now();
    const updated = { title: 'Fuite pompe P-12 (joint)', urgent: false };
    expect(await save('w1', updated)).toEqual({ ok: true, data: null });

    expect(await get('w1')).toEqual({ ok: true, data: { formKey: FORM, data: updated, savedAt: updatedAt } });
    expect(await list('w1')).toEqual({ ok: true, data: [{ formKey: FORM, savedAt: updatedAt }] });
    expect(await rows()).toHaveLength(1);

    core.clock.advance(12 * 3_600_000 + 1); // A day after the first save, half a day after the last one.
    await signInAlice('w1');
    expect(await get('w1')).toMatchObject({ ok: true, data: { data: updated } });
  });

  it('lists the user’s drafts newest first, without their data', async () => {
    await signInAlice('w1');
    await save('w1', A_DATA, 'work-order:new');
    core.clock.advance(1000);
    await save('w1', { name: 'Tour CN' }, 'equipment:new');
    core.clock.advance(1000);
    await save('w1', { title: 'Révision' }, 'work-order:42');
    const t0 = core.clock.now() - 2000;

    expect(await list('w1')).toEqual({
      ok: true,
      data: [
        { formKey: 'work-order:42', savedAt: t0 + 2000 },
        { formKey: 'equipment:new', savedAt: t0 + 1000 },
        { formKey: 'work-order:new', savedAt: t0 },
      ],
    });
  });

  it('discards one draft only, and discarding nothing is fine', async () => {
    await signInAlice('w1');
    await save('w1', A_DATA, 'work-order:new');
    await save('w1', { name: 'Tour CN' }, 'equipment:new');

    expect(await discard('w1', 'work-order:new')).toEqual({ ok: true, data: null });
    expect(await get('w1', 'work-order:new')).toEqual({ ok: true, data: null });
    expect(await list('w1')).toMatchObject({ ok: true, data: [{ formKey: 'equipment:new' }] });
    expect(await discard('w1', 'work-order:new')).toEqual({ ok: true, data: null });
    expect(await rows()).toHaveLength(1);
  });
});

describe('two users on the same PC', () => {
  it('never gives user B the draft user A left behind, by get or by list', async () => {
    await signInAlice('w1');
    await save('w1', A_DATA);
    await core.call('w1', 'auth:logout');

    await signInBob('w1'); // Same window, next person.
    expect(await get('w1')).toEqual({ ok: true, data: null });
    expect(await list('w1')).toEqual({ ok: true, data: [] });
    await signInBob('w2');
    expect(await get('w2')).toEqual({ ok: true, data: null });
  });

  it('keeps the same form’s drafts of two users apart', async () => {
    await signInAlice('w1');
    await signInBob('w2');
    await save('w1', A_DATA);
    await save('w2', B_DATA);

    expect(await get('w1')).toMatchObject({ ok: true, data: { data: A_DATA } });
    expect(await get('w2')).toMatchObject({ ok: true, data: { data: B_DATA } });
    expect(await list('w1')).toMatchObject({ ok: true, data: [{ formKey: FORM }] });
    expect(await rows()).toMatchObject([
      { user_id: 1, form_key: FORM, data: JSON.stringify(A_DATA) },
      { user_id: bobId, form_key: FORM, data: JSON.stringify(B_DATA) },
    ]);

    // B discarding "the" draft of that form discards B's own only.
    await discard('w2');
    expect(await get('w2')).toEqual({ ok: true, data: null });
    expect(await get('w1')).toMatchObject({ ok: true, data: { data: A_DATA } });
  });

  it('takes the owner from the session, never from the input', async () => {
    await signInAlice('w1');
    await save('w1', A_DATA);
    await signInBob('w2');

    for (const result of [
      await core.call('w2', 'drafts:get', { formKey: FORM, userId: 1 }),
      await core.call('w2', 'drafts:discard', { formKey: FORM, userId: 1 }),
    ]) {
      // Either the extra field is refused or it is ignored; it never reaches someone else's draft.
      expect([null, 'VALIDATION_FAILED']).toContain(result.ok ? result.data : result.error.code);
    }
    await core.call('w2', 'drafts:save', { formKey: FORM, data: B_DATA, userId: 1 });
    expect(await get('w1')).toMatchObject({ ok: true, data: { data: A_DATA } });
  });
});

describe('expiry', () => {
  it('hides a draft a day after its last save, and the purge removes it', async () => {
    await signInAlice('w1');
    await save('w1', A_DATA);

    core.clock.advance(DAY - 1);
    await signInAlice('w1');
    expect(await get('w1')).toMatchObject({ ok: true, data: { data: A_DATA } });

    core.clock.advance(2); // 24 h + 1 ms.
    await signInAlice('w1');
    expect(await get('w1')).toEqual({ ok: true, data: null });
    expect(await list('w1')).toEqual({ ok: true, data: [] });
    expect(await rows()).toHaveLength(1); // Invisible already; the hourly purge deletes it.

    expect(await service().purgeExpired()).toBe(1);
    expect(await rows()).toEqual([]);
    expect(await service().purgeExpired()).toBe(0);
  });

  it('purges the expired drafts of every user and keeps the others', async () => {
    await signInAlice('w1');
    await signInBob('w2');
    await save('w1', A_DATA, 'work-order:new');
    await save('w2', B_DATA, 'work-order:new');
    core.clock.advance(DAY / 2);
    await signInAlice('w1');
    await save('w1', { name: 'Tour CN' }, 'equipment:new');
    core.clock.advance(DAY / 2);

    expect(await service().purgeExpired()).toBe(2);
    expect(await rows()).toMatchObject([{ user_id: 1, form_key: 'equipment:new' }]);
  });
});

describe('refusals', () => {
  it('refuses every drafts call without a session', async () => {
    await signInAlice('w1');
    await save('w1', A_DATA);
    const before = await rows();

    for (const result of [await save('w9', B_DATA), await get('w9'), await list('w9'), await discard('w9')]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    await core.call('w1', 'auth:logout');
    expect(await get('w1')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await discard('w1')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await rows()).toEqual(before);
  });

  it('refuses an over-large draft with VALIDATION_FAILED and writes nothing', async () => {
    await signInAlice('w1');
    const tooManyFields = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, 'x']));
    // Each field within the contract's cap, the whole over the service's.
    const tooLargeOverall = Object.fromEntries(
      Array.from({ length: Math.ceil(MAX_DRAFT_CHARS / 10_000) + 1 }, (_, i) => [`f${i}`, 'x'.repeat(10_000)]),
    );
    for (const data of [{ notes: 'x'.repeat(10_001) }, { ['k'.repeat(65)]: 'x' }, tooManyFields, tooLargeOverall, { nested: { a: 1 } }]) {
      expect(await save('w1', data)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(await rows()).toEqual([]);

    // A refused update leaves the previous draft as it was.
    await save('w1', A_DATA);
    expect(await save('w1', tooLargeOverall)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await get('w1')).toMatchObject({ ok: true, data: { data: A_DATA } });
  });

  it('refuses form keys outside the contract', async () => {
    await signInAlice('w1');
    for (const formKey of ['', 'Work-Order', '../users', 'a'.repeat(65), 'ordre de travail']) {
      expect(await save('w1', A_DATA, formKey)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(await rows()).toEqual([]);
  });

  it('keeps at most the user’s newest drafts, without touching anyone else’s', async () => {
    await signInAlice('w1');
    await signInBob('w2');
    await save('w2', B_DATA, 'form-0');
    for (let i = 0; i <= MAX_DRAFTS_PER_USER; i++) {
      await save('w1', { i }, `form-${i}`);
      core.clock.advance(1);
    }
    const alice = await service().list(1);
    expect(alice).toHaveLength(MAX_DRAFTS_PER_USER);
    expect(alice.map((d) => d.formKey)).not.toContain('form-0');
    expect(alice[0].formKey).toBe(`form-${MAX_DRAFTS_PER_USER}`);
    expect(await get('w2', 'form-0')).toMatchObject({ ok: true, data: { data: B_DATA } });
  });
});
