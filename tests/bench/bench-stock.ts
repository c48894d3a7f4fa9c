// Node (dev only). The bench's magasin section: a plant seeded with the stock seed (1,000,000 moves by default,
// GMAO_BENCH_STOCK_MOVES to change it), then a busy part's balance and availability per store through
// StockRepository.partAvailability vs the raw driver running its very statement (goal < 20 ms, and the ratio),
// the same lookup end to end through the dispatcher (`stock:partStock`, information) and the reorder list
// (`stock:reorder`, information).
import { performance } from 'node:perf_hooks';
import { CompiledQuery } from 'kysely';
import { StockRepository } from '../../electron/core/stock';
import { DEMO_PASSWORD, seedPlant } from '../seed/seed-plant';
import { seedStock } from '../seed/seed-stock';
import { check, interleave, median, ms, openCore, rawDriver, repeated, SENDER, statementOf, timed, type EngineUnderTest, type Measured, type RawDriver } from './bench-kit';

const MOVES = Number(process.env.GMAO_BENCH_STOCK_MOVES ?? 1_000_000);

export async function benchStock(target: EngineUnderTest): Promise<Measured[]> {
  const { core, place, close } = await openCore(target, { bcryptCost: 4 });
  let raw: RawDriver | null = null;
  try {
    const plantStart = performance.now();
    const plant = await seedPlant(core.database, { equipment: 1000, requests: 4000, workOrders: 20_000, seed: 42, bcryptCost: 4 });
    const seedStart = performance.now();
    let lastLog = 0;
    const seeded = await seedStock(core.database, {
      moves: MOVES,
      seed: 42,
      partsIfEmpty: 20_000,
      onProgress: (done, total) => {
        if (performance.now() - lastLog > 15_000) {
          lastLog = performance.now();
          console.log(`      … ${done.toLocaleString('en')} / ${total.toLocaleString('en')} moves`);
        }
      },
    });
    const seedMs = performance.now() - seedStart;
    console.log(
      `    plant in ${((seedStart - plantStart) / 1000).toFixed(1)} s; magasin: ${seeded.parts.toLocaleString('en')} parts, ${seeded.bins} bins, ${seeded.moves.toLocaleString('en')} moves, ${seeded.balances.toLocaleString('en')} balances in ${(seedMs / 1000).toFixed(1)} s`,
    );
    raw = await rawDriver(core.database, target, place);
    const driver = raw;
    const rows: Measured[] = [{ figure: `stock seed (${seeded.moves.toLocaleString('en')} moves)`, value: `${(seedMs / 1000).toFixed(1)} s`, goal: 'informational', pass: true }];

    // The busiest part: the one with the most moves.
    const busy = (await driver.all(CompiledQuery.raw('select part_id, count(*) as n from stock_moves group by part_id order by count(*) desc, part_id limit 1')))[0];
    const partId = Number(busy.part_id);
    const repository = new StockRepository(core.database.kysely);
    const statement = await statementOf(target.engine, (db) => new StockRepository(db).partAvailability(partId));
    const viaRepository = await repository.partAvailability(partId);
    const viaRaw = await driver.all(statement);
    if (viaRepository.map((r) => `${r.storeId}:${r.stockMilli}:${r.reservedMilli}`).join() !== viaRaw.map((r) => `${Number(r.store_id)}:${Number(r.stock)}:${Number(r.reserved)}`).join()) {
      throw new Error('Part availability: repository and raw driver disagree');
    }
    const runs = target.engine === 'sqlite' ? 50 : 20;
    const pairs = await interleave(31, 3, () => timed(repeated(runs, () => repository.partAvailability(partId))), () => timed(repeated(runs, () => driver.all(statement))));
    const lookupMs = median(pairs.a) / runs;
    const ratio = median(pairs.a) / median(pairs.b);
    console.log(`    a part's balance and availability (part ${partId}, ${Number(busy.n).toLocaleString('en')} moves, ${viaRepository.length} store(s)), StockRepository vs raw (same SQL), 31 interleaved pairs:`);
    console.log(`      repository ${ms(lookupMs)}, raw ${ms(median(pairs.b) / runs)} per lookup, ratio ${ratio.toFixed(3)}   (goal < 20 ms)`);
    rows.push({ figure: 'part availability lookup', value: ms(lookupMs), goal: '< 20 ms', pass: lookupMs < 20 });
    rows.push({ figure: 'part availability repo/raw', value: ratio.toFixed(3), goal: 'informational', pass: true });

    // The same, end to end through the dispatcher as a manager (session, role, zod, the service's three reads).
    const manager = plant.accounts.find((account) => account.role === 'maintenance_manager');
    const windowId = 'bench-stock';
    check(await core.dispatcher.dispatch({ ...SENDER, windowId }, 'auth:login', { identifier: manager?.username ?? '', password: DEMO_PASSWORD }), 'ok');
    const sender = { ...SENDER, windowId };
    const dispatchTimes: number[] = [];
    for (let i = 0; i < 34; i += 1) dispatchTimes.push(await timed(async () => check(await core.dispatcher.dispatch(sender, 'stock:partStock', { partId }), 'ok')));
    const dispatchMs = median(dispatchTimes.slice(3));
    console.log(`      stock:partStock through the dispatcher: ${ms(dispatchMs)}   (information)`);
    rows.push({ figure: 'stock:partStock dispatch', value: ms(dispatchMs), goal: 'informational', pass: true });

    // The reorder list over every store.
    const reorderTimes: number[] = [];
    let lines = 0;
    for (let i = 0; i < 8; i += 1) {
      reorderTimes.push(
        await timed(async () => {
          const result = await core.dispatcher.dispatch(sender, 'stock:reorder', {});
          check(result, 'ok');
          if (result.ok) lines = (result.data as unknown[]).length;
        }),
      );
    }
    const reorderMs = median(reorderTimes.slice(1));
    console.log(`      reorder list (${lines.toLocaleString('en')} lines): ${ms(reorderMs)}   (information)`);
    rows.push({ figure: `reorder list (${lines} lines)`, value: ms(reorderMs), goal: 'informational', pass: true });
    return rows;
  } finally {
    await raw?.close();
    await close();
  }
}
