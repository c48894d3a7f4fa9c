// Node (bench). `npm run bench -- --only forecast`: the 12-month forecast of every plan (issue 14's goal: < 2 s for
// 2,000 plans, informational) on each engine, after the plant's seed and the préventif's (`seedPreventive`, the
// engine helper's tests/seed/seed-preventive.ts: 2,000 plans, meters with 3 years of readings). The forecast reads
// in a few set-based queries and computes in memory (electron/core/preventive/forecast-service.ts).
import { performance } from 'node:perf_hooks';
import type { Database } from '../../electron/core/kernel/db/database';
import { computeForecast } from '../../electron/core/preventive/forecast-service';
import { seedPlant } from '../seed/seed-plant';
import { DAY, median, ms, openCore, type EngineUnderTest, type Measured } from './bench-kit';

const PLANS = 2000;
const GOAL_MS = 2000;

type SeedPreventive = (database: Database, options: { plans: number; years: number; seed: number; now?: number }) => Promise<unknown>;

/**
 * The engine's seed, loaded at run time so this file compiles before tests/seed/seed-preventive.ts is merged (the
 * lead may turn it into a static import then). Without it, a stand-in of the same shape is seeded here.
 */
async function engineSeed(): Promise<SeedPreventive | null> {
  const specifier = '../seed/seed-preventive';
  try {
    const module = (await import(specifier)) as { seedPreventive?: SeedPreventive };
    return module.seedPreventive ?? null;
  } catch {
    return null;
  }
}

/** Stand-in: 2,000 plans over the seeded equipment (calendar fixed and floating, meter, whichever-first), with
 *  « Heures de marche » on 600 machines read daily for 3 years, and schedules with a last completion. */
async function seedStandIn(database: Database, now: number): Promise<void> {
  const db = database.kysely;
  const equipment = (await db.selectFrom('equipment').select('id').orderBy('id').execute()).map((row) => Number(row.id));
  const metered = equipment.slice(0, 600);
  const meterIds = new Map<number, number>();
  for (let i = 0; i < metered.length; i += 200) {
    const rows = await db
      .insertInto('meters')
      .values(metered.slice(i, i + 200).map((equipmentId) => ({ equipment_id: equipmentId, name: 'Heures de marche', unit: 'h', created_at: now - 1100 * DAY, updated_at: now })))
      .returning(['id', 'equipment_id'])
      .execute();
    for (const row of rows) meterIds.set(Number(row.equipment_id), Number(row.id));
  }
  // Daily readings for 3 years, 4 to 20 h a day depending on the machine.
  const days = 3 * 365;
  for (const [index, equipmentId] of metered.entries()) {
    const meterId = meterIds.get(equipmentId) as number;
    const perDay = 4 + (index % 17);
    const readings = Array.from({ length: days }, (_, d) => {
      const at = now - (days - d) * DAY + 8 * 3_600_000;
      return { meter_id: meterId, value: perDay * d, total: perDay * d, read_at: at, user_id: null, workstation: 'BENCH', created_at: at };
    });
    for (let i = 0; i < readings.length; i += 400) await db.insertInto('meter_readings').values(readings.slice(i, i + 400)).execute();
    const last = readings[readings.length - 1];
    await db.updateTable('meters').set({ last_value: last.value, last_total: last.total, last_read_at: last.read_at }).where('id', '=', meterId).execute();
  }
  const plans = Array.from({ length: PLANS }, (_, i) => {
    const kind = i % 4;
    const equipmentId = kind >= 2 ? metered[i % metered.length] : equipment[i % equipment.length];
    const triggers =
      kind === 0
        ? [{ kind: 'calendar_fixed', anchor: `2024-0${1 + (i % 9)}-1${i % 10}`, every: 1 + (i % 3), unit: 'month', skipWeekends: true, skipHolidays: true }]
        : kind === 1
          ? [{ kind: 'calendar_floating', every: 2 + (i % 6), unit: 'week' }]
          : kind === 2
            ? [{ kind: 'meter_fixed', meter: 'Heures de marche', every: 250 * (1 + (i % 4)), anchor: 0 }]
            : [{ kind: 'meter_floating', meter: 'Heures de marche', every: 500 }, { kind: 'calendar_floating', every: 6, unit: 'month' }];
    return { code: `PM-${String(i + 1).padStart(5, '0')}`, name: `Plan ${i + 1}`, equipment_id: equipmentId, triggers: JSON.stringify(triggers), search_text: `pm-${i + 1}`, created_by: null, created_at: now - 1000 * DAY, updated_at: now };
  });
  for (let i = 0; i < plans.length; i += 200) {
    const rows = await db.insertInto('pm_plans').values(plans.slice(i, i + 200)).returning(['id', 'equipment_id']).execute();
    // A completion some weeks ago on every plan.
    await db
      .insertInto('pm_schedules')
      .values(rows.map((row, k) => ({ plan_id: Number(row.id), equipment_id: Number(row.equipment_id), base_date: new Date(now - (10 + ((i + k) % 60)) * DAY).toISOString().slice(0, 10), base_total: null, last_done_at: now - (10 + ((i + k) % 60)) * DAY, created_at: now, updated_at: now })))
      .execute();
  }
}

export async function benchForecast(target: EngineUnderTest): Promise<Measured[]> {
  const { core, close } = await openCore(target, { bcryptCost: 4 });
  try {
    const now = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    await seedPlant(core.database, { equipment: 1000, requests: 0, workOrders: 0, seed: 42, bcryptCost: 4, now });
    const seedPreventive = await engineSeed();
    const seedStart = performance.now();
    if (seedPreventive) await seedPreventive(core.database, { plans: PLANS, years: 3, seed: 42, now });
    else await seedStandIn(core.database, now);
    const plans = Number((await core.database.kysely.selectFrom('pm_plans').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
    console.log(`    ${seedPreventive ? "the engine's seedPreventive" : 'stand-in seed (seedPreventive not merged yet)'}: ${plans.toLocaleString('en')} plans in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

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
    return [{ figure: `forecast 12 months, ${plans} plans`, value: ms(median5), goal: `< ${GOAL_MS} ms (informational)`, pass: median5 < GOAL_MS }];
  } finally {
    await close();
  }
}
