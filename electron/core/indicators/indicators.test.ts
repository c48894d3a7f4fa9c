// Node (tests). The KPI formulas against small hand-computed fixtures, through the dispatcher, on the engine of this
// pass: 3 failures with known downtimes and known operating time give the exact MTBF, MTTR and availability (the
// arithmetic is in the comments); a location filter takes its subtree; a downtime across the period's bounds is
// clipped; backlog, capacity, the preventive/corrective ratio and costs; the .xlsx and PDF files.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, FakeClock, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import type { Role } from '../../../shared/contract/roles';
import { createWorkOrder } from '../work-orders';

let core: TestCore;
let printed: string[];
const HOUR = 3_600_000;
/** Local time, like the period's days (the site's PCs share one zone). January has no DST change. */
const at = (month: number, day: number, hour = 0) => new Date(2026, month - 1, day, hour).getTime();

async function addUser(username: string, role: Role): Promise<number> {
  const db = core.database.kysely;
  const { password_hash } = await db.selectFrom('users').select('password_hash').where('username', '=', ADMIN_INPUT.username).executeTakeFirstOrThrow();
  const row = await db.insertInto('users').values({ username, display_name: username, email: null, role, password_hash, password_changed_at: 0, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

async function addLocation(code: string, parentId: number | null): Promise<number> {
  const row = await core.database.kysely.insertInto('locations').values({ code, name: `Lieu ${code}`, kind: parentId === null ? 'site' : 'zone', parent_id: parentId, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

async function addEquipment(code: string, locationId: number | null, createdAt: number): Promise<number> {
  const row = await core.database.kysely
    .insertInto('equipment')
    .values({ code, designation: `Machine ${code}`, location_id: locationId, search_text: code.toLowerCase(), created_at: createdAt, updated_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function addOrder(equipmentId: number, locationId: number | null, type: 'corrective' | 'preventive', status: 'draft' | 'planned' | 'done' = 'done', estimatedMinutes: number | null = null): Promise<number> {
  const created = await core.database.transaction((trx) =>
    createWorkOrder(trx, { type, priority: 2, equipmentId, locationId, title: 'T', description: '', estimatedMinutes }, { userId: null, workstation: 'P', at: 0, year: 2026 }),
  );
  await core.database.kysely.updateTable('work_orders').set({ status }).where('id', '=', created.id).execute();
  return created.id;
}

async function addDowntime(equipmentId: number, startedAt: number, endedAt: number | null, options: { planned?: boolean; workOrderId?: number | null } = {}): Promise<void> {
  await core.database.kysely
    .insertInto('downtimes')
    .values({ equipment_id: equipmentId, started_at: startedAt, ended_at: endedAt, planned: options.planned ? 1 : 0, work_order_id: options.workOrderId ?? null, created_at: startedAt })
    .execute();
}

async function dashboard(from: string, to: string, locationId: number | null = null) {
  const result = await core.call('w-manager', 'indicators:dashboard', { from, to, locationId });
  if (!result.ok) throw new Error(`${result.error.message}: ${core.logger.lines.join('\n')}`);
  return result.data;
}

beforeEach(async () => {
  printed = [];
  core = await createTestCore({ clock: new FakeClock(at(2, 15, 12)), pdfPrinter: { print: async (html) => (printed.push(html), new TextEncoder().encode('%PDF-1.4 test')) } });
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  await addUser('c.roux', 'maintenance_manager');
  await addUser('l.moreau', 'technician');
  for (const [w, u] of [['w-manager', 'c.roux'], ['w-tech', 'l.moreau']]) {
    expect((await core.call(w, 'auth:login', { identifier: u, password: ADMIN_INPUT.password })).ok).toBe(true);
  }
});
afterEach(async () => {
  await core.dispose();
});

describe(`indicators on ${TEST_ENGINE}`, () => {
  it('gives the exact MTBF, MTTR and availability of 3 failures with known downtimes', async () => {
    const site = await addLocation('S', null);
    const zone1 = await addLocation('Z1', site);
    const zone2 = await addLocation('Z2', site);
    // A exists before the period: 10 days × 24 h = 240 h of calendar time (1–10 January).
    const a = await addEquipment('A', zone1, at(12, 1) - 400 * 24 * HOUR);
    // B is created on 6 January 00:00: 5 days = 120 h. Calendar time in scope = 240 + 120 = 360 h.
    const b = await addEquipment('B', zone2, at(1, 6));
    // C is created after the period: not in scope.
    await addEquipment('C', zone2, at(1, 20));
    const woA = await addOrder(a, zone1, 'corrective');
    const woPrev = await addOrder(a, zone1, 'preventive');
    // Failures: A 2 Jan 08–10 (2 h), A 4 Jan 08–12 (4 h, its corrective OT), B 8 Jan 06–12 (6 h) → 3 failures, 12 h to restore.
    await addDowntime(a, at(1, 2, 8), at(1, 2, 10));
    await addDowntime(a, at(1, 4, 8), at(1, 4, 12), { workOrderId: woA });
    await addDowntime(b, at(1, 8, 6), at(1, 8, 12));
    // Not failures, but downtime: a planned stop of A on 9 Jan 00–03 (3 h) — availability counts every stop.
    await addDowntime(a, at(1, 9, 0), at(1, 9, 3), { planned: true });
    // Downtime = 2 + 4 + 6 + 3 = 15 h; operating = 360 − 15 = 345 h.
    // MTBF = 345 h ÷ 3 = 115 h; MTTR = 12 h ÷ 3 = 4 h; availability = 345 ÷ (345 + 15) = 0.958333…
    const view = await dashboard('2026-01-01', '2026-01-10');
    expect(view.equipmentCount).toBe(2);
    expect(view.calendarMs).toBe(360 * HOUR);
    expect(view.downtimeMs).toBe(15 * HOUR);
    expect(view.operatingMs).toBe(345 * HOUR);
    expect(view.failures).toBe(3);
    expect(view.mtbfMs).toBe(115 * HOUR);
    expect(view.mttrMs).toBe(4 * HOUR);
    expect(view.availability).toBeCloseTo(345 / 360, 12);
    expect(view.topDowntime.map((e) => [e.code, e.downtimeMs / HOUR, e.failures])).toEqual([
      ['A', 9, 2],
      ['B', 6, 1],
    ]);
    // Per location: Z1 = A (240 h, 9 h down → 231/240), Z2 = B (120 h, 6 h down → 114/120).
    expect(view.byLocation.map((l) => [l.name, l.calendarMs / HOUR, l.downtimeMs / HOUR, l.failures, l.availability])).toEqual([
      ['Lieu Z1', 240, 9, 2, 231 / 240],
      ['Lieu Z2', 120, 6, 1, 114 / 120],
    ]);

    // Zone 1 only (its subtree): 240 h, 9 h down, 2 failures → MTBF 231 ÷ 2 = 115.5 h, MTTR 6 ÷ 2 = 3 h, 231/240.
    const zone = await dashboard('2026-01-01', '2026-01-10', zone1);
    expect([zone.mtbfMs, zone.mttrMs, zone.availability]).toEqual([115.5 * HOUR, 3 * HOUR, 231 / 240]);
    // The site: its subtree is both zones, the same figures as the whole plant.
    expect((await dashboard('2026-01-01', '2026-01-10', site)).mtbfMs).toBe(115 * HOUR);

    // A stop ended by a preventive OT is downtime, not a failure.
    await addDowntime(a, at(1, 10, 0), at(1, 10, 1), { workOrderId: woPrev });
    const withPreventive = await dashboard('2026-01-01', '2026-01-10');
    expect([withPreventive.failures, withPreventive.downtimeMs]).toEqual([3, 16 * HOUR]);

    // The drill-down: the failures behind MTBF/MTTR.
    const list = await core.call('w-manager', 'indicators:downtimes', { from: '2026-01-01', to: '2026-01-10', kind: 'failures' });
    expect(list.ok && list.data.rows.map((r) => [r.equipmentCode, r.inPeriodMs / HOUR])).toEqual([
      ['B', 6],
      ['A', 4],
      ['A', 2],
    ]);
  });

  it('clips a downtime that spans the period boundary', async () => {
    const a = await addEquipment('A', null, 0);
    // 31 Dec 22:00 → 1 Jan 03:00: 3 h inside the period; it started before, so it is no failure of this period.
    await addDowntime(a, at(1, 1, 0) - 2 * HOUR, at(1, 1, 3));
    // 10 Jan 23:00 → 11 Jan 02:00: 1 h inside; a failure of the period whose restoration took 3 h.
    await addDowntime(a, at(1, 10, 23), at(1, 11, 2));
    // Outside entirely.
    await addDowntime(a, at(1, 12, 0), at(1, 12, 5));
    const view = await dashboard('2026-01-01', '2026-01-10');
    // Downtime = 3 + 1 = 4 h of 240 h; operating 236 h; 1 failure → MTBF 236 h, MTTR 3 h.
    expect(view.downtimeMs).toBe(4 * HOUR);
    expect(view.failures).toBe(1);
    expect(view.mtbfMs).toBe(236 * HOUR);
    expect(view.mttrMs).toBe(3 * HOUR);
    expect(view.availability).toBe(236 / 240);
    const list = await core.call('w-manager', 'indicators:downtimes', { from: '2026-01-01', to: '2026-01-10', kind: 'all' });
    expect(list.ok && list.data.rows.map((r) => r.inPeriodMs / HOUR)).toEqual([1, 3]);
    // A still open stop counts up to now (15 Feb 12:00), never beyond: 2 Feb 12:00 → now = 13 days × 24 h = 312 h.
    await addDowntime(a, at(2, 2, 12), null);
    const february = await dashboard('2026-02-01', '2026-02-28');
    // Calendar = 1 Feb 00:00 → 15 Feb 12:00 = 348 h; down = 312 h.
    expect([february.calendarMs / HOUR, february.downtimeMs / HOUR, february.failures, february.mttrMs]).toEqual([348, 312, 1, null]);
  });

  it('computes backlog in weeks of capacity, the preventive/corrective ratio and costs per month', async () => {
    const a = await addEquipment('A', null, 0);
    const tech = Number((await core.database.kysely.selectFrom('users').select('id').where('username', '=', 'l.moreau').executeTakeFirstOrThrow()).id);
    const other = await addUser('t.petit', 'technician');
    // Capacity: l.moreau 35 h by default + t.petit 28 h = 63 h a week = 3780 min.
    await core.database.kysely.insertInto('technician_capacity').values({ user_id: other, weekly_minutes: 28 * 60, updated_at: 0 }).execute();
    // Backlog: open OTs of 600 + 660 min and one without estimate; a finished one doesn't count → 1260 min = 1/3 week.
    await addOrder(a, null, 'corrective', 'draft', 600);
    await addOrder(a, null, 'preventive', 'planned', 660);
    await addOrder(a, null, 'corrective', 'planned', null);
    const prev = await addOrder(a, null, 'preventive', 'done', 999);
    const corr = await addOrder(a, null, 'corrective', 'done');
    // Labour: 3 h preventive, 2 h corrective in January → ratio 1.5. At 50 €/h (role): 250 € of labour.
    await core.call('w-manager', 'costs:setRate', { subjectKind: 'role', role: 'technician', rateCents: 5000 });
    const entry = (wo: number, start: number, hours: number) => ({ work_order_id: wo, user_id: tech, started_at: start, ended_at: start + hours * HOUR, workstation: 'P' });
    await core.database.kysely.insertInto('time_entries').values([entry(prev, at(1, 5, 8), 3), entry(corr, at(1, 20, 8), 2)]).execute();
    await core.call('w-manager', 'costs:addService', { number: (await core.database.kysely.selectFrom('work_orders').select('number').where('id', '=', corr).executeTakeFirstOrThrow()).number, supplier: 'Sous-traitant', amountCents: 12_345 });
    const view = await dashboard('2026-01-01', '2026-02-28');
    expect(view.backlog).toEqual({ openCount: 3, estimatedMinutes: 1260, withoutEstimate: 1, capacityMinutesPerWeek: 3780, technicians: 2, weeks: 1260 / 3780 });
    expect(view.labour).toEqual({ preventiveMinutes: 180, correctiveMinutes: 120, otherMinutes: 0, ratio: 1.5 });
    // Cost: January 150 € + 100 € labour; the service line is dated now (15 Feb): February 123,45 €.
    expect(view.costByMonth.map((m) => [m.month, m.labourCents, m.servicesCents, m.totalCents])).toEqual([
      ['2026-01', 25_000, 0, 25_000],
      ['2026-02', 0, 12_345, 12_345],
    ]);
    expect(view.cost.totalCents).toBe(37_345);
    expect(view.topCost.map((e) => [e.code, e.totalCents, e.months.map((m) => m.totalCents)])).toEqual([['A', 37_345, [25_000, 12_345]]]);

    // The .xlsx: one sheet per figure, MTTR's formula stated.
    const file = await core.call('w-manager', 'indicators:export', { from: '2026-01-01', to: '2026-02-28' });
    if (!file.ok) throw new Error(file.error.message);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.data.contentBase64, 'base64') as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Synthèse', 'Disponibilité par lieu', 'Coût par mois', 'Coût équipement × mois', 'Top 10 arrêts', 'Top 10 coûts', 'Main-d’œuvre']);
    const synthesis = workbook.getWorksheet('Synthèse');
    expect(String(synthesis?.getRow(5).getCell(4).value)).toContain('Atlas CMMS');
    expect(synthesis?.getRow(14).getCell(2).value).toBe(373.45);

    // The monthly report: January, in French, through the PDF printer.
    const pdf = await core.call('w-manager', 'indicators:monthlyReport', { month: '2026-01' });
    expect(pdf.ok && pdf.data.fileName).toBe('rapport-maintenance-2026-01.pdf');
    expect(printed[0]).toContain('Rapport mensuel de maintenance — janvier 2026');
    expect(printed[0]).toContain('250,00');
  });

  it('is for managers only', async () => {
    expect(await core.call('w-tech', 'indicators:dashboard', { from: '2026-01-01', to: '2026-01-31' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call('w-tech', 'indicators:export', { from: '2026-01-01', to: '2026-01-31' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call('w-manager', 'indicators:dashboard', { from: '2026-02-01', to: '2026-01-31' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const empty = await dashboard('2026-01-01', '2026-01-31');
    expect([empty.mtbfMs, empty.mttrMs, empty.availability, empty.failures]).toEqual([null, null, null, 0]);
  });
});
