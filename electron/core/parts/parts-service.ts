// Pure (Node). The parts catalog: load, decide in plain code, write in one short transaction, publish `parts` after
// the commit. Codes are unique whatever their case: checked before the insert for a clear answer, and by the unique
// index when two PCs save the same code at once. Edits are compare-and-set on `version` (the second of two managers
// saving the same part is told; nothing of the first is lost). Where-used links are idempotent small commands.
import {
  PARTS_PAGE_SIZE,
  type EquipmentPartLine,
  type PartDetail,
  type PartFields,
  type PartsListFilter,
  type PartsListResult,
} from '../../../shared/parts/contract';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { Database } from '../kernel/db/database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { ChangeFeed } from '../kernel/sessions/change-feed';
import type { EquipmentRepository } from '../equipment';
import type { PartRow, PartsRepository } from './parts-repository';

type Trx = Parameters<Parameters<Database['transaction']>[0]>[0];

interface Deps {
  database: Pick<Database, 'transaction'>;
  parts: PartsRepository;
  equipment: EquipmentRepository;
  audit: AuditRepository;
  clock: Clock;
  changes: ChangeFeed;
}

const codeTaken = () => new AppError('PART_CODE_TAKEN', 'Part code taken', [{ path: 'code', code: 'validation.partCodeTaken' }]);

export class PartsService {
  constructor(private readonly deps: Deps) {}

  async list(filter: PartsListFilter): Promise<PartsListResult> {
    const rows = await this.deps.parts.list({
      text: filter.text || undefined,
      category: filter.category || undefined,
      belowMin: filter.belowMin || undefined,
      after: filter.cursor || undefined,
      limit: PARTS_PAGE_SIZE + 1,
    });
    const page = rows.slice(0, PARTS_PAGE_SIZE);
    return { rows: page, nextCursor: rows.length > PARTS_PAGE_SIZE ? page[page.length - 1]!.code : null };
  }

  async lookup(text: string): Promise<{ exact: { code: string } | null }> {
    if (!text) return { exact: null };
    const row = await this.deps.parts.findByCode(text);
    return { exact: row ? { code: row.code } : null };
  }

  categories(): Promise<string[]> {
    return this.deps.parts.categories();
  }

  async get(code: string): Promise<PartDetail> {
    const row = await this.deps.parts.findByCode(code);
    if (!row) throw new AppError('NOT_FOUND', 'No such part');
    return this.detail(row);
  }

  private async detail(row: PartRow): Promise<PartDetail> {
    const id = Number(row.id);
    const [suppliers, whereUsed, stock, stores] = await Promise.all([
      this.deps.parts.suppliersOf([id]),
      this.deps.parts.whereUsed(id),
      this.deps.parts.stockLines(id),
      this.deps.parts.storeLines(id),
    ]);
    const stockMilli = stores.reduce((sum, store) => sum + store.stockMilli, 0);
    const reservedMilli = stores.reduce((sum, store) => sum + store.reservedMilli, 0);
    return {
      id,
      code: row.code,
      designation: row.designation,
      manufacturer: row.manufacturer,
      manufacturerRef: row.manufacturer_ref,
      unit: row.unit,
      category: row.category,
      notes: row.notes,
      isActive: Number(row.is_active) === 1,
      version: Number(row.version),
      avgCostCents: Number(row.avg_cost_cents),
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      suppliers: suppliers.map(({ partId: _partId, ...supplier }) => supplier),
      whereUsed,
      stock,
      stores: stores.map((store) => ({ ...store, availableMilli: store.stockMilli - store.reservedMilli })),
      stockMilli,
      availableMilli: stockMilli - reservedMilli,
    };
  }

  async create(fields: PartFields, actorUserId: number): Promise<PartDetail> {
    const now = this.deps.clock.now();
    await this.write(fields.code, async (trx) => {
      const parts = this.deps.parts.in(trx);
      if (await parts.findByCode(fields.code)) throw codeTaken();
      const row = await parts.insert(fields, now);
      await parts.replaceSuppliers(Number(row.id), withOnePreferred(fields.suppliers), now);
      await this.deps.audit.in(trx).append({ eventType: 'part.created', actorUserId, subjectLabel: fields.code, details: { designation: fields.designation } }, now);
    });
    this.deps.changes.publish('parts');
    return this.get(fields.code);
  }

  async update(input: PartFields & { id: number; expectedVersion: number }, actorUserId: number): Promise<PartDetail> {
    const now = this.deps.clock.now();
    await this.write(input.code, async (trx) => {
      const parts = this.deps.parts.in(trx);
      const before = await parts.findById(input.id);
      if (!before) throw new AppError('NOT_FOUND', 'No such part');
      if (Number(before.version) !== input.expectedVersion) throw new AppError('PART_CHANGED_MEANWHILE', 'The part changed since the form was loaded');
      const other = await parts.findByCode(input.code);
      if (other && Number(other.id) !== input.id) throw codeTaken();
      if (!(await parts.update(input.id, input.expectedVersion, input, now))) throw new AppError('PART_CHANGED_MEANWHILE', 'The part changed since the form was loaded');
      await parts.replaceSuppliers(input.id, withOnePreferred(input.suppliers), now);
      await this.deps.audit.in(trx).append({ eventType: 'part.updated', actorUserId, subjectLabel: input.code, details: { changes: changedFields(before, input) } }, now);
    });
    this.deps.changes.publish('parts');
    return this.get(input.code);
  }

  async addEquipment(partId: number, equipmentCode: string, actorUserId: number): Promise<PartDetail> {
    const now = this.deps.clock.now();
    const code = await this.deps.database.transaction(async (trx) => {
      const part = await this.deps.parts.in(trx).findById(partId);
      if (!part) throw new AppError('NOT_FOUND', 'No such part');
      const equipment = await this.deps.equipment.in(trx).findByCode(equipmentCode);
      if (!equipment) throw new AppError('EQUIPMENT_NOT_FOUND', 'No such equipment', [{ path: 'equipmentCode', code: 'validation.equipmentUnknown' }]);
      await this.deps.parts.in(trx).addEquipment(partId, Number(equipment.id));
      await this.deps.audit.in(trx).append({ eventType: 'part.where_used_added', actorUserId, subjectLabel: part.code, details: { equipment: equipment.code } }, now);
      return part.code;
    });
    this.deps.changes.publish('parts');
    return this.get(code);
  }

  async removeEquipment(partId: number, equipmentId: number, actorUserId: number): Promise<PartDetail> {
    const now = this.deps.clock.now();
    const code = await this.deps.database.transaction(async (trx) => {
      const part = await this.deps.parts.in(trx).findById(partId);
      if (!part) throw new AppError('NOT_FOUND', 'No such part');
      const equipment = await this.deps.equipment.in(trx).findById(equipmentId);
      if (await this.deps.parts.in(trx).removeEquipment(partId, equipmentId)) {
        await this.deps.audit.in(trx).append({ eventType: 'part.where_used_removed', actorUserId, subjectLabel: part.code, details: { equipment: equipment?.code ?? equipmentId } }, now);
      }
      return part.code;
    });
    this.deps.changes.publish('parts');
    return this.get(code);
  }

  forEquipment(equipmentId: number): Promise<EquipmentPartLine[]> {
    return this.deps.parts.forEquipment(equipmentId);
  }

  /** A write whose insert may still meet the unique index (another PC, same code, same instant): said clearly. */
  private async write(code: string, write: (trx: Trx) => Promise<void>): Promise<void> {
    try {
      await this.deps.database.transaction(write);
    } catch (error) {
      if (!(error instanceof AppError) && (await this.deps.parts.findByCode(code))) throw codeTaken();
      throw error;
    }
  }
}

/** At most one preferred supplier; when several are listed and none is ticked, none is. */
function withOnePreferred<T extends { isPreferred: boolean }>(suppliers: readonly T[]): T[] {
  let seen = false;
  return suppliers.map((supplier) => {
    const isPreferred = supplier.isPreferred && !seen;
    if (isPreferred) seen = true;
    return { ...supplier, isPreferred };
  });
}

/** What the audit line says changed (field names, old → new), never the notes' whole text. */
function changedFields(before: PartRow, after: PartFields): Record<string, unknown> {
  const next: Record<string, unknown> = {
    code: after.code,
    designation: after.designation,
    manufacturer: after.manufacturer,
    manufacturer_ref: after.manufacturerRef,
    unit: after.unit,
    category: after.category,
    notes: after.notes,
    is_active: after.isActive ? 1 : 0,
  };
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const raw = (before as unknown as Record<string, unknown>)[key];
    const old = typeof raw === 'bigint' ? Number(raw) : raw;
    if ((old ?? null) !== value) changes[key] = key === 'notes' ? 'modifiées' : { from: old ?? null, to: value };
  }
  changes.suppliers = after.suppliers.length;
  return changes;
}
