// Node (tests). One-time codes' SQL on the engine of this pass: tries counted by one atomic statement each (two
// handles counting at once lose none), a code claimed once, a request processed once, and the statistics.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../../../tests/support/test-database';
import type { Database } from '../kernel/db/database';
import { migrateDatabase } from '../kernel/db/migrate-database';
import { MIGRATIONS } from '../kernel/db/migrations';
import { ResetTokenRepository } from './reset-token-repository';

const opened: Database[] = [];
const targets: TestDatabaseTarget[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const target of targets.splice(0)) await target.drop();
});

const NOW = Date.UTC(2026, 0, 15, 8);
const HOUR = 3_600_000;

async function twoHandles(): Promise<{ a: ResetTokenRepository; b: ResetTokenRepository; userId: number }> {
  const target = await createTestDatabaseTarget();
  targets.push(target);
  const first = await target.open();
  opened.push(first);
  await migrateDatabase(first, MIGRATIONS);
  const second = await target.open();
  opened.push(second);
  const user = await first.kysely
    .insertInto('users')
    .values({ username: 'paul', display_name: 'Paul', email: 'paul@usine.example', role: 'technician', password_hash: 'x', password_changed_at: NOW, created_at: NOW, updated_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { a: new ResetTokenRepository(first.kysely), b: new ResetTokenRepository(second.kysely), userId: user.id };
}

const token = (userId: number, n: number, overrides: { createdAt?: number; expiresAt?: number } = {}) => ({
  userId,
  purpose: 'reset' as const,
  codeHash: `hash-${n}`,
  codeSalt: `salt-${n}`,
  tokenHash: `token-${n}`,
  createdAt: overrides.createdAt ?? NOW,
  expiresAt: overrides.expiresAt ?? NOW + HOUR,
});

describe(`reset token repository on ${TEST_ENGINE}`, () => {
  it('counts wrong tries made at once from two handles without losing one, and kills the code at the limit', async () => {
    const { a, b, userId } = await twoHandles();
    const id = await a.insert(token(userId, 1));
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).recordFailedAttempt(id, 100, NOW)));
    expect(await a.findById(id)).toMatchObject({ failedAttempts: 8, invalidatedAt: null });
    await Promise.all([a.recordFailedAttempt(id, 10, NOW + 1), b.recordFailedAttempt(id, 10, NOW + 1)]);
    expect(await a.findById(id)).toMatchObject({ failedAttempts: 10, invalidatedAt: NOW + 1, invalidatedReason: 'too_many_attempts' });
    // Dead: further tries change nothing.
    await b.recordFailedAttempt(id, 10, NOW + 2);
    expect((await a.findById(id))?.failedAttempts).toBe(10);
  });

  it('lets one of two concurrent claims win; unclaim gives it back; replaced codes die; a request is processed once', async () => {
    const { a, b, userId } = await twoHandles();
    const id = await a.insert(token(userId, 1));
    const wins = await Promise.all([a.claim(id, NOW + 5), b.claim(id, NOW + 5)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
    await a.unclaim(id, NOW + 5);
    expect(await b.findById(id)).toMatchObject({ usedAt: null });
    expect(await a.claim(id, NOW + HOUR)).toBe(false); // expired
    const newer = await a.insert(token(userId, 2, { createdAt: NOW + 10 }));
    expect(await a.invalidateForUser(userId, 'reset', 'replaced', NOW + 10, newer)).toBe(1);
    expect(await a.hasLive(userId, 'reset', NOW + 10)).toBe(true);
    expect(await a.hasLive(userId, 'invite', NOW + 10)).toBe(false);
    expect((await a.recentForUser(userId, 0)).map((t) => t.id)).toEqual([newer, id]);
    expect(await b.findByTokenHash('token-2')).toMatchObject({ id: newer });
    expect(await a.countIssuedSince(userId, 'reset', NOW - 1)).toBe(2);

    const request = await a.insertRequest('paul', NOW);
    expect(await a.pendingRequests(10)).toEqual([{ id: request, requestedAt: NOW, identifier: 'paul' }]);
    const processed = await Promise.all([a.markRequestProcessed(request, NOW + 1), b.markRequestProcessed(request, NOW + 1)]);
    expect(processed.filter(Boolean)).toHaveLength(1);
    expect(await a.pendingRequests(10)).toEqual([]);
  });

  it('reports statistics and purges hashes after the grace period, rows after 30 days', async () => {
    const { a, userId } = await twoHandles();
    const used = await a.insert(token(userId, 1));
    await a.claim(used, NOW + 1);
    const invalidated = await a.insert(token(userId, 2));
    await a.invalidateForUser(userId, null, 'revoked', NOW + 2, 0);
    const live = await a.insert(token(userId, 3, { createdAt: NOW + 3 }));
    await a.insertRequest('paul', NOW);
    expect(await a.stats(NOW + 10, NOW - 1)).toEqual({ active: 1, used: 1, expired: 0, invalidated: 1, requestsLast30Days: 1 });
    expect(await a.stats(NOW + 2 * HOUR, NOW - 1)).toMatchObject({ active: 0, expired: 1 });
    await a.purge(NOW + 2 * HOUR, NOW + 2, NOW - 1);
    expect(await a.findById(invalidated)).toMatchObject({ codeHash: null, tokenHash: null });
    // The live code keeps its hashes; the used and the invalidated ones are past the grace period.
    expect((await a.recentForUser(userId, 0)).map((t) => t.id)).toEqual([live]);
    expect(await a.findById(used)).toMatchObject({ codeHash: null });
    await a.purge(NOW + 40 * 24 * HOUR, NOW + 40 * 24 * HOUR, NOW + 31 * 24 * HOUR);
    expect(await a.stats(NOW + 40 * 24 * HOUR, NOW)).toEqual({ active: 0, used: 0, expired: 0, invalidated: 0, requestsLast30Days: 0 });
  });
});
