// Node (vitest, both engines). The préventif generator on a real database: idempotence (two passes, and two
// generators on two connections at once, make one OT per occurrence), catch-up after 60 days off (one late OT per
// plan, the rest recorded missed), a meter plan every 250 h, completions moving the base, whichever-first, plans on a
// category, and the transaction boundary (an OT without its occurrence, or the reverse, never exists).
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/support/test-core';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../../../tests/support/test-database';
import { addDays, localDateOf, startOfLocalDate } from '../../../shared/preventive/schedule';
import type { Trigger } from '../../../shared/preventive/triggers';
import { EquipmentRepository } from '../equipment';
import type { Database } from '../kernel/db/database';
import { migrateDatabase } from '../kernel/db/migrate-database';
import { MIGRATIONS } from '../kernel/db/migrations';
import { MetersRepository } from '../meters';
import { PreventiveGenerator } from './generator';

const DAY = 86_400_000;
const ZONE = 'Europe/Paris';
/** Monday 1 March 2027, 08:00 in Paris. */
const T0 = Date.UTC(2027, 2, 1, 7, 0, 0);
const TODAY = localDateOf(T0, ZONE);

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Fixture {
  target: TestDatabaseTarget;
  database: Database;
  generator: PreventiveGenerator;
  equipment(code: string, category?: string | null, status?: 'in_service' | 'scrapped'): Promise<number>;
  plan(input: { code: string; triggers: Trigger[]; equipmentId?: number; category?: string; leadDays?: number; toleranceDays?: number; checklistId?: number | null; assignees?: number[]; createdAt?: number }): Promise<number>;
  meter(equipmentId: number, name?: string): Promise<number>;
  reading(meterId: number, value: number, at: number): Promise<void>;
  finish(workOrderId: number, at: number, status?: 'done' | 'cancelled'): Promise<void>;
  workOrders(): Promise<{ id: number; status: string; pm_occurrence_id: number | null; planned_at: number | null; checklist_id: number | null; equipment_id: number }[]>;
  occurrences(): Promise<{ id: number; plan_id: number; equipment_id: number; occurrence_key: string; status: string; late: number; work_order_id: number | null; due_date: string; window_start_at: number; window_end_at: number; done_at: number | null; done_total: number | null }[]>;
  schedule(planId: number): Promise<{ base_date: string | null; base_total: number | null; next_key: string | null; next_due_date: string | null }>;
}

async function fixture(): Promise<Fixture> {
  const dir = makeTempDir('gmao-pm-');
  const target = await createTestDatabaseTarget(dir);
  const database = await target.open();
  cleanup.push(async () => {
    await database.close();
    await target.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await migrateDatabase(database, MIGRATIONS);
  const db = database.kysely;
  const equipmentRepo = new EquipmentRepository(db);
  const meters = new MetersRepository(db);
  return {
    target,
    database,
    generator: new PreventiveGenerator({ database, workstation: 'POSTE-TEST' }),
    equipment: async (code, category = null, status = 'in_service') => {
      const id = await equipmentRepo.insert({ code, designation: `Équipement ${code}`, location_id: null, parent_id: null, category, manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: 0, updated_at: 0 });
      if (status !== 'in_service') await db.updateTable('equipment').set({ status }).where('id', '=', id).execute();
      return id;
    },
    plan: async (input) => {
      const row = await db
        .insertInto('pm_plans')
        .values({
          code: input.code,
          name: `Plan ${input.code}`,
          equipment_id: input.equipmentId ?? null,
          category: input.category ?? null,
          checklist_id: input.checklistId ?? null,
          lead_days: input.leadDays ?? 0,
          tolerance_days: input.toleranceDays ?? 0,
          triggers: JSON.stringify(input.triggers),
          instructions: 'Graisser, contrôler.',
          search_text: input.code.toLowerCase(),
          created_at: input.createdAt ?? T0,
          updated_at: input.createdAt ?? T0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const userId of input.assignees ?? []) await db.insertInto('pm_plan_assignees').values({ plan_id: row.id, user_id: userId }).execute();
      return Number(row.id);
    },
    meter: async (equipmentId, name = 'Heures de marche') => Number((await meters.insert({ equipmentId, name, unit: 'h', at: 0 })).id),
    reading: async (meterId, value, at) => {
      await database.transaction(async (trx) => {
        const result = await meters.in(trx).record({ meterId, value, isReset: false, readAt: at, userId: null, workstation: 'POSTE-TEST' });
        if (!result.ok) throw new Error(result.reason);
      });
    },
    finish: async (workOrderId, at, status = 'done') => {
      await db.updateTable('work_orders').set({ status, finished_at: status === 'done' ? at : null, updated_at: at }).where('id', '=', workOrderId).execute();
    },
    workOrders: async () =>
      (await db.selectFrom('work_orders').select(['id', 'status', 'pm_occurrence_id', 'planned_at', 'checklist_id', 'equipment_id']).orderBy('id').execute()).map((r) => ({
        ...r,
        id: Number(r.id),
        pm_occurrence_id: r.pm_occurrence_id === null ? null : Number(r.pm_occurrence_id),
        planned_at: r.planned_at === null ? null : Number(r.planned_at),
        checklist_id: r.checklist_id === null ? null : Number(r.checklist_id),
        equipment_id: Number(r.equipment_id),
      })),
    occurrences: async () =>
      (
        await db
          .selectFrom('pm_occurrences')
          .select(['id', 'plan_id', 'equipment_id', 'occurrence_key', 'status', 'late', 'work_order_id', 'due_date', 'window_start_at', 'window_end_at', 'done_at', 'done_total'])
          .orderBy('due_date')
          .orderBy('id')
          .execute()
      ).map((r) => ({
        ...r,
        id: Number(r.id),
        plan_id: Number(r.plan_id),
        equipment_id: Number(r.equipment_id),
        work_order_id: r.work_order_id === null ? null : Number(r.work_order_id),
        window_start_at: Number(r.window_start_at),
        window_end_at: Number(r.window_end_at),
        done_at: r.done_at === null ? null : Number(r.done_at),
        late: Number(r.late),
      })),
    schedule: async (planId) => db.selectFrom('pm_schedules').select(['base_date', 'base_total', 'next_key', 'next_due_date']).where('plan_id', '=', planId).executeTakeFirstOrThrow(),
  };
}

/** Every OT made from a plan points at its occurrence and back, one to one: the transaction boundary held. */
async function expectLinked(f: Fixture): Promise<void> {
  const orders = (await f.workOrders()).filter((w) => w.pm_occurrence_id !== null);
  const occurrences = await f.occurrences();
  for (const o of occurrences) {
    if (o.status === 'missed') expect(o.work_order_id).toBeNull();
    else expect(orders.find((w) => w.id === o.work_order_id)?.pm_occurrence_id).toBe(o.id);
  }
  expect(orders.length).toBe(occurrences.filter((o) => o.work_order_id !== null).length);
}

const monthly = (anchor: string): Trigger => ({ kind: 'calendar_fixed', anchor, every: 1, unit: 'month', skipWeekends: false, skipHolidays: false });
const weekly = (anchor: string): Trigger => ({ kind: 'calendar_fixed', anchor, every: 1, unit: 'week', skipWeekends: false, skipHolidays: false });

describe(`préventif generator on ${TEST_ENGINE}`, () => {
  it('is idempotent: two passes make one OT, planned with its gamme, assignees and tolerance window', async () => {
    const f = await fixture();
    const press = await f.equipment('PR-001');
    const user = await f.database.kysely
      .insertInto('users')
      .values({ username: 'tech', display_name: 'Tech', email: null, role: 'technician', password_hash: 'x', password_changed_at: 0, last_login_at: null, created_at: 0, updated_at: 0, temporary_password_expires_at: null, temporary_password_used_at: null, created_by: null, deactivated_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const checklist = await f.database.kysely.insertInto('checklists').values({ code: 'G-1', name: 'Graissage', search_text: 'g-1', created_by: null, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
    await f.database.kysely.insertInto('checklist_steps').values([
      { checklist_id: checklist.id, position: 1, kind: 'check', label: 'Niveau d’huile' },
      { checklist_id: checklist.id, position: 2, kind: 'measurement', label: 'Pression', unit: 'bar', min_value: 4, max_value: 6 },
    ]).execute();
    const plan = await f.plan({ code: 'PM-1', triggers: [monthly(TODAY)], equipmentId: press, toleranceDays: 2, checklistId: Number(checklist.id), assignees: [Number(user.id)] });

    const first = await f.generator.runOnce(T0);
    const second = await f.generator.runOnce(T0 + 3_600_000);
    expect(first).toMatchObject({ created: 1, missed: 0, schedules: 1 });
    expect(second).toMatchObject({ created: 0, missed: 0 });
    const [order] = await f.workOrders();
    expect(order).toMatchObject({ status: 'planned', planned_at: startOfLocalDate(TODAY, ZONE), checklist_id: Number(checklist.id), equipment_id: press });
    const steps = await f.database.kysely.selectFrom('work_order_steps').select('label').where('work_order_id', '=', order!.id).orderBy('position').execute();
    expect(steps.map((s) => s.label)).toEqual(['Niveau d’huile', 'Pression']);
    const [occurrence] = await f.occurrences();
    expect(occurrence).toMatchObject({ occurrence_key: `D:${TODAY}`, status: 'generated', late: 0, work_order_id: order!.id });
    expect(occurrence!.window_start_at).toBe(startOfLocalDate(addDays(TODAY, -2), ZONE));
    expect(occurrence!.window_end_at).toBe(startOfLocalDate(addDays(TODAY, 3), ZONE) - 1);
    expect((await f.schedule(plan)).next_key).toBe(`D:${addDays(TODAY, 31)}`);
    await expectLinked(f);
  });

  // SQLite serialises writers by design (one process's better-sqlite3 connections block each other synchronously):
  // the race that matters is two PCs on one PostgreSQL.
  it.runIf(TEST_ENGINE === 'postgres')('two generators on two connections at once make exactly one OT per occurrence', async () => {
    const f = await fixture();
    const plans = 12;
    for (let i = 0; i < plans; i += 1) await f.plan({ code: `PM-${i}`, triggers: [weekly(TODAY)], equipmentId: await f.equipment(`EQ-${i}`) });
    const other = await f.target.open();
    cleanup.push(() => other.close());
    const second = new PreventiveGenerator({ database: other, workstation: 'POSTE-B' });
    const [a, b] = await Promise.all([f.generator.runOnce(T0), second.runOnce(T0)]);
    expect(a.created + b.created).toBe(plans);
    const orders = await f.workOrders();
    expect(orders).toHaveLength(plans);
    expect(new Set(orders.map((o) => o.pm_occurrence_id)).size).toBe(plans);
    // And again, both at once a week later with every OT still open: each next occurrence is recorded missed once.
    const [c, d] = await Promise.all([f.generator.runOnce(T0 + 8 * DAY), second.runOnce(T0 + 8 * DAY)]);
    expect(c.created + d.created).toBe(0);
    expect(c.missed + d.missed).toBe(plans);
    expect(await f.workOrders()).toHaveLength(plans);
    await expectLinked(f);
  });

  it('catches up after 60 days off: one late OT per plan for the oldest, the others recorded missed', async () => {
    const f = await fixture();
    const planA = await f.plan({ code: 'PM-A', triggers: [weekly(TODAY)], equipmentId: await f.equipment('EQ-A') });
    const planB = await f.plan({ code: 'PM-B', triggers: [{ kind: 'calendar_fixed', anchor: TODAY, every: 10, unit: 'day', skipWeekends: false, skipHolidays: false }], equipmentId: await f.equipment('EQ-B') });
    const back = T0 + 60 * DAY;
    const counts = await f.generator.runOnce(back);
    const occurrences = await f.occurrences();
    const of = (plan: number) => occurrences.filter((o) => o.plan_id === plan);
    // Weekly: 9 past dues (day 0 … 56); every 10 days: 6 (day 0 … 50); day 60 is due today, the day the OT is open.
    expect(of(planA).filter((o) => o.status === 'generated')).toEqual([expect.objectContaining({ occurrence_key: `D:${TODAY}`, late: 1 })]);
    expect(of(planA).filter((o) => o.status === 'missed')).toHaveLength(8);
    expect(of(planB).filter((o) => o.status === 'generated')).toEqual([expect.objectContaining({ occurrence_key: `D:${TODAY}`, late: 1 })]);
    expect(of(planB).filter((o) => o.status === 'missed')).toHaveLength(5);
    expect(counts).toMatchObject({ created: 2, missed: 13 });
    expect(await f.workOrders()).toHaveLength(2);
    // A second pass the same day adds nothing.
    expect(await f.generator.runOnce(back + 3_600_000)).toMatchObject({ created: 0, missed: 0 });
    // Finished two days later: the next OT is the next fixed date after what was recorded (day 63), not a backlog.
    const late = of(planA).find((o) => o.status === 'generated')!;
    await f.finish(late.work_order_id!, back + 2 * DAY);
    expect(await f.generator.runOnce(back + 2 * DAY)).toMatchObject({ completed: 1, created: 0, missed: 1 }); // plan B's day 60: its late OT is still open
    expect(await f.generator.runOnce(back + 3 * DAY)).toMatchObject({ created: 1, missed: 0 });
    const newest = (await f.occurrences()).filter((o) => o.plan_id === planA && o.status === 'generated');
    expect(newest.map((o) => o.occurrence_key)).toEqual([`D:${addDays(TODAY, 63)}`]);
    await expectLinked(f);
  });

  it('a meter plan every 250 h: readings 100, 200, 260 make one OT, at the third', async () => {
    const f = await fixture();
    const press = await f.equipment('PR-250');
    const meter = await f.meter(press);
    await f.plan({ code: 'PM-H', triggers: [{ kind: 'meter_fixed', meter: 'Heures de marche', every: 250, anchor: 0 }], equipmentId: press, createdAt: T0 - DAY });
    const created: number[] = [];
    // Weekly readings: at ~14 h a day, 250 h is not projected for today until it is reached.
    for (const [i, value] of [100, 200, 260].entries()) {
      await f.reading(meter, value, T0 + i * 7 * DAY);
      created.push((await f.generator.runOnce(T0 + i * 7 * DAY + 60_000)).created);
    }
    expect(created).toEqual([0, 0, 1]);
    const [occurrence] = await f.occurrences();
    expect(occurrence).toMatchObject({ occurrence_key: 'M:250', status: 'generated', late: 0 });
    // Finished at 300 h: done_total is the meter's total then.
    await f.reading(meter, 300, T0 + 15 * DAY);
    await f.finish(occurrence!.work_order_id!, T0 + 15 * DAY + 3_600_000);
    expect(await f.generator.runOnce(T0 + 15 * DAY + 7_200_000)).toMatchObject({ completed: 1, created: 0 });
    expect((await f.occurrences())[0]).toMatchObject({ status: 'done', done_total: 300 });
    await expectLinked(f);
  });

  it('readings typed minutes apart make the 250 h OT when 250 is reached, and the next one only at 500 (no lead time)', async () => {
    const f = await fixture();
    const press = await f.equipment('PR-251');
    const meter = await f.meter(press);
    await f.plan({ code: 'PM-M', triggers: [{ kind: 'meter_fixed', meter: 'Heures de marche', every: 250, anchor: 0 }], equipmentId: press, createdAt: T0 - DAY });
    // 100, 200, 260 within three minutes: no daily usage can be projected from that (it would say thousands of
    // hours a day, and the 500 h occurrence « due today »).
    const created: number[] = [];
    for (const [i, value] of [100, 200, 260].entries()) {
      await f.reading(meter, value, T0 + i * 60_000);
      created.push((await f.generator.runOnce(T0 + i * 60_000 + 1_000)).created);
    }
    expect(created).toEqual([0, 0, 1]);
    const [occurrence] = await f.occurrences();
    await f.finish(occurrence!.work_order_id!, T0 + 10 * 60_000);
    expect(await f.generator.runOnce(T0 + 11 * 60_000)).toMatchObject({ completed: 1, created: 0 });
    expect((await f.occurrences()).map((o) => o.occurrence_key)).toEqual(['M:250']);
    await f.reading(meter, 505, T0 + 20 * 60_000);
    expect((await f.generator.runOnce(T0 + 21 * 60_000)).created).toBe(1);
  });

  it('a floating plan counts from the completion: done late, the next due moves with it', async () => {
    const f = await fixture();
    const plan = await f.plan({ code: 'PM-F', triggers: [{ kind: 'calendar_floating', every: 10, unit: 'day', skipWeekends: false, skipHolidays: false }], equipmentId: await f.equipment('EQ-F') });
    expect((await f.generator.runOnce(T0)).created).toBe(0);
    expect((await f.schedule(plan)).next_key).toBe(`D:${addDays(TODAY, 10)}`);
    expect((await f.generator.runOnce(T0 + 10 * DAY)).created).toBe(1);
    const [occurrence] = await f.occurrences();
    await f.finish(occurrence!.work_order_id!, T0 + 14 * DAY);
    const counts = await f.generator.runOnce(T0 + 14 * DAY + 60_000);
    expect(counts).toMatchObject({ completed: 1, created: 0 });
    expect(await f.schedule(plan)).toMatchObject({ base_date: addDays(TODAY, 14), next_key: `D:${addDays(TODAY, 24)}` });
    expect((await f.occurrences())[0]).toMatchObject({ status: 'done', done_at: T0 + 14 * DAY });
    // A cancelled OT: its occurrence is cancelled and the schedule goes on.
    expect((await f.generator.runOnce(T0 + 24 * DAY)).created).toBe(1);
    const second = (await f.occurrences()).find((o) => o.status === 'generated')!;
    await f.finish(second.work_order_id!, T0 + 25 * DAY, 'cancelled');
    expect(await f.generator.runOnce(T0 + 25 * DAY)).toMatchObject({ cancelled: 1 });
    expect((await f.occurrences()).map((o) => o.status)).toEqual(['done', 'cancelled']);
    await expectLinked(f);
  });

  it('whichever first: the calendar fires, then the fixed meter restarts from the completion total', async () => {
    const f = await fixture();
    const press = await f.equipment('PR-WF');
    const meter = await f.meter(press);
    await f.reading(meter, 0, T0 - DAY);
    const plan = await f.plan({
      code: 'PM-WF',
      triggers: [
        { kind: 'calendar_floating', every: 30, unit: 'day', skipWeekends: false, skipHolidays: false },
        { kind: 'meter_fixed', meter: 'Heures de marche', every: 1000, anchor: 0 },
      ],
      equipmentId: press,
    });
    await f.reading(meter, 100, T0 + 29 * DAY);
    expect((await f.generator.runOnce(T0 + 30 * DAY)).created).toBe(1);
    const [first] = await f.occurrences();
    expect(first!.occurrence_key).toBe(`D:${addDays(TODAY, 30)}`);
    await f.finish(first!.work_order_id!, T0 + 31 * DAY);
    await f.generator.runOnce(T0 + 31 * DAY);
    expect(await f.schedule(plan)).toMatchObject({ base_date: addDays(TODAY, 31), base_total: 100 });
    // The hours didn't fire: they restart from 100 h, so 1 050 h is not due yet (1 000 h would have been)…
    await f.reading(meter, 1050, T0 + 40 * DAY);
    expect((await f.generator.runOnce(T0 + 40 * DAY)).created).toBe(0);
    // …and 1 101 h is: the OT is the meter's, before the calendar's day 61.
    await f.reading(meter, 1101, T0 + 41 * DAY);
    expect((await f.generator.runOnce(T0 + 41 * DAY)).created).toBe(1);
    expect((await f.occurrences()).at(-1)).toMatchObject({ occurrence_key: 'M:1100', status: 'generated' });
    await expectLinked(f);
  });

  it('a plan on a category applies to each equipment of it, not to scrapped ones', async () => {
    const f = await fixture();
    const a = await f.equipment('PR-1', 'Presse');
    const b = await f.equipment('PR-2', 'Presse');
    await f.equipment('TO-1', 'Tour');
    await f.equipment('PR-9', 'Presse', 'scrapped');
    await f.plan({ code: 'PM-CAT', triggers: [monthly(TODAY)], category: 'Presse' });
    expect(await f.generator.runOnce(T0)).toMatchObject({ created: 2, schedules: 2 });
    expect((await f.workOrders()).map((w) => w.equipment_id).sort()).toEqual([a, b].sort());
    // Equipment added to the category later gets its own schedule at the next pass.
    const c = await f.equipment('PR-3', 'Presse');
    expect(await f.generator.runOnce(T0 + 60_000)).toMatchObject({ created: 1, schedules: 3 });
    expect((await f.workOrders()).at(-1)!.equipment_id).toBe(c);
  });

  it('never leaves an OT without its occurrence or an occurrence without its OT when the transaction fails', async () => {
    const f = await fixture();
    const checklist = await f.database.kysely.insertInto('checklists').values({ code: 'G-X', name: 'Gamme', search_text: 'g-x', created_by: null, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
    await f.database.kysely.insertInto('checklist_steps').values({ checklist_id: checklist.id, position: 1, kind: 'check', label: 'Contrôle' }).execute();
    await f.plan({ code: 'PM-X', triggers: [monthly(TODAY)], equipmentId: await f.equipment('EQ-X'), checklistId: Number(checklist.id) });
    // The last write of the transaction (the gamme's steps) fails, as a crash would at that point.
    if (TEST_ENGINE === 'sqlite') {
      await sql`CREATE TRIGGER boom BEFORE INSERT ON work_order_steps BEGIN SELECT RAISE(ABORT, 'boom'); END`.execute(f.database.kysely);
    } else {
      await sql`CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$ LANGUAGE plpgsql`.execute(f.database.kysely);
      await sql`CREATE TRIGGER boom BEFORE INSERT ON work_order_steps FOR EACH ROW EXECUTE FUNCTION boom()`.execute(f.database.kysely);
    }
    expect((await f.generator.runOnce(T0)).created).toBe(0);
    expect(await f.workOrders()).toHaveLength(0);
    expect(await f.occurrences()).toHaveLength(0);
    await sql`DROP TRIGGER boom${sql.raw(TEST_ENGINE === 'postgres' ? ' ON work_order_steps' : '')}`.execute(f.database.kysely);
    expect((await f.generator.runOnce(T0 + 60_000)).created).toBe(1);
    await expectLinked(f);
  });
});
