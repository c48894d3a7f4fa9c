// Pure (Node). The DI: filed by anyone (public, from the login or lock screen, or signed in), followed by its
// reporter, triaged by managers. Each command loads, decides in plain code (decideRequestTransition), then writes in
// one short transaction; the change topics go out only after it commits.
import { MAINTAINERS, type Role } from '../../../shared/contract/roles';
import type { ChangeTopic } from '../../../shared/contract/events';
import {
  LOOKUP_MAX_RESULTS,
  type EquipmentLookupItem,
  type MyRequestsPage,
  type RequestDetail,
  type RequestWorkOrderType,
  type RequestView,
} from '../../../shared/requests/contract';
import { decideRequestTransition, type RequestAction } from '../../../shared/requests/request-transitions';
import { AttachmentsRepository } from '../attachments';
import { DowntimesRepository, EquipmentRepository } from '../equipment';
import type { Executor } from '../kernel/db/database';
import { isUniqueViolation } from '../kernel/db/unique-violation';
import { formatNumber, NumberSequenceRepository } from '../kernel/db/number-sequence-repository';
import { foldText } from '../kernel/db/text-search';
import type { UserRecord } from '../kernel/identity/users-repository';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import { createWorkOrder } from '../work-orders';
import { decodePhoto, type DecodedPhoto } from './request-photo';
import type { RequestThrottle } from './request-throttle';
import { RequestsRepository, type RequestViewRow, type WorkRequestRow } from './requests-repository';

export interface ReportInput {
  equipmentCode: string;
  symptom: string;
  machineStopped: boolean;
  reporterName?: string;
  photo?: { fileName: string; dataBase64: string };
  /** Issue 16: the key a client PC gave this DI; the same key sent again answers the DI already filed. */
  clientKey?: string;
}

export interface AcceptInput {
  number: string;
  type: RequestWorkOrderType;
  priority: number;
  plannedAt?: number | null;
  assigneeIds?: number[];
}

/** Who calls: a signed-in user, or nobody (the public form). */
export type Caller = UserRecord | null;

const MINE_PAGE = 30;
/** Following "doublon de" links stops here: a longer chain is refused rather than walked forever. */
const MAX_DUPLICATE_CHAIN = 20;
const TITLE_MAX = 120;

export class RequestsService {
  private readonly repository: RequestsRepository;

  constructor(
    private readonly kernel: Kernel,
    private readonly throttle: RequestThrottle,
  ) {
    this.repository = new RequestsRepository(kernel.database.kysely);
  }

  async report(input: ReportInput, caller: Caller): Promise<{ number: string }> {
    // A client PC sends a DI again when its answer was lost or it waited in the PC's queue: the one already filed
    // answers, before the throttle counts it (it is not a new report) and before anything is written.
    if (input.clientKey) {
      const already = await this.repository.findNumberByClientKey(input.clientKey);
      if (already) return { number: already };
    }
    try {
      return await this.fileReport(input, caller);
    } catch (error) {
      // The same key sent twice at once: the unique index let one in and rolled the other back whole (its number,
      // its downtime, its audit line); the loser answers the winner's number.
      if (input.clientKey && isUniqueViolation(error)) {
        const winner = await this.repository.findNumberByClientKey(input.clientKey);
        if (winner) return { number: winner };
      }
      throw error;
    }
  }

  private async fileReport(input: ReportInput, caller: Caller): Promise<{ number: string }> {
    const { kernel } = this;
    await this.throttle.hit('report', caller?.id ?? null);
    // Decoding is CPU only and happens before the transaction: a refused photo writes nothing.
    const photo: DecodedPhoto | null = input.photo ? decodePhoto(input.photo) : null;
    const equipment = await this.repository.findEquipmentByCode(input.equipmentCode);
    if (!equipment) {
      throw new AppError('EQUIPMENT_NOT_FOUND', 'No equipment with this code', [{ path: 'equipmentCode', code: 'validation.equipmentUnknown' }]);
    }
    const at = kernel.clock.now();
    const year = new Date(at).getFullYear();
    const number = await kernel.database.transaction(async (trx) => {
      const sequence = await new NumberSequenceRepository(trx).next(`DI-${year}`);
      const number = formatNumber('DI', year, sequence);
      const requests = this.repository.in(trx);
      const id = await requests.insert({
        number,
        equipmentId: equipment.id,
        locationId: equipment.locationId,
        symptom: input.symptom,
        machineStopped: input.machineStopped,
        reporterName: input.reporterName ?? null,
        reporterUserId: caller?.id ?? null,
        workstation: kernel.workstationName,
        searchText: foldText(number, equipment.code, input.symptom, input.reporterName),
        at,
        clientKey: input.clientKey ?? null,
      });
      if (photo) {
        await new AttachmentsRepository(trx).insert({ ownerKind: 'request', ownerId: id, fileName: photo.fileName, mimeType: photo.mimeType, content: photo.content, createdBy: caller?.id ?? null, at });
      }
      let downtimeId: number | null = null;
      if (input.machineStopped) {
        // Joins the downtime already open on this machine, if any: one stop, however many people report it.
        const downtime = await new DowntimesRepository(trx).open({ equipmentId: equipment.id, at, requestId: id });
        downtimeId = Number(downtime.id);
        await requests.setDowntime(id, downtimeId);
        await new EquipmentRepository(trx).moveStatus(equipment.id, 'in_service', 'stopped', at);
      }
      await kernel.audit.in(trx).append(
        {
          eventType: 'request.reported',
          actorUserId: caller?.id ?? null,
          subjectLabel: number,
          details: { number, equipment: equipment.code, machineStopped: input.machineStopped, photo: photo !== null, ...(input.reporterName ? { reporterName: input.reporterName } : {}), ...(downtimeId ? { downtimeId } : {}) },
        },
        at,
      );
      return number;
    });
    const topics: ChangeTopic[] = ['requests'];
    if (input.machineStopped) topics.push('downtimes', 'equipment');
    if (photo) topics.push('attachments');
    kernel.changes.publish(...topics);
    return { number };
  }

  async lookupEquipment(text: string, caller: Caller): Promise<EquipmentLookupItem[]> {
    await this.throttle.hit('lookup', caller?.id ?? null);
    return this.repository.lookupEquipment(text, LOOKUP_MAX_RESULTS);
  }

  async mine(user: UserRecord, cursor: number | undefined, limit = MINE_PAGE): Promise<MyRequestsPage> {
    const rows = await this.repository.listForReporter(user.id, cursor, limit + 1);
    const page = rows.slice(0, limit);
    return { items: page.map(toView), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  async get(number: string, user: UserRecord): Promise<RequestDetail> {
    const row = await this.visible(number, user);
    const attachments = await new AttachmentsRepository(this.kernel.database.kysely).list('request', row.id);
    const can = (action: RequestAction) => decideRequestTransition({ status: row.status, reporterUserId: row.reporterUserId }, action, { userId: user.id, role: user.role }).ok;
    return {
      ...toView(row),
      id: row.id,
      downtime: row.downtimeStartedAt === null ? null : { startedAt: row.downtimeStartedAt, endedAt: row.downtimeEndedAt },
      attachments: attachments.map((a) => ({ id: Number(a.id), fileName: a.file_name, mimeType: a.mime_type, size: Number(a.size) })),
      allowed: { cancel: can('cancel'), accept: can('accept'), refuse: can('refuse'), markDuplicate: can('markDuplicate') },
    };
  }

  async cancel(number: string, user: UserRecord): Promise<void> {
    const row = await this.decide(number, user, 'cancel');
    await this.write(row, user, { status: 'cancelled' }, 'request.cancelled', {});
  }

  async refuse(number: string, reason: string, user: UserRecord): Promise<void> {
    const row = await this.decide(number, user, 'refuse');
    await this.write(row, user, { status: 'refused', refusalReason: reason }, 'request.refused', { reason });
  }

  async markDuplicate(number: string, duplicateOf: string, user: UserRecord): Promise<void> {
    const row = await this.decide(number, user, 'markDuplicate');
    const original = await this.duplicateTarget(row, duplicateOf);
    await this.write(row, user, { status: 'duplicate', duplicateOfId: Number(original.id) }, 'request.duplicate', { duplicateOf: original.number });
  }

  async accept(input: AcceptInput, user: UserRecord): Promise<{ workOrderNumber: string }> {
    const { kernel } = this;
    const row = await this.decide(input.number, user, 'accept');
    const assigneeIds = [...new Set(input.assigneeIds ?? [])];
    await this.checkAssignees(assigneeIds);
    const at = kernel.clock.now();
    const result = await kernel.database.transaction(async (trx) => {
      // First the compare-and-set: a second manager accepting at the same instant waits on this row, then matches
      // nothing and rolls back before creating a second OT.
      await this.changeOrConflict(trx, row, { status: 'accepted', decidedBy: user.id, at });
      const workOrder = await createWorkOrder(
        trx,
        {
          type: input.type,
          priority: input.priority as 1 | 2 | 3 | 4,
          equipmentId: Number(row.equipment_id),
          locationId: row.location_id === null ? null : Number(row.location_id),
          title: titleOf(row.symptom),
          description: row.symptom,
          requestId: Number(row.id),
          plannedAt: input.plannedAt ?? null,
          assigneeIds,
        },
        { userId: user.id, workstation: kernel.workstationName, at, year: new Date(at).getFullYear() },
      );
      await this.repository.in(trx).setWorkOrder(Number(row.id), workOrder.id);
      const copied = await new AttachmentsRepository(trx).copyAll({ kind: 'request', id: Number(row.id) }, { kind: 'work_order', id: workOrder.id });
      await kernel.audit.in(trx).append(
        { eventType: 'request.accepted', actorUserId: user.id, subjectLabel: row.number, details: { number: row.number, workOrder: workOrder.number, type: input.type, priority: input.priority } },
        at,
      );
      return { workOrderNumber: workOrder.number, copied };
    });
    kernel.changes.publish('requests', 'work-orders', ...(result.copied > 0 ? (['attachments'] as const) : []));
    return { workOrderNumber: result.workOrderNumber };
  }

  /** A DI the user may see: maintainers any, anyone else only their own. The same answer for "not yours" and "none". */
  private async visible(number: string, user: UserRecord): Promise<RequestViewRow> {
    const row = await this.repository.findViewByNumber(number);
    const maySee = row !== undefined && ((MAINTAINERS as readonly Role[]).includes(user.role) || (row.reporterUserId !== null && row.reporterUserId === user.id));
    if (!row || !maySee) throw new AppError('NOT_FOUND', 'No such request');
    return row;
  }

  /** Loads the DI and decides the move; throws what the renderer shows (not found, not allowed, already decided). */
  private async decide(number: string, user: UserRecord, action: RequestAction): Promise<WorkRequestRow> {
    const row = await this.repository.findRowByNumber(number);
    const reporterUserId = row?.reporter_user_id === null || row === undefined ? null : Number(row.reporter_user_id);
    // A requester learns nothing about someone else's DI, not even that it exists.
    const maySee = row !== undefined && ((MAINTAINERS as readonly Role[]).includes(user.role) || reporterUserId === user.id);
    if (!row || !maySee) throw new AppError('NOT_FOUND', 'No such request');
    const decision = decideRequestTransition({ status: row.status, reporterUserId }, action, { userId: user.id, role: user.role });
    if (!decision.ok) {
      throw decision.code === 'FORBIDDEN'
        ? new AppError('FORBIDDEN', 'Not allowed on this request')
        : new AppError('INVALID_STATE', 'This request was already decided', undefined, { status: row.status });
    }
    return row;
  }

  private async changeOrConflict(trx: Executor, row: WorkRequestRow, change: Parameters<RequestsRepository['changeStatusFromNew']>[1]): Promise<void> {
    if (!(await this.repository.in(trx).changeStatusFromNew(Number(row.id), change))) {
      const now = await this.repository.in(trx).findRowById(Number(row.id));
      throw new AppError('INVALID_STATE', 'This request was decided meanwhile', undefined, { status: now?.status ?? 'new' });
    }
  }

  private async write(
    row: WorkRequestRow,
    user: UserRecord,
    change: { status: 'cancelled' | 'refused' | 'duplicate'; refusalReason?: string; duplicateOfId?: number },
    eventType: 'request.cancelled' | 'request.refused' | 'request.duplicate',
    details: Record<string, unknown>,
  ): Promise<void> {
    const at = this.kernel.clock.now();
    await this.kernel.database.transaction(async (trx) => {
      await this.changeOrConflict(trx, row, { ...change, decidedBy: user.id, at });
      await this.kernel.audit.in(trx).append({ eventType, actorUserId: user.id, subjectLabel: row.number, details: { number: row.number, ...details } }, at);
    });
    this.kernel.changes.publish('requests');
  }

  /**
   * The DI this one repeats: never itself, and never (through a chain of "doublon de") one that was cancelled or
   * that leads back to this one. The link goes to the end of the chain, the DI that is followed up.
   */
  private async duplicateTarget(row: WorkRequestRow, duplicateOf: string): Promise<WorkRequestRow> {
    const refuse = (code: string) => new AppError('VALIDATION_FAILED', 'Not a valid original', [{ path: 'duplicateOf', code }]);
    if (duplicateOf === row.number) throw refuse('validation.duplicateSelf');
    let target = await this.repository.findRowByNumber(duplicateOf);
    if (!target) throw refuse('validation.requestUnknown');
    for (let step = 0; target.status === 'duplicate' && target.duplicate_of_id !== null; step++) {
      if (step >= MAX_DUPLICATE_CHAIN) throw refuse('validation.duplicateChain');
      const next: WorkRequestRow | undefined = await this.repository.findRowById(Number(target.duplicate_of_id));
      if (!next) break;
      target = next;
    }
    if (Number(target.id) === Number(row.id)) throw refuse('validation.duplicateSelf');
    if (target.status === 'cancelled') throw refuse('validation.duplicateCancelled');
    return target;
  }

  /** Assignees are active people who maintain (technicians or managers). */
  private async checkAssignees(ids: number[]): Promise<void> {
    for (const id of ids) {
      const person = await this.kernel.users.findById(id);
      if (!person || !person.isActive || !(MAINTAINERS as readonly Role[]).includes(person.role)) {
        throw new AppError('VALIDATION_FAILED', 'Not an assignee', [{ path: 'assigneeIds', code: 'validation.invalid' }]);
      }
    }
  }
}

function toView(row: RequestViewRow): RequestView {
  return {
    number: row.number,
    status: row.status,
    equipmentCode: row.equipmentCode,
    equipmentDesignation: row.equipmentDesignation,
    locationName: row.locationName,
    symptom: row.symptom,
    machineStopped: row.machineStopped,
    reporterName: row.reporterName,
    reporterDisplayName: row.reporterDisplayName,
    workstation: row.workstation,
    createdAt: row.createdAt,
    refusalReason: row.refusalReason,
    duplicateOfNumber: row.duplicateOfNumber,
    workOrderNumber: row.workOrderNumber,
    decidedAt: row.decidedAt,
    decidedByDisplayName: row.decidedByDisplayName,
  };
}

/** The OT's title: the symptom's first line, shortened (the whole text is its description). */
export function titleOf(symptom: string): string {
  const line = symptom.split(/\r?\n/)[0].trim();
  return line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line;
}
