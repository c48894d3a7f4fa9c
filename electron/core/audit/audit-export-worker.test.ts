// Issue 11, item 6: the security log's CSV export runs off main's thread: in the database worker on SQLite, in
// the server on PostgreSQL (main only awaits its pages). Same file as the in-thread export it replaces, progress
// to the window that asked, and main's event loop keeps turning, on both engines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditExport, AuditExportProgress } from '../../../shared/contract';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { AuditRepository, type AuditEntry } from '../kernel/audit-trail/audit-repository';
import { buildAuditCsv } from './audit-csv';
import { toCriteria } from './audit-log-service';

const ADMIN_WINDOW = 'admin-window';
const ROWS = 4_000;
let core: TestCore;

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  const login = await core.call(ADMIN_WINDOW, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
  expect(login.ok).toBe(true);
  const audit = new AuditRepository(core.database.kysely, 'POSTE-ATELIER');
  // Varied rows: people, typed names needing quotes and defusing, details, several event types.
  const samples: AuditEntry[] = [
    { eventType: 'login.success', actorUserId: 1, subjectUserId: 1 },
    { eventType: 'login.failure', subjectLabel: 'intrus;=cmd "x"', details: { reason: 'unknown_user' } },
    { eventType: 'logout', actorUserId: 1, subjectUserId: 1 },
    { eventType: 'backup.created', actorUserId: 1, details: { fileName: 'sauvegarde.sqlite', sizeBytes: 1234 } },
  ];
  await core.database.transaction(async (trx) => {
    for (let i = 0; i < ROWS; i++) await audit.in(trx).append(samples[i % samples.length], 1_767_000_000_000 + i * 1000);
  });
});
afterEach(async () => {
  await core.dispose();
});

async function exportVia(filter: Record<string, unknown>): Promise<AuditExport> {
  const result = await core.call(ADMIN_WINDOW, 'audit:export', filter);
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.data as AuditExport;
}

describe('audit CSV export in the database worker', () => {
  it('writes the same file as the in-thread export did, for the whole log and for a filter', async () => {
    const audit = new AuditRepository(core.database.kysely, 'x');
    // What the export wrote before this change, on main's thread, from the same rows read in one go.
    const inThread = async (filter: Parameters<typeof toCriteria>[0], language: 'fr' | 'en') =>
      buildAuditCsv(await audit.search(toCriteria(filter), 100_000, 0), language);
    const expectedAll = await inThread({}, 'fr');
    const expectedFailures = await inThread({ eventTypes: ['login.failure'] }, 'en');

    const all = await exportVia({});
    expect(all.content).toBe(expectedAll);
    expect(all.rows).toBeGreaterThan(ROWS);
    const failures = await exportVia({ eventTypes: ['login.failure'], language: 'en' });
    expect(failures.content).toBe(expectedFailures);
    expect(failures.rows).toBe(ROWS / 4);
  });

  it('sends progress to the window that asked, rising to every row', async () => {
    const file = await exportVia({});
    const progress = core.events.filter((e) => e.event === 'audit:progress');
    expect(new Set(progress.map((e) => e.windowId))).toEqual(new Set([ADMIN_WINDOW]));
    const values = progress.map((e) => e.payload as AuditExportProgress);
    expect(values.length).toBeGreaterThan(3);
    expect(values.every((value) => value.totalRows === file.rows)).toBe(true);
    const done = values.map((value) => value.exportedRows);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done[0]).toBe(0);
    expect(done.at(-1)).toBe(file.rows);
  });

  it('keeps main’s event loop turning while the file is written', async () => {
    // A macrotask counter: an export done synchronously on main's thread leaves it at 0, whatever the speed.
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const exporting = exportVia({});
    const turnsAtStart = turns;
    await exporting;
    running = false;
    expect(turnsAtStart).toBe(0);
    expect(turns).toBeGreaterThan(0);
  });
});
