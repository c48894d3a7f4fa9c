// Node (vitest, both engines). The préventif seed at a small size: meters with readings whose totals never go back
// and whose last_* match the latest reading, plans of every trigger kind that the schema accepts, the same seed
// giving the same plans, and one generator pass over them leaving at most one open occurrence per schedule, each
// tied to its OT.
import { afterEach, describe, expect, it } from 'vitest';
import { PreventiveGenerator } from '../../electron/core/preventive';
import { parseTriggers, TRIGGER_KINDS } from '../../shared/preventive/triggers';
import { createTestCore, type TestCore } from '../support/test-core';
import { TEST_ENGINE } from '../support/test-database';
import { seedPlant } from './seed-plant';
import { seedPreventive } from './seed-preventive';

const NOW = Date.UTC(2026, 10, 30);
const cores: TestCore[] = [];
afterEach(async () => {
  while (cores.length) await cores.pop()?.dispose();
});

async function seeded() {
  const core = await createTestCore({ bcryptCost: 4 });
  cores.push(core);
  await seedPlant(core.database, { equipment: 80, requests: 40, workOrders: 80, seed: 3, now: NOW, bcryptCost: 4 });
  const result = await seedPreventive(core.database, { plans: 150, years: 1, seed: 11, now: NOW });
  return { core, db: core.database.kysely, result };
}

describe(`préventif seed on ${TEST_ENGINE}`, () => {
  it('writes meters, readings and plans of every kind, the same for the same seed, and the generator runs over them', async () => {
    const { core, db, result } = await seeded();
    expect(result).toMatchObject({ plans: 150, checklists: 5 });
    expect(result.meters).toBeGreaterThan(0);
    expect(result.readings).toBeGreaterThan(result.meters * 40);

    const readings = await db.selectFrom('meter_readings').select(['meter_id', 'total', 'value', 'id']).orderBy('meter_id').orderBy('read_at').orderBy('id').execute();
    const lastOf = new Map<number, { id: number; total: number; value: number }>();
    for (const r of readings) {
      const previous = lastOf.get(Number(r.meter_id));
      if (previous) expect(r.total).toBeGreaterThanOrEqual(previous.total);
      lastOf.set(Number(r.meter_id), { id: Number(r.id), total: r.total, value: r.value });
    }
    for (const m of await db.selectFrom('meters').select(['id', 'last_total', 'last_value', 'last_reading_id']).execute()) {
      expect({ id: Number(m.last_reading_id), total: m.last_total, value: m.last_value }).toEqual(lastOf.get(Number(m.id)));
    }

    const plans = await db.selectFrom('pm_plans').select(['code', 'triggers', 'category']).orderBy('code').execute();
    const kinds = new Set(plans.flatMap((p) => parseTriggers(p.triggers).map((t) => t.kind)));
    expect([...kinds].sort()).toEqual([...TRIGGER_KINDS].sort());
    expect(plans.some((p) => parseTriggers(p.triggers).length === 2)).toBe(true);
    expect(plans.some((p) => p.category !== null)).toBe(true);

    const again = await seeded();
    const plansAgain = await again.db.selectFrom('pm_plans').select(['code', 'triggers', 'category']).orderBy('code').execute();
    expect(plansAgain).toEqual(plans);

    const counts = await new PreventiveGenerator({ database: core.database, workstation: 'SEED' }).runOnce(NOW + 8 * 3_600_000);
    expect(counts.created).toBeGreaterThan(0);
    const open = await db.selectFrom('pm_occurrences').select(['plan_id', 'equipment_id', 'work_order_id', 'id']).where('status', '=', 'generated').execute();
    expect(open).toHaveLength(counts.created);
    expect(new Set(open.map((o) => `${o.plan_id}:${o.equipment_id}`)).size).toBe(open.length);
    const linked = await db.selectFrom('work_orders').select(['id', 'pm_occurrence_id']).where('pm_occurrence_id', 'is not', null).execute();
    expect(new Map(linked.map((w) => [Number(w.pm_occurrence_id), Number(w.id)]))).toEqual(new Map(open.map((o) => [Number(o.id), Number(o.work_order_id)])));
  });
});
