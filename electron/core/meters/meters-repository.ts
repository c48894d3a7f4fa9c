// Pure (Node). Compteurs and relevés: SQL only here. A reading is one short transaction: insert the reading, then
// move the meter's `last_*` with a compare-and-set on `last_reading_id`, so two PCs entering a reading of the same
// meter at once can't both pass the "not below the last one" check against the same last value: the second one
// finds the meter moved and is refused (METER_CHANGED) instead of writing a total computed from a stale base.
import type { Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { MeterReadingsTable, MetersTable } from '../kernel/db/schema';

export type MeterRow = Selectable<MetersTable>;
export type MeterReadingRow = Selectable<MeterReadingsTable>;

export interface NewReading {
  meterId: number;
  value: number;
  /** "Remise à zéro / compteur changé": the value restarts from 0, the total keeps counting. */
  isReset: boolean;
  readAt: number;
  userId: number | null;
  workstation: string;
  workOrderId?: number | null;
  note?: string | null;
}

export type RecordReadingResult =
  | { ok: true; reading: MeterReadingRow }
  | { ok: false; reason: 'meter_not_found' | 'meter_inactive' }
  | { ok: false; reason: 'below_last'; lastValue: number }
  /** Another reading of this meter was saved between our load and our write: the caller reloads and asks again. */
  | { ok: false; reason: 'meter_changed' };

/** The cumulative usage after a reading: what every meter trigger counts on (a reset doesn't lose the hours). */
export function totalAfter(meter: Pick<MeterRow, 'last_value' | 'last_total'>, value: number, isReset: boolean): number {
  if (meter.last_total === null || meter.last_value === null) return value;
  return isReset ? meter.last_total + value : meter.last_total + (value - meter.last_value);
}

export class MetersRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): MetersRepository {
    return new MetersRepository(trx);
  }

  async insert(input: { equipmentId: number; name: string; unit: string; at: number }): Promise<MeterRow> {
    return this.db
      .insertInto('meters')
      .values({ equipment_id: input.equipmentId, name: input.name, unit: input.unit, created_at: input.at, updated_at: input.at })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  findById(id: number): Promise<MeterRow | undefined> {
    return this.db.selectFrom('meters').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByName(equipmentId: number, name: string): Promise<MeterRow | undefined> {
    return this.db.selectFrom('meters').selectAll().where('equipment_id', '=', equipmentId).where('name', '=', name).executeTakeFirst();
  }

  /** Rename, change the unit, (de)activate: the meter's readings and totals are untouched. */
  async update(id: number, fields: { name: string; unit: string; isActive: boolean; at: number }): Promise<void> {
    await this.db
      .updateTable('meters')
      .set({ name: fields.name, unit: fields.unit, is_active: fields.isActive ? 1 : 0, updated_at: fields.at })
      .where('id', '=', id)
      .execute();
  }

  /** The meters of an equipment with who entered their last reading (display name), active first, then by name. */
  listWithLastReader(equipmentId: number): Promise<(MeterRow & { last_read_by: string | null })[]> {
    return this.db
      .selectFrom('meters')
      .leftJoin('meter_readings', 'meter_readings.id', 'meters.last_reading_id')
      .leftJoin('users', 'users.id', 'meter_readings.user_id')
      .selectAll('meters')
      .select('users.display_name as last_read_by')
      .where('meters.equipment_id', '=', equipmentId)
      .orderBy('meters.is_active', 'desc')
      .orderBy('meters.name')
      .orderBy('meters.id')
      .execute();
  }

  /** One meter with who entered its last reading. */
  findWithLastReader(id: number): Promise<(MeterRow & { last_read_by: string | null }) | undefined> {
    return this.db
      .selectFrom('meters')
      .leftJoin('meter_readings', 'meter_readings.id', 'meters.last_reading_id')
      .leftJoin('users', 'users.id', 'meter_readings.user_id')
      .selectAll('meters')
      .select('users.display_name as last_read_by')
      .where('meters.id', '=', id)
      .executeTakeFirst();
  }

  /**
   * Per meter, the earliest reading since `since` (its total and instant) and how many there are: with the
   * meter's last total, the usage per day is (last_total − first total) ÷ days between them. Totals only grow
   * (a reset adds its value to the total), so the smallest total is the earliest reading's.
   */
  async usageBases(meterIds: readonly number[], since: number): Promise<Map<number, { firstTotal: number; firstReadAt: number; count: number }>> {
    const bases = new Map<number, { firstTotal: number; firstReadAt: number; count: number }>();
    if (meterIds.length === 0) return bases;
    const rows = await this.db
      .selectFrom('meter_readings')
      .select((eb) => ['meter_id', eb.fn.min('total').as('first_total'), eb.fn.min('read_at').as('first_read_at'), eb.fn.countAll().as('count')])
      .where('meter_id', 'in', [...meterIds])
      .where('read_at', '>=', since)
      .groupBy('meter_id')
      .execute();
    // PostgreSQL answers MIN over bigint and COUNT as strings.
    for (const row of rows) bases.set(Number(row.meter_id), { firstTotal: Number(row.first_total), firstReadAt: Number(row.first_read_at), count: Number(row.count) });
    return bases;
  }

  /** A meter's readings newest first, with who entered each (display name); keyset on the reading id. */
  history(meterId: number, options: { before?: number; limit: number }): Promise<(MeterReadingRow & { user_name: string | null })[]> {
    let query = this.db
      .selectFrom('meter_readings')
      .leftJoin('users', 'users.id', 'meter_readings.user_id')
      .selectAll('meter_readings')
      .select('users.display_name as user_name')
      .where('meter_readings.meter_id', '=', meterId);
    if (options.before !== undefined) query = query.where('meter_readings.id', '<', options.before);
    return query.orderBy('meter_readings.id', 'desc').limit(options.limit).execute();
  }

  /** One reading with who entered it. */
  findReading(id: number): Promise<(MeterReadingRow & { user_name: string | null }) | undefined> {
    return this.db
      .selectFrom('meter_readings')
      .leftJoin('users', 'users.id', 'meter_readings.user_id')
      .selectAll('meter_readings')
      .select('users.display_name as user_name')
      .where('meter_readings.id', '=', id)
      .executeTakeFirst();
  }

  listForEquipment(equipmentId: number): Promise<MeterRow[]> {
    return this.db.selectFrom('meters').selectAll().where('equipment_id', '=', equipmentId).orderBy('name').orderBy('id').execute();
  }

  /** Readings of a meter from `since` (inclusive), oldest first: the usage projection's input. */
  readingsSince(meterId: number, since: number): Promise<MeterReadingRow[]> {
    return this.db.selectFrom('meter_readings').selectAll().where('meter_id', '=', meterId).where('read_at', '>=', since).orderBy('read_at').orderBy('id').execute();
  }

  /**
   * Records a reading. Run it inside a transaction (`kernel.db.transaction(trx => repo.in(trx).record(...))`): the
   * insert and the compare-and-set on the meter must commit or roll back together; on `meter_changed` the caller
   * throws to roll the insert back.
   */
  async record(input: NewReading): Promise<RecordReadingResult> {
    const meter = await this.findById(input.meterId);
    if (!meter) return { ok: false, reason: 'meter_not_found' };
    if (meter.is_active !== 1) return { ok: false, reason: 'meter_inactive' };
    if (!input.isReset && meter.last_value !== null && input.value < meter.last_value) return { ok: false, reason: 'below_last', lastValue: meter.last_value };
    const total = totalAfter(meter, input.value, input.isReset);
    const reading = await this.db
      .insertInto('meter_readings')
      .values({
        meter_id: meter.id,
        value: input.value,
        total,
        is_reset: input.isReset ? 1 : 0,
        read_at: input.readAt,
        user_id: input.userId,
        workstation: input.workstation,
        work_order_id: input.workOrderId ?? null,
        note: input.note ?? null,
        created_at: input.readAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const moved = await this.db
      .updateTable('meters')
      .set({ last_value: input.value, last_total: total, last_read_at: input.readAt, last_reading_id: reading.id, updated_at: input.readAt })
      .where('id', '=', meter.id)
      .where((eb) => (meter.last_reading_id === null ? eb('last_reading_id', 'is', null) : eb('last_reading_id', '=', meter.last_reading_id)))
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return { ok: false, reason: 'meter_changed' };
    return { ok: true, reading };
  }
}
