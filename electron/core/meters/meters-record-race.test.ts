// Node (tests). The reading's compare-and-set when another PC writes between our load and our write. On both
// engines, a repository that finds the meter moved (as another PC's reading would leave it) shows the service's
// contract: the attempt rolls back whole, is tried once more on the fresh meter, and a second collision is refused
// with METER_CHANGED_MEANWHILE and nothing written. On PostgreSQL, two real transactions on two connections: the
// second one's compare-and-set waits for the first's row lock, finds the meter moved, and the service retries it
// from the first one's total — never two totals from the same base.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EquipmentRepository } from '../equipment';
import type { Executor } from '../kernel/db/database';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { AppError } from '../kernel/platform/app-error';
import { createChangeFeed } from '../kernel/sessions/change-feed';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { preparePlant, type Plant } from '../../../tests/support/work-orders-plant';
import { MetersRepository, type MeterRow } from './meters-repository';
import { MetersService } from './meters-service';

let core: TestCore;
let plant: Plant;
let meterId: number;

beforeEach(async () => {
  core = await createTestCore();
  plant = await preparePlant(core);
  const meter = await new MetersRepository(core.database.kysely).insert({ equipmentId: plant.equipmentId, name: 'Heures de marche', unit: 'h', at: core.clock.now() });
  meterId = Number(meter.id);
});
afterEach(async () => {
  await core.dispose();
});

/** A real repository whose load is followed, `times` times, by the meter moving (another PC's reading landing). */
class MovedUnderneath extends MetersRepository {
  constructor(
    private readonly executor: Executor,
    private readonly left: { times: number },
  ) {
    super(executor);
  }
  override in(trx: Executor): MetersRepository {
    return new MovedUnderneath(trx, this.left);
  }
  override async findById(id: number): Promise<MeterRow | undefined> {
    const meter = await super.findById(id);
    if (this.left.times > 0) {
      this.left.times -= 1;
      await this.executor.updateTable('meters').set({ last_reading_id: -1 }).where('id', '=', id).execute();
    }
    return meter;
  }
}

function serviceWith(meters: MetersRepository, workstation = 'POSTE-A'): MetersService {
  return new MetersService({
    database: core.database,
    meters,
    equipment: new EquipmentRepository(core.database.kysely),
    audit: new AuditRepository(core.database.kysely, workstation),
    clock: core.clock,
    changes: createChangeFeed({ events: { send() {} }, windows: () => [] }),
    workstation,
  });
}

const readingsOf = () => core.database.kysely.selectFrom('meter_readings').selectAll().where('meter_id', '=', meterId).orderBy('id').execute();

describe(`a reading racing another PC's on ${TEST_ENGINE}`, () => {
  it('retries once inside the service when the meter moved meanwhile, and the first attempt leaves nothing behind', async () => {
    const left = { times: 1 };
    const saved = await serviceWith(new MovedUnderneath(core.database.kysely, left)).record({ meterId, value: 42, isReset: false, note: null }, { userId: plant.ids.tech, role: 'technician' });
    expect(left.times).toBe(0);
    expect(saved.reading).toMatchObject({ value: 42, total: 42, workstation: 'POSTE-A', userName: 'Théo Martin' });
    expect((await readingsOf()).map((r) => Number(r.value))).toEqual([42]);
  });

  it('a second collision in a row is refused with « réessayez », and nothing is written', async () => {
    const left = { times: 2 };
    const refusal = await serviceWith(new MovedUnderneath(core.database.kysely, left))
      .record({ meterId, value: 42, isReset: false, note: null }, { userId: plant.ids.tech, role: 'technician' })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('METER_CHANGED_MEANWHILE');
    expect(await readingsOf()).toEqual([]);
    expect(await new MetersRepository(core.database.kysely).findById(meterId)).toMatchObject({ last_value: null, last_reading_id: null });
  });

  it.runIf(TEST_ENGINE === 'postgres')('on PostgreSQL, two transactions on two connections: the second waits, finds the meter moved, and is counted from the first', async () => {
    const db = core.database.kysely;
    await db.transaction().execute((trx) => new MetersRepository(trx).record({ meterId, value: 100, isReset: false, readAt: 1, userId: null, workstation: 'POSTE-0' }));
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstWrote!: () => void;
    const firstHasWritten = new Promise<void>((resolve) => (firstWrote = resolve));
    // PC A: its reading is written and its row lock held until we let it commit.
    const first = core.database.transaction(async (trx) => {
      const result = await new MetersRepository(trx).record({ meterId, value: 110, isReset: false, readAt: 2, userId: plant.ids.tech, workstation: 'POSTE-A' });
      firstWrote();
      await firstHolds;
      return result;
    });
    await firstHasWritten;
    // PC B, through the service: it loads the meter A has not committed yet (last value 100) and waits on A's lock.
    const second = serviceWith(new MetersRepository(db), 'POSTE-B').record({ meterId, value: 130, isReset: false, note: null }, { userId: plant.ids.tech2, role: 'technician' });
    // Wait until B's compare-and-set really is blocked behind A's row lock (a fact the server reports, not a delay).
    for (let i = 0; ; i += 1) {
      const waiting = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'update "meters"%'`.execute(core.database.kysely);
      if (Number(waiting.rows[0].n) > 0) break;
      if (i > 2000) throw new Error('B never waited on A');
      await new Promise((resolve) => setImmediate(resolve));
    }
    releaseFirst();
    expect(await first).toMatchObject({ ok: true });
    const saved = await second;
    // B's first attempt rolled back; its retry is counted from A's total: 110 + (130 − 110), not 100 + (130 − 100) twice over.
    expect(saved.reading).toMatchObject({ value: 130, total: 130, workstation: 'POSTE-B' });
    const rows = await readingsOf();
    expect(rows.map((r) => [Number(r.value), Number(r.total), r.workstation])).toEqual([
      [100, 100, 'POSTE-0'],
      [110, 110, 'POSTE-A'],
      [130, 130, 'POSTE-B'],
    ]);
    expect(await new MetersRepository(db).findById(meterId)).toMatchObject({ last_reading_id: rows[2].id });
  });
});
