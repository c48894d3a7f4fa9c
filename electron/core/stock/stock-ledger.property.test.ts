// Node (tests). The ledger's rules as properties (fast-check), on a real database of this pass's engine: any random
// sequence of receipts, issues, returns, transfers, adjustments and reversals — many of them refused — leaves every
// stored balance equal to the SUM of its moves, never below zero unless negative stock is allowed, and a refused
// command writes nothing at all. Then two PCs (two cores, two connection pools on one database) issue the last
// unit at the same moment: exactly one wins.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, makeTempDir, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { PASSWORD, W } from '../../../tests/support/work-orders-plant';
import { data, prepareStock, type StockPlant } from '../../../tests/support/stock-plant';
import { PartsRepository } from '../parts';

const RUNS = TEST_ENGINE === 'postgres' ? 6 : 25;

let core: TestCore;
let plant: StockPlant;

beforeAll(async () => {
  core = await createTestCore({ dataDir: makeTempDir() });
  plant = await prepareStock(core);
}, 60_000);
afterAll(async () => {
  await core?.dispose();
});

type Command =
  | { kind: 'receive'; part: number; bin: number; units: number; cost: number }
  | { kind: 'issue'; part: number; bin: number; units: number }
  | { kind: 'return'; part: number; bin: number; units: number }
  | { kind: 'transfer'; part: number; from: number; to: number; units: number }
  | { kind: 'adjust'; part: number; bin: number; units: number }
  | { kind: 'reverse'; pick: number };

const part = fc.integer({ min: 0, max: 1 });
const bin = fc.integer({ min: 0, max: 2 });
const units = fc.integer({ min: 1, max: 6 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), part, bin, units, cost: fc.integer({ min: 0, max: 5000 }) }),
  fc.record({ kind: fc.constant('issue' as const), part, bin, units }),
  fc.record({ kind: fc.constant('return' as const), part, bin, units }),
  fc.record({ kind: fc.constant('transfer' as const), part, from: bin, to: bin, units }),
  fc.record({ kind: fc.constant('adjust' as const), part, bin, units: fc.integer({ min: -6, max: 6 }).filter((u) => u !== 0) }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
);

let partSeq = 0;

async function snapshot() {
  const db = core.database.kysely;
  const moves = await db.selectFrom('stock_moves').select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirstOrThrow();
  const balances = await db.selectFrom('stock_balances').select(['part_id', 'bin_id', 'quantity_milli']).orderBy('part_id').orderBy('bin_id').execute();
  return JSON.stringify({ moves: Number(moves.c), balances: balances.map((b) => [Number(b.part_id), Number(b.bin_id), Number(b.quantity_milli)]) });
}

describe(`the stock ledger's properties on ${TEST_ENGINE}`, () => {
  it('keeps every balance equal to the sum of its moves, never negative unless allowed, whatever the sequence', async () => {
    const bins = [plant.bins.a, plant.bins.b, plant.bins.c];
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), fc.boolean(), async (commands, allowNegative) => {
        data(await core.call(W.admin, 'stock:updateSettings', { allowNegativeStock: allowNegative }));
        // Fresh parts for each run, so each run checks its own ledger from zero.
        const repository = new PartsRepository(core.database.kysely);
        const parts = [];
        for (let i = 0; i < 2; i += 1) parts.push(Number((await repository.insert({ code: `PROP-${++partSeq}`, designation: 'Pièce de propriété' }, core.clock.now())).id));
        let refusals = 0;
        for (const c of commands) {
          const moveIds = (
            await core.database.kysely.selectFrom('stock_moves').select('id').where('part_id', 'in', parts).orderBy('id').execute()
          ).map((row) => Number(row.id));
          const before = await snapshot();
          const result =
            c.kind === 'receive'
              ? await core.call(W.manager, 'stock:receive', { partId: parts[c.part], binId: bins[c.bin], quantityMilli: c.units * 1000, unitCostCents: c.cost, supplier: '', documentRef: '', reason: '' })
              : c.kind === 'issue'
                ? await core.call(W.manager, 'stock:issue', { workOrderId: plant.order.id, partId: parts[c.part], binId: bins[c.bin], quantityMilli: c.units * 1000 })
                : c.kind === 'return'
                  ? await core.call(W.manager, 'stock:return', { workOrderId: plant.order.id, partId: parts[c.part], binId: bins[c.bin], quantityMilli: c.units * 1000 })
                  : c.kind === 'transfer'
                    ? await core.call(W.manager, 'stock:transfer', { partId: parts[c.part], fromBinId: bins[c.from], toBinId: bins[c.to], quantityMilli: c.units * 1000, reason: '' })
                    : c.kind === 'adjust'
                      ? await core.call(W.manager, 'stock:adjust', { partId: parts[c.part], binId: bins[c.bin], deltaMilli: c.units * 1000, reason: 'Écart constaté' })
                      : moveIds.length === 0
                        ? null
                        : await core.call(W.manager, 'stock:reverse', { moveId: moveIds[c.pick % moveIds.length], reason: 'Erreur' });
          if (result && !result.ok) {
            refusals += 1;
            expect(['STOCK_INSUFFICIENT', 'STOCK_ALREADY_REVERSED', 'STOCK_REFUSED', 'VALIDATION_FAILED']).toContain(result.error.code);
            if (result.error.code === 'STOCK_INSUFFICIENT') expect(allowNegative).toBe(false);
            // A refusal writes nothing: not a move, not a balance row.
            expect(await snapshot()).toBe(before);
          }
        }
        const db = core.database.kysely;
        const balances = await db.selectFrom('stock_balances').select(['part_id', 'bin_id', 'quantity_milli']).where('part_id', 'in', parts).execute();
        const sums = await db
          .selectFrom('stock_moves')
          .select(['part_id', 'bin_id', (eb) => eb.fn.sum<number>('quantity_milli').as('total')])
          .where('part_id', 'in', parts)
          .groupBy(['part_id', 'bin_id'])
          .execute();
        const byKey = new Map(sums.map((row) => [`${row.part_id}:${row.bin_id}`, Number(row.total)]));
        for (const row of balances) {
          expect(Number(row.quantity_milli)).toBe(byKey.get(`${row.part_id}:${row.bin_id}`) ?? 0);
          if (!allowNegative) expect(Number(row.quantity_milli)).toBeGreaterThanOrEqual(0);
        }
        // Every move has its balance row.
        expect(balances.length).toBe(sums.length);
        // At most one reversal per move.
        const reversals = await db.selectFrom('stock_moves').select('reversal_of_id').where('part_id', 'in', parts).where('reversal_of_id', 'is not', null).execute();
        expect(new Set(reversals.map((r) => Number(r.reversal_of_id))).size).toBe(reversals.length);
        return refusals >= 0;
      }),
      { numRuns: RUNS, seed: 15_2026 },
    );
    data(await core.call(W.admin, 'stock:updateSettings', { allowNegativeStock: false }));
  }, 300_000);

  it('lets exactly one of two PCs issue the last unit at the same time', async () => {
    // A second PC: its own core and connection pool on the same database, the same manager signed in there.
    const other = await createTestCore({ dataDir: core.dataDir, clock: core.clock });
    try {
      const login = await other.call('pc2', 'auth:login', { identifier: 'r.responsable', password: PASSWORD });
      expect(login.ok).toBe(true);
      // SQLite: both cores share this one Node thread, so the loser may wait on the file's write lock and answer
      // DATABASE_BUSY instead (nothing written either way); the real two-PC race is PostgreSQL's, run 5 times.
      const refusal = TEST_ENGINE === 'postgres' ? ['STOCK_INSUFFICIENT'] : ['STOCK_INSUFFICIENT', 'DATABASE_BUSY'];
      for (let round = 0; round < (TEST_ENGINE === 'postgres' ? 5 : 1); round += 1) {
        const partId = Number((await new PartsRepository(core.database.kysely).insert({ code: `LAST-${round}`, designation: 'Dernière pièce' }, core.clock.now())).id);
        data(await core.call(W.manager, 'stock:receive', { partId, binId: plant.bins.a, quantityMilli: 1000, unitCostCents: 500, supplier: '', documentRef: '', reason: '' }));
        const input = { workOrderId: plant.order.id, partId, binId: plant.bins.a, quantityMilli: 1000 };
        const results = await Promise.all([core.call(W.manager, 'stock:issue', input), other.call('pc2', 'stock:issue', input)]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const loser = results.find((r) => !r.ok);
        expect(refusal).toContain(loser && !loser.ok ? loser.error.code : null);
        const balance = await core.database.kysely.selectFrom('stock_balances').select('quantity_milli').where('part_id', '=', partId).executeTakeFirstOrThrow();
        expect(Number(balance.quantity_milli)).toBe(0);
        const issues = await core.database.kysely.selectFrom('stock_moves').select('id').where('part_id', '=', partId).where('kind', '=', 'issue').execute();
        expect(issues).toHaveLength(1);
      }
      // Two PCs reversing the same move at once: one reversal only.
      const partId = Number((await new PartsRepository(core.database.kysely).insert({ code: 'REV-2PC', designation: 'Contre-passation' }, core.clock.now())).id);
      const moveId = data(await core.call(W.manager, 'stock:receive', { partId, binId: plant.bins.a, quantityMilli: 3000, unitCostCents: 100, supplier: '', documentRef: '', reason: '' })).moveId;
      const both = await Promise.all([core.call(W.manager, 'stock:reverse', { moveId, reason: 'PC1' }), other.call('pc2', 'stock:reverse', { moveId, reason: 'PC2' })]);
      expect(both.filter((r) => r.ok)).toHaveLength(1);
      const loser = both.find((r) => !r.ok);
      expect([...refusal, 'STOCK_ALREADY_REVERSED']).toContain(loser && !loser.ok ? loser.error.code : null);
      const reversals = await core.database.kysely.selectFrom('stock_moves').select('id').where('reversal_of_id', '=', moveId).execute();
      expect(reversals).toHaveLength(1);
    } finally {
      await other.close();
    }
  }, 120_000);
});
