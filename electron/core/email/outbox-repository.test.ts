// Node (tests). The outbox's SQL on the engine of this pass (SQLite file or PostgreSQL schema): claims with a
// lease, fenced outcomes, redaction, expired leases taken back, and two handles claiming one queue at once.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../../../tests/support/test-database';
import type { Database } from '../kernel/db/database';
import { migrateDatabase } from '../kernel/db/migrate-database';
import { MIGRATIONS } from '../kernel/db/migrations';
import { OutboxRepository, type NewOutboxMessage } from './outbox-repository';

const opened: Database[] = [];
const targets: TestDatabaseTarget[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const target of targets.splice(0)) await target.drop();
});

async function fresh(): Promise<{ target: TestDatabaseTarget; db: Database; repo: OutboxRepository }> {
  const target = await createTestDatabaseTarget();
  targets.push(target);
  const db = await target.open();
  opened.push(db);
  await migrateDatabase(db, MIGRATIONS);
  return { target, db, repo: new OutboxRepository(db.kysely) };
}

const NOW = Date.UTC(2026, 0, 15, 8);
const LEASE = 60_000;

function message(overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    kind: 'password_changed',
    recipient: 'paul@usine.example',
    locale: 'fr',
    subject: 'Sujet',
    htmlBody: '<p>{{code}}</p>',
    textBody: '{{code}}',
    secrets: null,
    userId: null,
    expiresAt: null,
    ...overrides,
  };
}

describe(`outbox repository on ${TEST_ENGINE}`, () => {
  it('claims due messages once, with one more attempt and a lease; only the claimant records the outcome, and sending drops the secrets', async () => {
    const { repo } = await fresh();
    const a = await repo.insert(message({ secrets: 'sealed-secret' }), NOW);
    const b = await repo.insert(message(), NOW + 1_000);
    expect(await repo.claimDue(NOW, 10, LEASE)).toMatchObject([{ id: a, status: 'sending', attempts: 1, leaseUntil: NOW + LEASE }]);
    // Claimed: nobody else gets it, even once b is due.
    expect((await repo.claimDue(NOW + 1_000, 10, LEASE)).map((m) => m.id)).toEqual([b]);
    expect(await repo.claimDue(NOW + 2_000, 10, LEASE)).toEqual([]);
    // A stale claim (an older attempt number) writes nothing.
    expect(await repo.markSent({ id: a, attempts: 0 }, NOW)).toBe(false);
    expect(await repo.markSent({ id: a, attempts: 1 }, NOW + 5)).toBe(true);
    expect(await repo.findById(a)).toMatchObject({ status: 'sent', secrets: null, secretRedacted: true, leaseUntil: null, sentAt: NOW + 5 });
    expect(await repo.markRetry({ id: b, attempts: 1 }, NOW + 30_000, { code: 'SMTP_CONNECTION_FAILED', message: 'x' }, NOW)).toBe(true);
    expect(await repo.findById(b)).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: NOW + 30_000, secretRedacted: false });
    expect(await repo.counts()).toEqual({ queued: 1, sending: 0, sent: 1, failed: 0 });
    expect(await repo.nextDueAt()).toBe(NOW + 30_000);
  });

  it('gives back a claim whose lease ran out (and fences off its first sender); an interrupted test email is failed', async () => {
    const { repo } = await fresh();
    const id = await repo.insert(message(), NOW);
    const test = await repo.insertClaimed(message({ kind: 'test' }), NOW, LEASE);
    const [first] = await repo.claimDue(NOW, 10, LEASE);
    // Before the lease ends, nothing is taken back.
    expect(await repo.releaseExpiredLeases(NOW + LEASE - 1)).toEqual({ requeued: 0, interrupted: 0 });
    expect(await repo.nextDueAt()).toBe(NOW + LEASE);
    expect(await repo.releaseExpiredLeases(NOW + LEASE)).toEqual({ requeued: 1, interrupted: 1 });
    expect(await repo.findById(test.id)).toMatchObject({ status: 'failed', lastErrorCode: 'SMTP_FAILED', lastErrorMessage: 'Interrupted' });
    const [second] = await repo.claimDue(NOW + LEASE, 10, LEASE);
    expect(second).toMatchObject({ id, attempts: 2 });
    // The first sender comes back late: its outcome is not written over the new claim.
    expect(await repo.markFailed(first, { code: 'SMTP_FAILED', message: 'late' }, NOW + LEASE)).toBe(false);
    expect(await repo.markWaiting(second, NOW + LEASE + 1, { code: 'SMTP_NOT_CONFIGURED', message: 'wait' }, NOW + LEASE)).toBe(true);
    expect(await repo.findById(id)).toMatchObject({ status: 'queued', attempts: 1, lastErrorCode: 'SMTP_NOT_CONFIGURED' });
  });

  it('expires, fails with redaction, resends, reschedules, prunes and counts per user', async () => {
    const { db, repo } = await fresh();
    await db.kysely
      .insertInto('users')
      .values({ username: 'paul', display_name: 'Paul', email: null, role: 'technician', password_hash: 'x', password_changed_at: NOW, created_at: NOW, updated_at: NOW })
      .execute();
    const userId = (await db.kysely.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
    const expiring = await repo.insert(message({ secrets: 's1', expiresAt: NOW + 10, userId, kind: 'reset_code' }), NOW);
    const failing = await repo.insert(message({ secrets: 's2', userId, kind: 'reset_code' }), NOW);
    const plain = await repo.insert(message({ userId, kind: 'lockout' }), NOW);
    expect(await repo.expireDue(NOW + 10)).toBe(1);
    expect(await repo.findById(expiring)).toMatchObject({ status: 'failed', lastErrorCode: 'MESSAGE_EXPIRED', secrets: null, secretRedacted: true });
    const claimed = await repo.claimDue(NOW + 10, 10, LEASE);
    expect(claimed.map((m) => m.id)).toEqual([failing, plain]);
    await repo.markFailed(claimed[0], { code: 'SMTP_AUTH_FAILED', message: 'no' }, NOW + 20);
    await repo.markFailed(claimed[1], { code: 'SMTP_AUTH_FAILED', message: 'no' }, NOW + 20);
    // A redacted message can't be resent (its code is gone); one without secrets can.
    expect(await repo.resend(failing, NOW + 30)).toBe(false);
    expect(await repo.resend(plain, NOW + 30)).toBe(true);
    expect(await repo.findById(plain)).toMatchObject({ status: 'queued', attempts: 0, lastErrorCode: null });
    await repo.claimDue(NOW + 30, 10, LEASE).then(([m]) => repo.markRetry(m, NOW + 99_000, { code: 'SMTP_FAILED', message: 'x' }, NOW + 30));
    expect(await repo.rescheduleQueued(NOW + 40)).toBe(1);
    expect(await repo.nextDueAt()).toBe(NOW + 40);
    expect(await repo.countRecentForUser(userId, 'reset_code', NOW - 1)).toBe(2);
    expect(await repo.countRecentForUser(userId, 'reset_code', NOW)).toBe(0);
    expect(await repo.prune(NOW + 19)).toBe(1);
    expect(await repo.prune(NOW + 20)).toBe(1);
    expect((await repo.recent(10)).map((m) => m.id)).toEqual([plain]);
    await repo.scrubFreedPages();
  });

  it('two handles on one database claiming the same queue at once take disjoint messages, and every message once', async () => {
    const { target, repo } = await fresh();
    const other = await target.open();
    opened.push(other);
    const otherRepo = new OutboxRepository(other.kysely);
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) ids.push(await repo.insert(message({ recipient: `u${i}@usine.example` }), NOW));
    // A claim of one takes one, however many are due.
    const [one, ...none] = await repo.claimDue(NOW, 1, LEASE);
    expect(none).toEqual([]);
    expect(await repo.counts()).toMatchObject({ queued: 59, sending: 1 });
    await repo.markRetry(one, NOW, { code: 'SMTP_FAILED', message: 'x' }, NOW);
    const claimedBy: number[][] = [[], []];
    await Promise.all(
      [repo, otherRepo].map(async (r, side) => {
        for (;;) {
          const batch = await r.claimDue(NOW, 3, LEASE);
          if (batch.length === 0) return;
          claimedBy[side].push(...batch.map((m) => m.id));
        }
      }),
    );
    const all = [...claimedBy[0], ...claimedBy[1]].sort((x, y) => x - y);
    expect(all).toEqual(ids);
    expect(await repo.counts()).toMatchObject({ queued: 0, sending: 60 });
  });
});
