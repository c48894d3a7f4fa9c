// Node (vitest, both engines). The préventif module in a real core: a Responsable runs the generator from its
// channel (a technician may not), the pass publishes `work-orders` and `preventive`, and with its automatic runs on
// the generator wakes up by itself when an OT changes (the change feed, debounced) and makes the due OT.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localDateOf } from '../../../shared/preventive/schedule';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { preparePlant, W, type Plant } from '../../../tests/support/work-orders-plant';

let core: TestCore | null = null;
afterEach(async () => {
  await core?.dispose();
  core = null;
});

async function planOn(c: TestCore, plant: Plant, code: string): Promise<void> {
  const now = c.clock.now();
  await c.database.kysely
    .insertInto('pm_plans')
    .values({
      code,
      name: `Graissage ${code}`,
      equipment_id: plant.equipmentId,
      triggers: JSON.stringify([{ kind: 'calendar_fixed', anchor: localDateOf(now, 'Europe/Paris'), every: 1, unit: 'month', skipWeekends: false, skipHolidays: false }]),
      search_text: code,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

const preventiveOrders = (c: TestCore) => c.database.kysely.selectFrom('work_orders').select(['id', 'type', 'created_by']).where('pm_occurrence_id', 'is not', null).execute();

describe(`préventif module on ${TEST_ENGINE}`, () => {
  it('runs the generator from its channel for a Responsable, not for a technician', async () => {
    core = await createTestCore();
    const plant = await preparePlant(core);
    await planOn(core, plant, 'PM-CH');
    const denied = await core.call(W.tech, 'preventive:runGenerator');
    expect(denied.ok ? 'ok' : denied.error.code).toBe('FORBIDDEN');
    core.events.length = 0;
    // Two asked at once: one process never runs two passes together, so the second finds the OT made.
    const [run, twin] = await Promise.all([core.call(W.manager, 'preventive:runGenerator'), core.call(W.admin, 'preventive:runGenerator')]);
    // Whichever reaches the queue first makes the OT (the dispatcher resolves both sessions concurrently).
    const made = [run, twin].map((result) => (result.ok ? (result.data as { created: number }).created : -1)).sort();
    expect(made).toEqual([0, 1]);
    expect([run, twin].every((result) => result.ok && (result.data as { missed: number }).missed === 0)).toBe(true);
    const topics = core.events.filter((e) => e.event === 'data:changed').flatMap((e) => (e.payload as { topics: string[] }).topics);
    expect(topics).toEqual(expect.arrayContaining(['work-orders', 'preventive']));
    const [order] = await preventiveOrders(core);
    // Made by the system: no user, the workstation in the history.
    expect(order).toMatchObject({ type: 'preventive', created_by: null });
    expect(await core.call(W.manager, 'preventive:runGenerator')).toEqual({ ok: true, data: { created: 0, missed: 0, completed: 0 } });
  });

  it('wakes up by itself after an OT change and makes the due OT', async () => {
    core = await createTestCore({ preventiveAutoRun: true });
    const plant = await preparePlant(core);
    await planOn(core, plant, 'PM-AUTO');
    expect(await preventiveOrders(core)).toHaveLength(0);
    // Any OT change publishes `work-orders`: the generator runs about a second later.
    const created = await core.call(W.manager, 'workOrders:create', {
      equipmentCode: plant.equipmentCode,
      type: 'corrective',
      priority: 2,
      title: 'Fuite',
      description: 'Fuite vérin',
      plannedAt: null,
      dueAt: null,
      estimatedMinutes: null,
      assigneeIds: [],
    });
    expect(created.ok).toBe(true);
    await vi.waitFor(async () => expect(await preventiveOrders(core!)).toHaveLength(1), { timeout: 10_000, interval: 200 });
  });
});
