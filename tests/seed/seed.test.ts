// Node (tests). `npm run seed` on a real core's database (the engine of this vitest pass), at small sizes: every link
// resolves, every status agrees with its time entries, downtimes and history, the unique rules the app relies on
// hold (one open downtime per equipment, one running clock per person, numbers), the sequences continue the
// numbering, the same seed gives the same plant, a second run is refused without --force, and the demo accounts
// sign in with the printed password.
import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Schema } from '../../electron/core/kernel/db/schema';
import { foldText } from '../../electron/core/kernel/db/text-search';
import { createTestCore, type TestCore } from '../support/test-core';
import { DEMO_PASSWORD, seedPlant, SeedRefusedError, type SeedOptions } from './seed-plant';

const NOW = Date.UTC(2026, 10, 30);
const SIZES: SeedOptions = { equipment: 300, requests: 2000, workOrders: 4000, seed: 7, now: NOW, bcryptCost: 4 };

const cores: TestCore[] = [];
async function seededCore(options: SeedOptions = SIZES) {
  const core = await createTestCore({ bcryptCost: 4 });
  cores.push(core);
  const result = await seedPlant(core.database, options);
  return { core, db: core.database.kysely, result };
}

afterEach(async () => {
  while (cores.length) await cores.pop()?.dispose();
});

/** Foreign keys and the id columns that have none (they point at rows written later): each must resolve. */
const LINKS: [keyof Schema, string, keyof Schema][] = [
  ['locations', 'parent_id', 'locations'],
  ['equipment', 'location_id', 'locations'],
  ['equipment', 'parent_id', 'equipment'],
  ['downtimes', 'equipment_id', 'equipment'],
  ['downtimes', 'request_id', 'work_requests'],
  ['downtimes', 'work_order_id', 'work_orders'],
  ['downtimes', 'ended_by', 'users'],
  ['work_requests', 'equipment_id', 'equipment'],
  ['work_requests', 'location_id', 'locations'],
  ['work_requests', 'reporter_user_id', 'users'],
  ['work_requests', 'duplicate_of_id', 'work_requests'],
  ['work_requests', 'work_order_id', 'work_orders'],
  ['work_requests', 'downtime_id', 'downtimes'],
  ['work_requests', 'decided_by', 'users'],
  ['work_orders', 'equipment_id', 'equipment'],
  ['work_orders', 'location_id', 'locations'],
  ['work_orders', 'request_id', 'work_requests'],
  ['work_orders', 'created_by', 'users'],
  ['work_orders', 'closed_by', 'users'],
  ['work_order_assignees', 'work_order_id', 'work_orders'],
  ['work_order_assignees', 'user_id', 'users'],
  ['time_entries', 'work_order_id', 'work_orders'],
  ['time_entries', 'user_id', 'users'],
  ['work_order_comments', 'work_order_id', 'work_orders'],
  ['work_order_comments', 'user_id', 'users'],
  ['work_order_events', 'work_order_id', 'work_orders'],
  ['work_order_events', 'user_id', 'users'],
];

async function idsOf(db: Kysely<Schema>, table: keyof Schema): Promise<Set<number>> {
  const rows = (await db.selectFrom(table as 'users').select('id').execute()) as { id: number }[];
  return new Set(rows.map((row) => Number(row.id)));
}

describe('npm run seed', () => {
  it('writes a plant whose links all resolve and whose statuses agree with time entries, downtimes and history', async () => {
    const { db, result } = await seededCore();
    expect(result.counts.equipment).toBe(300);
    expect(result.counts.work_requests).toBe(2000);
    expect(result.counts.work_orders).toBe(4000);
    expect(result.counts.users).toBe(59);

    for (const [table, column, target] of LINKS) {
      const ids = await idsOf(db, target);
      const rows = (await db.selectFrom(table as 'users').select(`${column} as ref` as 'id').execute()) as unknown as { ref: number | null }[];
      const dangling = rows.filter((row) => row.ref !== null && !ids.has(Number(row.ref)));
      expect(dangling, `${table}.${column} → ${target}`).toEqual([]);
    }

    const workOrders = await db.selectFrom('work_orders').selectAll().execute();
    const requests = await db.selectFrom('work_requests').selectAll().execute();
    const equipment = await db.selectFrom('equipment').selectAll().execute();
    const downtimes = await db.selectFrom('downtimes').selectAll().execute();
    const entries = await db.selectFrom('time_entries').selectAll().execute();
    const assignees = await db.selectFrom('work_order_assignees').selectAll().execute();
    const events = await db.selectFrom('work_order_events').selectAll().orderBy('at').orderBy('id').execute();
    const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((row) => [Number(row.id), row]));
    const woById = byId(workOrders);
    const requestById = byId(requests);
    const equipmentById = byId(equipment);
    const group = <T>(rows: T[], key: (row: T) => number) => {
      const map = new Map<number, T[]>();
      for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
      return map;
    };
    const entriesByWo = group(entries, (e) => Number(e.work_order_id));
    const assigneesByWo = group(assignees, (a) => Number(a.work_order_id));
    const eventsByWo = group(events, (e) => Number(e.work_order_id));

    // Every state is there.
    expect(new Set(workOrders.map((w) => w.status))).toEqual(new Set(['draft', 'planned', 'in_progress', 'on_hold', 'done', 'closed', 'cancelled']));
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['new', 'accepted', 'refused', 'duplicate', 'cancelled']));
    expect(new Set(workOrders.map((w) => w.type))).toEqual(new Set(['corrective', 'preventive', 'improvement', 'safety', 'regulatory']));
    expect(workOrders.some((w) => ['planned', 'in_progress', 'on_hold'].includes(w.status) && w.due_at !== null && w.due_at < NOW)).toBe(true);

    for (const wo of workOrders) {
      const id = Number(wo.id);
      const mine = entriesByWo.get(id) ?? [];
      const team = new Set((assigneesByWo.get(id) ?? []).map((a) => Number(a.user_id)));
      const history = eventsByWo.get(id) ?? [];
      const label = `${wo.number} (${wo.status})`;
      expect(wo.search_text, label).toBe(foldText(wo.number, wo.title, wo.description));
      expect(wo.location_id, label).toBe(equipmentById.get(Number(wo.equipment_id))?.location_id);
      // History: created first, then each move; the last move is the status.
      expect(history[0]?.kind, label).toBe('created');
      const moves = history.filter((e) => e.kind === 'status').map((e) => JSON.parse(e.detail) as { from: string; to: string });
      expect(moves.length ? moves[moves.length - 1].to : 'draft', label).toBe(wo.status);
      for (let i = 1; i < moves.length; i++) expect(moves[i].from, label).toBe(moves[i - 1].to);
      expect(history.every((e) => e.at >= wo.created_at && e.at <= NOW), label).toBe(true);
      // Time entries: by the OT's own technicians, consistent with the status.
      for (const entry of mine) {
        expect(team.has(Number(entry.user_id)), label).toBe(true);
        expect(entry.ended_at === null || entry.ended_at >= entry.started_at, label).toBe(true);
        expect(entry.started_at, label).toBeLessThanOrEqual(NOW);
      }
      const running = mine.filter((e) => e.ended_at === null);
      if (wo.status !== 'in_progress') expect(running, label).toEqual([]);
      if (wo.status === 'draft' || wo.status === 'planned' || wo.status === 'cancelled') {
        expect(mine, label).toEqual([]);
        expect(wo.started_at, label).toBeNull();
      }
      if (wo.status === 'planned') {
        expect(team.size, label).toBeGreaterThan(0);
        expect(wo.planned_at, label).not.toBeNull();
      }
      if (wo.status === 'in_progress' || wo.status === 'on_hold') expect(wo.started_at, label).not.toBeNull();
      if (wo.status === 'on_hold') expect(wo.hold_reason, label).not.toBeNull();
      if (wo.status === 'cancelled') expect(wo.cancel_reason, label).not.toBeNull();
      if (wo.status === 'done' || wo.status === 'closed') {
        expect(mine.length, label).toBeGreaterThan(0);
        expect(wo.finished_at, label).not.toBeNull();
        expect(wo.finished_at as number, label).toBeGreaterThanOrEqual(wo.started_at as number);
        expect(wo.back_in_service, label).toBe(1);
        expect(mine.every((e) => e.ended_at !== null && e.ended_at <= (wo.finished_at as number)), label).toBe(true);
        if (wo.type === 'corrective') expect([wo.symptom_code, wo.cause_code, wo.remedy_code].every((c) => c !== null), label).toBe(true);
      } else {
        expect(wo.finished_at, label).toBeNull();
      }
      if (wo.status === 'closed') expect(wo.closed_at !== null && wo.closed_by !== null && wo.closed_at >= (wo.finished_at as number), label).toBe(true);
      else expect(wo.closed_at, label).toBeNull();
      if (wo.request_id !== null) {
        const request = requestById.get(Number(wo.request_id));
        expect(request?.status, label).toBe('accepted');
        expect(Number(request?.work_order_id), label).toBe(id);
        expect(wo.type, label).toBe('corrective');
      }
    }

    for (const request of requests) {
      const label = `${request.number} (${request.status})`;
      expect(request.search_text, label).toBe(foldText(request.number, request.symptom, request.reporter_name));
      expect(request.status === 'accepted', label).toBe(request.work_order_id !== null);
      expect(request.status === 'refused', label).toBe(request.refusal_reason !== null);
      expect(request.status === 'duplicate', label).toBe(request.duplicate_of_id !== null);
      expect(request.status === 'new', label).toBe(request.decided_at === null);
      expect(request.machine_stopped === 1, label).toBe(request.downtime_id !== null);
      if (request.duplicate_of_id !== null) expect(requestById.get(Number(request.duplicate_of_id))?.equipment_id, label).toBe(request.equipment_id);
      if (request.downtime_id !== null) expect(downtimes.find((d) => Number(d.id) === Number(request.downtime_id))?.equipment_id, label).toBe(request.equipment_id);
    }

    // Downtimes: at most one open per equipment, and it is what makes an equipment `stopped`; closed by the OT's finish.
    const open = downtimes.filter((d) => d.ended_at === null);
    expect(new Set(open.map((d) => Number(d.equipment_id))).size).toBe(open.length);
    expect(open.length).toBeGreaterThan(0);
    expect(open.filter((d) => d.started_at < NOW - 30 * 86_400_000)).toEqual([]);
    expect(new Set(open.map((d) => Number(d.equipment_id)))).toEqual(new Set(equipment.filter((e) => e.status === 'stopped').map((e) => Number(e.id))));
    const durations: number[] = [];
    for (const downtime of downtimes) {
      expect(downtime.ended_at === null || downtime.ended_at >= downtime.started_at).toBe(true);
      expect(downtime.request_id).not.toBeNull();
      if (downtime.ended_at !== null) durations.push(downtime.ended_at - downtime.started_at);
      if (downtime.work_order_id === null) continue;
      const wo = woById.get(Number(downtime.work_order_id));
      const finished = wo?.status === 'done' || wo?.status === 'closed';
      expect(downtime.ended_at === null, `downtime of ${wo?.number}`).toBe(!finished);
      if (finished) expect(downtime.ended_at).toBe(wo?.finished_at);
    }
    durations.sort((a, b) => a - b);
    expect(durations[0]).toBeGreaterThanOrEqual(20 * 60_000);
    expect(durations[durations.length - 1]).toBeGreaterThan(24 * 3_600_000);

    // One running clock per person.
    const runningUsers = entries.filter((e) => e.ended_at === null).map((e) => Number(e.user_id));
    expect(runningUsers.length).toBeGreaterThan(0);
    expect(new Set(runningUsers).size).toBe(runningUsers.length);

    // Equipment: folded search text, a tree of 2–3 levels.
    for (const e of equipment) expect(e.search_text).toBe(foldText(e.code, e.designation));
    const grandChildren = equipment.filter((e) => e.parent_id !== null && equipmentById.get(Number(e.parent_id))?.parent_id !== null);
    expect(grandChildren.length).toBeGreaterThan(0);
    expect(grandChildren.every((e) => equipmentById.get(Number(equipmentById.get(Number(e.parent_id))?.parent_id))?.parent_id === null)).toBe(true);
  });

  it('numbers OTs and DIs consecutively per year and sets each sequence to its year’s last number', async () => {
    const { db } = await seededCore();
    const sequences = new Map((await db.selectFrom('number_sequences').selectAll().execute()).map((s) => [s.name, Number(s.last_value)]));
    for (const [table, prefix] of [['work_orders', 'OT'], ['work_requests', 'DI']] as const) {
      const rows = await db.selectFrom(table).select(['number', 'created_at']).execute();
      expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
      const perYear = new Map<string, number[]>();
      for (const row of rows) {
        const match = /^(OT|DI)-(\d{4})-(\d{6})$/.exec(row.number);
        expect(match?.[1], row.number).toBe(prefix);
        expect(Number(match?.[2]), row.number).toBe(new Date(row.created_at).getFullYear());
        perYear.set(`${prefix}-${match?.[2]}`, [...(perYear.get(`${prefix}-${match?.[2]}`) ?? []), Number(match?.[3])]);
      }
      expect(perYear.size).toBeGreaterThanOrEqual(3);
      for (const [name, values] of perYear) {
        values.sort((a, b) => a - b);
        expect(values, name).toEqual(values.map((_, i) => i + 1));
        expect(sequences.get(name), name).toBe(values.length);
      }
    }
  });

  it('gives the same plant for the same seed and another for another seed', async () => {
    const small: SeedOptions = { equipment: 80, requests: 300, workOrders: 600, seed: 42, now: NOW, bcryptCost: 4 };
    const dump = async (db: Kysely<Schema>) =>
      JSON.stringify({
        users: await db.selectFrom('users').select(['username', 'display_name', 'role']).orderBy('username').execute(),
        equipment: await db.selectFrom('equipment').select(['code', 'designation', 'criticality', 'status', 'serial_number', 'commissioned_on']).orderBy('code').execute(),
        requests: await db.selectFrom('work_requests').select(['number', 'status', 'symptom', 'machine_stopped', 'created_at', 'decided_at']).orderBy('number').execute(),
        workOrders: await db
          .selectFrom('work_orders')
          .select(['number', 'type', 'status', 'priority', 'title', 'created_at', 'due_at', 'finished_at'])
          .orderBy('number')
          .execute(),
        entries: await db.selectFrom('time_entries').innerJoin('work_orders', 'work_orders.id', 'time_entries.work_order_id').select(['work_orders.number', 'time_entries.started_at', 'time_entries.ended_at']).orderBy('work_orders.number').orderBy('time_entries.started_at').execute(),
        downtimes: await db.selectFrom('downtimes').innerJoin('equipment', 'equipment.id', 'downtimes.equipment_id').select(['equipment.code', 'started_at', 'ended_at']).orderBy('equipment.code').orderBy('started_at').execute(),
      });
    const first = await dump((await seededCore(small)).db);
    const again = await dump((await seededCore(small)).db);
    const other = await dump((await seededCore({ ...small, seed: 43 })).db);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('refuses a database that already has equipment unless forced, and then replaces the plant instead of doubling it', async () => {
    const small: SeedOptions = { equipment: 60, requests: 150, workOrders: 300, seed: 3, now: NOW, bcryptCost: 4 };
    const { core, db, result } = await seededCore(small);
    await expect(seedPlant(core.database, small)).rejects.toBeInstanceOf(SeedRefusedError);
    expect(Number((await db.selectFrom('work_orders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(300);
    const forced = await seedPlant(core.database, { ...small, force: true });
    expect(forced.counts).toEqual(result.counts);
  });

  it('gives every account the printed password: the administrator and a technician sign in with it', async () => {
    const { core, result } = await seededCore({ equipment: 30, requests: 20, workOrders: 40, seed: 5, now: NOW, bcryptCost: 4 });
    expect(result.password).toBe(DEMO_PASSWORD);
    const admin = result.accounts.find((a) => a.role === 'admin');
    const technician = result.accounts.find((a) => a.role === 'technician');
    expect(admin?.username).toMatch(/^[a-z]\.[a-z]+\d*$/);
    const signedIn = await core.call('w-admin', 'auth:login', { identifier: admin?.username ?? '', password: DEMO_PASSWORD });
    expect(signedIn.ok && signedIn.data.role).toBe('admin');
    const tech = await core.call('w-tech', 'auth:login', { identifier: technician?.username ?? '', password: DEMO_PASSWORD });
    expect(tech.ok && tech.data.role).toBe('technician');
    const wrong = await core.call('w-wrong', 'auth:login', { identifier: technician?.username ?? '', password: 'pas le bon' });
    expect(wrong.ok).toBe(false);
  });
});
