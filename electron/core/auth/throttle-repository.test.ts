// Node (tests). The login throttle's SQL on the engine of this pass (SQLite file or PostgreSQL schema): one failure
// is one atomic statement, so failures counted at once (two workstations, two pool connections) are all counted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../../../tests/support/test-database';
import type { Database } from '../kernel/db/database';
import { migrateDatabase } from '../kernel/db/migrate-database';
import { MIGRATIONS } from '../kernel/db/migrations';
import { ThrottleRepository, type FailureRule } from './throttle-repository';

const NOW = Date.UTC(2026, 0, 15, 8, 0, 0);
const HOUR = 3_600_000;
// The default settings: 5 failures, 60 s doubling up to 15 min.
const WAITS = [60_000, 120_000, 240_000, 480_000, 900_000];
const rule = (now: number): FailureRule => ({ now, staleBefore: now - 12 * HOUR, maxFailures: 5, waitsMs: WAITS });

let target: TestDatabaseTarget;
let database: Database;
let repository: ThrottleRepository;

beforeEach(async () => {
  target = await createTestDatabaseTarget();
  database = await target.open();
  await migrateDatabase(database, MIGRATIONS);
  repository = new ThrottleRepository(database.kysely);
});
afterEach(async () => {
  await database.close();
  await target.drop();
});

describe(`throttle repository on ${TEST_ENGINE}`, () => {
  it('counts a streak, starts a wait at the 5th failure, ignores failures during it, and doubles the next wait', async () => {
    for (let n = 1; n <= 4; n++) {
      expect(await repository.recordFailure('personne', rule(NOW + n))).toEqual({
        identifier: 'personne',
        consecutiveFailures: n,
        lastFailureAt: NOW + n,
        blockedUntil: null,
        blockCount: 0,
      });
    }
    expect(await repository.recordFailure('personne', rule(NOW + 5))).toEqual({
      identifier: 'personne',
      consecutiveFailures: 5,
      lastFailureAt: NOW + 5,
      blockedUntil: NOW + 5 + 60_000,
      blockCount: 1,
    });
    // During the wait: nothing changes.
    expect(await repository.recordFailure('personne', rule(NOW + 30_000))).toBeNull();
    expect(await repository.get('personne')).toMatchObject({ consecutiveFailures: 5, blockedUntil: NOW + 5 + 60_000, blockCount: 1 });
    // After it, each failure starts the next, longer wait, up to the ceiling.
    let at = NOW + 5 + 60_000;
    for (const [i, wait] of [120_000, 240_000, 480_000, 900_000, 900_000, 900_000].entries()) {
      expect(await repository.recordFailure('personne', rule(at))).toMatchObject({ consecutiveFailures: 6 + i, blockedUntil: at + wait, blockCount: 2 + i });
      at += wait;
    }
  });

  it('starts a stale streak afresh (and its waits from the first), unless a wait still runs', async () => {
    for (let n = 0; n < 5; n++) await repository.recordFailure('personne', rule(NOW));
    expect(await repository.get('personne')).toMatchObject({ consecutiveFailures: 5, blockCount: 1 });
    const later = NOW + 12 * HOUR;
    expect(await repository.recordFailure('personne', rule(later))).toEqual({
      identifier: 'personne',
      consecutiveFailures: 1,
      lastFailureAt: later,
      blockedUntil: null,
      blockCount: 0,
    });
    // A long wait outlives the reset period: its row is not stale while it runs.
    await repository.save({ identifier: 'lent', consecutiveFailures: 9, lastFailureAt: NOW, blockedUntil: later + 1, blockCount: 4 });
    expect(await repository.recordFailure('lent', rule(later))).toBeNull();
  });

  it('counts every one of many failures recorded at once', async () => {
    // Two handles: on PostgreSQL two pools (two sessions, as two workstations); on SQLite the one writer.
    const second = await target.open();
    try {
      const other = new ThrottleRepository(second.kysely);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? repository : other).recordFailure('personne', rule(NOW))),
      );
      // Failures 1–5 are counted, the 5th starts the wait; the 7 others arrive during it and change nothing.
      expect(results.filter((row) => row !== null).map((row) => row!.consecutiveFailures).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
      expect(results.filter((row) => row?.blockedUntil === NOW + 60_000)).toHaveLength(1);
      expect(await repository.get('personne')).toMatchObject({ consecutiveFailures: 5, blockedUntil: NOW + 60_000, blockCount: 1 });
    } finally {
      await second.close();
    }
  });

  it('lists active rows newest first, deletes stale ones and single rows', async () => {
    await repository.save({ identifier: 'ancien', consecutiveFailures: 2, lastFailureAt: NOW - 13 * HOUR, blockedUntil: null, blockCount: 0 });
    await repository.save({ identifier: 'attend', consecutiveFailures: 5, lastFailureAt: NOW - 13 * HOUR, blockedUntil: NOW + 1000, blockCount: 7 });
    await repository.recordFailure('b', rule(NOW - 1));
    await repository.recordFailure('a', rule(NOW - 1));
    expect((await repository.listActive(NOW, NOW - 12 * HOUR)).map((row) => row.identifier)).toEqual(['a', 'b', 'attend']);
    await repository.deleteStale(NOW, NOW - 12 * HOUR);
    expect(await repository.get('ancien')).toBeNull();
    expect(await repository.get('attend')).not.toBeNull();
    expect(await repository.delete('a')).toBe(true);
    expect(await repository.delete('a')).toBe(false);
  });

  it('finds the account a name designates, by username or email, in any case', async () => {
    await database.kysely
      .insertInto('users')
      .values({ username: 'admin.chef', display_name: 'Chef', email: 'chef@usine.example', role: 'admin', password_hash: 'x', password_changed_at: 0, created_at: 0, updated_at: 0 })
      .execute();
    expect(await repository.findUsername('ADMIN.chef')).toBe('admin.chef');
    expect(await repository.findUsername('Chef@Usine.Example')).toBe('admin.chef');
    expect(await repository.findUsername('personne')).toBeNull();
    expect(await repository.findUserId('chef@usine.example')).toBe(1);
    expect(await repository.findUserId('personne@nulle.part')).toBeNull();
  });
});
