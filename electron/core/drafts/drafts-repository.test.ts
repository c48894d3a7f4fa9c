// Node (tests). The drafts repository on the engine of this pass (SQLite file or PostgreSQL schema): the upsert,
// the per-user cap, expiry and the purge, with the same SQL on both engines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../../../tests/support/test-database';
import type { Database } from '../kernel/db/database';
import { migrateDatabase } from '../kernel/db/migrate-database';
import { MIGRATIONS } from '../kernel/db/migrations';
import { DraftsRepository } from './drafts-repository';

let target: TestDatabaseTarget;
let db: Database;
let drafts: DraftsRepository;
let alice: number;
let bob: number;

async function addUser(username: string): Promise<number> {
  const row = await db.kysely
    .insertInto('users')
    .values({ username, display_name: username, email: null, role: 'technician', password_hash: 'x', password_changed_at: 0, created_at: 0, updated_at: 0, temporary_password_expires_at: null, temporary_password_used_at: null, last_login_at: null, created_by: null, deactivated_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const draft = (formKey: string, savedAt: number, data = '{}') => ({ formKey, data, savedAt, expiresAt: savedAt + 1000 });

beforeEach(async () => {
  target = await createTestDatabaseTarget();
  db = await target.open();
  await migrateDatabase(db, MIGRATIONS);
  drafts = new DraftsRepository(db.kysely);
  alice = await addUser('alice');
  bob = await addUser('bob');
});
afterEach(async () => {
  await db.close();
  await target.drop();
});

describe(`drafts repository on ${TEST_ENGINE}`, () => {
  it('replaces a draft on save (one row per user and form) and hides it once expired', async () => {
    await drafts.save(alice, draft('wo:new', 100, '{"a":1}'), 50);
    await drafts.save(alice, draft('wo:new', 200, '{"a":2}'), 50);
    expect(await drafts.find(alice, 'wo:new', 300)).toEqual({ formKey: 'wo:new', data: '{"a":2}', savedAt: 200 });
    expect(await drafts.find(bob, 'wo:new', 300)).toBeNull();
    expect(await drafts.find(alice, 'wo:new', 1200)).toBeNull(); // expires_at = 1200: gone at that instant
    expect(await drafts.list(alice, 300)).toEqual([{ formKey: 'wo:new', savedAt: 200 }]);
  });

  it('keeps only the user’s newest drafts beyond the cap, ties broken by form key, and never touches another user’s', async () => {
    await drafts.save(bob, draft('b', 1), 2);
    await drafts.save(alice, draft('x', 10), 2);
    await drafts.save(alice, draft('b', 20), 2);
    await drafts.save(alice, draft('a', 20), 2);
    expect(await drafts.list(alice, 0)).toEqual([
      { formKey: 'a', savedAt: 20 },
      { formKey: 'b', savedAt: 20 },
    ]);
    expect(await drafts.list(bob, 0)).toEqual([{ formKey: 'b', savedAt: 1 }]);
  });

  it('deletes one draft by owner and form, and purges every user’s expired drafts with a count', async () => {
    await drafts.save(alice, draft('a', 0), 50);
    await drafts.save(alice, draft('b', 500), 50);
    await drafts.save(bob, draft('a', 0), 50);
    await drafts.delete(bob, 'b'); // not there: nothing happens
    await drafts.delete(alice, 'a');
    expect(await drafts.list(alice, 0)).toEqual([{ formKey: 'b', savedAt: 500 }]);
    expect(await drafts.purgeExpired(1000)).toBe(1); // bob's (expired at 1000); alice's b lives until 1500
    expect(await drafts.purgeExpired(1000)).toBe(0);
    expect(await drafts.list(bob, 0)).toEqual([]);
    expect(await drafts.list(alice, 0)).toHaveLength(1);
  });

  it('saves and trims in one unit of work when the caller gives it a transaction', async () => {
    await db.transaction((trx) => drafts.in(trx).save(alice, draft('a', 1), 1));
    await db.transaction((trx) => drafts.in(trx).save(alice, draft('b', 2), 1));
    expect(await drafts.list(alice, 0)).toEqual([{ formKey: 'b', savedAt: 2 }]);
  });
});
