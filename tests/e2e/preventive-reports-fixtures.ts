// Node (tests, docs). A small plant for the préventif's reports, written straight into the harness's database (the
// plans' and generator's screens belong to other helpers): a Responsable, two zones, presses with an « Heures de
// marche » meter used 8 h a day, a lathe, three plans (monthly fixed calendar, quarterly floating, every 250 h on
// the presses' category), and the occurrences of the last months — done in tolerance, done late, missed — so the
// compliance figures and the forecast have something true to show.
import type { Harness } from '../harness/harness-server';
import { ADMIN, seedAdmin } from './fixtures';

export const REPORTS_MANAGER = { username: 'r.responsable', displayName: 'Rémi Responsable', password: 'vanne papillon graissée' };

const DAY = 86_400_000;

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function seedReportsPlant(harness: Harness, options: { withAdmin?: boolean } = {}): Promise<void> {
  if (options.withAdmin !== false) await seedAdmin(harness);
  const sender = { windowId: 'seed-reports', url: harness.url };
  const dispatch = (channel: string, input: unknown) => harness.core.dispatcher.dispatch(sender, channel, input);
  await dispatch('auth:login', { identifier: ADMIN.username, password: ADMIN.password });
  const created = await dispatch('users:create', { ...REPORTS_MANAGER, email: '', role: 'maintenance_manager', locale: 'fr', passwordMode: 'chosen', passwordConfirmation: REPORTS_MANAGER.password });
  if (!created.ok) throw new Error(`create: ${JSON.stringify(created.error)}`);
  await dispatch('auth:logout', undefined);
  const db = harness.core.database.kysely;
  await db.updateTable('users').set({ must_change_password: 0, password_change_offered: 0 }).where('username', '=', REPORTS_MANAGER.username).execute();

  const now = Date.now();
  const id = (row: { id: number | string }) => Number(row.id);
  const zone = (code: string, name: string) =>
    db.insertInto('locations').values({ code, name, kind: 'zone', parent_id: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow().then(id);
  const injection = await zone('INJ', 'Atelier injection');
  const machining = await zone('USI', 'Usinage');
  const machine = (code: string, designation: string, category: string, locationId: number) =>
    db
      .insertInto('equipment')
      .values({ code, designation, category, location_id: locationId, parent_id: null, search_text: `${code} ${designation}`.toLowerCase(), created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then(id);
  const presses = [await machine('PR-001', 'Presse à injecter 1', 'Presse', injection), await machine('PR-002', 'Presse à injecter 2', 'Presse', injection)];
  const lathe = await machine('TO-001', 'Tour CN 1', 'Tour', machining);

  // « Heures de marche » on each press: 8 h (PR-001) and 14 h (PR-002) a day for the last 80 days.
  for (const [index, equipmentId] of presses.entries()) {
    const perDay = index === 0 ? 8 : 14;
    const meter = await db
      .insertInto('meters')
      .values({ equipment_id: equipmentId, name: 'Heures de marche', unit: 'h', created_at: now - 100 * DAY, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then(id);
    let last = { id: 0, value: 0, at: 0 };
    for (let daysAgo = 80; daysAgo >= 1; daysAgo -= 10) {
      const value = 1000 + perDay * (80 - daysAgo);
      const at = now - daysAgo * DAY;
      const reading = await db
        .insertInto('meter_readings')
        .values({ meter_id: meter, value, total: value, read_at: at, user_id: null, workstation: 'POSTE-1', created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      last = { id: id(reading), value, at };
    }
    await db.updateTable('meters').set({ last_value: last.value, last_total: last.value, last_read_at: last.at, last_reading_id: last.id }).where('id', '=', meter).execute();
  }

  const plan = (code: string, name: string, values: { equipmentId?: number; category?: string; triggers: unknown[]; toleranceDays?: number }) =>
    db
      .insertInto('pm_plans')
      .values({
        code,
        name,
        equipment_id: values.equipmentId ?? null,
        category: values.category ?? null,
        triggers: JSON.stringify(values.triggers),
        tolerance_days: values.toleranceDays ?? 2,
        search_text: `${code} ${name}`.toLowerCase(),
        created_by: null,
        created_at: now - 400 * DAY,
        updated_at: now - 400 * DAY,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then(id);
  const monthly = await plan('PM-TOUR-01', 'Graissage mensuel du tour', { equipmentId: lathe, triggers: [{ kind: 'calendar_fixed', anchor: '2025-01-06', every: 1, unit: 'month', skipWeekends: true, skipHolidays: true }] });
  await plan('PM-TOUR-02', 'Contrôle trimestriel de la broche', { equipmentId: lathe, triggers: [{ kind: 'calendar_floating', every: 3, unit: 'month' }] });
  const hours = await plan('PM-PRESSE-250', 'Vidange et filtres toutes les 250 h', { category: 'Presse', triggers: [{ kind: 'meter_fixed', meter: 'Heures de marche', every: 250, anchor: 0 }, { kind: 'calendar_floating', every: 6, unit: 'month' }] });

  // The last months' occurrences: the lathe monthly (done in tolerance, one late, one missed), the presses by meter.
  let workOrder = 0;
  const occurrence = async (values: { planId: number; equipmentId: number; locationId: number; monthsAgo: number; status: 'generated' | 'missed' | 'done'; doneDays?: number; meter?: boolean }) => {
    const dueAt = now - values.monthsAgo * 30 * DAY;
    const dueDate = localDay(dueAt);
    let workOrderId: number | null = null;
    if (values.status !== 'missed') {
      workOrder += 1;
      const number = `OT-${dueDate.slice(0, 4)}-${String(900_000 + workOrder)}`;
      workOrderId = await db
        .insertInto('work_orders')
        .values({
          number,
          type: 'preventive',
          priority: 3,
          status: values.status === 'done' ? 'closed' : 'planned',
          equipment_id: values.equipmentId,
          location_id: values.locationId,
          title: 'Préventif',
          description: '',
          due_at: dueAt,
          search_text: number.toLowerCase(),
          created_at: dueAt - 2 * DAY,
          updated_at: dueAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then(id);
    }
    await db
      .insertInto('pm_occurrences')
      .values({
        plan_id: values.planId,
        equipment_id: values.equipmentId,
        location_id: values.locationId,
        occurrence_key: values.meter ? `M:${1000 + 250 * (12 - values.monthsAgo)}` : `D:${dueDate}`,
        trigger_kind: values.meter ? 'meter_fixed' : 'calendar_fixed',
        due_at: dueAt,
        due_date: dueDate,
        due_total: values.meter ? 1000 + 250 * (12 - values.monthsAgo) : null,
        window_start_at: dueAt - 2 * DAY,
        window_end_at: dueAt + 3 * DAY,
        tolerance_units: values.meter ? 25 : null,
        status: values.status,
        late: values.status === 'missed' ? 1 : 0,
        work_order_id: workOrderId,
        done_at: values.status === 'done' ? dueAt + (values.doneDays ?? 0) * DAY : null,
        done_total: values.status === 'done' && values.meter ? 1000 + 250 * (12 - values.monthsAgo) + (values.doneDays ?? 0) * 8 : null,
        created_at: dueAt - 2 * DAY,
      })
      .execute();
  };
  for (let monthsAgo = 11; monthsAgo >= 1; monthsAgo -= 1) {
    const status = monthsAgo === 4 ? 'missed' : 'done';
    await occurrence({ planId: monthly, equipmentId: lathe, locationId: machining, monthsAgo, status, doneDays: monthsAgo % 5 === 0 ? 6 : 1 });
  }
  for (const monthsAgo of [9, 6, 3, 1]) {
    await occurrence({ planId: hours, equipmentId: presses[0], locationId: injection, monthsAgo, status: 'done', meter: true, doneDays: monthsAgo === 6 ? 5 : 1 });
  }
}
