// Node (tests). The approval domain's repositories on the engine of this pass (SQLite file or PostgreSQL schema):
// the one-active-request index holding under concurrent requests, tries counted by one atomic statement, the
// reset throttle never letting a concurrent attempt past its limit, and the metrics typed as numbers on both.
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../kernel/db/database';
import { migrateDatabase } from '../kernel/db/migrate-database';
import { MIGRATIONS } from '../kernel/db/migrations';
import { AppError } from '../kernel/platform/app-error';
import { createTestDatabaseTarget, type TestDatabaseTarget } from '../../../tests/support/test-database';
import { RecoveryCodesRepository } from './recovery-codes-repository';
import { ResetAttemptsRepository } from './reset-attempts-repository';
import { ResetRequestsRepository, type NewResetRequest } from './reset-requests-repository';
import { ResetThrottle } from './reset-throttle';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 15, 8, 0, 0);

let target: TestDatabaseTarget | null = null;
const opened: Database[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  await target?.drop();
  target = null;
});

async function fresh(): Promise<Database> {
  target = await createTestDatabaseTarget();
  const db = await target.open();
  opened.push(db);
  await migrateDatabase(db, MIGRATIONS);
  return db;
}

async function addUser(db: Database, username: string): Promise<number> {
  const row = await db.kysely
    .insertInto('users')
    .values({ username, display_name: username, role: 'technician', password_hash: 'x', password_changed_at: 1, created_at: 1, updated_at: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const newRequest = (userId: number, n = 0): NewResetRequest => ({
  userId,
  codeHash: `hash-${n}`,
  checkNumber: '1234',
  requestedAt: NOW + n,
  workstation: 'POSTE-TEST',
  expiresAt: NOW + 7 * 24 * HOUR,
});

describe('reset requests: one active request per user', () => {
  it('a second request while one is active creates nothing, on either engine, and one may follow once it ended', async () => {
    const db = await fresh();
    const requests = new ResetRequestsRepository(db.kysely);
    const userId = await addUser(db, 'j.martin');
    const first = await requests.insertIfNoneActive(newRequest(userId, 1));
    expect(first).toEqual(expect.any(Number));
    expect(await requests.insertIfNoneActive(newRequest(userId, 2))).toBeNull();
    // Approved is active too.
    expect(await requests.decide(first!, 'approved', userId, null, NOW)).toBe(true);
    expect(await requests.insertIfNoneActive(newRequest(userId, 3))).toBeNull();
    expect(await requests.cancel(first!, 'password_changed', NOW)).toBe(true);
    const next = await requests.insertIfNoneActive(newRequest(userId, 4));
    expect(next).not.toBeNull();
    expect((await requests.findActiveForUser(userId))?.id).toBe(next);
    expect(await requests.listRecentForUser(userId, 10)).toHaveLength(2);
  });

  it('concurrent requests for one user (each in its own transaction) create exactly one row and none fails', async () => {
    const db = await fresh();
    const requests = new ResetRequestsRepository(db.kysely);
    const userId = await addUser(db, 'j.martin');
    // On PostgreSQL these run on several pooled connections at once; the index decides, not a read.
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, n) => db.transaction((trx) => requests.in(trx).insertIfNoneActive(newRequest(userId, n)))),
    );
    expect(results.filter((id) => id !== null)).toHaveLength(1);
    expect(await requests.listRecentForUser(userId, 50)).toHaveLength(1);
  });
});

describe('wrong-code tries are counted by one atomic statement', () => {
  it('on a reset request: 20 concurrent wrong codes count 20, each caller seeing its own count; one cancels', async () => {
    const db = await fresh();
    const requests = new ResetRequestsRepository(db.kysely);
    const userId = await addUser(db, 'j.martin');
    const id = (await requests.insertIfNoneActive(newRequest(userId)))!;
    const counts = await Promise.all(Array.from({ length: 20 }, () => requests.recordFailedAttempt(userId)));
    expect(counts.map((c) => c?.requestId)).toEqual(Array(20).fill(id));
    expect(counts.map((c) => c!.attempts).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await requests.findById(id))?.failedAttempts).toBe(20);
    const cancels = await Promise.all(Array.from({ length: 5 }, () => requests.cancelIfAttemptsReached(id, 5, NOW)));
    expect(cancels.filter(Boolean)).toHaveLength(1);
    expect(await requests.recordFailedAttempt(userId)).toBeNull();
    expect(await requests.recordFailedAttempt(999)).toBeNull();
  });

  it('does not cancel a request below the limit', async () => {
    const db = await fresh();
    const requests = new ResetRequestsRepository(db.kysely);
    const userId = await addUser(db, 'j.martin');
    const id = (await requests.insertIfNoneActive(newRequest(userId)))!;
    await requests.recordFailedAttempt(userId);
    expect(await requests.cancelIfAttemptsReached(id, 5, NOW)).toBe(false);
    expect((await requests.findById(id))?.status).toBe('pending');
  });

  it('on a recovery code: concurrent wrong codes all count, only usable codes count', async () => {
    const db = await fresh();
    const codes = new RecoveryCodesRepository(db.kysely);
    const userId = await addUser(db, 'admin.chef');
    const old = await codes.insert(userId, 'old', NOW - HOUR, NOW - 1); // expired
    const open = await codes.insert(userId, 'open', NOW, NOW + HOUR);
    const counts = await Promise.all(Array.from({ length: 10 }, () => codes.recordFailedAttempt(userId, NOW)));
    expect(counts.every((c) => c.length === 1 && c[0].id === open)).toBe(true);
    expect(counts.map((c) => c[0].attempts).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    const listed = await codes.listRecentForUser(userId, 5);
    expect(listed.find((c) => c.id === old)?.failedAttempts).toBe(0);
    expect(await codes.cancelIfAttemptsReached(open, 5, NOW)).toBe(true);
    expect(await codes.cancelIfAttemptsReached(open, 5, NOW)).toBe(false);
    expect(await codes.listOpenForUser(userId, NOW)).toEqual([]);
    expect(await codes.recordFailedAttempt(userId, NOW)).toEqual([]);
  });
});

describe('the reset throttle', () => {
  const clock = { now: () => NOW };
  const limit = { max: 3, windowMs: HOUR };
  const wide = { max: 1000, windowMs: HOUR };

  it('lets exactly `max` of many concurrent attempts through, and counts none of the refused ones', async () => {
    const db = await fresh();
    const repository = new ResetAttemptsRepository(db.kysely);
    const throttle = new ResetThrottle({
      database: db,
      repository,
      clock,
      workstation: 'POSTE-TEST',
      limits: { request: { perIdentifier: limit, perWorkstation: wide }, code: { perIdentifier: wide, perWorkstation: wide } },
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => throttle.hit('request', 'J.Martin ')));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.every((o) => o.reason instanceof AppError && o.reason.code === 'THROTTLED' && o.reason.details?.retryAfterSeconds === 3600)).toBe(true);
    expect(await repository.countSince('request:identifier', 'j.martin', 0)).toEqual({ count: 3, oldest: NOW });
    expect((await repository.countSince('request:workstation', 'POSTE-TEST', 0)).count).toBe(3);
  });

  it('purges attempts older than every window', async () => {
    const db = await fresh();
    const repository = new ResetAttemptsRepository(db.kysely);
    await repository.record('code:identifier', 'x', NOW - 2 * HOUR);
    await repository.record('code:identifier', 'x', NOW - HOUR / 2);
    const throttle = new ResetThrottle({
      database: db,
      repository,
      clock,
      workstation: 'POSTE-TEST',
      limits: { request: { perIdentifier: limit, perWorkstation: limit }, code: { perIdentifier: limit, perWorkstation: limit } },
    });
    await throttle.purge();
    expect(await repository.countSince('code:identifier', 'x', 0)).toEqual({ count: 1, oldest: NOW - HOUR / 2 });
  });
});

describe('metrics', () => {
  it('answers numbers (not the driver’s text for PostgreSQL’s NUMERIC), nulls without decisions', async () => {
    const db = await fresh();
    const requests = new ResetRequestsRepository(db.kysely);
    expect(await requests.metrics(0)).toEqual({
      requests: 0, approved: 0, rejected: 0, completed: 0, expired: 0, cancelled: 0, averageDecisionMs: null, approvalRate: null, rejectionRate: null,
    });
    const a = await addUser(db, 'a');
    const b = await addUser(db, 'b');
    const c = await addUser(db, 'c');
    const ra = (await requests.insertIfNoneActive(newRequest(a)))!;
    const rb = (await requests.insertIfNoneActive(newRequest(b)))!;
    await requests.insertIfNoneActive(newRequest(c));
    await requests.decide(ra, 'approved', c, null, NOW + HOUR);
    await requests.decide(rb, 'rejected', c, 'non', NOW + 2 * HOUR);
    expect(await requests.metrics(0)).toEqual({
      requests: 3, approved: 1, rejected: 1, completed: 0, expired: 0, cancelled: 0, averageDecisionMs: 1.5 * HOUR, approvalRate: 0.5, rejectionRate: 0.5,
    });
    expect(await requests.countPending()).toBe(1);
    expect(await requests.metrics(NOW + 1)).toMatchObject({ requests: 0, averageDecisionMs: null });
  });
});
