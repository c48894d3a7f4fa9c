// The viewer's queries on a real SQLite file: each filter, filters combined, paging, ordering, local-time days.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toCriteria } from '../../audit/audit-log-service';
import { createTestCore, type TestCore } from '../../../../tests/support/test-core';
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

let core: TestCore;
let audit: AuditRepository;
let alice: number;
let bruno: number;

/** Local wall-clock time in Europe/Paris, as the filter reads days. */
const local = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const ids = (criteria: AuditCriteria, limit = 100, offset = 0) => audit.search(criteria, limit, offset).map((entry) => entry.id);

beforeEach(() => {
  core = createTestCore();
  audit = new AuditRepository(core.db, 'POSTE-A');
  const users = new UsersRepository(core.db);
  const add = (username: string, displayName: string) =>
    users.insert({ username, displayName, email: null, role: 'technician', passwordHash: 'x', mustChangePassword: false, locale: 'fr' }, 0);
  alice = add('a.martin', 'Alice Martin');
  bruno = add('b.leroy', 'Bruno Leroy');
});
afterEach(() => core.dispose());

function seed() {
  // id 1..6 in insertion order; occurred_at not in id order on purpose.
  audit.append({ eventType: 'login.success', actorUserId: alice, subjectUserId: alice }, local(2026, 3, 1, 9));
  audit.append({ eventType: 'login.failure', subjectLabel: 'Inconnu_X', details: { reason: 'unknown_user' } }, local(2026, 3, 2, 10));
  audit.append({ eventType: 'sessions.ended_by_admin', actorUserId: alice, subjectUserId: bruno, details: { ended: 1 } }, local(2026, 3, 3, 11));
  audit.append({ eventType: 'login.failure', subjectUserId: bruno, details: { reason: 'wrong_password' } }, local(2026, 3, 2, 8));
  audit.append({ eventType: 'logout', actorUserId: bruno, subjectUserId: bruno }, local(2026, 3, 3, 11));
  audit.append({ eventType: 'login.failure', subjectLabel: 'inconnu%y', details: { reason: 'unknown_user' } }, local(2026, 3, 4, 7));
}

describe('AuditRepository.search and count', () => {
  it('lists newest first, ties broken by the newest id, with the names of the people', () => {
    seed();
    expect(ids({})).toEqual([6, 5, 3, 2, 4, 1]);
    const [, logout, ended] = audit.search({}, 3, 0);
    expect(logout).toMatchObject({ eventType: 'logout', actor: { id: bruno, username: 'b.leroy', displayName: 'Bruno Leroy' }, workstation: 'POSTE-A' });
    expect(ended).toMatchObject({ actor: { displayName: 'Alice Martin' }, subject: { displayName: 'Bruno Leroy' }, details: { ended: 1 } });
    expect(audit.search({}, 1, 3)[0]).toMatchObject({ eventType: 'login.failure', actor: null, subject: null, subjectLabel: 'Inconnu_X' });
  });

  it('pages with limit and offset, and counts the whole match', () => {
    seed();
    expect(ids({}, 2, 0)).toEqual([6, 5]);
    expect(ids({}, 2, 2)).toEqual([3, 2]);
    expect(ids({}, 2, 4)).toEqual([4, 1]);
    expect(ids({}, 2, 6)).toEqual([]);
    expect(audit.count({})).toBe(6);
  });

  it('filters by user as the actor or the subject', () => {
    seed();
    expect(ids({ userId: alice })).toEqual([3, 1]);
    expect(ids({ userId: bruno })).toEqual([5, 3, 4]);
    expect(audit.count({ userId: bruno })).toBe(3);
  });

  it('filters by the typed name, case-insensitively, with % and _ taken literally', () => {
    seed();
    expect(ids({ labelContains: 'INCONNU' })).toEqual([6, 2]);
    expect(ids({ labelContains: 'u_' })).toEqual([2]);
    expect(ids({ labelContains: '%' })).toEqual([6]);
    expect(ids({ labelContains: 'nobody' })).toEqual([]);
  });

  it('filters by one or several event types; an empty list means all', () => {
    seed();
    expect(ids({ eventTypes: ['login.failure'] })).toEqual([6, 2, 4]);
    expect(ids({ eventTypes: ['logout', 'login.success'] })).toEqual([5, 1]);
    expect(ids({ eventTypes: [] })).toHaveLength(6);
    expect(ids({ eventTypes: ['type.added.later'] })).toEqual([]);
  });

  it('combines every filter with AND', () => {
    seed();
    expect(ids({ userId: bruno, eventTypes: ['login.failure'] })).toEqual([4]);
    expect(ids(toCriteria({ eventTypes: ['login.failure'], text: 'inconnu', from: '2026-03-02', to: '2026-03-03' }))).toEqual([2]);
    expect(audit.count({ userId: alice, eventTypes: ['logout'] })).toBe(0);
  });

  it('reads "du" and "au" as whole local days, both included', () => {
    seed();
    expect(ids(toCriteria({ from: '2026-03-02', to: '2026-03-02' }))).toEqual([2, 4]);
    expect(ids(toCriteria({ from: '2026-03-03' }))).toEqual([6, 5, 3]);
    expect(ids(toCriteria({ to: '2026-03-01' }))).toEqual([1]);
  });

  it('keeps the local-day bounds exact around midnight and on a 23-hour day (clock change)', () => {
    // 29 March 2026: France moves from UTC+1 to UTC+2, so that day is 23 hours long.
    audit.append({ eventType: 'logout' }, local(2026, 3, 28, 23, 59)); // 1: day before
    audit.append({ eventType: 'logout' }, local(2026, 3, 29, 0, 0)); // 2: first instant
    audit.append({ eventType: 'logout' }, local(2026, 3, 29, 23, 59)); // 3: last minute
    audit.append({ eventType: 'logout' }, local(2026, 3, 30, 0, 0)); // 4: next day
    const bounds = toCriteria({ from: '2026-03-29', to: '2026-03-29' });
    expect(bounds.beforeMs! - bounds.fromMs!).toBe(23 * 3_600_000);
    expect(ids(bounds)).toEqual([3, 2]);
    // In UTC, the same filter would have started an hour later: the bounds really are local.
    expect(bounds.fromMs).toBe(Date.UTC(2026, 2, 28, 23, 0));
  });
});

describe('AuditRepository: filter choices and retention', () => {
  it('lists the event types present, and every account with its state', () => {
    seed();
    audit.append({ eventType: 'backup.created' as never }, local(2026, 3, 5));
    expect(audit.eventTypes()).toEqual(['backup.created', 'login.failure', 'login.success', 'logout', 'sessions.ended_by_admin']);
    core.db.prepare('UPDATE users SET is_active = 0 WHERE id = ?').run(bruno);
    expect(audit.people()).toEqual([
      { id: alice, username: 'a.martin', displayName: 'Alice Martin', isActive: true },
      { id: bruno, username: 'b.leroy', displayName: 'Bruno Leroy', isActive: false },
    ]);
  });

  it('deletes strictly older entries only, and says how many', () => {
    seed();
    const cutoff = local(2026, 3, 2, 10); // entry 2 is exactly at the cutoff: it stays
    // Inside a transaction, as the retention service runs it (the gate of migration 0007 opens only there).
    const prune = core.db.transaction(() => audit.deleteOlderThan(cutoff));
    expect(prune()).toBe(2); // entries 1 and 4
    expect(ids({})).toEqual([6, 5, 3, 2]);
    expect(prune()).toBe(0);
  });

  it('refuses a prune outside a transaction, and leaves the gate shut after one', () => {
    seed();
    expect(() => audit.deleteOlderThan(local(2026, 3, 2, 10))).toThrow(/inside the retention transaction/);
    expect(ids({})).toHaveLength(6);
    core.db.transaction(() => audit.deleteOlderThan(local(2026, 3, 2, 10)))();
    expect(core.db.prepare('SELECT is_open FROM audit_retention_gate').pluck().get()).toBe(0);
  });

  it('still refuses any update of an entry (the trigger of the first migration)', () => {
    seed();
    expect(() => core.db.prepare("UPDATE audit_log SET event_type = 'x' WHERE id = 1").run()).toThrow(/append-only/);
  });
});
