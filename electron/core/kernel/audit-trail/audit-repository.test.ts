// The viewer's queries on a real database (SQLite file or PostgreSQL schema): each filter, filters combined, paging, ordering, local-time days.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toCriteria } from '../../audit/audit-log-service';
import { createTestDatabaseTarget, type TestDatabaseTarget } from '../../../../tests/support/test-database';
import type { Database } from '../db/database';
import { migrateDatabase } from '../db/migrate-database';
import { MIGRATIONS } from '../db/migrations';
import { AuditRepository, type AuditCriteria } from './audit-repository';
import { UsersRepository } from '../identity/users-repository';

// Day bounds are local time: pin a zone with a clock change to make "local" mean something.
const previousTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Paris';
});
afterAll(() => {
  process.env.TZ = previousTz;
  if (previousTz === undefined) delete process.env.TZ;
});

let target: TestDatabaseTarget;
let database: Database;
/** The name the tests used for the database before the repositories were engine-neutral. */
let core: { database: Database };
let audit: AuditRepository;
let alice: number;
let bruno: number;

/** Local wall-clock time in Europe/Paris, as the filter reads days. */
const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const ids = async (criteria: AuditCriteria, limit = 100, offset = 0) => (await audit.search(criteria, limit, offset)).map((entry) => entry.id);

beforeEach(async () => {
  target = await createTestDatabaseTarget();
  database = await target.open();
  await migrateDatabase(database, MIGRATIONS);
  core = { database };
  audit = new AuditRepository(core.database.kysely, 'POSTE-A');
  const users = new UsersRepository(core.database.kysely);
  const add = (username: string, displayName: string) =>
    users.insert({ username, displayName, email: null, role: 'technician', passwordHash: 'x', mustChangePassword: false, locale: 'fr' }, 0);
  alice = await add('a.martin', 'Alice Martin');
  bruno = await add('b.leroy', 'Bruno Leroy');
});
afterEach(async () => {
  await database.close();
  await target.drop();
});

async function seed() {
  // id 1..6 in insertion order; occurred_at not in id order on purpose.
  await audit.append({ eventType: 'login.success', actorUserId: alice, subjectUserId: alice }, local(2026, 3, 1, 9));
  await audit.append({ eventType: 'login.failure', subjectLabel: 'Inconnu_X', details: { reason: 'unknown_user' } }, local(2026, 3, 2, 10));
  await audit.append({ eventType: 'sessions.ended_by_admin', actorUserId: alice, subjectUserId: bruno, details: { ended: 1 } }, local(2026, 3, 3, 11));
  await audit.append({ eventType: 'login.failure', subjectUserId: bruno, details: { reason: 'wrong_password' } }, local(2026, 3, 2, 8));
  await audit.append({ eventType: 'logout', actorUserId: bruno, subjectUserId: bruno }, local(2026, 3, 3, 11));
  await audit.append({ eventType: 'login.failure', subjectLabel: 'inconnu%y', details: { reason: 'unknown_user' } }, local(2026, 3, 4, 7));
}

describe('AuditRepository.search and count', () => {
  it('lists newest first, ties broken by the newest id, with the names of the people', async () => {
    await seed();
    expect(await ids({})).toEqual([6, 5, 3, 2, 4, 1]);
    const [, logout, ended] = await audit.search({}, 3, 0);
    expect(logout).toMatchObject({ eventType: 'logout', actor: { id: bruno, username: 'b.leroy', displayName: 'Bruno Leroy' }, workstation: 'POSTE-A' });
    expect(ended).toMatchObject({ actor: { displayName: 'Alice Martin' }, subject: { displayName: 'Bruno Leroy' }, details: { ended: 1 } });
    expect((await audit.search({}, 1, 3))[0]).toMatchObject({ eventType: 'login.failure', actor: null, subject: null, subjectLabel: 'Inconnu_X' });
  });

  it('pages with limit and offset, and counts the whole match', async () => {
    await seed();
    expect(await ids({}, 2, 0)).toEqual([6, 5]);
    expect(await ids({}, 2, 2)).toEqual([3, 2]);
    expect(await ids({}, 2, 4)).toEqual([4, 1]);
    expect(await ids({}, 2, 6)).toEqual([]);
    expect(await audit.count({})).toBe(6);
  });

  it('filters by user as the actor or the subject', async () => {
    await seed();
    expect(await ids({ userId: alice })).toEqual([3, 1]);
    expect(await ids({ userId: bruno })).toEqual([5, 3, 4]);
    expect(await audit.count({ userId: bruno })).toBe(3);
  });

  it('filters by the typed name, case-insensitively, with % and _ taken literally', async () => {
    await seed();
    expect(await ids({ labelContains: 'INCONNU' })).toEqual([6, 2]);
    expect(await ids({ labelContains: 'u_' })).toEqual([2]);
    expect(await ids({ labelContains: '%' })).toEqual([6]);
    expect(await ids({ labelContains: 'nobody' })).toEqual([]);
  });

  it('filters by one or several event types; an empty list means all', async () => {
    await seed();
    expect(await ids({ eventTypes: ['login.failure'] })).toEqual([6, 2, 4]);
    expect(await ids({ eventTypes: ['logout', 'login.success'] })).toEqual([5, 1]);
    expect(await ids({ eventTypes: [] })).toHaveLength(6);
    expect(await ids({ eventTypes: ['type.added.later'] })).toEqual([]);
  });

  it('combines every filter with AND', async () => {
    await seed();
    expect(await ids({ userId: bruno, eventTypes: ['login.failure'] })).toEqual([4]);
    expect(await ids(toCriteria({ eventTypes: ['login.failure'], text: 'inconnu', from: '2026-03-02', to: '2026-03-03' }))).toEqual([2]);
    expect(await audit.count({ userId: alice, eventTypes: ['logout'] })).toBe(0);
  });

  it('reads "du" and "au" as whole local days, both included', async () => {
    await seed();
    expect(await ids(toCriteria({ from: '2026-03-02', to: '2026-03-02' }))).toEqual([2, 4]);
    expect(await ids(toCriteria({ from: '2026-03-03' }))).toEqual([6, 5, 3]);
    expect(await ids(toCriteria({ to: '2026-03-01' }))).toEqual([1]);
  });

  it('keeps the local-day bounds exact around midnight and on a 23-hour day (clock change)', async () => {
    // 29 March 2026: France moves from UTC+1 to UTC+2, so that day is 23 hours long.
    await audit.append({ eventType: 'logout' }, local(2026, 3, 28, 23, 59)); // 1: day before
    await audit.append({ eventType: 'logout' }, local(2026, 3, 29, 0, 0)); // 2: first instant
    await audit.append({ eventType: 'logout' }, local(2026, 3, 29, 23, 59)); // 3: last minute
    await audit.append({ eventType: 'logout' }, local(2026, 3, 30, 0, 0)); // 4: next day
    const bounds = toCriteria({ from: '2026-03-29', to: '2026-03-29' });
    expect(bounds.beforeMs! - bounds.fromMs!).toBe(23 * 3_600_000);
    expect(await ids(bounds)).toEqual([3, 2]);
    // In UTC, the same filter would have started an hour later: the bounds really are local.
    expect(bounds.fromMs).toBe(Date.UTC(2026, 2, 28, 23, 0));
  });
});

describe('AuditRepository: filter choices and retention', () => {
  it('lists the event types present, and every account with its state', async () => {
    await seed();
    await audit.append({ eventType: 'backup.created' as never }, local(2026, 3, 5));
    expect(await audit.eventTypes()).toEqual(['backup.created', 'login.failure', 'login.success', 'logout', 'sessions.ended_by_admin']);
    await core.database.kysely.updateTable('users').set({ is_active: 0 }).where('id', '=', bruno).execute();
    expect(await audit.people()).toEqual([
      { id: alice, username: 'a.martin', displayName: 'Alice Martin', isActive: true },
      { id: bruno, username: 'b.leroy', displayName: 'Bruno Leroy', isActive: false },
    ]);
  });

  it('deletes strictly older entries only, and says how many', async () => {
    await seed();
    const cutoff = local(2026, 3, 2, 10); // entry 2 is exactly at the cutoff: it stays
    // Inside a transaction, as the retention service runs it (the gate of migration 0007 opens only there).
    const prune = () => core.database.transaction((trx) => audit.in(trx).deleteOlderThan(cutoff));
    expect(await prune()).toBe(2); // entries 1 and 4
    expect(await ids({})).toEqual([6, 5, 3, 2]);
    expect(await prune()).toBe(0);
  });

  it('refuses a prune outside a transaction, and leaves the gate shut after one', async () => {
    await seed();
    await expect(audit.deleteOlderThan(local(2026, 3, 2, 10))).rejects.toThrow(/inside the retention transaction/);
    expect(await ids({})).toHaveLength(6);
    await core.database.transaction((trx) => audit.in(trx).deleteOlderThan(local(2026, 3, 2, 10)));
    expect(await core.database.kysely.selectFrom('audit_retention_gate').select('is_open').executeTakeFirst()).toEqual({ is_open: 0 });
  });

  it('still refuses any update of an entry (the trigger of the first migration)', async () => {
    await seed();
    await expect(core.database.kysely.updateTable('audit_log').set({ event_type: 'x' }).where('id', '=', 1).execute()).rejects.toThrow(/append-only/);
  });
});
