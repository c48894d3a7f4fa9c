// Pure (Node). Localisations and équipements: load, decide in plain code (equipment-rules.ts), write in one short
// transaction, publish the change after the commit. Codes are unique whatever their case: checked before the
// insert for a clear answer, and by the unique index for two PCs saving the same code at once. Edits are
// compare-and-set on `updated_at`, so the second of two managers saving the same equipment is told, and nothing of
// the first is lost.
import type { Role } from '../../../shared/contract';
import {
  EQUIPMENT_MAX_DEPTH,
  EQUIPMENT_PAGE_SIZE,
  LOOKUP_LIMIT,
  TIMELINE_LIMIT,
  type EquipmentDetail,
  type EquipmentFields,
  type EquipmentListFilter,
  type EquipmentLookup,
  type EquipmentListResult,
  type EquipmentSummary,
  type EquipmentTimeline,
  type LocationNode,
  type TimelineEntry,
} from '../../../shared/equipment/contract';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { Database } from '../kernel/db/database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { ChangeFeed } from '../kernel/sessions/change-feed';
import { judgeParent, kindUnder, locationPath, pathLabel, subtreeIds } from './equipment-rules';
import type { EquipmentListRow, EquipmentRepository, EquipmentRow } from './equipment-repository';
import type { LocationRow, LocationsRepository } from './locations-repository';
import type { DowntimesRepository } from './downtimes-repository';

export interface Actor {
  userId: number;
  role: Role;
}

interface Deps {
  database: Pick<Database, 'transaction'>;
  equipment: EquipmentRepository;
  locations: LocationsRepository;
  downtimes: DowntimesRepository;
  audit: AuditRepository;
  clock: Clock;
  changes: ChangeFeed;
}

const toNode = (row: LocationRow): LocationNode => ({ id: Number(row.id), code: row.code, name: row.name, kind: row.kind, parentId: row.parent_id === null ? null : Number(row.parent_id) });

export class EquipmentService {
  constructor(private readonly deps: Deps) {}

  // ——— Localisations ———

  async locationTree(): Promise<LocationNode[]> {
    return (await this.deps.locations.all()).map(toNode);
  }

  async createLocation(input: { code: string; name: string; parentId: number | null }, actor: Actor): Promise<LocationNode> {
    const now = this.deps.clock.now();
    const id = await this.writeLocation(input.code, async (trx) => {
      const locations = this.deps.locations.in(trx);
      const parent = input.parentId === null ? null : await locations.findById(input.parentId);
      if (input.parentId !== null && !parent) throw new AppError('VALIDATION_FAILED', 'Unknown parent location', [{ path: 'parentId', code: 'validation.locationUnknown' }]);
      const kind = kindUnder(parent?.kind ?? null);
      if (kind === null) throw new AppError('LOCATION_TOO_DEEP', 'A line has no children');
      await this.assertLocationCodeFree(locations, input.code, null);
      const newId = await locations.insert({ code: input.code, name: input.name, kind, parent_id: input.parentId, created_at: now, updated_at: now });
      await this.deps.audit.in(trx).append({ eventType: 'location.created', actorUserId: actor.userId, subjectLabel: input.code, details: { name: input.name, kind } }, now);
      return newId;
    });
    this.deps.changes.publish('locations');
    return toNode((await this.deps.locations.findById(id))!);
  }

  async updateLocation(input: { id: number; code: string; name: string }, actor: Actor): Promise<LocationNode> {
    const now = this.deps.clock.now();
    await this.writeLocation(input.code, async (trx) => {
      const locations = this.deps.locations.in(trx);
      const before = await locations.findById(input.id);
      if (!before) throw new AppError('NOT_FOUND', 'No such location');
      await this.assertLocationCodeFree(locations, input.code, input.id);
      await locations.rename(input.id, input.code, input.name, now);
      await this.deps.audit
        .in(trx)
        .append({ eventType: 'location.updated', actorUserId: actor.userId, subjectLabel: input.code, details: { before: { code: before.code, name: before.name }, after: { code: input.code, name: input.name } } }, now);
      return input.id;
    });
    // Equipment lists show location names: they change too.
    this.deps.changes.publish('locations', 'equipment');
    return toNode((await this.deps.locations.findById(input.id))!);
  }

  private async assertLocationCodeFree(locations: LocationsRepository, code: string, exceptId: number | null): Promise<void> {
    const other = await locations.findByCode(code);
    if (other && Number(other.id) !== exceptId) throw new AppError('LOCATION_CODE_TAKEN', 'Location code taken', [{ path: 'code', code: 'validation.locationCodeTaken' }]);
  }

  /** A write whose insert may still meet the unique index (another PC, same code, same instant): said clearly. */
  private async writeLocation(code: string, write: Parameters<Database['transaction']>[0]): Promise<number> {
    try {
      return (await this.deps.database.transaction(write)) as number;
    } catch (error) {
      if (!(error instanceof AppError) && (await this.deps.locations.findByCode(code))) {
        throw new AppError('LOCATION_CODE_TAKEN', 'Location code taken', [{ path: 'code', code: 'validation.locationCodeTaken' }]);
      }
      throw error;
    }
  }

  // ——— Équipements: reads ———

  async list(filter: EquipmentListFilter): Promise<EquipmentListResult> {
    const nodes = await this.locationTree();
    const rows = await this.deps.equipment.list({
      text: filter.text || undefined,
      locationIds: filter.locationId === undefined ? undefined : subtreeIds(nodes, filter.locationId),
      status: filter.status,
      criticality: filter.criticality,
      category: filter.category || undefined,
      after: filter.after,
      limit: EQUIPMENT_PAGE_SIZE + 1,
    });
    const page = rows.slice(0, EQUIPMENT_PAGE_SIZE);
    return { items: page.map((row) => summary(row, nodes)), nextAfter: rows.length > EQUIPMENT_PAGE_SIZE ? page[page.length - 1]!.code : null, asOf: this.deps.clock.now() };
  }

  async lookup(text: string): Promise<EquipmentLookup> {
    if (!text) return { exact: null, matches: [] };
    const nodes = await this.locationTree();
    const exactRow = await this.deps.equipment.listRowByCode(text);
    const rows = await this.deps.equipment.list({ text, limit: LOOKUP_LIMIT + 1 });
    const matches = rows.filter((row) => row.id !== exactRow?.id).slice(0, LOOKUP_LIMIT);
    return { exact: exactRow ? summary(exactRow, nodes) : null, matches: matches.map((row) => summary(row, nodes)) };
  }

  async get(code: string): Promise<EquipmentDetail> {
    const row = await this.deps.equipment.findByCode(code);
    if (!row) throw new AppError('NOT_FOUND', 'No such equipment');
    return this.detail(row);
  }

  private async detail(row: EquipmentRow): Promise<EquipmentDetail> {
    const id = Number(row.id);
    const nodes = await this.locationTree();
    const parent = row.parent_id === null ? undefined : await this.deps.equipment.findById(Number(row.parent_id));
    const children = await this.deps.equipment.childrenOf([id]);
    const open = await this.deps.equipment.countOpenWork(id);
    const downtime = await this.openDowntime(id);
    return {
      id,
      code: row.code,
      designation: row.designation,
      locationId: row.location_id === null ? null : Number(row.location_id),
      parentCode: parent?.code ?? null,
      category: row.category,
      criticality: row.criticality,
      status: row.status,
      manufacturer: row.manufacturer,
      model: row.model,
      serialNumber: row.serial_number,
      commissionedOn: row.commissioned_on,
      notes: row.notes,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      locationPath: locationPath(nodes, row.location_id === null ? null : Number(row.location_id)),
      parent: parent ? { code: parent.code, designation: parent.designation } : null,
      children: children.map((child) => ({ code: child.code, designation: child.designation, status: child.status })),
      openDowntime: downtime,
      openRequests: open.requests,
      openWorkOrders: open.workOrders,
      asOf: this.deps.clock.now(),
    };
  }

  private async openDowntime(equipmentId: number): Promise<EquipmentDetail['openDowntime']> {
    const row = await this.deps.downtimes.findOpen(equipmentId);
    return row ? { id: Number(row.id), startedAt: Number(row.started_at), requestId: row.request_id === null ? null : Number(row.request_id) } : null;
  }

  /**
   * Every DI, OT and downtime of the equipment and of its sub-assemblies, newest first. A requester sees the
   * downtimes and their own DIs only: the others' DIs and the OTs are not theirs to read.
   */
  async timeline(code: string, actor: Actor): Promise<EquipmentTimeline> {
    const row = await this.deps.equipment.findByCode(code);
    if (!row) throw new AppError('NOT_FOUND', 'No such equipment');
    const family = await this.familyOf(Number(row.id));
    const ids = family.map((member) => Number(member.id));
    const codeOf = new Map(family.map((member) => [Number(member.id), member.code]));
    const now = this.deps.clock.now();
    const requester = actor.role === 'requester';
    const requests = await this.deps.equipment.timelineRequests(ids, TIMELINE_LIMIT + 1, requester ? actor.userId : undefined);
    const workOrders = requester ? [] : await this.deps.equipment.timelineWorkOrders(ids, TIMELINE_LIMIT + 1);
    const downtimes = await this.deps.equipment.timelineDowntimes(ids, TIMELINE_LIMIT + 1);
    const entries: TimelineEntry[] = [
      ...requests.map((r): TimelineEntry => ({ kind: 'request', at: r.created_at, number: r.number, status: r.status, label: r.symptom, equipmentCode: codeOf.get(r.equipment_id) ?? '', machineStopped: r.machine_stopped === 1 })),
      ...workOrders.map((o): TimelineEntry => ({ kind: 'work_order', at: o.created_at, number: o.number, status: o.status, label: o.title, equipmentCode: codeOf.get(o.equipment_id) ?? '', type: o.type })),
      ...downtimes.map(
        (d): TimelineEntry => ({ kind: 'downtime', at: d.started_at, endedAt: d.ended_at, durationMs: (d.ended_at ?? Math.max(now, d.started_at)) - d.started_at, equipmentCode: codeOf.get(d.equipment_id) ?? '', planned: d.planned }),
      ),
    ];
    // Newest first; at the same instant a downtime comes after the DI that opened it (it reads as a consequence).
    const rank = { request: 0, work_order: 1, downtime: 2 } as const;
    entries.sort((a, b) => b.at - a.at || rank[a.kind] - rank[b.kind]);
    const truncated = entries.length > TIMELINE_LIMIT;
    return { entries: entries.slice(0, TIMELINE_LIMIT), truncated, includes: family.slice(1).map((member) => member.code), asOf: now };
  }

  /** The equipment, then its sub-assemblies and their components (three levels at most). */
  private async familyOf(id: number, equipment: EquipmentRepository = this.deps.equipment): Promise<EquipmentRow[]> {
    const self = await equipment.findById(id);
    if (!self) return [];
    const family = [self];
    let level = [id];
    for (let depth = 1; depth < EQUIPMENT_MAX_DEPTH + 1 && level.length > 0; depth++) {
      const children = await equipment.childrenOf(level);
      family.push(...children);
      level = children.map((child) => Number(child.id));
    }
    return family;
  }

  // ——— Équipements: writes ———

  async create(fields: EquipmentFields, actor: Actor): Promise<EquipmentDetail> {
    const now = this.deps.clock.now();
    await this.writeEquipment(fields.code, async (trx) => {
      const equipment = this.deps.equipment.in(trx);
      await this.assertCodeFree(equipment, fields.code, null);
      await this.assertLocation(trx, fields.locationId);
      const parentId = await this.decideParent(equipment, null, fields.parentCode);
      await equipment.insert({ ...columnsOf(fields), parent_id: parentId, created_at: now, updated_at: now });
      await this.deps.audit.in(trx).append({ eventType: 'equipment.created', actorUserId: actor.userId, subjectLabel: fields.code, details: { designation: fields.designation } }, now);
    });
    this.deps.changes.publish('equipment');
    return this.get(fields.code);
  }

  async update(input: EquipmentFields & { id: number; expectedUpdatedAt: number }, actor: Actor): Promise<EquipmentDetail> {
    const now = Math.max(this.deps.clock.now(), input.expectedUpdatedAt + 1);
    let moved = false;
    await this.writeEquipment(input.code, async (trx) => {
      const equipment = this.deps.equipment.in(trx);
      const before = await equipment.findById(input.id);
      if (!before) throw new AppError('NOT_FOUND', 'No such equipment');
      if (Number(before.updated_at) !== input.expectedUpdatedAt) throw new AppError('EQUIPMENT_CHANGED_MEANWHILE', 'The equipment changed since the form was loaded');
      await this.assertCodeFree(equipment, input.code, input.id);
      await this.assertLocation(trx, input.locationId);
      const parentId = await this.decideParent(equipment, input.id, input.parentCode);
      const written = await equipment.update(input.id, input.expectedUpdatedAt, { ...columnsOf(input), parent_id: parentId, updated_at: now });
      if (!written) throw new AppError('EQUIPMENT_CHANGED_MEANWHILE', 'The equipment changed since the form was loaded');
      const oldLocation = before.location_id === null ? null : Number(before.location_id);
      if (oldLocation !== input.locationId) {
        moved = true;
        // Its parts that stood where it stood move with it; the open DIs/OTs of all of them follow.
        const parts = (await this.familyOf(input.id, equipment)).slice(1).filter((part) => (part.location_id === null ? null : Number(part.location_id)) === oldLocation);
        const partIds = parts.map((part) => Number(part.id));
        await equipment.setLocation(partIds, input.locationId, now);
        await equipment.restampOpenWork([input.id, ...partIds], input.locationId);
      }
      await this.deps.audit
        .in(trx)
        .append({ eventType: 'equipment.updated', actorUserId: actor.userId, subjectLabel: input.code, details: { changes: changedFields(before, input, parentId) } }, now);
    });
    this.deps.changes.publish(...(moved ? (['equipment', 'requests', 'work-orders'] as const) : (['equipment'] as const)));
    return this.get(input.code);
  }

  private async assertCodeFree(equipment: EquipmentRepository, code: string, exceptId: number | null): Promise<void> {
    const other = await equipment.findByCode(code);
    if (other && Number(other.id) !== exceptId) throw new AppError('EQUIPMENT_CODE_TAKEN', 'Equipment code taken', [{ path: 'code', code: 'validation.equipmentCodeTaken' }]);
  }

  private async assertLocation(trx: Parameters<Parameters<Database['transaction']>[0]>[0], locationId: number | null): Promise<void> {
    if (locationId === null) return;
    if (!(await this.deps.locations.in(trx).findById(locationId))) {
      throw new AppError('VALIDATION_FAILED', 'Unknown location', [{ path: 'locationId', code: 'validation.locationUnknown' }]);
    }
  }

  /** The parent's id, once judged (exists, no cycle, three levels at most); null for a machine at the top. */
  private async decideParent(equipment: EquipmentRepository, selfId: number | null, parentCode: string | null): Promise<number | null> {
    if (parentCode === null) {
      // A top-level machine: its own subtree still must fit.
      return null;
    }
    const parent = await equipment.findByCode(parentCode);
    const chain: number[] | null = parent ? [] : null;
    let current = parent;
    while (current && chain && chain.length <= EQUIPMENT_MAX_DEPTH + 1) {
      chain.push(Number(current.id));
      current = current.parent_id === null ? undefined : await equipment.findById(Number(current.parent_id));
    }
    const height = selfId === null ? 1 : await this.heightOf(equipment, selfId);
    const verdict = judgeParent(selfId, chain, height);
    if (!verdict.ok) {
      throw new AppError('EQUIPMENT_PARENT_INVALID', `Parent refused: ${verdict.reason}`, [{ path: 'parentCode', code: PARENT_MESSAGES[verdict.reason] }], { reason: verdict.reason });
    }
    return Number(parent!.id);
  }

  /** 1 with no parts, 2 with sub-assemblies, 3 with components under them. */
  private async heightOf(equipment: EquipmentRepository, id: number): Promise<number> {
    let height = 1;
    let level = [id];
    while (height <= EQUIPMENT_MAX_DEPTH) {
      const children = await equipment.childrenOf(level);
      if (children.length === 0) break;
      height += 1;
      level = children.map((child) => Number(child.id));
    }
    return height;
  }

  private async writeEquipment(code: string, write: (trx: Parameters<Parameters<Database['transaction']>[0]>[0]) => Promise<void>): Promise<void> {
    try {
      await this.deps.database.transaction(write);
    } catch (error) {
      // Two PCs creating the same code at once: the second meets the unique index; say it clearly.
      if (!(error instanceof AppError) && (await this.deps.equipment.findByCode(code))) {
        throw new AppError('EQUIPMENT_CODE_TAKEN', 'Equipment code taken', [{ path: 'code', code: 'validation.equipmentCodeTaken' }]);
      }
      throw error;
    }
  }
}

const PARENT_MESSAGES = { unknown: 'validation.parentUnknown', cycle: 'validation.parentCycle', too_deep: 'validation.parentTooDeep' } as const;

function columnsOf(fields: EquipmentFields) {
  return {
    code: fields.code,
    designation: fields.designation,
    location_id: fields.locationId,
    category: fields.category,
    criticality: fields.criticality,
    status: fields.status,
    manufacturer: fields.manufacturer,
    model: fields.model,
    serial_number: fields.serialNumber,
    commissioned_on: fields.commissionedOn,
    notes: fields.notes,
  };
}

/** What the audit line says changed (field names, old → new), never the notes' whole text. */
function changedFields(before: EquipmentRow, after: EquipmentFields, parentId: number | null): Record<string, unknown> {
  const next = { ...columnsOf(after), parent_id: parentId };
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const old = (before as unknown as Record<string, unknown>)[key];
    const oldValue = typeof old === 'bigint' ? Number(old) : old;
    if (oldValue !== value) changes[key] = key === 'notes' ? 'modifiées' : { from: oldValue ?? null, to: value };
  }
  return changes;
}

function summary(row: EquipmentListRow, nodes: readonly LocationNode[]): EquipmentSummary {
  const locationId = row.location_id === null ? null : Number(row.location_id);
  return {
    id: Number(row.id),
    code: row.code,
    designation: row.designation,
    status: row.status,
    criticality: row.criticality,
    category: row.category,
    locationId,
    locationLabel: pathLabel(locationPath(nodes, locationId)),
    parentCode: row.parent_code,
    downSince: row.down_since,
  };
}
