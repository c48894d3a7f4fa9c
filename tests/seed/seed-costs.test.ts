// Node (tests). seedCosts on a small seeded plant (the engine of this vitest pass): rates for the roles and some
// technicians, every finished time entry stamped with its person's rate, service lines on ~10% of the worked-on OTs,
// and the same seed giving the same costs.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../support/test-core';
import { TEST_ENGINE } from '../support/test-database';
import { seedPlant } from './seed-plant';
import { seedCosts } from './seed-costs';

const NOW = Date.UTC(2026, 10, 30);
const cores: TestCore[] = [];
afterEach(async () => {
  while (cores.length) await cores.pop()?.dispose();
});

async function seeded() {
  const core = await createTestCore({ bcryptCost: 4 });
  cores.push(core);
  await seedPlant(core.database, { equipment: 120, requests: 400, workOrders: 1500, seed: 11, now: NOW, bcryptCost: 4 });
  const result = await seedCosts(core.database, { seed: 11 });
  return { core, result, db: core.database.kysely };
}

describe(`seedCosts on ${TEST_ENGINE}`, () => {
  it('rates, stamped entries and ~10% service lines, the same for the same seed', async () => {
    const { result, db } = await seeded();
    expect(result.roleRates).toBe(3);
    expect(result.userRates).toBeGreaterThan(0);
    const unstamped = await db.selectFrom('time_entries').select((eb) => eb.fn.countAll<number | string>().as('n')).where('ended_at', 'is not', null).where('hourly_rate_cents', 'is', null).executeTakeFirstOrThrow();
    expect(Number(unstamped.n)).toBe(0);
    expect(result.stampedEntries).toBeGreaterThan(100);
    const worked = await db.selectFrom('work_orders').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', 'in', ['in_progress', 'on_hold', 'done', 'closed']).executeTakeFirstOrThrow();
    const share = result.serviceLines / Number(worked.n);
    expect(share).toBeGreaterThan(0.06);
    expect(share).toBeLessThan(0.14);
    // A technician with a rate of their own has it stamped; one without, the technicians' 42 €/h.
    const rows = await db
      .selectFrom('time_entries as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .leftJoin('labour_rates as r', (join) => join.on('r.subject_kind', '=', 'user').on(sql<boolean>`r.subject = cast(t.user_id as text)`))
      .select(['u.role', 't.hourly_rate_cents', 'r.hourly_rate_cents as own'])
      .where('t.ended_at', 'is not', null)
      .where('u.role', '=', 'technician')
      .limit(200)
      .execute();
    for (const row of rows) expect(Number(row.hourly_rate_cents)).toBe(row.own === null ? 4200 : Number(row.own));

    const again = await seeded();
    expect(again.result).toEqual(result);
    const total = async (d: typeof db) => Number((await d.selectFrom('work_order_services').select((eb) => eb.fn.sum<number | string>('amount_cents').as('s')).executeTakeFirstOrThrow()).s);
    expect(await total(again.db)).toBe(await total(db));
  });
});
