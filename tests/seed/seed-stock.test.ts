// Node (tests). The magasin seed at a small size on a real core's database (the engine of this pass), after the
// plant seed: every stored balance equals the sum of its moves and none is negative, the moves count is the one
// asked, issues point at seeded OTs, and a second run is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../support/test-core';
import { TEST_ENGINE } from '../support/test-database';
import { seedPlant } from './seed-plant';
import { seedStock } from './seed-stock';
import { SeedStockRepository } from './seed-stock-repository';

const NOW = Date.UTC(2026, 10, 30);
let core: TestCore | null = null;
afterEach(async () => {
  await core?.dispose();
  core = null;
});

describe(`seedStock on ${TEST_ENGINE}`, () => {
  it('writes moves whose sums are the stored balances, never negative, issues on seeded OTs', async () => {
    core = await createTestCore({ bcryptCost: 4 });
    await seedPlant(core.database, { equipment: 60, requests: 200, workOrders: 400, seed: 3, now: NOW, bcryptCost: 4 });
    const progress: number[] = [];
    const result = await seedStock(core.database, { moves: 6000, seed: 11, now: NOW, partsIfEmpty: 300, onProgress: (done) => progress.push(done) });
    expect(result).toMatchObject({ stores: 3, parts: 300, moves: 6000 });
    expect(progress.at(-1)).toBe(6000);
    const db = core.database.kysely;
    const count = await db.selectFrom('stock_moves').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6000);
    expect(await new SeedStockRepository(db).balancesNotSums()).toBe(0);
    const negative = await db.selectFrom('stock_balances').select('part_id').where('quantity_milli', '<', 0).execute();
    expect(negative).toHaveLength(0);
    const orphans = await db
      .selectFrom('stock_moves as m')
      .leftJoin('work_orders as w', 'w.id', 'm.work_order_id')
      .select('m.id')
      .where('m.kind', '=', 'issue')
      .where('w.id', 'is', null)
      .execute();
    expect(orphans).toHaveLength(0);
    const issues = await db.selectFrom('stock_moves').select('id').where('kind', '=', 'issue').limit(1).execute();
    expect(issues).toHaveLength(1);
    await expect(seedStock(core.database, { moves: 10, seed: 1, now: NOW })).rejects.toThrow(/already seeded/);
  }, 120_000);
});
