// Node (tests). The 12-month forecast on the engine of this pass, from plans whose dates are known by hand: a fixed
// monthly calendar that skips weekends and the site's holidays, a floating quarterly one from its last completion,
// a 250 h meter plan on a category (projected from 8 h/day over the last 90 days — an older, slower reading is
// outside the window — marked projected; the press without the meter says so), a paused plan (absent), and the
// filters by plan and by equipment. Through the dispatcher: managers only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { EquipmentRepository } from '../equipment';
import { MetersRepository } from '../meters';
import { computeForecast, forecastWindow } from './forecast-service';

let core: TestCore;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 15, 8, 0, 0);
let ids: { press: number; press2: number; lathe: number; monthly: number; quarterly: number; hours: number };

async function plan(code: string, values: { equipmentId?: number; category?: string; triggers: unknown[]; status?: 'active' | 'paused'; createdAt: number }): Promise<number> {
  const row = await core.database.kysely
    .insertInto('pm_plans')
    .values({
      code,
      name: `Plan ${code}`,
      equipment_id: values.equipmentId ?? null,
      category: values.category ?? null,
      triggers: JSON.stringify(values.triggers),
      status: values.status ?? 'active',
      search_text: code.toLowerCase(),
      created_by: null,
      created_at: values.createdAt,
      updated_at: values.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

beforeEach(async () => {
  core = await createTestCore();
  core.clock.current = NOW;
  await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  const db = core.database.kysely;
  const equipment = new EquipmentRepository(db);
  const base = { location_id: null, parent_id: null, manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: 0, updated_at: 0 };
  const press = await equipment.insert({ code: 'PR-001', designation: 'Presse 1', category: 'Presse', ...base });
  const press2 = await equipment.insert({ code: 'PR-002', designation: 'Presse 2', category: 'Presse', ...base });
  const lathe = await equipment.insert({ code: 'TO-001', designation: 'Tour 1', category: 'Tour', ...base });
  await equipment.insert({ code: 'PR-099', designation: 'Presse réformée', category: 'Presse', ...base, status: 'scrapped' });

  const meters = new MetersRepository(db);
  const meter = await meters.insert({ equipmentId: press, name: 'Heures de marche', unit: 'h', at: 0 });
  // 0 h 200 days ago (outside the 90-day window), then exactly 8 h a day: 460 h 80 days ago … 1,092 h yesterday.
  for (const [daysAgo, value] of [[200, 0], [80, 460], [60, 620], [40, 780], [20, 940], [1, 1092]] as const) {
    const result = await core.database.transaction((trx) => meters.in(trx).record({ meterId: meter.id, value, isReset: false, readAt: NOW - daysAgo * DAY, userId: null, workstation: 'POSTE-1' }));
    expect(result.ok).toBe(true);
  }

  const created = Date.UTC(2025, 11, 1);
  const monthly = await plan('PM-010', { equipmentId: lathe, createdAt: created, triggers: [{ kind: 'calendar_fixed', anchor: '2026-01-10', every: 1, unit: 'month', skipWeekends: true, skipHolidays: true }] });
  const quarterly = await plan('PM-020', { equipmentId: lathe, createdAt: created, triggers: [{ kind: 'calendar_floating', every: 3, unit: 'month' }] });
  await db.insertInto('pm_schedules').values({ plan_id: quarterly, equipment_id: lathe, base_date: '2025-12-20', base_total: null, last_done_at: Date.UTC(2025, 11, 20, 14), created_at: 0, updated_at: 0 }).execute();
  const hours = await plan('PM-030', { category: 'Presse', createdAt: created, triggers: [{ kind: 'meter_fixed', meter: 'Heures de marche', every: 250, anchor: 0 }] });
  await plan('PM-040', { equipmentId: lathe, createdAt: created, status: 'paused', triggers: [{ kind: 'calendar_fixed', anchor: '2026-01-01', every: 1, unit: 'week' }] });
  await db.insertInto('site_holidays').values({ day: '2026-06-10', label: 'Fermeture usine' }).execute();
  ids = { press, press2, lathe, monthly, quarterly, hours };
});
afterEach(async () => {
  await core.dispose();
});

describe(`12-month forecast on ${TEST_ENGINE}`, () => {
  it('covers today to the end of the 12th month', () => {
    expect(forecastWindow('2026-01-15')).toMatchObject({ from: '2026-01-15', to: '2026-12-31' });
    expect(forecastWindow('2026-11-30').months).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10']);
  });

  it('lists each active plan × equipment with its dates, meter dates projected', async () => {
    const view = await computeForecast(core.database.kysely, {}, NOW);
    expect(view.from).toBe('2026-01-15');
    expect(view.to).toBe('2026-12-31');
    expect(view.rows.map((row) => [row.planCode, row.equipmentCode, row.note])).toEqual([
      ['PM-010', 'TO-001', null],
      ['PM-020', 'TO-001', null],
      ['PM-030', 'PR-001', null],
      ['PM-030', 'PR-002', 'no_meter'],
    ]);
    const [monthly, quarterly, hours, noMeter] = view.rows;
    // Weekends move to Monday (10 May, 10 Oct); the site's holiday of 10 June moves to the 11th.
    expect(monthly.occurrences.map((o) => o.dueDate)).toEqual([
      '2026-02-10', '2026-03-10', '2026-04-10', '2026-05-11', '2026-06-11', '2026-07-10', '2026-08-10', '2026-09-10', '2026-10-12', '2026-11-10', '2026-12-10',
    ]);
    expect(monthly.occurrences.every((o) => !o.projected && o.dueTotal === null)).toBe(true);
    expect(quarterly.occurrences.map((o) => o.dueDate)).toEqual(['2026-03-20', '2026-06-20', '2026-09-20', '2026-12-20']);
    // 1,092 h yesterday at 8 h/day: 1,250 h in 19.75 days, 1,500 h in 51, 1,750 h in 82.25 (Paris dates).
    expect(hours.occurrences.slice(0, 3).map((o) => [o.key, o.dueDate, o.projected])).toEqual([
      ['M:1250', '2026-02-03', true],
      ['M:1500', '2026-03-06', true],
      ['M:1750', '2026-04-06', true],
    ]);
    expect(hours.occurrences.map((o) => o.dueTotal)).toEqual([1250, 1500, 1750, 2000, 2250, 2500, 2750, 3000, 3250, 3500, 3750]);
    expect(noMeter.occurrences).toEqual([]);
  });

  it('filters by plan and by equipment', async () => {
    const byPlan = await computeForecast(core.database.kysely, { planId: ids.hours }, NOW);
    expect(byPlan.rows.map((row) => row.equipmentCode)).toEqual(['PR-001', 'PR-002']);
    const byEquipment = await computeForecast(core.database.kysely, { equipmentId: ids.press }, NOW);
    expect(byEquipment.rows.map((row) => [row.planCode, row.occurrences.length])).toEqual([['PM-030', 11]]);
  });

  it('answers managers only, with the filters’ choices', async () => {
    const login = await core.call('admin', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    expect(login.ok).toBe(true);
    const result = await core.call('admin', 'preventive:forecast', { equipmentId: ids.lathe, months: 12 });
    expect(result.ok && result.data.rows.map((row) => row.planCode)).toEqual(['PM-010', 'PM-020']);
    const options = await core.call('admin', 'preventive:forecastOptions', {});
    expect(options.ok && options.data.plans.map((p) => p.code)).toEqual(['PM-010', 'PM-020', 'PM-030']);
    expect(options.ok && options.data.equipment.map((e) => e.code)).toEqual(['PR-001', 'PR-002', 'TO-001']);
    const anonymous = await core.call('nobody', 'preventive:forecast', {});
    expect(!anonymous.ok && anonymous.error.code).toBe('UNAUTHENTICATED');
  });
});
