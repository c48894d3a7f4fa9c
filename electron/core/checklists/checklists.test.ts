// Node (tests). Gammes through the real dispatcher, on the engine of this pass: CRUD (duplicate code whatever its
// case, compare-and-set on the version), the OT's copies that editing a gamme never changes, answering rules (OT
// `en cours`, assignee or manager), the out-of-limits flag, a meter step writing its reading (and a reading below the
// last refused with nothing saved), a follow-up DI/OT made once and linked, and finishing refused while a required
// step is empty (STEPS_INCOMPLETE), accepted once answered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChecklistFields, IpcResult, StepInput } from '../../../shared/contract';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { preparePlant, W, type Plant } from '../../../tests/support/work-orders-plant';
import { MetersRepository } from '../meters';
import { ChecklistCopyRepository } from './checklist-copy-repository';

let core: TestCore;
let plant: Plant;

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

const step = (over: Partial<StepInput> & Pick<StepInput, 'kind' | 'label'>): StepInput => ({ required: true, help: '', unit: '', minValue: null, maxValue: null, ...over });

const GAMME: ChecklistFields = {
  code: 'PRESSE-250H',
  name: 'Visite presse 250 h',
  description: 'Contrôles hydrauliques',
  steps: [
    step({ kind: 'check', label: 'Niveau d’huile' }),
    step({ kind: 'measurement', label: 'Pression hydraulique', unit: 'bar', minValue: 2, maxValue: 6 }),
    step({ kind: 'text', label: 'Observations', required: false }),
    step({ kind: 'meter', label: 'Relevé heures', unit: 'Heures de marche' }),
  ],
};

async function createOrder(): Promise<{ number: string; id: number }> {
  const created = data(
    await core.call(W.manager, 'workOrders:create', {
      equipmentCode: 'PR-003',
      type: 'preventive',
      priority: 3,
      title: 'Visite 250 h',
      description: '',
      plannedAt: core.clock.now(),
      dueAt: null,
      estimatedMinutes: 60,
      assigneeIds: [plant.ids.tech],
    }),
  );
  const row = await core.database.kysely.selectFrom('work_orders').select('id').where('number', '=', created.number).executeTakeFirstOrThrow();
  return { number: created.number, id: Number(row.id) };
}

async function version(number: string): Promise<number> {
  return data(await core.call(W.manager, 'workOrders:get', { number })).version;
}

async function start(number: string): Promise<void> {
  data(await core.call(W.tech, 'workOrders:transition', { action: 'start', number, version: await version(number) }));
}

async function steps(number: string, window: string = W.tech) {
  return data(await core.call(window, 'checklists:workOrderSteps', { number }));
}

describe(`gammes on ${TEST_ENGINE}`, () => {
  it('creates a gamme with its ordered steps, refuses its code in another case, and saves with compare-and-set on the version', async () => {
    const created = data(await core.call(W.manager, 'checklists:create', GAMME));
    const gamme = data(await core.call(W.manager, 'checklists:get', { code: 'presse-250h' }));
    expect(gamme).toMatchObject({ id: created.id, code: 'PRESSE-250H', version: 1, planCount: 0, stepCount: 4 });
    expect(gamme.steps.map((s) => [s.position, s.kind, s.label])).toEqual([
      [1, 'check', 'Niveau d’huile'],
      [2, 'measurement', 'Pression hydraulique'],
      [3, 'text', 'Observations'],
      [4, 'meter', 'Relevé heures'],
    ]);
    expect(gamme.steps[1]).toMatchObject({ unit: 'bar', minValue: 2, maxValue: 6, required: true });
    expect(gamme.steps[0]).toMatchObject({ unit: '', minValue: null });

    expect(await core.call(W.admin, 'checklists:create', { ...GAMME, code: 'presse-250H' })).toMatchObject({ ok: false, error: { code: 'CHECKLIST_CODE_TAKEN', fields: [{ path: 'code' }] } });
    expect(await core.call(W.tech, 'checklists:create', { ...GAMME, code: 'AUTRE' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The shared schema refuses a measurement whose min is above its max, and a gamme without steps.
    expect(await core.call(W.manager, 'checklists:create', { ...GAMME, code: 'X1', steps: [step({ kind: 'measurement', label: 'P', unit: 'bar', minValue: 7, maxValue: 6 })] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await core.call(W.manager, 'checklists:create', { ...GAMME, code: 'X2', steps: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    // Reordered and one removed: positions are 1…n again.
    const reordered = [GAMME.steps[1], GAMME.steps[0], GAMME.steps[3]];
    expect(data(await core.call(W.manager, 'checklists:update', { ...GAMME, steps: reordered, id: created.id, version: 1 }))).toEqual({ version: 2, code: 'PRESSE-250H' });
    const after = data(await core.call(W.manager, 'checklists:get', { code: 'PRESSE-250H' }));
    expect(after.steps.map((s) => [s.position, s.label])).toEqual([
      [1, 'Pression hydraulique'],
      [2, 'Niveau d’huile'],
      [3, 'Relevé heures'],
    ]);
    // A second PC saving from the version it loaded is refused; nothing changes.
    expect(await core.call(W.admin, 'checklists:update', { ...GAMME, name: 'Autre nom', id: created.id, version: 1 })).toMatchObject({ ok: false, error: { code: 'CHECKLIST_CHANGED_MEANWHILE' } });
    expect(data(await core.call(W.manager, 'checklists:get', { code: 'PRESSE-250H' }))).toMatchObject({ name: 'Visite presse 250 h', version: 2, stepCount: 3 });

    const audit = await core.database.kysely.selectFrom('audit_log').select('event_type').where('event_type', 'like', 'checklist.%').orderBy('id').execute();
    expect(audit.map((a) => a.event_type)).toEqual(['checklist.created', 'checklist.updated']);
  });

  it('two managers creating the same code at once: one is saved, the other told CHECKLIST_CODE_TAKEN', async () => {
    const results = await Promise.all([core.call(W.manager, 'checklists:create', GAMME), core.call(W.admin, 'checklists:create', { ...GAMME, code: 'presse-250h' })]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CHECKLIST_CODE_TAKEN', 'ok']);
    expect(await core.database.kysely.selectFrom('checklist_steps').select('id').execute()).toHaveLength(4);
  });

  it('stores a photo step as an attachment of this OT, and refuses another OT’s file', async () => {
    const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    data(await core.call(W.manager, 'checklists:create', { ...GAMME, steps: [step({ kind: 'photo', label: 'Photo du filtre' })] }));
    const order = await createOrder();
    const other = await createOrder();
    data(await core.call(W.manager, 'checklists:attachToWorkOrder', { number: order.number, code: 'PRESSE-250H' }));
    await start(order.number);
    const photoStep = (await steps(order.number)).steps[0];
    const mine = data(await core.call(W.tech, 'attachments:add', { owner: { kind: 'work_order', id: order.id }, fileName: 'filtre.png', contentBase64: PNG }));
    const elsewhere = data(await core.call(W.manager, 'attachments:add', { owner: { kind: 'work_order', id: other.id }, fileName: 'autre.png', contentBase64: PNG }));
    expect(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: photoStep.id, answer: { kind: 'photo', attachmentId: elsewhere.id } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: photoStep.id, answer: { kind: 'photo', attachmentId: mine.id } }))).toMatchObject({
      answered: true,
      attachment: { id: mine.id, fileName: 'filtre.png' },
    });
  });

  it('lists with search and « utilisée par N plans », deactivates a used gamme and refuses to delete it', async () => {
    const used = data(await core.call(W.manager, 'checklists:create', GAMME));
    const free = data(await core.call(W.manager, 'checklists:create', { ...GAMME, code: 'GRAISSAGE', name: 'Graissage convoyeur', description: '' }));
    const now = core.clock.now();
    for (const code of ['P1', 'P2']) {
      await core.database.kysely
        .insertInto('pm_plans')
        .values({ code, name: code, equipment_id: plant.equipmentId, checklist_id: used.id, triggers: '[]', search_text: code, created_at: now, updated_at: now })
        .execute();
    }
    const list = data(await core.call(W.manager, 'checklists:list', { search: '', includeInactive: false }));
    expect(list.map((c) => [c.code, c.planCount, c.stepCount])).toEqual([
      ['GRAISSAGE', 0, 4],
      ['PRESSE-250H', 2, 4],
    ]);
    expect(data(await core.call(W.manager, 'checklists:list', { search: 'convoyeur', includeInactive: false })).map((c) => c.code)).toEqual(['GRAISSAGE']);

    expect(await core.call(W.manager, 'checklists:delete', { id: used.id, version: 1 })).toMatchObject({ ok: false, error: { code: 'CHECKLIST_STEP_REFUSED', details: { reason: 'in_use', plans: 2 } } });
    data(await core.call(W.manager, 'checklists:setActive', { id: used.id, version: 1, active: false }));
    expect(data(await core.call(W.manager, 'checklists:list', { search: '', includeInactive: false })).map((c) => c.code)).toEqual(['GRAISSAGE']);
    expect(data(await core.call(W.manager, 'checklists:list', { search: '', includeInactive: true })).find((c) => c.code === 'PRESSE-250H')).toMatchObject({ isActive: false });
    data(await core.call(W.manager, 'checklists:delete', { id: free.id, version: 1 }));
    expect(await core.call(W.manager, 'checklists:get', { code: 'GRAISSAGE' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps the steps an OT copied when the gamme is edited later', async () => {
    const gamme = data(await core.call(W.manager, 'checklists:create', GAMME));
    const order = await createOrder();
    expect(data(await core.call(W.manager, 'checklists:attachToWorkOrder', { number: order.number, code: 'presse-250h' }))).toEqual({ steps: 4 });
    data(await core.call(W.manager, 'checklists:update', { ...GAMME, name: 'Changée', steps: [step({ kind: 'text', label: 'Tout autre chose' })], id: gamme.id, version: 1 }));
    const view = await steps(order.number);
    expect(view.checklist).toEqual({ code: 'PRESSE-250H', name: 'Changée' });
    expect(view.steps.map((s) => s.label)).toEqual(['Niveau d’huile', 'Pression hydraulique', 'Observations', 'Relevé heures']);
    expect(view.steps[1]).toMatchObject({ unit: 'bar', minValue: 2, maxValue: 6 });
    // A second gamme on the same OT is refused, and so is one on an OT already started.
    expect(await core.call(W.manager, 'checklists:attachToWorkOrder', { number: order.number, code: 'PRESSE-250H' })).toMatchObject({ ok: false, error: { code: 'CHECKLIST_STEP_REFUSED', details: { reason: 'has_steps' } } });
    const other = await createOrder();
    await start(other.number);
    expect(await core.call(W.manager, 'checklists:attachToWorkOrder', { number: other.number, code: 'PRESSE-250H' })).toMatchObject({ ok: false, error: { code: 'CHECKLIST_STEP_REFUSED', details: { reason: 'not_plannable' } } });
    expect(await core.call(W.tech, 'checklists:attachToWorkOrder', { number: other.number, code: 'PRESSE-250H' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('takes answers only while the OT is in progress, from its assignee or a manager, and flags a measurement out of limits', async () => {
    data(await core.call(W.manager, 'checklists:create', GAMME));
    const order = await createOrder();
    data(await core.call(W.manager, 'checklists:attachToWorkOrder', { number: order.number, code: 'PRESSE-250H' }));
    let view = await steps(order.number);
    const [check, measure, text] = view.steps;
    expect(view).toMatchObject({ canAnswer: false, missingRequired: ['1. Niveau d’huile', '2. Pression hydraulique', '4. Relevé heures'] });
    expect(view.answerBlockedReason).toContain('en cours');

    const refused = await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: check.id, answer: { kind: 'check', result: 'ok' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CHECKLIST_STEP_REFUSED', details: { reason: 'not_in_progress' } } });
    if (!refused.ok) expect(refused.error.message).toContain('« planifié »');
    await start(order.number);
    // Léa isn't assigned: refused; the manager may.
    expect(await core.call(W.tech2, 'checklists:answer', { number: order.number, stepId: check.id, answer: { kind: 'check', result: 'ok' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(W.requester, 'checklists:workOrderSteps', { number: order.number })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(data(await core.call(W.manager, 'checklists:answer', { number: order.number, stepId: text.id, answer: { kind: 'text', text: 'RAS' } }))).toMatchObject({ textValue: 'RAS', answered: true, answeredBy: 'Rémi Responsable' });

    expect(data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: measure.id, answer: { kind: 'measurement', value: 7.2 } }))).toMatchObject({
      numberValue: 7.2,
      outOfLimits: true,
      offersFollowUp: true,
      answeredBy: 'Théo Martin',
    });
    expect(data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: measure.id, answer: { kind: 'measurement', value: 6 } }))).toMatchObject({ outOfLimits: false, offersFollowUp: false });
    expect(data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: measure.id, answer: { kind: 'measurement', value: 6.01 } }))).toMatchObject({ outOfLimits: true });
    expect(data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: measure.id, answer: { kind: 'measurement', value: 1.5 } }))).toMatchObject({ outOfLimits: true });
    // An answer of another kind, or a photo that isn't this OT's, is refused.
    expect(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: check.id, answer: { kind: 'text', text: 'x' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // Clearing an answer makes the step missing again.
    data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: check.id, answer: { kind: 'check', result: 'na' } }));
    data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: check.id, answer: { kind: 'check', result: null } }));
    view = await steps(order.number);
    expect(view.missingRequired).toEqual(['1. Niveau d’huile', '4. Relevé heures']);
  });

  it('writes a meter reading with a meter step, and refuses a reading below the last without saving the answer', async () => {
    const meters = new MetersRepository(core.database.kysely);
    const meter = await meters.insert({ equipmentId: plant.equipmentId, name: 'Heures de marche', unit: 'h', at: core.clock.now() });
    await core.database.kysely.transaction().execute((trx) => meters.in(trx).record({ meterId: Number(meter.id), value: 1200, isReset: false, readAt: core.clock.now(), userId: null, workstation: 'X' }));
    data(await core.call(W.manager, 'checklists:create', GAMME));
    const order = await createOrder();
    data(await core.call(W.manager, 'checklists:attachToWorkOrder', { number: order.number, code: 'PRESSE-250H' }));
    await start(order.number);
    const meterStep = (await steps(order.number)).steps[3];
    core.events.length = 0;

    const below = await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: meterStep.id, answer: { kind: 'meter', value: 1100, isReset: false } });
    expect(below).toMatchObject({ ok: false, error: { code: 'CHECKLIST_STEP_REFUSED', details: { reason: 'below_last', lastValue: 1200 } } });
    if (!below.ok) expect(below.error.message).toContain('inférieur au dernier relevé');
    expect((await steps(order.number)).steps[3]).toMatchObject({ answered: false, reading: null, numberValue: null });
    expect(await core.database.kysely.selectFrom('meter_readings').select('id').execute()).toHaveLength(1);

    expect(data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: meterStep.id, answer: { kind: 'meter', value: 1250.5, isReset: false } }))).toMatchObject({ answered: true, numberValue: 1250.5, reading: { value: 1250.5 } });
    const reading = await core.database.kysely.selectFrom('meter_readings').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(reading).toMatchObject({ value: 1250.5, total: 1250.5, user_id: plant.ids.tech });
    expect(Number(reading.work_order_id)).toBe(order.id);
    expect(await meters.findById(Number(meter.id))).toMatchObject({ last_value: 1250.5 });
    expect(core.events.some((e) => e.event === 'data:changed' && (e.payload as { topics: string[] }).topics.includes('meters'))).toBe(true);
  });

  it('refuses a meter step when the equipment has no meter of that name', async () => {
    data(await core.call(W.manager, 'checklists:create', GAMME));
    const order = await createOrder();
    data(await core.call(W.manager, 'checklists:attachToWorkOrder', { number: order.number, code: 'PRESSE-250H' }));
    await start(order.number);
    const meterStep = (await steps(order.number)).steps[3];
    const result = await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: meterStep.id, answer: { kind: 'meter', value: 10, isReset: false } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CHECKLIST_STEP_REFUSED', details: { reason: 'meter_not_found' } } });
  });

  it('creates the follow-up DI or OT once, pre-filled, and links it to the step', async () => {
    data(await core.call(W.manager, 'checklists:create', GAMME));
    const order = await createOrder();
    data(await core.call(W.manager, 'checklists:attachToWorkOrder', { number: order.number, code: 'PRESSE-250H' }));
    await start(order.number);
    const [check, measure, text] = (await steps(order.number)).steps;
    // Nothing to report on a step that is neither NOK nor out of limits.
    data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: check.id, answer: { kind: 'check', result: 'ok' } }));
    expect(await core.call(W.tech, 'checklists:followUp', { number: order.number, stepId: check.id, kind: 'request' })).toMatchObject({ ok: false, error: { details: { reason: 'no_anomaly' } } });
    expect(await core.call(W.tech, 'checklists:followUp', { number: order.number, stepId: text.id, kind: 'request' })).toMatchObject({ ok: false, error: { details: { reason: 'no_anomaly' } } });

    data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: measure.id, answer: { kind: 'measurement', value: 7.2 } }));
    const request = data(await core.call(W.tech, 'checklists:followUp', { number: order.number, stepId: measure.id, kind: 'request' }));
    expect(request.number).toMatch(/^DI-2026-\d{6}$/);
    const di = await core.database.kysely.selectFrom('work_requests').selectAll().where('number', '=', request.number).executeTakeFirstOrThrow();
    expect(di.symptom).toBe(`Mesure hors limites : Pression hydraulique 7,2 bar (max 6) sur ${order.number}`);
    expect(Number(di.equipment_id)).toBe(plant.equipmentId);
    expect(Number(di.reporter_user_id)).toBe(plant.ids.tech);
    expect((await steps(order.number)).steps[1]).toMatchObject({ followUpRequest: request.number, offersFollowUp: false });
    // A second follow-up on the same step, DI or OT, is refused; no second DI.
    expect(await core.call(W.tech, 'checklists:followUp', { number: order.number, stepId: measure.id, kind: 'request' })).toMatchObject({ ok: false, error: { details: { reason: 'already_followed_up' } } });
    expect(await core.call(W.manager, 'checklists:followUp', { number: order.number, stepId: measure.id, kind: 'workOrder' })).toMatchObject({ ok: false, error: { details: { reason: 'already_followed_up' } } });
    expect(await core.database.kysely.selectFrom('work_requests').select('id').execute()).toHaveLength(1);

    // A NOK check: the technician may not create an OT, the manager does, once.
    data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: check.id, answer: { kind: 'check', result: 'nok' } }));
    expect(await core.call(W.tech, 'checklists:followUp', { number: order.number, stepId: check.id, kind: 'workOrder' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const corrective = data(await core.call(W.manager, 'checklists:followUp', { number: order.number, stepId: check.id, kind: 'workOrder' }));
    const ot = data(await core.call(W.manager, 'workOrders:get', { number: corrective.number }));
    expect(ot).toMatchObject({ type: 'corrective', status: 'draft', title: `Contrôle NOK : Niveau d’huile sur ${order.number}`, equipment: { code: 'PR-003' } });
    expect((await steps(order.number)).steps[0]).toMatchObject({ followUpWorkOrder: corrective.number });
    expect(await core.call(W.manager, 'checklists:followUp', { number: order.number, stepId: check.id, kind: 'workOrder' })).toMatchObject({ ok: false, error: { details: { reason: 'already_followed_up' } } });
  });

  it('two PCs raising the DI of one step at once: one DI is linked, any other one made meanwhile is cancelled', async () => {
    data(await core.call(W.manager, 'checklists:create', GAMME));
    const order = await createOrder();
    data(await core.call(W.manager, 'checklists:attachToWorkOrder', { number: order.number, code: 'PRESSE-250H' }));
    await start(order.number);
    const measure = (await steps(order.number)).steps[1];
    data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: measure.id, answer: { kind: 'measurement', value: 9 } }));
    const results = await Promise.all([
      core.call(W.tech, 'checklists:followUp', { number: order.number, stepId: measure.id, kind: 'request' }),
      core.call(W.manager, 'checklists:followUp', { number: order.number, stepId: measure.id, kind: 'request' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: { details: { reason: 'already_followed_up' } } });
    const linked = (await steps(order.number)).steps[1].followUpRequest;
    const requests = await core.database.kysely.selectFrom('work_requests').select(['number', 'status']).execute();
    expect(requests.filter((r) => r.status !== 'cancelled').map((r) => r.number)).toEqual([linked]);
  });

  it('refuses to finish while a required step is empty (STEPS_INCOMPLETE, listing them) and finishes once answered', async () => {
    const meters = new MetersRepository(core.database.kysely);
    await meters.insert({ equipmentId: plant.equipmentId, name: 'Heures de marche', unit: 'h', at: core.clock.now() });
    data(await core.call(W.manager, 'checklists:create', GAMME));
    const order = await createOrder();
    data(await core.call(W.manager, 'checklists:attachToWorkOrder', { number: order.number, code: 'PRESSE-250H' }));
    await start(order.number);
    core.clock.advance(30 * 60_000);
    const [check, measure, , meter] = (await steps(order.number)).steps;
    data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: measure.id, answer: { kind: 'measurement', value: 4 } }));
    const finish = async () =>
      core.call(W.tech, 'workOrders:transition', {
        action: 'finish',
        number: order.number,
        version: await version(order.number),
        finish: { symptomCode: null, causeCode: null, remedyCode: null, backInService: true },
      });
    const refused = await finish();
    expect(refused).toMatchObject({ ok: false, error: { code: 'STEPS_INCOMPLETE', details: { steps: '1. Niveau d’huile ; 4. Relevé heures' } } });
    if (!refused.ok) expect(refused.error.message).toBe('Des étapes obligatoires de la gamme ne sont pas renseignées : 1. Niveau d’huile ; 4. Relevé heures.');
    expect(data(await core.call(W.tech, 'workOrders:get', { number: order.number })).status).toBe('in_progress');

    data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: check.id, answer: { kind: 'check', result: 'ok' } }));
    data(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: meter.id, answer: { kind: 'meter', value: 250, isReset: false } }));
    data(await finish());
    expect(data(await core.call(W.tech, 'workOrders:get', { number: order.number })).status).toBe('done');
    // Done: no more answers.
    expect(await core.call(W.tech, 'checklists:answer', { number: order.number, stepId: check.id, answer: { kind: 'check', result: 'nok' } })).toMatchObject({ ok: false, error: { details: { reason: 'not_in_progress' } } });
  });

  it('copies the gamme for the engine in its own transaction (ChecklistCopyRepository) and an OT without gamme finishes as before', async () => {
    const gamme = data(await core.call(W.manager, 'checklists:create', GAMME));
    const order = await createOrder();
    await core.database.transaction((trx) => new ChecklistCopyRepository(trx).copyToWorkOrder(gamme.id, order.id));
    expect((await steps(order.number, W.manager)).steps).toHaveLength(4);
    const plain = await createOrder();
    expect(await steps(plain.number, W.manager)).toMatchObject({ steps: [], canAttach: true, missingRequired: [] });
  });
});
