// Node (tests). Compteurs and relevés through the real dispatcher, on the engine of this pass: managers add and
// rename meters (unique name per equipment, whatever its case), anyone signed in enters a reading (the requester
// too), a value below the last one is refused unless flagged as a reset (the total keeps counting), who / when /
// which PC is stored, the history pages, the usage per day, and two readings of one meter at the same moment never
// both write a total computed from the same base.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../shared/contract';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { preparePlant, W, type Plant } from '../../../tests/support/work-orders-plant';
import { MetersRepository } from './meters-repository';

let core: TestCore;
let plant: Plant;
const DAY = 86_400_000;
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

async function addMeter(name = 'Heures de marche', unit = 'h') {
  return data(await core.call(W.manager, 'meters:create', { equipmentId: plant.equipmentId, name, unit }));
}

/** What one window was told changed (every signed-in window is told the same). */
const topics = () => core.events.filter((e) => e.event === 'data:changed' && e.windowId === W.tech).map((e) => (e.payload as { topics: string[] }).topics);

/** Readings in the past (the sessions would expire if the clock moved by months): the repository's own atomic record. */
async function seedReadings(meterId: number, readings: { value: number; readAt: number }[]): Promise<void> {
  for (const reading of readings) {
    const result = await core.database.transaction((trx) =>
      new MetersRepository(trx).record({ meterId, value: reading.value, isReset: false, readAt: reading.readAt, userId: plant.ids.tech, workstation: 'POSTE-TOURNEE' }),
    );
    if (!result.ok) throw new Error(result.reason);
  }
}

describe(`meters and readings on ${TEST_ENGINE}`, () => {
  it('a manager adds a meter; the same name again (any case) is refused with a clear field message; rename and deactivate', async () => {
    const meter = await addMeter();
    expect(meter).toMatchObject({ name: 'Heures de marche', unit: 'h', isActive: true, lastValue: null, lastTotal: null, usagePerDay: null });
    const twice = await core.call(W.admin, 'meters:create', { equipmentId: plant.equipmentId, name: '  heures DE marche ', unit: 'h' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'METER_NAME_TAKEN', fields: [{ path: 'name', code: 'validation.meterNameTaken', params: { name: 'heures DE marche' } }] } });
    const cycles = await addMeter('Cycles', 'cycles');
    // Renaming onto another meter's name is refused as well; renaming itself (case only) is fine.
    expect(await core.call(W.manager, 'meters:update', { id: cycles.id, name: 'HEURES de marche', unit: 'cycles', isActive: true })).toMatchObject({ ok: false, error: { code: 'METER_NAME_TAKEN' } });
    const renamed = data(await core.call(W.manager, 'meters:update', { id: cycles.id, name: 'Cycles presse', unit: 'cycles', isActive: false }));
    expect(renamed).toMatchObject({ name: 'Cycles presse', isActive: false });
    // A deactivated meter takes no more readings.
    expect(await core.call(W.tech, 'meters:record', { meterId: cycles.id, value: 5, isReset: false })).toMatchObject({ ok: false, error: { code: 'METER_INACTIVE' } });
    const list = data(await core.call(W.requester, 'meters:forEquipment', { code: 'pr-003' }));
    expect(list.equipment).toEqual({ id: plant.equipmentId, code: 'PR-003', designation: 'Presse à injecter 3' });
    expect(list.meters.map((m) => [m.name, m.isActive])).toEqual([
      ['Heures de marche', true],
      ['Cycles presse', false],
    ]);
    const audit = await core.database.kysely.selectFrom('audit_log').select(['event_type', 'subject_label']).where('event_type', 'like', 'meter.%').orderBy('id').execute();
    expect(audit).toEqual([
      { event_type: 'meter.created', subject_label: 'PR-003 — Heures de marche' },
      { event_type: 'meter.created', subject_label: 'PR-003 — Cycles' },
      { event_type: 'meter.updated', subject_label: 'PR-003 — Cycles presse' },
    ]);
    expect(await core.call(W.manager, 'meters:forEquipment', { code: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'EQUIPMENT_NOT_FOUND' } });
  });

  it('a reading below the last is refused (saying the last value) unless flagged as a reset, and the total keeps counting', async () => {
    const meter = await addMeter();
    core.events.length = 0;
    const first = data(await core.call(W.tech, 'meters:record', { meterId: meter.id, value: 120, isReset: false, note: 'Relevé de tournée' }));
    expect(first.reading).toMatchObject({ value: 120, total: 120, isReset: false, userName: 'Théo Martin', workstation: 'POSTE-TEST', note: 'Relevé de tournée', readAt: core.clock.now() });
    expect(first.meter).toMatchObject({ lastValue: 120, lastTotal: 120, lastReadBy: 'Théo Martin', lastReadAt: core.clock.now() });
    // Published after the commit: the preventive generator listens to `meters`.
    expect(topics()).toEqual([['meters', 'equipment']]);

    core.clock.advance(HOUR);
    const below = await core.call(W.tech, 'meters:record', { meterId: meter.id, value: 100, isReset: false });
    expect(below).toMatchObject({ ok: false, error: { code: 'METER_READING_BELOW_LAST', details: { lastValue: 120 }, fields: [{ path: 'value', code: 'validation.meterBelowLast', params: { last: 120 } }] } });
    // Nothing was written by the refusal.
    expect(data(await core.call(W.tech, 'meters:history', { meterId: meter.id })).items).toHaveLength(1);

    const reset = data(await core.call(W.tech2, 'meters:record', { meterId: meter.id, value: 0, isReset: true }));
    expect(reset.reading).toMatchObject({ value: 0, total: 120, isReset: true, userName: 'Léa Bernard' });
    core.clock.advance(HOUR);
    const after = data(await core.call(W.requester, 'meters:record', { meterId: meter.id, value: 30, isReset: false }));
    // total = last_total + (value − last_value) after a reset: 120 + 30.
    expect(after.reading).toMatchObject({ value: 30, total: 150, userName: 'Olivier Durand' });
    // A reset with a value above zero (new meter already at 7): total = last_total + value.
    const changed = data(await core.call(W.tech, 'meters:record', { meterId: meter.id, value: 7, isReset: true }));
    expect(changed.reading.total).toBe(157);
    expect(changed.meter).toMatchObject({ lastValue: 7, lastTotal: 157 });
    // Equal to the last value is not "below".
    expect(data(await core.call(W.tech, 'meters:record', { meterId: meter.id, value: 7, isReset: false })).reading.total).toBe(157);
  });

  it('refuses bad values with field messages and checks roles: the requester reads and records, only managers create or edit', async () => {
    const meter = await addMeter();
    expect(await core.call(W.tech, 'meters:record', { meterId: meter.id, value: -1, isReset: false })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'value', code: 'validation.meterNegative' }] } });
    expect(await core.call(W.tech, 'meters:record', { meterId: meter.id, value: Number.NaN, isReset: false })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await core.call(W.tech, 'meters:record', { meterId: 9999, value: 1, isReset: false })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.call(W.requester, 'meters:create', { equipmentId: plant.equipmentId, name: 'Km', unit: 'km' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(W.tech, 'meters:create', { equipmentId: plant.equipmentId, name: 'Km', unit: 'km' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(W.tech, 'meters:update', { id: meter.id, name: 'X', unit: 'h', isActive: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(W.manager, 'meters:create', { equipmentId: 424242, name: 'Km', unit: 'km' })).toMatchObject({ ok: false, error: { code: 'EQUIPMENT_NOT_FOUND' } });
    expect(data(await core.call(W.requester, 'meters:record', { meterId: meter.id, value: 12.5, isReset: false })).reading).toMatchObject({ value: 12.5, total: 12.5, userName: 'Olivier Durand' });
    expect(await core.call('nobody-window', 'meters:record', { meterId: meter.id, value: 13, isReset: false })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('pages the history newest first, with who and when, and shows the usage per day over the last 30 days', async () => {
    const meter = await addMeter();
    const now = core.clock.now();
    // 60 readings, one a day up to yesterday, 8 h a day.
    await seedReadings(meter.id, Array.from({ length: 60 }, (_, day) => ({ value: 1000 + 8 * day, readAt: now - (60 - day) * DAY })));
    const page1 = data(await core.call(W.tech, 'meters:history', { meterId: meter.id }));
    expect(page1.items).toHaveLength(50);
    expect(page1.items[0]).toMatchObject({ value: 1000 + 8 * 59, readAt: now - DAY, userName: 'Théo Martin', workstation: 'POSTE-TOURNEE' });
    expect(page1.nextBefore).toBe(page1.items[49].id);
    const page2 = data(await core.call(W.requester, 'meters:history', { meterId: meter.id, before: page1.nextBefore! }));
    expect(page2.items.map((r) => r.value)).toEqual(Array.from({ length: 10 }, (_, i) => 1000 + 8 * (9 - i)));
    expect(page2.nextBefore).toBeNull();
    // The window is the last 30 days: readings of days 30–59 → (1472 − 1240) ÷ 29 days = 8 per day.
    expect(page1.meter.usagePerDay).toBeCloseTo(8, 6);
    const listed = data(await core.call(W.tech, 'meters:forEquipment', { code: 'PR-003' })).meters;
    expect(listed.find((m) => m.id === meter.id)!.usagePerDay).toBeCloseTo(8, 6);
    // A meter whose readings are all older than 30 days: nothing recent to count on.
    const old = await addMeter('Cycles', 'cycles');
    await seedReadings(old.id, [{ value: 10, readAt: now - 90 * DAY }, { value: 500, readAt: now - 40 * DAY }]);
    const oldView = data(await core.call(W.tech, 'meters:forEquipment', { code: 'PR-003' })).meters.find((m) => m.id === old.id)!;
    expect(oldView).toMatchObject({ lastValue: 500, lastTotal: 500, lastReadBy: 'Théo Martin', usagePerDay: null });
  });

  it('two readings of one meter at the same moment: each is counted from the other’s result, never from the same base', async () => {
    const meter = await addMeter();
    data(await core.call(W.tech, 'meters:record', { meterId: meter.id, value: 100, isReset: false }));
    const results = await Promise.all([
      core.call(W.tech, 'meters:record', { meterId: meter.id, value: 110, isReset: false }),
      core.call(W.tech2, 'meters:record', { meterId: meter.id, value: 130, isReset: false }),
    ]);
    // Both may succeed (the loser retried on the fresh meter) or the lower one be refused below the higher: never
    // two totals from the same base.
    const readings = await core.database.kysely.selectFrom('meter_readings').selectAll().where('meter_id', '=', meter.id).orderBy('id').execute();
    for (let i = 1; i < readings.length; i += 1) {
      const previous = readings[i - 1];
      expect(Number(readings[i].total)).toBeCloseTo(Number(previous.total) + Number(readings[i].value) - Number(previous.value), 9);
    }
    const stored = await new MetersRepository(core.database.kysely).findById(meter.id);
    expect(stored).toMatchObject({ last_reading_id: readings[readings.length - 1].id, last_total: readings[readings.length - 1].total });
    for (const result of results) if (!result.ok) expect(['METER_READING_BELOW_LAST', 'METER_CHANGED_MEANWHILE']).toContain(result.error.code);
    expect(results.filter((r) => r.ok).length).toBe(readings.length - 1);
  });
});
