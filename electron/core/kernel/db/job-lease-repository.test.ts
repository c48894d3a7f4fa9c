// Node (tests). The job leases' SQL on the engine of this pass (SQLite file or PostgreSQL schema): a claim is
// exclusive while the lease lives, kept by its holder, taken over once it ran out, renewed and released by
// holder; two handles claiming at once get exactly one winner.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../../../../tests/support/test-database';
import type { Database } from './database';
import { JobLeaseRepository } from './job-lease-repository';
import { migrateDatabase } from './migrate-database';
import { MIGRATIONS } from './migrations';

const opened: Database[] = [];
const targets: TestDatabaseTarget[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const target of targets.splice(0)) await target.drop();
});

async function fresh(): Promise<{ target: TestDatabaseTarget; repo: JobLeaseRepository }> {
  const target = await createTestDatabaseTarget();
  targets.push(target);
  const db = await target.open();
  opened.push(db);
  await migrateDatabase(db, MIGRATIONS);
  return { target, repo: new JobLeaseRepository(db.kysely) };
}

const NOW = Date.UTC(2026, 0, 15, 8);
const LEASE = 120_000;

describe(`job lease repository on ${TEST_ENGINE}`, () => {
  it('gives a lease to one holder until it runs out, lets its holder keep it, then lets another take it over', async () => {
    const { repo } = await fresh();
    expect(await repo.claim('audit.prune', 'A', NOW, NOW + LEASE)).toBe(true);
    expect(await repo.claim('audit.prune', 'B', NOW + 1, NOW + 1 + LEASE)).toBe(false);
    // B's refusal left A's row as it was.
    expect(await repo.list()).toEqual([{ name: 'audit.prune', holder: 'A', leaseUntil: NOW + LEASE }]);
    // Its holder keeps it (and pushes it further).
    expect(await repo.claim('audit.prune', 'A', NOW + 10, NOW + 10 + LEASE)).toBe(true);
    expect(await repo.claim('audit.prune', 'B', NOW + LEASE, NOW + 2 * LEASE)).toBe(false);
    // Run out: the first claim after it wins.
    expect(await repo.claim('audit.prune', 'B', NOW + 10 + LEASE, NOW + 10 + 2 * LEASE)).toBe(true);
    expect(await repo.claim('audit.prune', 'A', NOW + 11 + LEASE, NOW + 11 + 2 * LEASE)).toBe(false);
    // Another job is another lease.
    expect(await repo.claim('drafts.purgeExpired', 'A', NOW + 11 + LEASE, NOW + 11 + 2 * LEASE)).toBe(true);
    expect((await repo.list()).map((lease) => [lease.name, lease.holder])).toEqual([
      ['audit.prune', 'B'],
      ['drafts.purgeExpired', 'A'],
    ]);
  });

  it('renews and releases only its own leases', async () => {
    const { repo } = await fresh();
    await repo.claim('a', 'A', NOW, NOW + LEASE);
    await repo.claim('b', 'A', NOW, NOW + LEASE);
    await repo.claim('c', 'B', NOW, NOW + LEASE);
    expect(await repo.renewAll('A', NOW + 5 * LEASE)).toEqual(['a', 'b']);
    expect(await repo.renewAll('nobody', NOW + 5 * LEASE)).toEqual([]);
    // Renewed: still A's after the first lease would have run out.
    expect(await repo.claim('a', 'B', NOW + 2 * LEASE, NOW + 3 * LEASE)).toBe(false);
    await repo.releaseAll('A');
    expect((await repo.list()).map((lease) => lease.name)).toEqual(['c']);
    // Released: B takes it at once, no waiting for the lease to run out.
    expect(await repo.claim('a', 'B', NOW + 1, NOW + LEASE)).toBe(true);
  });

  it('two handles on one database claiming the same free or expired leases at once: exactly one wins each', async () => {
    const { target, repo } = await fresh();
    const other = await target.open();
    opened.push(other);
    const otherRepo = new JobLeaseRepository(other.kysely);
    for (let round = 0; round < 20; round++) {
      // Even rounds: a job nobody ever claimed (the insert races); odd rounds: an expired lease (the update races).
      const name = `job-${round}`;
      if (round % 2 === 1) await repo.claim(name, 'crashed', NOW - 2 * LEASE, NOW - LEASE);
      const [a, b] = await Promise.all([repo.claim(name, 'A', NOW, NOW + LEASE), otherRepo.claim(name, 'B', NOW, NOW + LEASE)]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const [lease] = (await repo.list()).filter((row) => row.name === name);
      expect(lease.holder).toBe(a ? 'A' : 'B');
    }
  });
});
