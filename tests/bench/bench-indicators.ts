// Node (dev only). Bench section « indicators »: the 12-month KPI dashboard on a seeded plant (seedPlant + seedCosts;
// 5,000 equipment and 100,000 OTs with `--plant-scale`, smaller by default like the maintenance section), through
// IndicatorsService and its repository vs the raw driver running the very same aggregate statements (reliability,
// costs, backlog, capacity, labour split). Goals: < 1 s, and ≤ 1.2× the raw SQL.
import { performance } from 'node:perf_hooks';
import { sql, type CompiledQuery } from 'kysely';
import { IndicatorsService } from '../../electron/core/indicators';
import { monthBuckets, periodRange } from '../../electron/core/costs';
import type { Kernel } from '../../electron/core/kernel/kernel';
import { seedPlant } from '../seed/seed-plant';
import { seedCosts } from '../seed/seed-costs';
import { type EngineUnderTest, type Measured, type RawDriver, interleave, median, ms, openCore, rawDriver, timed } from './bench-kit';

const PLANT_SCALE = process.argv.includes('--plant-scale');
const PLANT = PLANT_SCALE ? { equipment: 5000, requests: 20_000, workOrders: 100_000 } : { equipment: 1000, requests: 4000, workOrders: 20_000 };

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export async function benchIndicators(target: EngineUnderTest): Promise<Measured[]> {
  const { core, place, close } = await openCore(target, { bcryptCost: 4 });
  let raw: RawDriver | null = null;
  try {
    const seedStart = performance.now();
    await seedPlant(core.database, { ...PLANT, seed: 42, bcryptCost: 4 });
    const costs = await seedCosts(core.database, { seed: 42 });
    console.log(
      `    seeded ${PLANT.equipment.toLocaleString('en')} equipment, ${PLANT.workOrders.toLocaleString('en')} OT, ${costs.stampedEntries.toLocaleString('en')} stamped time entries, ${costs.serviceLines.toLocaleString('en')} service lines in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    // Fresh statistics, as a plant's autovacuum would have them.
    if (target.engine === 'postgres') await sql`analyze`.execute(core.database.kysely);
    // The service needs only the database and a clock of the kernel.
    const kernel = { database: core.database, clock: { now: () => Date.now() } } as unknown as Kernel;
    const service = new IndicatorsService(kernel);
    const now = new Date();
    const query = { from: day(new Date(now.getFullYear(), now.getMonth() - 11, 1)), to: day(now), locationId: null };

    // The very statements the repository sends for this period, compiled once, run by the raw driver.
    const range = periodRange(query.from, query.to);
    const scope = { ...range, effectiveEndAt: Math.min(range.endAt, Date.now()), locationIds: null };
    const db = core.database.kysely;
    const repo = service.repository;
    const statements: CompiledQuery[] = [
      repo.reliabilityQuery(scope).compile(db),
      repo.costQuery(scope, monthBuckets(range.startAt, range.endAt)).compile(db),
      repo.backlogQuery(scope).compile(db),
      repo.capacityQuery().compile(db),
      repo.labourQuery(scope).compile(db),
    ];
    raw = await rawDriver(core.database, target, place);
    const driver = raw;
    const runRaw = async () => {
      for (const statement of statements) await driver.all(statement);
    };
    const view = await service.dashboard(query);
    console.log(
      `    12 months: MTBF ${(Number(view.mtbfMs) / 3_600_000).toFixed(0)} h, MTTR ${(Number(view.mttrMs) / 3_600_000).toFixed(1)} h, availability ${((view.availability ?? 0) * 100).toFixed(2)} %, ${view.failures} failures, cost ${(view.cost.totalCents / 100).toLocaleString('fr-FR')} €`,
    );
    const times = await interleave(11, 2, () => timed(() => service.dashboard(query)), () => timed(runRaw));
    const dashboard = median(times.a);
    const rawMs = median(times.b);
    const ratio = dashboard / rawMs;
    console.log(`    dashboard (5 aggregate statements): IndicatorsService ${ms(dashboard)}, raw driver ${ms(rawMs)}, ratio ${ratio.toFixed(3)} (11 interleaved pairs)`);
    return [
      { figure: 'KPI dashboard 12 months', value: ms(dashboard), goal: '< 1000 ms', pass: dashboard < 1000 },
      { figure: 'KPI dashboard repo/raw', value: ratio.toFixed(3), goal: '≤ 1.2', pass: ratio <= 1.2 },
    ];
  } finally {
    await raw?.close();
    await close();
  }
}
