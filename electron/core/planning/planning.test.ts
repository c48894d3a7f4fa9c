// Node (tests). The planning through the real dispatcher on the engine of this pass: the period's open OTs per
// person (planned date, or due date when unplanned), each person's load against capacity (35 h by default, or what
// a manager set), the reschedule with compare-and-set on the OT's version and its history line, and that a
// technician reads the planning but may not change it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../shared/contract';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { preparePlant, W, type Plant } from '../../../tests/support/work-orders-plant';
import { localDayOf, localDayStart } from '../kernel/platform/local-day';
import { daysBetween } from './planning-service';

let core: TestCore;
let plant: Plant;
const HOUR = 3_600_000;

beforeEach(async () => {
  core = await createTestCore();
  plant = await preparePlant(core);
});
afterEach(async () => {
  await core.dispose();
});

function data<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.fields ?? '')}`);
  return result.data;
}

/** An OT on PR-003: planned on `day` at 9:00 when assignees are given, else a draft due on `day`. */
async function order(day: string, minutes: number | null, assigneeIds: number[]): Promise<string> {
  const at = localDayStart(day) + 9 * HOUR;
  const created = await core.call(W.manager, 'workOrders:create', {
    equipmentCode: 'PR-003', type: 'corrective', priority: 2, title: `Intervention ${day}`, description: '',
    plannedAt: assigneeIds.length > 0 ? at : null, dueAt: assigneeIds.length > 0 ? null : at, estimatedMinutes: minutes, assigneeIds,
  });
  return data(created).number;
}

describe(`planning on ${TEST_ENGINE}`, () => {
  it('lists the days of a period, across month ends', () => {
    expect(daysBetween('2027-01-29', '2027-02-02')).toEqual(['2027-01-29', '2027-01-30', '2027-01-31', '2027-02-01', '2027-02-02']);
  });

  it('places each open OT on its day per person, and sums each person’s load against capacity', async () => {
    const monday = '2027-03-01';
    await order('2027-03-01', 120, [plant.ids.tech]);
    await order('2027-03-02', 90, [plant.ids.tech, plant.ids.tech2]);
    await order('2027-03-03', null, [plant.ids.tech2]);
    const draft = await order('2027-03-04', 60, []);
    await order('2027-03-09', 600, [plant.ids.tech]); // the next week: outside the period
    data(await core.call(W.manager, 'planning:setCapacity', { userId: plant.ids.tech2, weeklyHours: 20 }));

    const view = data(await core.call(W.manager, 'planning:view', { from: monday, to: '2027-03-07' }));
    expect(view.days).toHaveLength(7);
    expect(view.orders.map((o) => [o.day, o.assigneeIds.length, o.placedBy])).toEqual([
      ['2027-03-01', 1, 'planned'],
      ['2027-03-02', 2, 'planned'],
      ['2027-03-03', 1, 'planned'],
      ['2027-03-04', 0, 'due'],
    ]);
    expect(view.orders.find((o) => o.number === draft)).toMatchObject({ assigneeIds: [], estimatedMinutes: 60 });
    const person = (id: number) => view.people.find((p) => p.id === id);
    // Théo: 120 + 90 (an OT counts in full for each of its assignees); 35 h a week by default.
    expect(person(plant.ids.tech)).toMatchObject({ loadMinutes: 210, capacityMinutes: 35 * 60, defaultCapacity: true });
    // Léa: 90 + nothing estimated; the 20 h a manager set.
    expect(person(plant.ids.tech2)).toMatchObject({ loadMinutes: 90, capacityMinutes: 20 * 60, weeklyMinutes: 1200, defaultCapacity: false });
    expect(view.unassignedMinutes).toBe(60);
    expect(view.canReschedule).toBe(true);

    // Two weeks: the capacity counts ten working days.
    const fortnight = data(await core.call(W.manager, 'planning:view', { from: monday, to: '2027-03-14' }));
    expect(fortnight.people.find((p) => p.id === plant.ids.tech)).toMatchObject({ loadMinutes: 810, capacityMinutes: 70 * 60 });
  });

  it('reschedules to another day and person with compare-and-set, keeps the hour, and writes the OT history', async () => {
    const number = await order('2027-03-01', 120, [plant.ids.tech]);
    const before = data(await core.call(W.manager, 'workOrders:get', { number }));
    const moved = data(await core.call(W.manager, 'planning:reschedule', { number, version: before.version, day: '2027-03-03', fromUserId: plant.ids.tech, toUserId: plant.ids.tech2 }));
    expect(moved.version).toBe(before.version + 1);
    const after = data(await core.call(W.manager, 'workOrders:get', { number }));
    expect(localDayOf(after.plannedAt as number)).toBe('2027-03-03');
    expect(after.plannedAt).toBe(localDayStart('2027-03-03') + 9 * HOUR);
    expect(after.assignees.map((p) => p.id)).toEqual([plant.ids.tech2]);
    const line = after.history.find((h) => h.kind === 'rescheduled');
    expect(line?.detail).toMatchObject({ day: '2027-03-03', assignees: { from: [plant.ids.tech], to: [plant.ids.tech2] } });

    // A second Responsable working from the old version is refused, and nothing moves.
    const stale = await core.call(W.admin, 'planning:reschedule', { number, version: before.version, day: '2027-03-05', fromUserId: plant.ids.tech2, toUserId: plant.ids.tech2 });
    expect(stale.ok ? null : stale.error.code).toBe('WORK_ORDER_CHANGED_MEANWHILE');
    expect(localDayOf(data(await core.call(W.manager, 'workOrders:get', { number })).plannedAt as number)).toBe('2027-03-03');

    // A planned OT can't be left without anyone.
    const orphan = await core.call(W.manager, 'planning:reschedule', { number, version: after.version, day: '2027-03-03', fromUserId: plant.ids.tech2, toUserId: null });
    expect(orphan.ok ? null : orphan.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'toUserId', code: 'workOrders.validation.assigneeRequired' }] });
  });

  it('lets a technician read the planning but not reschedule or set capacities', async () => {
    const number = await order('2027-03-01', 60, [plant.ids.tech]);
    const view = data(await core.call(W.tech, 'planning:view', { from: '2027-03-01', to: '2027-03-07' }));
    expect(view).toMatchObject({ me: plant.ids.tech, canReschedule: false });
    expect(view.orders.map((o) => o.number)).toEqual([number]);
    const { version } = data(await core.call(W.tech, 'workOrders:get', { number }));
    const moved = await core.call(W.tech, 'planning:reschedule', { number, version, day: '2027-03-02', fromUserId: plant.ids.tech, toUserId: plant.ids.tech });
    expect(moved.ok ? null : moved.error.code).toBe('FORBIDDEN');
    const capacity = await core.call(W.tech, 'planning:setCapacity', { userId: plant.ids.tech, weeklyHours: 10 });
    expect(capacity.ok ? null : capacity.error.code).toBe('FORBIDDEN');
    expect(localDayOf(data(await core.call(W.tech, 'workOrders:get', { number })).plannedAt as number)).toBe('2027-03-01');
  });

  it('refuses a period longer than six weeks', async () => {
    const result = await core.call(W.manager, 'planning:view', { from: '2027-01-01', to: '2027-03-31' });
    expect(result.ok ? null : result.error.code).toBe('VALIDATION_FAILED');
  });
});
