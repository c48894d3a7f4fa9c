// Node (tests). "Tableau de bord" through the dispatcher, on the engine of this pass: each count matches the rows
// it names (new DIs, drafts, overdue, waiting for parts, mine, machines à l'arrêt), and a requester or a technician
// counts only their own DIs, while a Responsable counts every one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import type { Role } from '../../../shared/contract/roles';
import { DowntimesRepository, EquipmentRepository } from '../equipment';
import { createWorkOrder } from '../work-orders';

let core: TestCore;
let users: Record<'admin' | 'manager' | 'tech' | 'otherTech' | 'requester', number>;

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
  const result = await core.call(windowId, 'auth:login', { identifier: username, password: ADMIN_INPUT.password });
  expect(result.ok).toBe(true);
}

async function addRequest(number: string, equipmentId: number, status: 'new' | 'accepted' | 'cancelled', reporterUserId: number | null): Promise<void> {
  await core.database.kysely
    .insertInto('work_requests')
    .values({ number, equipment_id: equipmentId, location_id: null, symptom: 'Bruit', machine_stopped: 0, status, reporter_name: null, reporter_user_id: reporterUserId, workstation: 'POSTE-1', search_text: number.toLowerCase(), created_at: 0, updated_at: 0 })
    .execute();
}

/** An OT in a given state (written as the OT helper's state machine would leave it). */
async function addWorkOrder(equipmentId: number, changes: { status: 'draft' | 'planned' | 'in_progress' | 'on_hold' | 'done' | 'closed' | 'cancelled'; dueAt?: number; holdReason?: 'parts' | 'production'; assignees?: number[] }) {
  const created = await core.database.transaction((trx) =>
    createWorkOrder(trx, { type: 'corrective', priority: 2, equipmentId, locationId: null, title: 'Fuite', description: '', dueAt: changes.dueAt ?? null, assigneeIds: changes.assignees ?? [] }, { userId: null, workstation: 'POSTE-1', at: 0, year: 2026 }),
  );
  await core.database.kysely
    .updateTable('work_orders')
    .set({ status: changes.status, hold_reason: changes.holdReason ?? null })
    .where('id', '=', created.id)
    .execute();
}

beforeEach(async () => {
  core = await createTestCore();
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  const admin = Number((await core.database.kysely.selectFrom('users').select('id').where('username', '=', ADMIN_INPUT.username).executeTakeFirstOrThrow()).id);
  users = { admin, manager: await addUser('c.roux', 'maintenance_manager'), tech: await addUser('l.moreau', 'technician'), otherTech: await addUser('t.petit', 'technician'), requester: await addUser('a.petit', 'requester') };
});
afterEach(async () => {
  await core.dispose();
});

describe(`dashboard:summary on ${TEST_ENGINE}`, () => {
  it('counts what each list will show, for each role', async () => {
    const now = core.clock.now();
    const equipment = new EquipmentRepository(core.database.kysely);
    const values = { location_id: null, parent_id: null, category: null, manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: 0, updated_at: 0 };
    const press = await equipment.insert({ code: 'PR-003', designation: 'Presse 3', ...values });
    const lathe = await equipment.insert({ code: 'TO-001', designation: 'Tour 1', ...values });
    const oven = await equipment.insert({ code: 'FO-002', designation: 'Four 2', ...values });

    // DIs: two new from the requester, one new from the technician, one anonymous (login screen), one accepted, one cancelled.
    await addRequest('DI-2026-000001', press, 'new', users.requester);
    await addRequest('DI-2026-000002', press, 'new', users.requester);
    await addRequest('DI-2026-000003', lathe, 'new', users.tech);
    await addRequest('DI-2026-000004', lathe, 'new', null);
    await addRequest('DI-2026-000005', lathe, 'accepted', users.requester);
    await addRequest('DI-2026-000006', oven, 'cancelled', users.requester);

    // OTs: 2 drafts (one overdue), 1 planned overdue for the technician, 1 in progress for both technicians (not due yet),
    // 2 on hold (one for parts, overdue), and finished ones that count nowhere even when past due.
    await addWorkOrder(press, { status: 'draft' });
    await addWorkOrder(press, { status: 'draft', dueAt: now - 1 });
    await addWorkOrder(lathe, { status: 'planned', dueAt: now - 60_000, assignees: [users.tech] });
    await addWorkOrder(lathe, { status: 'in_progress', dueAt: now + 60_000, assignees: [users.tech, users.otherTech] });
    await addWorkOrder(oven, { status: 'on_hold', holdReason: 'parts', dueAt: now - 1000, assignees: [users.otherTech] });
    await addWorkOrder(oven, { status: 'on_hold', holdReason: 'production' });
    await addWorkOrder(oven, { status: 'done', dueAt: now - 1000, assignees: [users.tech] });
    await addWorkOrder(oven, { status: 'closed', dueAt: now - 1000, assignees: [users.tech] });
    await addWorkOrder(oven, { status: 'cancelled', dueAt: now - 1000, assignees: [users.tech] });
    // Due exactly now is not late yet.
    await addWorkOrder(oven, { status: 'planned', dueAt: now });

    // Downtimes: the press and the oven are stopped; the lathe's stop is over.
    const downtimes = new DowntimesRepository(core.database.kysely);
    await downtimes.open({ equipmentId: press, at: now - 3_600_000 });
    await downtimes.open({ equipmentId: oven, at: now - 600_000 });
    await downtimes.open({ equipmentId: lathe, at: now - 7_200_000 });
    await downtimes.close({ equipmentId: lathe, at: now - 3_600_000 });

    await signIn('w-admin', ADMIN_INPUT.username);
    await signIn('w-manager', 'c.roux');
    await signIn('w-tech', 'l.moreau');
    await signIn('w-requester', 'a.petit');

    const plant = { toPlan: 2, overdue: 3, waitingParts: 1 };
    expect(await core.call('w-admin', 'dashboard:summary')).toEqual({
      ok: true,
      data: { newRequests: 4, requestsScope: 'all', workOrders: { ...plant, mine: 0 }, stoppedEquipment: 2 },
    });
    expect(await core.call('w-manager', 'dashboard:summary')).toEqual({
      ok: true,
      data: { newRequests: 4, requestsScope: 'all', workOrders: { ...plant, mine: 0 }, stoppedEquipment: 2 },
    });
    // The technician: the plant's OTs, their own open OTs (planned + in progress), and only the DIs they reported.
    expect(await core.call('w-tech', 'dashboard:summary')).toEqual({
      ok: true,
      data: { newRequests: 1, requestsScope: 'own', workOrders: { ...plant, mine: 2 }, stoppedEquipment: 2 },
    });
    // The requester: their own new DIs, and nothing about OTs or machines.
    expect(await core.call('w-requester', 'dashboard:summary')).toEqual({
      ok: true,
      data: { newRequests: 2, requestsScope: 'own', workOrders: null, stoppedEquipment: null },
    });
  });

  it('answers zeros on an empty plant, and nothing to a window nobody signed in to', async () => {
    await signIn('w-admin', ADMIN_INPUT.username);
    expect(await core.call('w-admin', 'dashboard:summary')).toEqual({
      ok: true,
      data: { newRequests: 0, requestsScope: 'all', workOrders: { toPlan: 0, overdue: 0, waitingParts: 0, mine: 0 }, stoppedEquipment: 0 },
    });
    expect(await core.call('w-nobody', 'dashboard:summary')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
