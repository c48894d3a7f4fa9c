// Node (tests). Plans de maintenance through the real dispatcher on the engine of this pass: validation (fields,
// triggers, equipment XOR category), compare-and-set on the version, pause / resume / archive audited, managers
// only, the meter names offered from the equipment or the category, and the plan's recent occurrences.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult, PlanFields } from '../../../shared/contract';
import { planFieldsSchema } from '../../../shared/preventive/plans-contract';
import { auditEntries } from '../../../tests/support/mail-fixtures';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { preparePlant, W, type Plant } from '../../../tests/support/work-orders-plant';
import { EquipmentRepository } from '../equipment';
import { MetersRepository } from '../meters';

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

function fields(overrides: Partial<PlanFields> = {}): PlanFields {
  return {
    code: 'pm-pr003-250h',
    name: 'Graissage presse 3',
    scope: 'equipment',
    equipmentCode: 'PR-003',
    category: null,
    checklistId: null,
    workType: 'preventive',
    priority: 3,
    estimatedMinutes: 45,
    assigneeIds: [plant.ids.tech, plant.ids.tech2],
    leadDays: 2,
    toleranceDays: 3,
    toleranceUnits: 25,
    instructions: 'Graisser les colonnes.',
    triggers: [{ kind: 'meter_fixed', meter: 'Heures de marche', every: 250, anchor: 0 }],
    ...overrides,
  };
}

describe(`plans de maintenance on ${TEST_ENGINE}`, () => {
  it('creates a plan on an equipment, reads it back and lists it with a search', async () => {
    const created = data(await core.call(W.manager, 'preventive:createPlan', fields()));
    expect(created.code).toBe('PM-PR003-250H');
    const plan = data(await core.call(W.manager, 'preventive:getPlan', { code: 'pm-pr003-250h' }));
    expect(plan).toMatchObject({ version: 1, status: 'active', equipment: { code: 'PR-003' } });
    expect(plan.fields).toMatchObject({ scope: 'equipment', equipmentCode: 'PR-003', category: null, leadDays: 2, toleranceUnits: 25, triggers: [{ kind: 'meter_fixed', every: 250 }] });
    expect(plan.fields.assigneeIds.sort()).toEqual([plant.ids.tech, plant.ids.tech2].sort());
    expect(await auditEntries(core, 'preventive.plan_created')).toEqual([{ eventType: 'preventive.plan_created', details: { code: 'PM-PR003-250H', name: 'Graissage presse 3' } }]);

    expect(data(await core.call(W.manager, 'preventive:listPlans', { text: 'GRAISSAGE' })).rows.map((row) => row.code)).toEqual(['PM-PR003-250H']);
    expect(data(await core.call(W.manager, 'preventive:listPlans', { text: 'vidange' })).rows).toEqual([]);
  });

  it('refuses bad fields with the field named, and an unknown equipment or a taken code', async () => {
    const noEquipment = await core.call(W.manager, 'preventive:createPlan', fields({ equipmentCode: null }));
    expect(noEquipment.ok ? null : noEquipment.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'equipmentCode', code: 'validation.required' }] });
    const noTrigger = await core.call(W.manager, 'preventive:createPlan', fields({ triggers: [] }));
    // The dispatcher names keys outside `validation.*` 'validation.invalid'; the form (zodResolver) shows the precise one.
    expect(noTrigger.ok ? null : noTrigger.error.fields).toEqual([{ path: 'triggers', code: 'validation.invalid' }]);
    expect(planFieldsSchema.safeParse(fields({ triggers: [] })).error?.issues[0]).toMatchObject({ path: ['triggers'], message: 'preventive.validation.triggerRequired' });
    const condition = await core.call(W.manager, 'preventive:createPlan', fields({ triggers: [{ kind: 'condition', meter: 'Température', above: null, below: null }] }));
    expect(condition.ok ? null : condition.error.fields?.[0]).toMatchObject({ path: 'triggers.0.above' });
    const three = fields({ triggers: [{ kind: 'calendar_floating', every: 1, unit: 'month' }, { kind: 'calendar_floating', every: 2, unit: 'month' }, { kind: 'meter_floating', meter: 'h', every: 5 }] });
    expect(planFieldsSchema.safeParse(three).error?.issues[0]).toMatchObject({ message: 'preventive.validation.tooManyTriggers' });
    const unknown = await core.call(W.manager, 'preventive:createPlan', fields({ equipmentCode: 'XX-999' }));
    expect(unknown.ok ? null : unknown.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'equipmentCode', code: 'plans.validation.equipmentUnknown' }] });
    data(await core.call(W.manager, 'preventive:createPlan', fields()));
    const taken = await core.call(W.manager, 'preventive:createPlan', fields({ name: 'Autre' }));
    expect(taken.ok ? null : taken.error.code).toBe('PLAN_CODE_TAKEN');
  });

  it('keeps equipment XOR category: a category plan stores no equipment, whatever the form still held', async () => {
    data(await core.call(W.manager, 'preventive:createPlan', fields({ code: 'PM-PRESSES', scope: 'category', category: 'Presse', equipmentCode: 'PR-003' })));
    const plan = data(await core.call(W.manager, 'preventive:getPlan', { code: 'PM-PRESSES' }));
    expect(plan.fields).toMatchObject({ scope: 'category', category: 'Presse', equipmentCode: null });
    const row = await core.database.kysely.selectFrom('pm_plans').select(['equipment_id', 'category']).where('code', '=', 'PM-PRESSES').executeTakeFirstOrThrow();
    expect(row).toEqual({ equipment_id: null, category: 'Presse' });
    const missing = await core.call(W.manager, 'preventive:createPlan', fields({ code: 'PM-X', scope: 'category', category: null }));
    expect(missing.ok ? null : missing.error.fields).toEqual([{ path: 'category', code: 'validation.required' }]);
  });

  it('edits with compare-and-set: the second edit made from the same version is refused and changes nothing', async () => {
    const { id } = data(await core.call(W.manager, 'preventive:createPlan', fields()));
    const first = data(await core.call(W.manager, 'preventive:updatePlan', { id, version: 1, fields: fields({ name: 'Graissage colonnes' }) }));
    expect(first.version).toBe(2);
    const second = await core.call(W.admin, 'preventive:updatePlan', { id, version: 1, fields: fields({ name: 'Autre nom' }) });
    expect(second.ok ? null : second.error.code).toBe('PLAN_CHANGED_MEANWHILE');
    const plan = data(await core.call(W.manager, 'preventive:getPlan', { code: 'PM-PR003-250H' }));
    expect(plan).toMatchObject({ version: 2, fields: { name: 'Graissage colonnes' } });
    expect((await auditEntries(core, 'preventive.plan_updated')).map((entry) => entry.details)).toEqual([{ code: 'PM-PR003-250H', fields: 'name' }]);
  });

  it('pauses and resumes (audited, with the version checked), archives, and refuses a move that makes no sense', async () => {
    const { id } = data(await core.call(W.manager, 'preventive:createPlan', fields()));
    expect(data(await core.call(W.manager, 'preventive:setPlanStatus', { id, version: 1, action: 'pause' }))).toEqual({ version: 2, status: 'paused' });
    const stale = await core.call(W.manager, 'preventive:setPlanStatus', { id, version: 1, action: 'resume' });
    expect(stale.ok ? null : stale.error.code).toBe('PLAN_CHANGED_MEANWHILE');
    const again = await core.call(W.manager, 'preventive:setPlanStatus', { id, version: 2, action: 'pause' });
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
    expect(data(await core.call(W.manager, 'preventive:setPlanStatus', { id, version: 2, action: 'resume' }))).toEqual({ version: 3, status: 'active' });
    expect((await auditEntries(core)).filter((e) => e.eventType.startsWith('preventive.plan_')).map((e) => [e.eventType, e.details?.from, e.details?.to])).toEqual([
      ['preventive.plan_created', undefined, undefined],
      ['preventive.plan_paused', 'active', 'paused'],
      ['preventive.plan_resumed', 'paused', 'active'],
    ]);
    data(await core.call(W.manager, 'preventive:setPlanStatus', { id, version: 3, action: 'archive' }));
    expect(data(await core.call(W.manager, 'preventive:listPlans', {})).rows).toEqual([]);
    expect(data(await core.call(W.manager, 'preventive:listPlans', { status: 'all' })).rows.map((row) => row.status)).toEqual(['archived']);
    const edit = await core.call(W.manager, 'preventive:updatePlan', { id, version: 4, fields: fields() });
    expect(edit.ok ? null : edit.error.code).toBe('CONFLICT');
  });

  it('is for managers only: a technician may not read or create plans', async () => {
    const list = await core.call(W.tech, 'preventive:listPlans', {});
    expect(list.ok ? null : list.error.code).toBe('FORBIDDEN');
    const create = await core.call(W.tech, 'preventive:createPlan', fields());
    expect(create.ok ? null : create.error.code).toBe('FORBIDDEN');
  });

  it('offers the meter names of the equipment, or of the category with how many equipment carry each', async () => {
    const db = core.database.kysely;
    const now = core.clock.now();
    const equipment = new EquipmentRepository(db);
    await db.updateTable('equipment').set({ category: 'Presse' }).where('id', '=', plant.equipmentId).execute();
    const other = await equipment.insert({
      code: 'PR-004', designation: 'Presse 4', location_id: null, parent_id: null, category: 'Presse',
      manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: now, updated_at: now,
    });
    const meters = new MetersRepository(db);
    await meters.insert({ equipmentId: plant.equipmentId, name: 'Heures de marche', unit: 'h', at: now });
    await meters.insert({ equipmentId: plant.equipmentId, name: 'Cycles', unit: 'cycles', at: now });
    await meters.insert({ equipmentId: other, name: 'Heures de marche', unit: 'h', at: now });
    expect(data(await core.call(W.manager, 'preventive:planMeterNames', { equipmentCode: 'PR-003', category: null }))).toEqual([
      { name: 'Cycles', unit: 'cycles', equipmentCount: 1 },
      { name: 'Heures de marche', unit: 'h', equipmentCount: 1 },
    ]);
    expect(data(await core.call(W.manager, 'preventive:planMeterNames', { equipmentCode: null, category: 'Presse' }))).toEqual([
      { name: 'Cycles', unit: 'cycles', equipmentCount: 1 },
      { name: 'Heures de marche', unit: 'h', equipmentCount: 2 },
    ]);
    const options = data(await core.call(W.manager, 'preventive:planOptions', {}));
    expect(options.categories).toContain('Presse');
    expect(options.people.map((p) => p.id)).toContain(plant.ids.tech);
  });

  it('shows the plan’s recent occurrences, missed and late ones included, with their OT', async () => {
    const { id } = data(await core.call(W.manager, 'preventive:createPlan', fields()));
    const now = core.clock.now();
    await core.database.kysely
      .insertInto('pm_occurrences')
      .values([
        { plan_id: id, equipment_id: plant.equipmentId, location_id: null, occurrence_key: 'M:250', trigger_kind: 'meter_fixed', due_at: now, due_date: '2026-01-10', due_total: 250, window_start_at: now, window_end_at: now, tolerance_units: 25, status: 'missed', late: 0, created_at: now },
        { plan_id: id, equipment_id: plant.equipmentId, location_id: null, occurrence_key: 'M:500', trigger_kind: 'meter_fixed', due_at: now + 1, due_date: '2026-02-10', due_total: 500, window_start_at: now, window_end_at: now, tolerance_units: 25, status: 'generated', late: 1, created_at: now },
      ])
      .execute();
    const plan = data(await core.call(W.manager, 'preventive:getPlan', { code: 'PM-PR003-250H' }));
    expect(plan.occurrences.map((o) => [o.dueTotal, o.status, o.late, o.workOrderNumber])).toEqual([
      [500, 'generated', true, null],
      [250, 'missed', false, null],
    ]);
  });
});
