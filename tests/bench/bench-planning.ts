// Node (dev only). Bench section `planning`: on a seeded plant brought to 30 technicians, the planning's month query
// (open OTs by planned date, or due date, with their assignees and equipment: one set-based statement) through
// PlanningRepository vs the raw driver running its very SQL (statementOf + rawDriver). Goal ≤ 1.3×. The whole
// `planning:view` answer (both queries, folding, load per person) is measured as information.
import { performance } from 'node:perf_hooks';
import { CompiledQuery } from 'kysely';
import { PlanningRepository, PlanningService } from '../../electron/core/planning';
import type { Kernel } from '../../electron/core/kernel/kernel';
import { localDayEnd, localDayOf, localDayStart } from '../../electron/core/kernel/platform/local-day';
import { seedPlant } from '../seed/seed-plant';
import { interleave, median, ms, openCore, rawDriver, repeated, sameIds, statementOf, timed, type EngineUnderTest, type Measured, type RawDriver } from './bench-kit';

const TECHNICIANS = 30;

/** The first and last local day of the month holding `day`, and the month view's whole weeks around it. */
function monthOf(day: string): { from: string; to: string } {
  const [y, m] = day.split('-').map(Number);
  return { from: localDayOf(new Date(y, m - 1, 1, 12).getTime()), to: localDayOf(new Date(y, m, 0, 12).getTime()) };
}

export async function benchPlanning(target: EngineUnderTest): Promise<Measured[]> {
  const { core, place, close } = await openCore(target, { bcryptCost: 4 });
  let raw: RawDriver | null = null;
  try {
    const seedStart = performance.now();
    await seedPlant(core.database, { equipment: 1000, requests: 4000, workOrders: 20_000, seed: 42, bcryptCost: 4 });
    const db = core.database.kysely;
    // The seed has 15 technicians: 15 more join, each taking a share of the open planned OTs as a second assignee.
    const existing = await db.selectFrom('users').select(['id', 'password_hash']).where('role', '=', 'technician').execute();
    const now = Date.now();
    const added: number[] = [];
    for (let i = existing.length; i < TECHNICIANS; i++) {
      const row = await db
        .insertInto('users')
        .values({ username: `bench.tech${i}`, display_name: `Technicien ${i}`, email: null, role: 'technician', password_hash: existing[0].password_hash, password_changed_at: now, last_login_at: null, temporary_password_expires_at: null, temporary_password_used_at: null, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      added.push(Number(row.id));
    }
    const open = await db.selectFrom('work_orders').select(['id', 'planned_at', 'due_at']).where('status', 'in', ['draft', 'planned', 'in_progress', 'on_hold']).execute();
    const share = open.filter((_, i) => i % 2 === 0);
    for (let i = 0; i < share.length; i += 500) {
      const values = share.slice(i, i + 500).map((row, j) => ({ work_order_id: Number(row.id), user_id: added[(i + j) % added.length] }));
      if (values.length > 0) await db.insertInto('work_order_assignees').values(values).onConflict((oc) => oc.doNothing()).execute();
    }
    // The busiest month of open OTs by their placing date: the month a Responsable would look at.
    const perMonth = new Map<string, number>();
    for (const row of open) {
      const at = row.planned_at ?? row.due_at;
      if (at === null) continue;
      const month = localDayOf(Number(at)).slice(0, 7);
      perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
    }
    const busiest = [...perMonth.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const month = monthOf(`${busiest}-15`);
    console.log(`    seeded 20,000 OT (${open.length.toLocaleString('en')} open), ${TECHNICIANS} technicians, in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; month ${busiest} holds ${perMonth.get(busiest)} open OT`);

    raw = await rawDriver(core.database, target, place);
    const driver = raw;
    const from = localDayStart(month.from);
    const to = localDayEnd(month.to);
    const repository = new PlanningRepository(db);
    const statement = await statementOf(target.engine, (compileDb) => new PlanningRepository(compileDb).ordersBetween(from, to));
    const repositoryRows = await repository.ordersBetween(from, to);
    const rawRows = await driver.all(statement);
    sameIds('Planning month', repositoryRows, rawRows);
    const runs = target.engine === 'sqlite' ? 10 : 5;
    const times = await interleave(31, 3, () => timed(repeated(runs, () => repository.ordersBetween(from, to))), () => timed(repeated(runs, () => driver.all(statement))));
    const ratio = median(times.a) / median(times.b);
    const rawName = target.engine === 'sqlite' ? "better-sqlite3's prepared statement" : "pg's client.query";
    console.log(`    month ${month.from} → ${month.to}: ${rawRows.length} OT × assignee rows; PlanningRepository ${ms(median(times.a) / runs)}, ${rawName} ${ms(median(times.b) / runs)} per query, ratio ${ratio.toFixed(3)}   (goal ≤ 1.3)`);
    console.log(`    the statement: ${statement.sql.replace(/\s+/g, ' ')}`);
    if (target.engine === 'sqlite') {
      const plan = await driver.all(CompiledQuery.raw(`explain query plan ${statement.sql}`, statement.parameters as unknown[]));
      console.log(`    query plan: ${plan.map((row) => String(row.detail)).join(' | ')}`);
    }

    // The whole answer of `planning:view` for the month (two queries, folding, load per person): information.
    // The view reads only the database: the core's, under the kernel shape the service is typed with.
    const service = new PlanningService({ database: core.database } as unknown as Kernel);
    const viewTimes: number[] = [];
    for (let i = 0; i < 13; i++) viewTimes.push(await timed(() => service.view({ from: month.from, to: month.to }, { userId: added[0], role: 'maintenance_manager' })));
    const view = await service.view({ from: month.from, to: month.to }, { userId: added[0], role: 'maintenance_manager' });
    console.log(`    planning:view of the month: ${view.orders.length} cards, ${view.people.length} people, ${ms(median(viewTimes.slice(3)))}   (information)`);
    return [
      { figure: 'planning month repo/raw', value: ratio.toFixed(3), goal: '≤ 1.3', pass: ratio <= 1.3 },
      { figure: 'planning:view month', value: ms(median(viewTimes.slice(3))), goal: 'informational', pass: true },
    ];
  } finally {
    await raw?.close();
    await close();
  }
}
