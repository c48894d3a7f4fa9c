// The "Journal de sécurité" channels through the real dispatcher, on the test engine (SQLite or PostgreSQL): pages,
// filters, the CSV export and its audit entry.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditExport, AuditPage } from '../../../shared/contract';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { UsersRepository } from '../kernel/identity/users-repository';
import { AuditLogService } from './audit-log-service';

const previousTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Paris';
});
afterAll(() => {
  process.env.TZ = previousTz;
  if (previousTz === undefined) delete process.env.TZ;
});

let core: TestCore;
const ADMIN_WINDOW = 'admin-window';

async function data<T>(promise: ReturnType<TestCore['call']>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${JSON.stringify(result.error.fields ?? '')}`);
  return result.data as T;
}

beforeEach(async () => {
  core = await createTestCore();
  await data(core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT));
  core.clock.advance(60_000);
  await core.call('probe', 'auth:login', { identifier: 'Intrus;=cmd', password: 'nimporte quoi' });
  core.clock.advance(60_000);
  await data(core.call(ADMIN_WINDOW, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password }));
});
afterEach(async () => {
  await core.dispose();
});

describe('audit:list', () => {
  it('shows the newest first, with names, the typed unknown name and the workstation', async () => {
    const page = await data<AuditPage>(core.call(ADMIN_WINDOW, 'audit:list', { page: 1 }));
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 50, pageCount: 1 });
    expect(page.entries.map((e) => e.eventType)).toEqual(['login.success', 'login.failure', 'setup.first_admin']);
    expect(page.entries[0]).toMatchObject({ actor: { username: 'admin.chef', displayName: 'Chef Atelier' }, workstation: 'POSTE-TEST' });
    expect(page.entries[1]).toMatchObject({ actor: null, subject: null, subjectLabel: 'Intrus;=cmd', details: { reason: 'unknown_user' } });
  });

  it('pages by 50 and gives the last page when asked past the end', async () => {
    const audit = new AuditRepository(core.database.kysely, 'POSTE-TEST');
    for (let i = 0; i < 120; i++) await audit.append({ eventType: 'logout', actorUserId: 1, subjectUserId: 1 }, core.clock.now() + i);
    const first = await data<AuditPage>(core.call(ADMIN_WINDOW, 'audit:list', { page: 1 }));
    expect(first).toMatchObject({ total: 123, pageCount: 3, page: 1 });
    expect(first.entries).toHaveLength(50);
    const last = await data<AuditPage>(core.call(ADMIN_WINDOW, 'audit:list', { page: 3 }));
    expect(last.entries.map((e) => e.eventType).slice(-3)).toEqual(['login.success', 'login.failure', 'setup.first_admin']);
    expect(last.entries).toHaveLength(23);
    expect(await data<AuditPage>(core.call(ADMIN_WINDOW, 'audit:list', { page: 99 }))).toMatchObject({ page: 3, entries: { length: 23 } });
    const logouts = await data<AuditPage>(core.call(ADMIN_WINDOW, 'audit:list', { page: 1, eventTypes: ['logout'], userId: 1 }));
    expect(logouts.total).toBe(120);
  });

  it('filters by typed text and by day, and says an empty result is page 1 of 1', async () => {
    const typed = await data<AuditPage>(core.call(ADMIN_WINDOW, 'audit:list', { page: 1, text: 'intrus' }));
    expect(typed.entries.map((e) => e.eventType)).toEqual(['login.failure']);
    // The fake clock is 15 January 2026 around 09:00 in Paris.
    const sameDay = await data<AuditPage>(core.call(ADMIN_WINDOW, 'audit:list', { page: 1, from: '2026-01-15', to: '2026-01-15' }));
    expect(sameDay.total).toBe(3);
    const dayAfter = await data<AuditPage>(core.call(ADMIN_WINDOW, 'audit:list', { page: 1, from: '2026-01-16' }));
    expect(dayAfter).toMatchObject({ total: 0, page: 1, pageCount: 1, entries: [] });
  });

  it('refuses a reversed or impossible date range, naming the field', async () => {
    expect(await core.call(ADMIN_WINDOW, 'audit:list', { page: 1, from: '2026-02-01', to: '2026-01-31' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: [{ path: 'to' }] },
    });
    expect(await core.call(ADMIN_WINDOW, 'audit:list', { page: 1, from: '2026-02-30' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', fields: [{ path: 'from' }] },
    });
    expect(await core.call(ADMIN_WINDOW, 'audit:list', { page: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('offers every account and every event type present for the filters', async () => {
    expect(await data(core.call(ADMIN_WINDOW, 'audit:filterOptions'))).toEqual({
      users: [{ id: 1, username: 'admin.chef', displayName: 'Chef Atelier', isActive: true }],
      eventTypes: ['login.failure', 'login.success', 'setup.first_admin'],
    });
  });
});

describe('audit:export', () => {
  it('returns a French CSV of the filtered rows: BOM, headers, labels, local dates, defused cells', async () => {
    const file = await data<AuditExport>(core.call(ADMIN_WINDOW, 'audit:export', {}));
    expect(file).toMatchObject({ fileName: 'journal-securite-2026-01-15.csv', rows: 3, total: 3, capped: false });
    const lines = file.content.split('\r\n');
    expect(lines[0]).toBe('\uFEFFN°;Date et heure;Événement;Code événement;Par;Concerne;Poste;Détails');
    // 15 January 2026, 08:02 UTC is 09:02 in Paris.
    expect(lines[1]).toBe('3;15/01/2026 09:02:00;Connexion réussie;login.success;Chef Atelier (admin.chef);Chef Atelier (admin.chef);POSTE-TEST;');
    expect(lines[2]).toBe('2;15/01/2026 09:01:00;Échec de connexion;login.failure;;"« Intrus;=cmd » (saisi)";POSTE-TEST;Motif : identifiant inconnu');
    expect(lines[3]).toContain(';Premier administrateur créé;setup.first_admin;');
    expect(lines).toHaveLength(5); // three rows, and the empty string after the last CRLF
  });

  it('is audited with the filter and the row count, after the rows were read', async () => {
    await data(core.call(ADMIN_WINDOW, 'audit:export', { eventTypes: ['login.failure'], text: 'intrus', from: '2026-01-01', to: '2026-01-31', userId: 1 }));
    const [entry] = await new AuditRepository(core.database.kysely, 'x').recent(1);
    expect(entry).toMatchObject({
      eventType: 'audit.exported',
      actorUserId: 1,
      details: {
        rows: 0,
        total: 0,
        capped: false,
        filter: { userId: 1, userName: 'Chef Atelier (admin.chef)', text: 'intrus', eventTypes: ['login.failure'], from: '2026-01-01', to: '2026-01-31' },
      },
    });
    const second = await data<AuditExport>(core.call(ADMIN_WINDOW, 'audit:export', { eventTypes: ['audit.exported'] }));
    expect(second.rows).toBe(1); // the first export's entry; the second's is written after its rows were read
  });

  it('stops at the cap, keeps the newest rows and says so', async () => {
    const service = new AuditLogService({
      audit: new AuditRepository(core.database.kysely, 'POSTE-TEST'),
      users: new UsersRepository(core.database.kysely),
      clock: core.clock,
      database: core.database,
      databaseFile: core.databaseFile,
      exportMaxRows: 2,
    });
    const file = await service.export({}, 'fr', 1);
    expect(file).toMatchObject({ rows: 2, total: 3, capped: true });
    expect(file.content.split('\r\n').slice(1, 3).map((line) => line.split(';')[3])).toEqual(['login.success', 'login.failure']);
    expect((await new AuditRepository(core.database.kysely, 'x').recent(1))[0].details).toMatchObject({ rows: 2, total: 3, capped: true });
  });

  it('writes English when asked', async () => {
    const file = await data<AuditExport>(core.call(ADMIN_WINDOW, 'audit:export', { language: 'en' }));
    expect(file.fileName).toBe('security-log-2026-01-15.csv');
    expect(file.content.split('\r\n')[0]).toBe('\uFEFFNo.;Date and time;Event;Event code;By;Concerns;Workstation;Details');
    expect(file.content).toContain(';Failed sign-in;login.failure;;"“Intrus;=cmd” (typed)";POSTE-TEST;Reason: unknown name');
  });
});
