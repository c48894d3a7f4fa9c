// Node (tests). PM compliance on the engine of this pass, from hand-made occurrences whose answer is known: done
// early within the date window, done late, missed, a meter occurrence done within ± units (its date outside the
// window: the units decide), one done past its units, one still open, one cancelled (not due), and some outside the
// period. The rates per month, per location (a location filter covers its sub-locations), the total, and the
// drill-down to the occurrences behind one figure with their OT. Also through the dispatcher: managers only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { EquipmentRepository, LocationsRepository } from '../equipment';
import { createWorkOrder } from '../work-orders';
import { complianceSummary, ComplianceRepository } from './compliance-repository';

let core: TestCore;
const DAY = 86_400_000;
const at = (day: string) => Date.parse(`${day}T00:00:00Z`) - 3_600_000; // local midnight in Paris (winter), as UTC ms

let ids: { workshop: number; line: number; machining: number; press: number; lathe: number; loose: number; plan: number };

async function occurrence(values: {
  equipment: number;
  location: number | null;
  key: string;
  dueDate: string;
  status: 'generated' | 'missed' | 'done' | 'cancelled';
  doneAt?: number;
  dueTotal?: number;
  doneTotal?: number;
  toleranceUnits?: number;
  workOrderId?: number;
}): Promise<number> {
  const dueAt = at(values.dueDate);
  const row = await core.database.kysely
    .insertInto('pm_occurrences')
    .values({
      plan_id: ids.plan,
      equipment_id: values.equipment,
      location_id: values.location,
      occurrence_key: values.key,
      trigger_kind: values.dueTotal === undefined ? 'calendar_fixed' : 'meter_fixed',
      due_at: dueAt,
      due_date: values.dueDate,
      due_total: values.dueTotal ?? null,
      // ± 2 days of tolerance around the due date.
      window_start_at: dueAt - 2 * DAY,
      window_end_at: dueAt + 3 * DAY - 1,
      tolerance_units: values.toleranceUnits ?? null,
      status: values.status,
      work_order_id: values.workOrderId ?? null,
      done_at: values.doneAt ?? null,
      done_total: values.doneTotal ?? null,
      created_at: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  const db = core.database.kysely;
  const locations = new LocationsRepository(db);
  const workshop = await locations.insert({ code: 'ATL', name: 'Atelier presses', kind: 'zone', parent_id: null, created_at: 0, updated_at: 0 });
  const line = await locations.insert({ code: 'L1', name: 'Ligne 1', kind: 'line', parent_id: workshop, created_at: 0, updated_at: 0 });
  const machining = await locations.insert({ code: 'USI', name: 'Usinage', kind: 'zone', parent_id: null, created_at: 0, updated_at: 0 });
  const equipment = new EquipmentRepository(db);
  const base = { parent_id: null, category: null, manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: 0, updated_at: 0 };
  const press = await equipment.insert({ code: 'PR-003', designation: 'Presse 3', location_id: line, ...base });
  const lathe = await equipment.insert({ code: 'TO-001', designation: 'Tour 1', location_id: machining, ...base });
  const loose = await equipment.insert({ code: 'CP-009', designation: 'Compresseur mobile', location_id: null, ...base });
  const plan = await db
    .insertInto('pm_plans')
    .values({ code: 'PM-001', name: 'Graissage', equipment_id: press, triggers: '[{"kind":"calendar_fixed","anchor":"2026-01-10","every":1,"unit":"month"}]', search_text: 'pm-001 graissage', created_by: null, created_at: 0, updated_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids = { workshop, line, machining, press, lathe, loose, plan: Number(plan.id) };

  const wo = await core.database.transaction((trx) =>
    createWorkOrder(trx, { type: 'preventive', priority: 3, equipmentId: press, locationId: line, title: 'Graissage', description: '', dueAt: at('2026-01-10'), assigneeIds: [] }, { userId: null, workstation: 'POSTE-1', at: 0, year: 2026 }),
  );
  // January.
  await occurrence({ equipment: press, location: line, key: 'D:2026-01-10', dueDate: '2026-01-10', status: 'done', doneAt: at('2026-01-09') + 10 * 3_600_000, workOrderId: wo.id }); // early, in window
  await occurrence({ equipment: press, location: line, key: 'D:2026-01-20', dueDate: '2026-01-20', status: 'done', doneAt: at('2026-01-25') }); // late
  await occurrence({ equipment: lathe, location: machining, key: 'D:2026-01-15', dueDate: '2026-01-15', status: 'missed' }); // PC off
  await occurrence({ equipment: lathe, location: machining, key: 'M:1500', dueDate: '2026-01-25', status: 'done', dueTotal: 1500, toleranceUnits: 50, doneTotal: 1540, doneAt: at('2026-02-10') }); // ± units
  await occurrence({ equipment: lathe, location: machining, key: 'D:2026-01-28', dueDate: '2026-01-28', status: 'cancelled' });
  // February.
  await occurrence({ equipment: loose, location: null, key: 'M:3000', dueDate: '2026-02-03', status: 'done', dueTotal: 3000, toleranceUnits: 50, doneTotal: 3080, doneAt: at('2026-02-03') }); // past its units
  await occurrence({ equipment: press, location: line, key: 'D:2026-02-10', dueDate: '2026-02-10', status: 'generated' });
  await occurrence({ equipment: press, location: line, key: 'D:2026-02-12', dueDate: '2026-02-12', status: 'done', doneAt: at('2026-02-12') + 3_600_000 });
  // Outside the period.
  await occurrence({ equipment: press, location: line, key: 'D:2025-12-31', dueDate: '2025-12-31', status: 'missed' });
  await occurrence({ equipment: press, location: line, key: 'D:2026-03-01', dueDate: '2026-03-01', status: 'done', doneAt: at('2026-03-01') });
});
afterEach(async () => {
  await core.dispose();
});

describe(`PM compliance on ${TEST_ENGINE}`, () => {
  it('counts due and done within tolerance per month, per location and in total', async () => {
    const summary = await complianceSummary(core.database.kysely, { from: '2026-01-01', to: '2026-02-28', locationId: null });
    expect(summary.total).toEqual({ due: 7, doneInTolerance: 3, rate: 3 / 7 });
    expect(summary.months).toEqual([
      { month: '2026-01', due: 4, doneInTolerance: 2, rate: 0.5 },
      { month: '2026-02', due: 3, doneInTolerance: 1, rate: 1 / 3 },
    ]);
    expect(summary.byLocation).toEqual([
      { locationId: ids.line, locationName: 'Ligne 1', due: 4, doneInTolerance: 2, rate: 0.5 },
      { locationId: ids.machining, locationName: 'Usinage', due: 2, doneInTolerance: 1, rate: 0.5 },
      { locationId: null, locationName: '', due: 1, doneInTolerance: 0, rate: 0 },
    ]);
  });

  it('a location covers its sub-locations; a month with nothing due has no rate', async () => {
    const workshop = await complianceSummary(core.database.kysely, { from: '2026-01-01', to: '2026-02-28', locationId: ids.workshop });
    expect(workshop.total).toEqual({ due: 4, doneInTolerance: 2, rate: 0.5 });
    expect(workshop.byLocation.map((row) => row.locationName)).toEqual(['Ligne 1']);
    const machining = await complianceSummary(core.database.kysely, { from: '2026-01-01', to: '2026-03-31', locationId: ids.machining });
    expect(machining.months).toEqual([
      { month: '2026-01', due: 2, doneInTolerance: 1, rate: 0.5 },
      { month: '2026-02', due: 0, doneInTolerance: 0, rate: null },
      { month: '2026-03', due: 0, doneInTolerance: 0, rate: null },
    ]);
  });

  it('drills down to the occurrences behind a figure, with their OT', async () => {
    const repository = new ComplianceRepository(core.database.kysely);
    const january = await repository.occurrences({ from: '2026-01-01', to: '2026-02-28', locationId: null, month: '2026-01', doneInTolerance: true });
    expect(january.truncated).toBe(false);
    expect(january.rows.map((row) => [row.dueDate, row.equipmentCode, row.inTolerance])).toEqual([
      ['2026-01-10', 'PR-003', true],
      ['2026-01-25', 'TO-001', true],
    ]);
    expect(january.rows[0].workOrderNumber).toMatch(/^OT-2026-/);
    const loose = await repository.occurrences({ from: '2026-01-01', to: '2026-02-28', locationId: null, rowLocation: 'none' });
    expect(loose.rows.map((row) => [row.dueDate, row.status, row.inTolerance, row.doneTotal])).toEqual([['2026-02-03', 'done', false, 3080]]);
    const dueInMachining = await repository.occurrences({ from: '2026-01-01', to: '2026-02-28', locationId: null, rowLocation: ids.machining });
    expect(dueInMachining.rows.map((row) => row.status)).toEqual(['missed', 'done']);
  });

  it('answers managers only, through the dispatcher; a reversed period is refused', async () => {
    const login = await core.call('admin', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    expect(login.ok).toBe(true);
    const result = await core.call('admin', 'preventive:compliance', { from: '2026-01-01', to: '2026-01-31', locationId: null });
    expect(result.ok && result.data.total).toEqual({ due: 4, doneInTolerance: 2, rate: 0.5 });
    const reversed = await core.call('admin', 'preventive:compliance', { from: '2026-02-01', to: '2026-01-01', locationId: null });
    expect(!reversed.ok && reversed.error.code).toBe('VALIDATION_FAILED');
    const anonymous = await core.call('nobody', 'preventive:compliance', { from: '2026-01-01', to: '2026-01-31', locationId: null });
    expect(!anonymous.ok && anonymous.error.code).toBe('UNAUTHENTICATED');
  });
});
