// Pure (Node). What the 12-month forecast reads, in a few set-based queries whatever the number of plans: the
// active plans × the equipment they apply to with their schedule's base (two queries: plans on one equipment,
// plans on a category), the meters, and the meters' readings of the last 90 days (one query for every meter,
// never one per meter). SQL only here; the math is shared/preventive/schedule.ts, in memory.
import type { Executor } from '../kernel/db/database';

export interface ForecastTarget {
  planId: number;
  planCode: string;
  planName: string;
  triggers: string;
  planCreatedAt: number;
  equipmentId: number;
  equipmentCode: string;
  equipmentDesignation: string;
  baseDate: string | null;
  baseTotal: number | null;
  lastDoneAt: number | null;
}

export interface ForecastMeter {
  id: number;
  equipmentId: number;
  name: string;
  lastTotal: number | null;
  lastReadAt: number | null;
  lastValue: number | null;
  lastReadingId: number | null;
}

export interface ForecastFilter {
  planId?: number;
  equipmentId?: number;
}

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

export class ForecastRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): ForecastRepository {
    return new ForecastRepository(trx);
  }

  /** Every active plan × equipment it applies to (scrapped equipment aside), with the schedule's base if any. */
  async targets(filter: ForecastFilter): Promise<ForecastTarget[]> {
    const columns = [
      'p.id as planId',
      'p.code as planCode',
      'p.name as planName',
      'p.triggers',
      'p.created_at as planCreatedAt',
      'e.id as equipmentId',
      'e.code as equipmentCode',
      'e.designation as equipmentDesignation',
      's.base_date as baseDate',
      's.base_total as baseTotal',
      's.last_done_at as lastDoneAt',
    ] as const;
    let onEquipment = this.db
      .selectFrom('pm_plans as p')
      .innerJoin('equipment as e', 'e.id', 'p.equipment_id')
      .leftJoin('pm_schedules as s', (join) => join.onRef('s.plan_id', '=', 'p.id').onRef('s.equipment_id', '=', 'e.id'))
      .select(columns)
      .where('p.status', '=', 'active')
      .where('e.status', '<>', 'scrapped');
    let onCategory = this.db
      .selectFrom('pm_plans as p')
      .innerJoin('equipment as e', 'e.category', 'p.category')
      .leftJoin('pm_schedules as s', (join) => join.onRef('s.plan_id', '=', 'p.id').onRef('s.equipment_id', '=', 'e.id'))
      .select(columns)
      .where('p.status', '=', 'active')
      .where('p.category', 'is not', null)
      .where('e.status', '<>', 'scrapped');
    if (filter.planId !== undefined) {
      onEquipment = onEquipment.where('p.id', '=', filter.planId);
      onCategory = onCategory.where('p.id', '=', filter.planId);
    }
    if (filter.equipmentId !== undefined) {
      onEquipment = onEquipment.where('e.id', '=', filter.equipmentId);
      onCategory = onCategory.where('e.id', '=', filter.equipmentId);
    }
    const [direct, byCategory] = await Promise.all([onEquipment.execute(), onCategory.execute()]);
    return [...direct, ...byCategory].map((row) => ({
      ...row,
      planId: Number(row.planId),
      planCreatedAt: Number(row.planCreatedAt),
      equipmentId: Number(row.equipmentId),
      baseTotal: num(row.baseTotal),
      lastDoneAt: num(row.lastDoneAt),
    }));
  }

  /** The active meters (of one equipment, when the forecast is filtered on it). */
  async meters(equipmentId?: number): Promise<ForecastMeter[]> {
    let query = this.db
      .selectFrom('meters')
      .select(['id', 'equipment_id as equipmentId', 'name', 'last_total as lastTotal', 'last_read_at as lastReadAt', 'last_value as lastValue', 'last_reading_id as lastReadingId'])
      .where('is_active', '=', 1);
    if (equipmentId !== undefined) query = query.where('equipment_id', '=', equipmentId);
    const rows = await query.execute();
    return rows.map((row) => ({
      ...row,
      id: Number(row.id),
      equipmentId: Number(row.equipmentId),
      lastTotal: num(row.lastTotal),
      lastReadAt: num(row.lastReadAt),
      lastValue: num(row.lastValue),
      lastReadingId: num(row.lastReadingId),
    }));
  }

  /** Readings since `since` of the active meters (of one equipment), in one query, by meter then time. */
  async readingsSince(since: number, equipmentId?: number): Promise<Map<number, { total: number; readAt: number }[]>> {
    const rows = await this.db
      .selectFrom('meter_readings as r')
      .select(['r.meter_id as meterId', 'r.total', 'r.read_at as readAt'])
      // IN (subquery) lets SQLite walk the (meter_id, read_at) index meter by meter.
      .where('r.meter_id', 'in', (eb) => {
        let meters = eb.selectFrom('meters').select('id').where('is_active', '=', 1);
        if (equipmentId !== undefined) meters = meters.where('equipment_id', '=', equipmentId);
        return meters;
      })
      .where('r.read_at', '>=', since)
      .orderBy('r.meter_id')
      .orderBy('r.read_at')
      .execute();
    const byMeter = new Map<number, { total: number; readAt: number }[]>();
    for (const row of rows) {
      const id = Number(row.meterId);
      let list = byMeter.get(id);
      if (!list) {
        list = [];
        byMeter.set(id, list);
      }
      list.push({ total: Number(row.total), readAt: Number(row.readAt) });
    }
    return byMeter;
  }

  /** The filters' choices: active plans, and the equipment any of them applies to. */
  async options(): Promise<{ plans: { id: number; code: string; name: string }[]; equipment: { id: number; code: string; designation: string }[] }> {
    const [plans, equipment] = await Promise.all([
      this.db.selectFrom('pm_plans').select(['id', 'code', 'name']).where('status', '=', 'active').orderBy('code').execute(),
      this.db
        .selectFrom('equipment as e')
        .select(['e.id', 'e.code', 'e.designation'])
        .where('e.status', '<>', 'scrapped')
        .where((eb) =>
          eb.or([
            eb.exists(eb.selectFrom('pm_plans as p').select('p.id').whereRef('p.equipment_id', '=', 'e.id').where('p.status', '=', 'active')),
            eb.exists(eb.selectFrom('pm_plans as p').select('p.id').whereRef('p.category', '=', 'e.category').where('p.status', '=', 'active')),
          ]),
        )
        .orderBy('e.code')
        .execute(),
    ]);
    return { plans: plans.map((p) => ({ ...p, id: Number(p.id) })), equipment: equipment.map((e) => ({ ...e, id: Number(e.id) })) };
  }
}
