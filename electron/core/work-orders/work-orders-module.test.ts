// Node (tests). One OT from creation to closure through the real dispatcher, on the engine of this pass: the state
// machine as main enforces it, who may do what (a technician only on OTs assigned to them), compare-and-set on the
// version, the time clocks (one per person), what finishing requires, the downtime it closes, and the history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult, TransitionInput } from '../../../shared/contract';
import { auditEntries, countRows } from '../../../tests/support/mail-fixtures';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { DowntimesRepository } from '../equipment';
import { WorkOrdersRepository } from './work-orders-repository';
import { preparePlant, W, type Plant } from '../../../tests/support/work-orders-plant';

let core: TestCore;
let plant: Plant;
const HOUR = 3_600_000;

beforeEach(async () => {
  core = await createTestCore();
  plant = await preparePlant(core);
});
afterEach(async () => {
  await core.dispose();
});

function data<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.fields ?? '')}`);
  return result.data;
}

async function createOrder(options: { planned?: boolean; type?: 'corrective' | 'improvement'; assignees?: number[] } = {}): Promise<string> {
  const planned = options.planned ?? true;
  const created = await core.call(W.manager, 'workOrders:create', {
    equipmentCode: 'pr-003',
    type: options.type ?? 'corrective',
    priority: 2,
    title: 'Fuite huile vérin',
    description: 'Le vérin de fermeture fuit côté tige.',
    plannedAt: planned ? core.clock.now() : null,
    dueAt: null,
    estimatedMinutes: 90,
    assigneeIds: planned ? (options.assignees ?? [plant.ids.tech]) : [],
  });
  return data(created).number;
}

async function get(number: string, window: string = W.manager) {
  return data(await core.call(window, 'workOrders:get', { number }));
}

/** One action's fields, without the number and version `act` adds (Omit over each member of the union). */
type ActionBody = TransitionInput extends infer T ? (T extends unknown ? Omit<T, 'number' | 'version'> : never) : never;

async function act(window: string, number: string, action: ActionBody) {
  const { version } = await get(number);
  return core.call(window, 'workOrders:transition', { ...action, number, version } as TransitionInput);
}

const FINISH = { symptomCode: 'FUITE', causeCode: 'JOINT', remedyCode: 'REMPL', backInService: true } as const;

describe(`work orders through the dispatcher on ${TEST_ENGINE}`, () => {
  it('runs the whole path: created planned, started, paused for parts, resumed, finished, closed and then locked', async () => {
    const number = await createOrder();
    expect(number).toMatch(/^OT-2026-000001$/);
    let order = await get(number, W.tech);
    expect(order).toMatchObject({ status: 'planned', equipment: { code: 'PR-003', designation: 'Presse à injecter 3', locationPath: ['Usine de Lyon', 'Atelier injection'] } });
    expect(order.allowedActions).toEqual(['start']);

    data(await act(W.tech, number, { action: 'start' }));
    core.clock.advance(HOUR);
    data(await act(W.tech, number, { action: 'pause', pause: { reason: 'parts', note: 'Joint Ø40 commandé' } }));
    order = await get(number, W.tech);
    expect(order).toMatchObject({ status: 'on_hold', holdReason: 'parts', holdNote: 'Joint Ø40 commandé', totalMinutes: 60 });
    expect(order.allowedActions).toEqual(['resume']);
    core.clock.advance(2 * HOUR);
    data(await act(W.tech, number, { action: 'resume' }));
    core.clock.advance(30 * 60_000);
    expect((await get(number, W.tech)).myRunningEntry).toMatchObject({ workOrderNumber: number });
    data(await act(W.tech, number, { action: 'finish', finish: FINISH }));
    order = await get(number, W.tech);
    expect(order).toMatchObject({ status: 'done', totalMinutes: 90, symptomCode: 'FUITE', causeCode: 'JOINT', remedyCode: 'REMPL', backInService: true, myRunningEntry: null });
    expect(order.timeTotals).toEqual([{ user: { id: plant.ids.tech, displayName: 'Théo Martin' }, minutes: 90 }]);
    expect(order.allowedActions).toEqual([]);

    // Only a manager closes.
    expect(await act(W.tech, number, { action: 'close' })).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_TRANSITION_REFUSED' } });
    data(await act(W.manager, number, { action: 'close' }));
    order = await get(number);
    expect(order).toMatchObject({ status: 'closed', allowedActions: [], canComment: false, canAddTime: false, canEditPlanning: false });
    expect(order.history.map((line) => [line.kind, line.detail.to ?? null])).toEqual([
      ['created', null],
      ['status', 'in_progress'],
      ['status', 'on_hold'],
      ['status', 'in_progress'],
      ['status', 'done'],
      ['status', 'closed'],
    ]);
    expect(order.history[1]).toMatchObject({ user: { displayName: 'Théo Martin' }, workstation: 'POSTE-TEST' });
    expect(order.history[2].detail).toMatchObject({ from: 'in_progress', reason: 'parts' });

    // Locked: no more moves, comments, time or planning.
    const locked = await core.call(W.manager, 'workOrders:comment', { number, body: 'Encore un mot' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_LOCKED' } });
    expect(await core.call(W.tech, 'workOrders:addTime', { number, date: '2026-01-15', minutes: 10 })).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_LOCKED' } });
    expect(await core.call(W.manager, 'workOrders:update', { number, version: order.version, priority: 1, title: 'x', description: '', plannedAt: null, dueAt: null, estimatedMinutes: null, assigneeIds: [] })).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_LOCKED' } });
    for (const action of ['start', 'cancel', 'close'] as const) {
      const refused = await act(W.manager, number, action === 'cancel' ? { action, cancel: { reason: 'x' } } : { action });
      expect(refused).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_TRANSITION_REFUSED', message: expect.stringContaining('« clôturé »') } });
    }
    const [closedAudit] = await auditEntries(core, 'work_order.closed');
    expect(closedAudit.details).toEqual({ number });
  });

  it('refuses every illegal move with the French names of the states, and changes nothing', async () => {
    const number = await createOrder({ planned: false });
    expect((await get(number)).status).toBe('draft');
    const refused = await act(W.manager, number, { action: 'start' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_TRANSITION_REFUSED', message: "Impossible de démarrer un OT à l'état « brouillon » : il faut qu'il soit « planifié » ou « en cours »." } });
    for (const action of ['resume', 'finish', 'close'] as const) {
      const body = action === 'finish' ? { action, finish: FINISH } : { action };
      expect(await act(W.manager, number, body)).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_TRANSITION_REFUSED' } });
    }
    // Planning a draft needs a date and someone.
    const plan = await act(W.manager, number, { action: 'plan' });
    expect(plan).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_TRANSITION_REFUSED', message: expect.stringContaining('date prévue') } });
    const order = await get(number);
    expect(order).toMatchObject({ status: 'draft', version: 1 });
    expect(order.history).toHaveLength(1);

    data(await core.call(W.manager, 'workOrders:update', { number, version: 1, priority: 1, title: 'Fuite huile vérin', description: '', plannedAt: core.clock.now(), dueAt: null, estimatedMinutes: 60, assigneeIds: [plant.ids.tech, plant.ids.tech2] }));
    data(await act(W.manager, number, { action: 'plan' }));
    const planned = await get(number);
    expect(planned).toMatchObject({ status: 'planned', priority: 1, assignees: [{ displayName: 'Léa Bernard' }, { displayName: 'Théo Martin' }] });
    expect(planned.history[1]).toMatchObject({ kind: 'updated', detail: { fields: { priority: { from: 2, to: 1 }, estimated_minutes: { from: 90, to: 60 } } } });

    // Cancel needs a manager and a reason; it is audited.
    expect(await act(W.tech, number, { action: 'cancel', cancel: { reason: 'doublon' } })).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_TRANSITION_REFUSED' } });
    expect(await act(W.manager, number, { action: 'cancel', cancel: { reason: '' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    data(await act(W.manager, number, { action: 'cancel', cancel: { reason: 'Déjà traité par le fournisseur' } }));
    expect(await get(number)).toMatchObject({ status: 'cancelled', cancelReason: 'Déjà traité par le fournisseur', canComment: false });
    expect((await auditEntries(core, 'work_order.cancelled'))[0].details).toMatchObject({ number, from: 'planned', reason: 'Déjà traité par le fournisseur' });
  });

  it('lets a technician act only on OTs assigned to them; requesters not at all; managers on any', async () => {
    const mine = await createOrder({ assignees: [plant.ids.tech] });
    const hers = await createOrder({ assignees: [plant.ids.tech2] });
    // Reading: every maintainer sees every OT; a requester sees none.
    expect((await get(hers, W.tech)).allowedActions).toEqual([]);
    expect(await core.call(W.requester, 'workOrders:get', { number: mine })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await act(W.requester, mine, { action: 'start' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A technician on someone else's OT: no start, comment or time.
    expect(await act(W.tech, hers, { action: 'start' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(W.tech, 'workOrders:comment', { number: hers, body: 'Je regarde' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Creating and planning are for managers.
    expect(await core.call(W.tech, 'workOrders:create', { equipmentCode: 'PR-003', type: 'corrective', priority: 2, title: 'x', description: '', plannedAt: null, dueAt: null, estimatedMinutes: null, assigneeIds: [] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(W.tech, 'workOrders:update', { number: mine, version: 1, priority: 2, title: 'x', description: '', plannedAt: 1, dueAt: null, estimatedMinutes: null, assigneeIds: [plant.ids.tech] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Their own: fine.
    data(await act(W.tech, mine, { action: 'start' }));
    data(await core.call(W.tech, 'workOrders:comment', { number: mine, body: 'Vérin démonté' }));
    // A manager acts on any OT, assigned or not.
    data(await act(W.manager, hers, { action: 'start' }));
    expect((await get(hers)).timeEntries.map((e) => e.user.id)).toEqual([plant.ids.manager]);
    expect(await countRows(core, 'work_orders')).toBe(2);
  });

  it('refuses assignees who are not active maintainers, and an unknown equipment code, with field errors', async () => {
    const requester = await core.call(W.manager, 'workOrders:create', { equipmentCode: 'PR-003', type: 'corrective', priority: 2, title: 'x', description: '', plannedAt: null, dueAt: null, estimatedMinutes: null, assigneeIds: [plant.ids.requester] });
    expect(requester).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'assigneeIds', code: 'workOrders.validation.assigneeInvalid' }] } });
    const unknown = await core.call(W.manager, 'workOrders:create', { equipmentCode: 'XX-999', type: 'corrective', priority: 2, title: 'x', description: '', plannedAt: null, dueAt: null, estimatedMinutes: null, assigneeIds: [] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'equipmentCode', code: 'workOrders.validation.unknownEquipment' }] } });
    const options = data(await core.call(W.tech, 'workOrders:assignees', {}));
    expect(options.map((o) => o.displayName)).toEqual(['Chef Atelier', 'Léa Bernard', 'Rémi Responsable', 'Théo Martin']);
    expect(await countRows(core, 'work_orders')).toBe(0);
  });

  it('moves an OT once when two PCs act on the same version (compare-and-set)', async () => {
    const number = await createOrder();
    const { version } = await get(number);
    const first = await core.call(W.manager, 'workOrders:update', { number, version, priority: 1, title: 'Premier', description: '', plannedAt: core.clock.now(), dueAt: null, estimatedMinutes: null, assigneeIds: [plant.ids.tech] });
    const second = await core.call(W.admin, 'workOrders:update', { number, version, priority: 4, title: 'Second', description: '', plannedAt: core.clock.now(), dueAt: null, estimatedMinutes: null, assigneeIds: [plant.ids.tech] });
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_CHANGED_MEANWHILE' } });
    const stale = await core.call(W.tech, 'workOrders:transition', { number, version, action: 'start' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_CHANGED_MEANWHILE' } });
    // Both at once: exactly one wins.
    const fresh = (await get(number)).version;
    const both = await Promise.all([
      core.call(W.tech, 'workOrders:transition', { number, version: fresh, action: 'start' }),
      core.call(W.manager, 'workOrders:transition', { number, version: fresh, action: 'cancel', cancel: { reason: 'Annulé' } }),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['WORK_ORDER_CHANGED_MEANWHILE']);
    expect((await get(number)).title).toBe('Premier');
  });

  it('writes with compare-and-set: a write at a stale version changes nothing, even after the read check passed', async () => {
    // The read check in the service catches the sequential case; this is the race it can't: two transactions
    // that both read version 1 before either wrote. The WHERE version = 1 of the second write must match nothing.
    const number = await createOrder();
    const repository = new WorkOrdersRepository(core.database.kysely);
    const row = await repository.findByNumber(number);
    if (!row) throw new Error('missing');
    expect(await repository.updateIfVersion(row.id, row.version, { title: 'Premier', updated_at: 1 })).toBe(true);
    expect(await repository.updateIfVersion(row.id, row.version, { title: 'Second', updated_at: 2 })).toBe(false);
    expect(await get(number)).toMatchObject({ title: 'Premier', version: row.version + 1 });
  });

  it('keeps one running clock per person, names the running OT, and stops everyone at finish (said in history)', async () => {
    const first = await createOrder({ assignees: [plant.ids.tech, plant.ids.tech2] });
    const second = await createOrder({ assignees: [plant.ids.tech] });
    data(await act(W.tech, first, { action: 'start' }));
    core.clock.advance(10 * 60_000);
    data(await act(W.tech2, first, { action: 'start' })); // joins: the status stays, her own clock starts
    expect(await act(W.tech2, first, { action: 'start' })).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_TRANSITION_REFUSED' } });
    const busy = await act(W.tech, second, { action: 'start' });
    expect(busy).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_CLOCK_RUNNING', details: { runningNumber: first }, message: expect.stringContaining(first) } });
    expect((await get(second)).status).toBe('planned');
    core.clock.advance(20 * 60_000);
    data(await act(W.tech, first, { action: 'finish', finish: FINISH }));
    const order = await get(first);
    expect(order.timeEntries.every((entry) => entry.endedAt === core.clock.now())).toBe(true);
    expect(order.timeTotals.map((t) => [t.user.displayName, t.minutes])).toEqual([['Théo Martin', 30], ['Léa Bernard', 20]]);
    expect(order.history.at(-1)?.detail).toMatchObject({ to: 'done', stoppedClocksOf: [plant.ids.tech2] });
    // Now free: the second OT starts.
    data(await act(W.tech, second, { action: 'start' }));
  });

  it('records time typed by hand for oneself, up to 24 h, never in the future', async () => {
    const number = await createOrder();
    expect(await core.call(W.tech, 'workOrders:addTime', { number, date: '2026-01-15', minutes: 30 })).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_TRANSITION_REFUSED' } });
    data(await act(W.tech, number, { action: 'start' }));
    expect(await core.call(W.tech, 'workOrders:addTime', { number, date: '2026-01-14', minutes: 24 * 60 + 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await core.call(W.tech, 'workOrders:addTime', { number, date: '2026-01-16', minutes: 30 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'date', code: 'workOrders.validation.dateFuture' }] } });
    data(await core.call(W.tech, 'workOrders:addTime', { number, date: '2026-01-14', minutes: 45 }));
    const order = await get(number);
    expect(order.timeTotals).toEqual([{ user: { id: plant.ids.tech, displayName: 'Théo Martin' }, minutes: 45 }]);
    expect(order.history.at(-1)).toMatchObject({ kind: 'time_added', detail: { date: '2026-01-14', minutes: 45 } });
  });

  it('finishes only with time, and for corrective work with active symptom, cause and remedy codes or "autre" with text', async () => {
    const number = await createOrder();
    data(await act(W.manager, number, { action: 'start' }));
    // The running clock of the manager is a time entry: move it away to test "no time" on another OT.
    const noTime = await createOrder({ assignees: [plant.ids.tech2] });
    await core.database.kysely.updateTable('work_orders').set({ status: 'in_progress' }).where('number', '=', noTime).execute();
    expect(await act(W.tech2, noTime, { action: 'finish', finish: FINISH })).toMatchObject({ ok: false, error: { code: 'WORK_ORDER_TIME_REQUIRED' } });

    const missing = await act(W.manager, number, { action: 'finish', finish: { ...FINISH, causeCode: null } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'finish.causeCode', code: 'validation.required' }] } });
    const inactive = await act(W.manager, number, { action: 'finish', finish: { ...FINISH, causeCode: 'OLD' } });
    expect(inactive).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'finish.causeCode', code: 'workOrders.validation.unknownCode' }] } });
    const otherWithoutText = await act(W.manager, number, { action: 'finish', finish: { ...FINISH, remedyCode: 'autre' } });
    expect(otherWithoutText).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await get(number)).status).toBe('in_progress');
    data(await act(W.manager, number, { action: 'finish', finish: { ...FINISH, remedyCode: 'autre', remedyText: 'Resserrage provisoire', backInService: false } }));
    expect(await get(number)).toMatchObject({ status: 'done', remedyCode: 'autre', remedyText: 'Resserrage provisoire', backInService: false });

    // Not corrective: the codes are optional.
    const improvement = await createOrder({ type: 'improvement' });
    data(await act(W.tech, improvement, { action: 'start' }));
    data(await act(W.tech, improvement, { action: 'finish', finish: { symptomCode: null, causeCode: null, remedyCode: null, backInService: false } }));
  });

  it('closes the open downtime and puts a stopped equipment back in service when "remis en service", in one go', async () => {
    const downtimes = new DowntimesRepository(core.database.kysely);
    await downtimes.open({ equipmentId: plant.equipmentId, at: core.clock.now() - 2 * HOUR });
    await core.database.kysely.updateTable('equipment').set({ status: 'stopped' }).where('id', '=', plant.equipmentId).execute();
    const number = await createOrder();
    data(await act(W.tech, number, { action: 'start' }));
    core.clock.advance(HOUR);

    // "Non": the downtime stays open, the status stays.
    const keepStopped = await createOrder({ type: 'improvement' });
    data(await act(W.manager, keepStopped, { action: 'start' }));
    data(await act(W.manager, keepStopped, { action: 'finish', finish: { symptomCode: null, causeCode: null, remedyCode: null, backInService: false } }));
    expect(await downtimes.findOpen(plant.equipmentId)).toBeDefined();

    core.events.length = 0;
    data(await act(W.tech, number, { action: 'finish', finish: FINISH }));
    expect(await downtimes.findOpen(plant.equipmentId)).toBeUndefined();
    const [closed] = await downtimes.listForEquipment(plant.equipmentId);
    const order = await get(number);
    expect(closed).toMatchObject({ ended_at: core.clock.now(), work_order_id: order.id, ended_by: plant.ids.tech });
    const equipment = await core.database.kysely.selectFrom('equipment').select('status').where('id', '=', plant.equipmentId).executeTakeFirstOrThrow();
    expect(equipment.status).toBe('in_service');
    expect(order.history.at(-1)?.detail).toMatchObject({ backInService: true, downtimeClosed: { minutes: 180 }, equipmentBackInService: true });
    const topics = core.events.filter((e) => e.event === 'data:changed').map((e) => (e.payload as { topics: string[] }).topics);
    expect(topics[0]).toEqual(['work-orders', 'downtimes', 'equipment']);
  });
});
