// Node (dev only). The préventif part of `npm run seed`, run after seedPlant: a few gammes, meters « Heures de
// marche » (h) and « Cycles » on the equipment the meter plans use, `years` of weekly-ish readings (with the odd
// counter change: totals keep counting), and `plans` plans mixing fixed and floating calendars, fixed and floating
// meters, conditions and whichever-first, some on a whole category. Deterministic from `seed`; planned in memory
// first, then written in multi-row INSERTs grouped in transactions (SQL in seed-preventive-repository.ts).
import type { Insertable } from 'kysely';
import type { Database } from '../../electron/core/kernel/db/database';
import type { MeterReadingsTable, PmPlansTable } from '../../electron/core/kernel/db/schema';
import { addDays, localDateOf } from '../../shared/preventive/schedule';
import type { Trigger } from '../../shared/preventive/triggers';
import { SeedPreventiveRepository } from './seed-preventive-repository';
import { generator } from './seed-random';

const DAY = 86_400_000;
const ZONE = 'Europe/Paris';
export const HOURS_METER = 'Heures de marche';
export const CYCLES_METER = 'Cycles';

export interface SeedPreventiveOptions {
  plans: number;
  /** Years of meter readings before `now`. */
  years: number;
  seed: number;
  /** The instant the readings end at (default: today 00:00 UTC). */
  now?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface SeedPreventiveResult {
  checklists: number;
  meters: number;
  readings: number;
  plans: number;
  elapsedMs: number;
}


const GAMMES: { code: string; name: string; steps: { kind: 'check' | 'measurement' | 'text' | 'meter'; label: string; unit?: string; min?: number; max?: number }[] }[] = [
  { code: 'G-GRAISSAGE', name: 'Graissage général', steps: [{ kind: 'check', label: 'Graisseurs accessibles et propres' }, { kind: 'check', label: 'Graissage des paliers' }, { kind: 'meter', label: 'Relevé heures de marche', unit: HOURS_METER }] },
  { code: 'G-HYDRAULIQUE', name: 'Contrôle centrale hydraulique', steps: [{ kind: 'check', label: 'Niveau d’huile' }, { kind: 'measurement', label: 'Pression de service', unit: 'bar', min: 150, max: 180 }, { kind: 'measurement', label: 'Température d’huile', unit: '°C', min: 30, max: 55 }, { kind: 'check', label: 'Absence de fuite' }] },
  { code: 'G-ELECTRIQUE', name: 'Contrôle armoire électrique', steps: [{ kind: 'check', label: 'Serrage des borniers' }, { kind: 'check', label: 'Ventilation et filtres' }, { kind: 'measurement', label: 'Courant moteur principal', unit: 'A', min: 10, max: 32 }, { kind: 'text', label: 'Observations' }] },
  { code: 'G-SECURITE', name: 'Vérification des sécurités', steps: [{ kind: 'check', label: 'Arrêt d’urgence' }, { kind: 'check', label: 'Barrières immatérielles' }, { kind: 'check', label: 'Protecteurs et carters' }] },
  { code: 'G-REVISION', name: 'Révision périodique', steps: [{ kind: 'check', label: 'Courroies et tension' }, { kind: 'measurement', label: 'Vibrations palier', unit: 'mm/s', min: 0, max: 4.5 }, { kind: 'check', label: 'Remplacement des filtres' }, { kind: 'meter', label: 'Relevé cycles', unit: CYCLES_METER }] },
];

const CALENDAR_INTERVALS: { every: number; unit: 'day' | 'week' | 'month' | 'year' }[] = [
  { every: 15, unit: 'day' },
  { every: 1, unit: 'week' },
  { every: 2, unit: 'week' },
  { every: 1, unit: 'month' },
  { every: 3, unit: 'month' },
  { every: 6, unit: 'month' },
  { every: 1, unit: 'year' },
];

function rowsPerStatement(database: Database, columns: number): number {
  return Math.max(1, Math.floor((database.engine === 'sqlite' ? 32_000 : 60_000) / columns));
}

async function writeAll<R extends object, T>(
  database: Database,
  phase: string,
  rows: readonly R[],
  insert: (repo: SeedPreventiveRepository, chunk: R[]) => Promise<T[] | void>,
  progress: SeedPreventiveOptions['onProgress'],
): Promise<T[]> {
  const out: T[] = [];
  if (rows.length === 0) return out;
  const per = rowsPerStatement(database, Object.keys(rows[0]!).length);
  for (let start = 0; start < rows.length; start += 25_000) {
    const group = rows.slice(start, start + 25_000);
    await database.transaction(async (trx) => {
      const repo = new SeedPreventiveRepository(trx);
      for (let i = 0; i < group.length; i += per) {
        const chunk = group.slice(i, i + per);
        const result = await insert(repo, chunk);
        if (result) out.push(...result);
        progress?.(phase, start + i + chunk.length, rows.length);
      }
    });
  }
  return out;
}

export async function seedPreventive(database: Database, options: SeedPreventiveOptions): Promise<SeedPreventiveResult> {
  const started = performance.now();
  const now = options.now ?? Math.floor(Date.now() / DAY) * DAY;
  const rnd = generator(options.seed ^ 0x9e3779b9);
  const repository = new SeedPreventiveRepository(database.kysely);
  const equipment = await repository.inServiceEquipment();
  if (equipment.length === 0) throw new Error('seedPreventive runs after seedPlant: no equipment in service.');
  const technicians = await repository.technicians();
  const progress = options.onProgress;

  // Gammes.
  const checklists = await writeAll(
    database,
    'gammes',
    GAMMES.map((g) => ({ code: g.code, name: g.name, description: '', search_text: `${g.code} ${g.name}`.toLowerCase(), created_by: null, created_at: now - 400 * DAY, updated_at: now - 400 * DAY })),
    (repo, chunk) => repo.insertChecklists(chunk),
    progress,
  );
  const checklistId = new Map(checklists.map((c) => [c.code, c.id]));
  await writeAll(
    database,
    'étapes de gamme',
    GAMMES.flatMap((g) =>
      g.steps.map((s, i) => ({ checklist_id: checklistId.get(g.code)!, position: i + 1, kind: s.kind, label: s.label, required: 1 as const, unit: s.unit ?? null, min_value: s.min ?? null, max_value: s.max ?? null, help: null })),
    ),
    (repo, chunk) => repo.insertSteps(chunk),
    progress,
  );

  // Meters on a pool of equipment: the meter plans pick from it.
  const poolSize = Math.min(equipment.length, Math.max(1, Math.ceil(options.plans * 0.2)));
  const pool = equipment.slice(0, poolSize);
  const meters = await writeAll(
    database,
    'compteurs',
    pool.flatMap((e) => [
      { equipment_id: e.id, name: HOURS_METER, unit: 'h', created_at: now - options.years * 365 * DAY, updated_at: now },
      { equipment_id: e.id, name: CYCLES_METER, unit: 'cycles', created_at: now - options.years * 365 * DAY, updated_at: now },
    ]),
    (repo, chunk) => repo.insertMeters(chunk),
    progress,
  );

  // Weekly-ish readings over `years`: hours at 4–20 h a day, cycles at 300–3 000 a day; the odd counter change.
  const readings: Insertable<MeterReadingsTable>[] = [];
  const since = now - options.years * 365 * DAY;
  for (const meter of meters) {
    const perDay = meter.name === HOURS_METER ? rnd.int(4, 20) : rnd.int(300, 3000);
    let value = meter.name === HOURS_METER ? rnd.int(0, 5000) : rnd.int(0, 200_000);
    let total = value;
    let at = since + rnd.int(0, 6) * DAY + 8 * 3_600_000;
    while (at <= now) {
      const reset = rnd.chance(0.004);
      readings.push({ meter_id: meter.id, value, total, is_reset: reset ? 1 : 0, read_at: at, user_id: technicians.length > 0 ? rnd.pick(technicians) : null, workstation: 'SEED', work_order_id: null, note: null, created_at: at });
      const days = rnd.int(5, 9);
      at += days * DAY;
      const used = Math.round(perDay * days * (0.7 + rnd.next() * 0.6));
      const nextReset = rnd.chance(0.004);
      value = nextReset ? used : value + used;
      total += used;
    }
  }
  await writeAll(database, 'relevés', readings, (repo, chunk) => repo.insertReadings(chunk), progress);
  await database.transaction((trx) => new SeedPreventiveRepository(trx).refreshMetersLast());

  // Plans.
  const categories = [...new Set(equipment.map((e) => e.category).filter((c): c is string => c !== null))];
  const calendar = (kind: 'calendar_fixed' | 'calendar_floating', created: number): Trigger => {
    const interval = rnd.pick(CALENDAR_INTERVALS);
    const options_ = { every: interval.every, unit: interval.unit, skipWeekends: rnd.chance(0.5), skipHolidays: rnd.chance(0.3) };
    return kind === 'calendar_fixed' ? { kind, anchor: addDays(localDateOf(created, ZONE), rnd.int(0, 30)), ...options_ } : { kind, ...options_ };
  };
  const meterTrigger = (kind: 'meter_fixed' | 'meter_floating'): Trigger => {
    const hours = rnd.chance(0.7);
    const meter = hours ? HOURS_METER : CYCLES_METER;
    const every = hours ? rnd.pick([250, 500, 1000, 2000]) : rnd.pick([50_000, 100_000, 250_000]);
    return kind === 'meter_fixed' ? { kind, meter, every, anchor: 0 } : { kind, meter, every };
  };
  const plans: Insertable<PmPlansTable>[] = [];
  const assigneesOf: number[][] = [];
  for (let i = 0; i < options.plans; i += 1) {
    const created = now - rnd.int(1, 90) * DAY;
    const roll = rnd.next();
    let triggers: Trigger[];
    let onMeters = true;
    if (roll < 0.35) [triggers, onMeters] = [[calendar('calendar_fixed', created)], false];
    else if (roll < 0.5) [triggers, onMeters] = [[calendar('calendar_floating', created)], false];
    else if (roll < 0.7) triggers = [meterTrigger('meter_fixed')];
    else if (roll < 0.8) triggers = [meterTrigger('meter_floating')];
    else if (roll < 0.85) triggers = [{ kind: 'condition', meter: HOURS_METER, above: rnd.pick([20_000, 30_000, 40_000]), below: null }];
    else triggers = [calendar('calendar_floating', created), meterTrigger(rnd.chance(0.5) ? 'meter_floating' : 'meter_fixed')];
    // A few calendar plans cover a whole category (meter plans need the meter on each equipment: on one).
    const onCategory = !onMeters && categories.length > 0 && rnd.chance(0.005);
    const target = onMeters ? rnd.pick(pool) : rnd.pick(equipment);
    const gamme = rnd.chance(0.8) ? rnd.pick(GAMMES) : null;
    const code = `PM-${String(i + 1).padStart(5, '0')}`;
    const name = `${gamme?.name ?? 'Visite préventive'} ${code}`;
    const meterEvery = triggers.find((t): t is Extract<Trigger, { kind: 'meter_fixed' | 'meter_floating' }> => t.kind === 'meter_fixed' || t.kind === 'meter_floating')?.every;
    plans.push({
      code,
      name,
      equipment_id: onCategory ? null : target.id,
      category: onCategory ? rnd.pick(categories) : null,
      checklist_id: gamme ? checklistId.get(gamme.code)! : null,
      work_type: rnd.chance(0.85) ? 'preventive' : rnd.pick(['safety', 'regulatory'] as const),
      priority: rnd.int(2, 4),
      estimated_minutes: rnd.pick([30, 45, 60, 90, 120, 240]),
      lead_days: rnd.pick([0, 0, 2, 5, 7]),
      tolerance_days: rnd.pick([0, 2, 3, 7]),
      tolerance_units: meterEvery ? Math.round(meterEvery * 0.1) : 0,
      triggers: JSON.stringify(triggers),
      instructions: 'Appliquer la gamme ; signaler toute anomalie par une DI.',
      status: rnd.chance(0.95) ? 'active' : 'paused',
      search_text: `${code} ${name}`.toLowerCase(),
      created_by: null,
      created_at: created,
      updated_at: created,
    });
    const team = technicians.length === 0 ? [] : rnd.chance(0.6) ? [rnd.pick(technicians)] : rnd.chance(0.25) ? [...new Set([rnd.pick(technicians), rnd.pick(technicians)])] : [];
    assigneesOf.push(team);
  }
  const written = await writeAll(database, 'plans', plans, (repo, chunk) => repo.insertPlans(chunk), progress);
  const planId = new Map(written.map((p) => [p.code, p.id]));
  await writeAll(
    database,
    'affectations plans',
    plans.flatMap((p, i) => assigneesOf[i]!.map((userId) => ({ plan_id: planId.get(p.code as string)!, user_id: userId }))),
    (repo, chunk) => repo.insertAssignees(chunk),
    progress,
  );
  return { checklists: checklists.length, meters: meters.length, readings: readings.length, plans: written.length, elapsedMs: performance.now() - started };
}
