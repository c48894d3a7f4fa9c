// Node (bench). `npm run bench -- --only forecast`: the 12-month forecast of every plan (issue 14's goal: < 2 s for
// 2,000 plans, informational) on each engine, after the plant's seed and the préventif's (`seedPreventive`, the
// engine helper's tests/seed/seed-preventive.ts: 2,000 plans, meters with 3 years of readings). The forecast reads
// in a few set-based queries and computes in memory (electron/core/preventive/forecast-service.ts).
import { performance } from 'node:perf_hooks';
import { computeForecast } from '../../electron/core/preventive/forecast-service';
import { seedPlant } from '../seed/seed-plant';
import { seedPreventive } from '../seed/seed-preventive';
import { median, ms, openCore, type EngineUnderTest, type Measured } from './bench-kit';

const PLANS = 2000;
const GOAL_MS = 2000;

export async function benchForecast(target: EngineUnderTest): Promise<Measured[]> {
  const { core, close } = await openCore(target, { bcryptCost: 4 });
  try {
    const now = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    await seedPlant(core.database, { equipment: 1000, requests: 0, workOrders: 0, seed: 42, bcryptCost: 4, now });
    const seedStart = performance.now();
    await seedPreventive(core.database, { plans: PLANS, years: 3, seed: 42, now });
    const plans = Number((await core.database.kysely.selectFrom('pm_plans').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    console.log(`    seedPreventive: ${plans.toLocaleString('en')} plans in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    await computeForecast(core.database.kysely, {}, now); // warm-up: statement caches, Intl formatters
    const samples: number[] = [];
    let occurrences = 0;
    let rows = 0;
    for (let i = 0; i < 5; i += 1) {
      const start = performance.now();
      const view = await computeForecast(core.database.kysely, {}, now);
      samples.push(performance.now() - start);
      rows = view.rows.length;
      occurrences = view.rows.reduce((sum, row) => sum + row.occurrences.length, 0);
    }
    const median5 = median(samples);
    console.log(`    12-month forecast of ${plans.toLocaleString('en')} plans (${rows.toLocaleString('en')} plan × equipment, ${occurrences.toLocaleString('en')} due dates): median of 5 ${ms(median5)}, goal < ${GOAL_MS} ms   (information)`);
    return [{ figure: `PM forecast, ${plans} plans`, value: ms(median5), goal: `< ${GOAL_MS} ms`, pass: median5 < GOAL_MS }];
  } finally {
    await close();
  }
}
