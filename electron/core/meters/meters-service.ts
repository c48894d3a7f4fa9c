// Pure (Node). Compteurs and relevés: load, decide in plain code, write in one short transaction, publish after
// the commit (`meters` wakes the preventive generator; `equipment` refreshes the equipment page). A reading is the
// repository's atomic `record` (insert + compare-and-set on the meter); when another PC saved a reading of the
// same meter in between, the whole transaction rolls back and is tried once more on the fresh meter, so nothing
// is ever written with a total computed from a stale base; a second collision asks the person to retry.
import {
  METER_HISTORY_PAGE_SIZE,
  METER_USAGE_DAYS,
  type MeterView,
  type MetersOfEquipment,
  type ReadingHistory,
  type ReadingView,
  type RecordedReading,
} from '../../../shared/meters/contract';
import type { Role } from '../../../shared/contract';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { Database } from '../kernel/db/database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { ChangeFeed } from '../kernel/sessions/change-feed';
import type { EquipmentRepository } from '../equipment';
import type { MeterReadingRow, MeterRow, MetersRepository, RecordReadingResult } from './meters-repository';

export interface Actor {
  userId: number;
  role: Role;
}

interface Deps {
  database: Pick<Database, 'transaction'>;
  meters: MetersRepository;
  equipment: EquipmentRepository;
  audit: AuditRepository;
  clock: Clock;
  changes: ChangeFeed;
  /** The shop PC's name, stored on every reading. */
  workstation: string;
}

const DAY = 86_400_000;
/** Below this span between the first and the last reading, a per-day figure would be noise (two readings a minute apart). */
const MIN_USAGE_SPAN = DAY / 2;

/** Thrown inside the transaction to roll the reading's insert back when the meter moved meanwhile. */
class MeterMovedError extends Error {}

export interface RecordInput {
  meterId: number;
  value: number;
  isReset: boolean;
  note: string | null;
  workOrderId?: number | null;
}

/** Units per day between the earliest reading of the window and the last one, or null when that says nothing. */
export function usagePerDay(meter: Pick<MeterRow, 'last_total' | 'last_read_at'>, base: { firstTotal: number; firstReadAt: number; count: number } | undefined): number | null {
  if (!base || base.count < 2 || meter.last_total === null || meter.last_read_at === null) return null;
  const span = meter.last_read_at - base.firstReadAt;
  if (span < MIN_USAGE_SPAN) return null;
  return (meter.last_total - base.firstTotal) / (span / DAY);
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('fr') === b.trim().toLocaleLowerCase('fr');

export class MetersService {
  constructor(private readonly deps: Deps) {}

  // ——— Reads ———

  async forEquipment(code: string): Promise<MetersOfEquipment> {
    const equipment = await this.deps.equipment.findByCode(code);
    if (!equipment) throw new AppError('EQUIPMENT_NOT_FOUND', 'No such equipment');
    const rows = await this.deps.meters.listWithLastReader(Number(equipment.id));
    const now = this.deps.clock.now();
    const bases = await this.deps.meters.usageBases(
      rows.map((row) => Number(row.id)),
      now - METER_USAGE_DAYS * DAY,
    );
    return {
      equipment: { id: Number(equipment.id), code: equipment.code, designation: equipment.designation },
      meters: rows.map((row) => toView(row, bases.get(Number(row.id)))),
      asOf: now,
    };
  }

  async history(meterId: number, before: number | undefined): Promise<ReadingHistory> {
    const meter = await this.view(meterId);
    const rows = await this.deps.meters.history(meterId, { before, limit: METER_HISTORY_PAGE_SIZE + 1 });
    const page = rows.slice(0, METER_HISTORY_PAGE_SIZE);
    return { meter, items: page.map((row) => toReading(row, row.user_name)), nextBefore: rows.length > METER_HISTORY_PAGE_SIZE ? Number(page[page.length - 1]!.id) : null };
  }

  private async view(meterId: number): Promise<MeterView> {
    const row = await this.deps.meters.findWithLastReader(meterId);
    if (!row) throw new AppError('NOT_FOUND', 'No such meter');
    const bases = await this.deps.meters.usageBases([meterId], this.deps.clock.now() - METER_USAGE_DAYS * DAY);
    return toView(row, bases.get(meterId));
  }

  // ——— Meters (managers) ———

  async create(input: { equipmentId: number; name: string; unit: string }, actor: Actor): Promise<MeterView> {
    const now = this.deps.clock.now();
    const id = await this.writeMeter(input.equipmentId, input.name, null, async (trx) => {
      const equipment = await this.deps.equipment.in(trx).findById(input.equipmentId);
      if (!equipment) throw new AppError('EQUIPMENT_NOT_FOUND', 'No such equipment');
      await this.assertNameFree(this.deps.meters.in(trx), input.equipmentId, input.name, null);
      const meter = await this.deps.meters.in(trx).insert({ equipmentId: input.equipmentId, name: input.name, unit: input.unit, at: now });
      await this.deps.audit.in(trx).append({ eventType: 'meter.created', actorUserId: actor.userId, subjectLabel: `${equipment.code} — ${input.name}`, details: { unit: input.unit } }, now);
      return Number(meter.id);
    });
    this.deps.changes.publish('meters', 'equipment');
    return this.view(id);
  }

  async update(input: { id: number; name: string; unit: string; isActive: boolean }, actor: Actor): Promise<MeterView> {
    const now = this.deps.clock.now();
    const existing = await this.deps.meters.findById(input.id);
    if (!existing) throw new AppError('NOT_FOUND', 'No such meter');
    await this.writeMeter(Number(existing.equipment_id), input.name, input.id, async (trx) => {
      const meters = this.deps.meters.in(trx);
      const before = await meters.findById(input.id);
      if (!before) throw new AppError('NOT_FOUND', 'No such meter');
      await this.assertNameFree(meters, Number(before.equipment_id), input.name, input.id);
      await meters.update(input.id, { name: input.name, unit: input.unit, isActive: input.isActive, at: now });
      const equipment = await this.deps.equipment.in(trx).findById(Number(before.equipment_id));
      await this.deps.audit.in(trx).append(
        {
          eventType: 'meter.updated',
          actorUserId: actor.userId,
          subjectLabel: `${equipment?.code ?? ''} — ${input.name}`,
          details: { before: { name: before.name, unit: before.unit, active: before.is_active === 1 }, after: { name: input.name, unit: input.unit, active: input.isActive } },
        },
        now,
      );
      return input.id;
    });
    this.deps.changes.publish('meters', 'equipment');
    return this.view(input.id);
  }

  private async assertNameFree(meters: MetersRepository, equipmentId: number, name: string, exceptId: number | null): Promise<void> {
    const taken = (await meters.listForEquipment(equipmentId)).some((meter) => Number(meter.id) !== exceptId && sameName(meter.name, name));
    if (taken) throw nameTaken(name);
  }

  /** A write whose insert may still meet the unique index (two managers, same name, same instant): said clearly. */
  private async writeMeter(equipmentId: number, name: string, exceptId: number | null, write: Parameters<Database['transaction']>[0]): Promise<number> {
    try {
      return (await this.deps.database.transaction(write)) as number;
    } catch (error) {
      if (!(error instanceof AppError)) {
        const other = await this.deps.meters.findByName(equipmentId, name.trim());
        if (other && Number(other.id) !== exceptId) throw nameTaken(name);
      }
      throw error;
    }
  }

  // ——— Relevés (anyone signed in) ———

  async record(input: RecordInput, actor: Actor): Promise<RecordedReading> {
    let outcome: RecordReadingResult | null = null;
    // Once more on the fresh meter when another PC wrote in between; then the person is asked to retry.
    for (let attempt = 0; attempt < 2 && (outcome === null || (!outcome.ok && outcome.reason === 'meter_changed')); attempt += 1) {
      outcome = await this.tryRecord(input, actor);
    }
    if (!outcome!.ok) {
      const refused = outcome!;
      switch (refused.reason) {
        case 'meter_not_found':
          throw new AppError('NOT_FOUND', 'No such meter');
        case 'meter_inactive':
          throw new AppError('METER_INACTIVE', 'The meter is deactivated');
        case 'below_last':
          throw new AppError('METER_READING_BELOW_LAST', 'The value is below the last reading', [{ path: 'value', code: 'validation.meterBelowLast', params: { last: refused.lastValue } }], {
            lastValue: refused.lastValue,
          });
        case 'meter_changed':
          throw new AppError('METER_CHANGED_MEANWHILE', 'Another reading of this meter was saved meanwhile, twice');
      }
    }
    const meter = await this.view(input.meterId);
    this.deps.changes.publish('meters', 'equipment');
    const reading = (outcome as { ok: true; reading: MeterReadingRow }).reading;
    const saved = await this.deps.meters.findReading(Number(reading.id));
    return { reading: toReading(reading, saved?.user_name ?? null), meter };
  }

  private async tryRecord(input: RecordInput, actor: Actor): Promise<RecordReadingResult> {
    const now = this.deps.clock.now();
    try {
      return await this.deps.database.transaction(async (trx) => {
        const result = await this.deps.meters.in(trx).record({
          meterId: input.meterId,
          value: input.value,
          isReset: input.isReset,
          readAt: now,
          userId: actor.userId,
          workstation: this.deps.workstation,
          workOrderId: input.workOrderId ?? null,
          note: input.note,
        });
        if (!result.ok && result.reason === 'meter_changed') throw new MeterMovedError();
        return result;
      });
    } catch (error) {
      if (error instanceof MeterMovedError) return { ok: false, reason: 'meter_changed' };
      throw error;
    }
  }
}

function nameTaken(name: string): AppError {
  return new AppError('METER_NAME_TAKEN', 'This equipment already has a meter with this name', [{ path: 'name', code: 'validation.meterNameTaken', params: { name: name.trim() } }]);
}

function toView(row: MeterRow & { last_read_by: string | null }, base: { firstTotal: number; firstReadAt: number; count: number } | undefined): MeterView {
  const lastTotal = row.last_total === null ? null : Number(row.last_total);
  const lastReadAt = row.last_read_at === null ? null : Number(row.last_read_at);
  return {
    id: Number(row.id),
    equipmentId: Number(row.equipment_id),
    name: row.name,
    unit: row.unit,
    isActive: row.is_active === 1,
    lastValue: row.last_value === null ? null : Number(row.last_value),
    lastTotal,
    lastReadAt,
    lastReadBy: row.last_read_by,
    usagePerDay: usagePerDay({ last_total: lastTotal, last_read_at: lastReadAt }, base),
    updatedAt: Number(row.updated_at),
  };
}

function toReading(row: MeterReadingRow, userName: string | null): ReadingView {
  return {
    id: Number(row.id),
    meterId: Number(row.meter_id),
    value: Number(row.value),
    total: Number(row.total),
    isReset: row.is_reset === 1,
    readAt: Number(row.read_at),
    userName,
    workstation: row.workstation,
    note: row.note,
    workOrderId: row.work_order_id === null ? null : Number(row.work_order_id),
  };
}
