// Node (tests). Coûts through the dispatcher, on the engine of this pass: an OT's cost from known time entries, rates,
// stock moves and service lines (labour + parts + services, computed in SQL); the rate is stamped when a clock
// stops and stays after a rate change; a technician can't read rates (FORBIDDEN) and sees hours, never euros.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import type { Role } from '../../../shared/contract/roles';
import { EquipmentRepository } from '../equipment';
import { createWorkOrder } from '../work-orders';

let core: TestCore;
let users: Record<'admin' | 'manager' | 'tech' | 'tech2', number>;
const HOUR = 3_600_000;
const SHORT = 3 * 60_000;

async function addUser(username: string, role: Role): Promise<number> {
  const db = core.database.kysely;
  const { password_hash } = await db.selectFrom('users').select('password_hash').where('username', '=', ADMIN_INPUT.username).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('users')
    .values({ username, display_name: username, email: null, role, password_hash, password_changed_at: 0, created_at: 0, updated_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function signIn(windowId: string, username: string): Promise<void> {
  expect((await core.call(windowId, 'auth:login', { identifier: username, password: ADMIN_INPUT.password })).ok).toBe(true);
}

async function addWorkOrder(type: 'corrective' | 'preventive', assignees: number[]): Promise<{ id: number; number: string }> {
  const equipment = new EquipmentRepository(core.database.kysely);
  const existing = await equipment.findByCode('PR-003');
  const id =
    existing?.id ??
    (await equipment.insert({ code: 'PR-003', designation: 'Presse 3', location_id: null, parent_id: null, category: null, manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: 0, updated_at: 0 }));
  const created = await core.database.transaction((trx) =>
    createWorkOrder(trx, { type, priority: 2, equipmentId: Number(id), locationId: null, title: 'Fuite', description: '', assigneeIds: assignees, plannedAt: core.clock.now() }, { userId: null, workstation: 'POSTE-1', at: 0, year: 2026 }),
  );
  await core.database.kysely.updateTable('work_orders').set({ status: 'planned' }).where('id', '=', created.id).execute();
  return { id: created.id, number: created.number };
}

async function version(number: string): Promise<number> {
  return Number((await core.database.kysely.selectFrom('work_orders').select('version').where('number', '=', number).executeTakeFirstOrThrow()).version);
}

async function entry(workOrderId: number, userId: number, startedAt: number, minutes: number, rate: number | null = null): Promise<void> {
  await core.database.kysely
    .insertInto('time_entries')
    .values({ work_order_id: workOrderId, user_id: userId, started_at: startedAt, ended_at: startedAt + minutes * 60_000, workstation: 'P', hourly_rate_cents: rate })
    .execute();
}

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  const admin = Number((await core.database.kysely.selectFrom('users').select('id').where('username', '=', ADMIN_INPUT.username).executeTakeFirstOrThrow()).id);
  users = { admin, manager: await addUser('c.roux', 'maintenance_manager'), tech: await addUser('l.moreau', 'technician'), tech2: await addUser('t.petit', 'technician') };
  await signIn('w-manager', 'c.roux');
  await signIn('w-tech', 'l.moreau');
});
afterEach(async () => {
  await core.dispose();
});

describe(`costs on ${TEST_ENGINE}`, () => {
  it('costs an OT from known entries, rates, stock moves and services', async () => {
    const wo = await addWorkOrder('corrective', [users.tech]);
    // Rates: l.moreau 40 €/h himself; technicians 30 €/h; nobody rates the admin.
    expect(await core.call('w-manager', 'costs:setRate', { subjectKind: 'user', userId: users.tech, rateCents: 4000 })).toEqual({ ok: true, data: { ok: true } });
    expect((await core.call('w-manager', 'costs:setRate', { subjectKind: 'role', role: 'technician', rateCents: 3000 })).ok).toBe(true);
    const t0 = core.clock.now() - 10 * HOUR;
    // Labour: 90 min × 40 € = 60 € (6000) ; t.petit 30 min at his role's 30 € = 15 € (1500) ; an entry stamped at
    // 50 €/h keeps its stamp: 12 min × 50 € = 10 € (1000) ; admin 60 min, no rate: 0 € (60 unrated minutes).
    await entry(wo.id, users.tech, t0, 90);
    await entry(wo.id, users.tech2, t0, 30);
    await entry(wo.id, users.tech, t0 + 2 * HOUR, 12, 5000);
    await entry(wo.id, users.admin, t0, 60);
    // A running clock is not costed yet.
    await core.database.kysely.insertInto('time_entries').values({ work_order_id: wo.id, user_id: users.tech2, started_at: t0 + HOUR, ended_at: null, workstation: 'P' }).execute();
    // Parts: an issue of 2 units worth 25 € (value −2500) and a return of 1 unit worth 12,50 € (+1250) → 12,50 € (1250);
    // a receipt is no cost of an OT.
    const part = await core.database.kysely.insertInto('parts').values({ code: 'ROUL-6204', designation: 'Roulement', search_text: 'roul', created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
    const store = await core.database.kysely.insertInto('stores').values({ code: 'MAG', name: 'Magasin', location_id: null, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow();
    const bin = await core.database.kysely.insertInto('bins').values({ store_id: store.id, code: 'A1', label: null, created_at: 0 }).returning('id').executeTakeFirstOrThrow();
    const move = (kind: 'receipt' | 'issue' | 'return', quantity: number, value: number, workOrderId: number | null) => ({
      part_id: part.id, bin_id: bin.id, kind, quantity_milli: quantity, unit_cost_cents: 1250, value_cents: value, work_order_id: workOrderId, user_id: users.tech, workstation: 'P', at: t0,
    });
    await core.database.kysely.insertInto('stock_moves').values([move('receipt', 10_000, 12_500, null), move('issue', -2000, -2500, wo.id), move('return', 1000, 1250, wo.id)]).execute();
    // Services: 100 € + 50,50 € = 150,50 € (15050).
    expect((await core.call('w-manager', 'costs:addService', { number: wo.number, supplier: 'Hydro Services', amountCents: 10_000, reference: 'F-123' })).ok).toBe(true);
    const second = await core.call('w-manager', 'costs:addService', { number: wo.number, supplier: 'Électro 44', amountCents: 5050, description: 'Rebobinage' });
    expect(second.ok).toBe(true);

    const cost = await core.call('w-manager', 'costs:workOrderCost', { number: wo.number });
    if (!cost.ok) throw new Error(cost.error.message);
    // Total = 6000 + 1500 + 1000 + 0 + 1250 + 15050 = 24800.
    expect(cost.data.amounts).toEqual({ labourCents: 8500, partsCents: 1250, servicesCents: 15_050, totalCents: 24_800, unratedMinutes: 60 });
    expect(cost.data.labourMinutes).toBe(90 + 30 + 12 + 60);
    expect(cost.data.services?.map((s) => [s.supplier, s.amountCents, s.reference])).toEqual([
      ['Hydro Services', 10_000, 'F-123'],
      ['Électro 44', 5050, null],
    ]);
    expect(cost.data.canEditServices).toBe(true);

    // The technician sees the hours, never an amount nor the service lines.
    const seen = await core.call('w-tech', 'costs:workOrderCost', { number: wo.number });
    if (!seen.ok) throw new Error(seen.error.message);
    expect(seen.data.amounts).toBeNull();
    expect(seen.data.services).toBeNull();
    expect(seen.data.people.every((p) => p.cents === null)).toBe(true);
    expect(seen.data.labourMinutes).toBe(192);

    // Removing a line is audited and changes the total; a closed OT refuses changes.
    if (!second.ok) throw new Error('unreachable');
    expect((await core.call('w-manager', 'costs:removeService', { number: wo.number, id: second.data.id })).ok).toBe(true);
    const after = await core.call('w-manager', 'costs:workOrderCost', { number: wo.number });
    expect(after.ok && after.data.amounts?.totalCents).toBe(24_800 - 5050);
    await core.database.kysely.updateTable('work_orders').set({ status: 'closed' }).where('id', '=', wo.id).execute();
    expect(await core.call('w-manager', 'costs:addService', { number: wo.number, supplier: 'X', amountCents: 1 })).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_LOCKED' } });
    const audit = await core.database.kysely.selectFrom('audit_log').select('event_type').where('event_type', 'in', ['labour_rate.changed', 'work_order.service_added', 'work_order.service_removed']).execute();
    expect(audit.map((a) => a.event_type).sort()).toEqual(['labour_rate.changed', 'labour_rate.changed', 'work_order.service_added', 'work_order.service_added', 'work_order.service_removed']);
  });

  it('stamps the rate in force when a clock stops, and keeps it after a rate change', async () => {
    const wo = await addWorkOrder('corrective', [users.tech, users.tech2]);
    await core.call('w-manager', 'costs:setRate', { subjectKind: 'user', userId: users.tech, rateCents: 4000 });
    await core.call('w-manager', 'costs:setRate', { subjectKind: 'role', role: 'technician', rateCents: 3000 });
    await signIn('w-tech2', 't.petit');
    expect((await core.call('w-tech', 'workOrders:transition', { number: wo.number, version: await version(wo.number), action: 'start' })).ok).toBe(true);
    core.clock.advance(SHORT); // under the inactivity lock
    // A running clock has no stamp yet.
    const running = await core.database.kysely.selectFrom('time_entries').select('hourly_rate_cents').where('work_order_id', '=', wo.id).executeTakeFirstOrThrow();
    expect(running.hourly_rate_cents).toBeNull();
    expect(await core.call('w-tech', 'workOrders:transition', { number: wo.number, version: await version(wo.number), action: 'pause', pause: { reason: 'parts' } })).toMatchObject({ ok: true });
    // A typed entry by t.petit (no rate of his own): his role's rate, stamped at once.
    expect((await core.call('w-tech2', 'workOrders:addTime', { number: wo.number, date: '2026-01-14', minutes: 30 })).ok).toBe(true);
    const stamped = await core.database.kysely.selectFrom('time_entries').select(['user_id', 'hourly_rate_cents']).where('work_order_id', '=', wo.id).orderBy('id').execute();
    expect(stamped.map((r) => [Number(r.user_id), r.hourly_rate_cents === null ? null : Number(r.hourly_rate_cents)])).toEqual([
      [users.tech, 4000],
      [users.tech2, 3000],
    ]);

    // Rates change: the past work keeps its cost (3 min × 40 €/h = 2 € ; 30 min × 30 €/h = 15 € → 17 €).
    await core.call('w-manager', 'costs:setRate', { subjectKind: 'user', userId: users.tech, rateCents: 9000 });
    await core.call('w-manager', 'costs:setRate', { subjectKind: 'role', role: 'technician', rateCents: null });
    const cost = await core.call('w-manager', 'costs:workOrderCost', { number: wo.number });
    expect(cost.ok && cost.data.amounts?.labourCents).toBe(1700);
    // An entry stopped after the change is stamped at the new rate: 3 min at 90 €/h = 4,50 €.
    expect((await core.call('w-tech', 'workOrders:transition', { number: wo.number, version: await version(wo.number), action: 'resume' })).ok).toBe(true);
    core.clock.advance(SHORT); // under the inactivity lock
    expect((await core.call('w-tech', 'workOrders:transition', { number: wo.number, version: await version(wo.number), action: 'pause', pause: { reason: 'parts' } })).ok).toBe(true);
    const again = await core.call('w-manager', 'costs:workOrderCost', { number: wo.number });
    expect(again.ok && again.data.amounts?.labourCents).toBe(1700 + 450);
  });

  it('keeps rates from technicians: FORBIDDEN on every rate and service channel', async () => {
    const wo = await addWorkOrder('corrective', [users.tech]);
    expect(await core.call('w-tech', 'costs:rates')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call('w-tech', 'costs:setRate', { subjectKind: 'user', userId: users.tech, rateCents: 99_999 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call('w-tech', 'costs:addService', { number: wo.number, supplier: 'X', amountCents: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call('w-tech', 'costs:totals', { from: '2026-01-01', to: '2026-01-31', groupBy: 'equipment' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The manager reads them: every maintainer, and the three roles.
    await core.call('w-manager', 'costs:setRate', { subjectKind: 'user', userId: users.tech, rateCents: 4200 });
    const rates = await core.call('w-manager', 'costs:rates');
    if (!rates.ok) throw new Error(rates.error.message);
    expect(rates.data.users.find((u) => u.id === users.tech)?.rateCents).toBe(4200);
    expect(rates.data.roles.map((r) => r.role)).toEqual(['admin', 'maintenance_manager', 'technician']);
    expect(await core.call('w-manager', 'costs:setRate', { subjectKind: 'user', userId: users.tech, rateCents: -1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('totals a period per equipment, month and OT in SQL', async () => {
    const wo = await addWorkOrder('corrective', [users.tech]);
    await core.call('w-manager', 'costs:setRate', { subjectKind: 'user', userId: users.tech, rateCents: 6000 });
    // 2 h on 5 January and 1 h on 20 December: January's total is 120 €, December's 60 €.
    await entry(wo.id, users.tech, new Date(2026, 0, 5, 8).getTime(), 120);
    await entry(wo.id, users.tech, new Date(2025, 11, 20, 8).getTime(), 60);
    const byMonth = await core.call('w-manager', 'costs:totals', { from: '2025-12-01', to: '2026-01-31', groupBy: 'month' });
    if (!byMonth.ok) throw new Error(byMonth.error.message);
    expect(byMonth.data.map((r) => [r.key, r.totalCents])).toEqual([
      ['2025-12', 6000],
      ['2026-01', 12_000],
    ]);
    const byEquipment = await core.call('w-manager', 'costs:totals', { from: '2026-01-01', to: '2026-01-31', groupBy: 'equipment' });
    expect(byEquipment.ok && byEquipment.data).toEqual([{ key: 'PR-003', label: 'Presse 3', labourCents: 12_000, partsCents: 0, servicesCents: 0, totalCents: 12_000 }]);
    const byOrder = await core.call('w-manager', 'costs:totals', { from: '2026-01-01', to: '2026-01-31', groupBy: 'work_order' });
    expect(byOrder.ok && byOrder.data.map((r) => r.key)).toEqual([wo.number]);
  });
});
