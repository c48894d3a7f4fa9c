// Pure (Node). One OT from creation to closure: every command loads the OT, decides with the shared state machine
// (shared/work-orders/transitions.ts, the same function the renderer uses for its buttons) and writes in one
// short transaction with compare-and-set on `version`, so two PCs can never both move the same OT. Each change
// appends a history line (who, when, which workstation); closing and cancelling are audited too.
import type { Transaction } from 'kysely';
import type { ChangeTopic } from '../../../shared/contract/events';
import type { Role } from '../../../shared/contract/roles';
import {
  OTHER_CODE,
  type AddTimeInput,
  type AssigneeOption,
  type WorkOrderView,
  type createWorkOrderInput,
  type transitionInput,
  type updateWorkOrderInput,
} from '../../../shared/work-orders/contract';
import {
  acceptsComments,
  acceptsTime,
  availableActions,
  decideTransition,
  isLocked,
  isManagerRole,
  isPlanningEditable,
  mayWorkOn,
  STATUS_LABELS_FR,
  type Actor,
  type WorkOrderStatusCode,
} from '../../../shared/work-orders/transitions';
import type { z } from 'zod';
import { ChecklistStepsRepository } from '../checklists';
import { stampHourlyRates } from '../costs';
import { DowntimesRepository, EquipmentRepository } from '../equipment';
import type { Schema } from '../kernel/db/schema';
import { foldText } from '../kernel/db/text-search';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import { ReferenceRepository } from '../reference';
import { createWorkOrder } from './create-work-order';
import { WorkOrdersRepository, type WorkOrderChanges, type WorkOrderRow } from './work-orders-repository';

/** Who calls: taken from the session main holds, never from the renderer. */
export interface Caller {
  userId: number;
  role: Role;
}

type Trx = Transaction<Schema>;
const MINUTE = 60_000;

function minutesBetween(start: number, end: number): number {
  return Math.max(0, Math.round((end - start) / MINUTE));
}

function validation(path: string, code: string): AppError {
  return new AppError('VALIDATION_FAILED', `Invalid ${path}`, [{ path, code }]);
}

function refused(message: string, details?: Record<string, string>): AppError {
  return new AppError('WORK_ORDER_TRANSITION_REFUSED', message, undefined, details);
}

function changedMeanwhile(number: string): AppError {
  return new AppError('WORK_ORDER_CHANGED_MEANWHILE', `L'OT ${number} a été modifié entre-temps sur un autre poste : rechargez-le.`);
}

function locked(row: WorkOrderRow): AppError {
  return new AppError('WORK_ORDER_LOCKED', `L'OT ${row.number} est « ${STATUS_LABELS_FR[row.status]} » : il ne peut plus être modifié.`);
}

/** Local midnight of a YYYY-MM-DD day on this workstation. */
function localDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

export class WorkOrdersService {
  private readonly repository: WorkOrdersRepository;
  private readonly equipment: EquipmentRepository;

  constructor(private readonly kernel: Kernel) {
    this.repository = new WorkOrdersRepository(kernel.database.kysely);
    this.equipment = new EquipmentRepository(kernel.database.kysely);
  }

  private now(): number {
    return this.kernel.clock.now();
  }

  private publish(...topics: ChangeTopic[]): void {
    this.kernel.changes.publish(...topics);
  }

  private async load(number: string, repository = this.repository): Promise<WorkOrderRow> {
    const row = await repository.findByNumber(number);
    if (!row) throw new AppError('NOT_FOUND', `Aucun OT ${number}.`);
    return row;
  }

  private async actorFor(row: WorkOrderRow, caller: Caller, repository = this.repository): Promise<Actor> {
    return { role: caller.role, isAssignee: await repository.isAssignee(row.id, caller.userId) };
  }

  /** Assignees must be active technicians or managers: a requester or a deactivated account is refused. */
  private async checkAssignees(ids: readonly number[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return unique;
    const allowed = new Set((await this.repository.activeMaintainers()).map((person) => person.id));
    if (unique.some((id) => !allowed.has(id))) throw validation('assigneeIds', 'workOrders.validation.assigneeInvalid');
    return unique;
  }

  private event(repository: WorkOrdersRepository, row: WorkOrderRow, caller: Caller, at: number, kind: string, detail: Record<string, unknown>) {
    return repository.addEvent({ work_order_id: row.id, at, user_id: caller.userId, workstation: this.kernel.workstationName, kind, detail: JSON.stringify(detail) });
  }

  // --- Reads ----------------------------------------------------------------------------------------------------

  async assignees(): Promise<AssigneeOption[]> {
    return this.repository.activeMaintainers();
  }

  async get(number: string, caller: Caller): Promise<WorkOrderView> {
    const row = await this.load(number);
    const repository = this.repository;
    const now = this.now();
    const [actor, equipment, assignees, entries, comments, events, mine, request] = await Promise.all([
      this.actorFor(row, caller),
      this.equipment.findById(row.equipment_id),
      repository.listAssignees(row.id),
      repository.listTimeEntries(row.id),
      repository.listComments(row.id),
      repository.listEvents(row.id),
      repository.runningEntryOf(caller.userId),
      row.request_id === null ? Promise.resolve(undefined) : repository.findRequest(row.request_id),
    ]);
    const locationPath = await repository.locationPath(equipment?.location_id ?? row.location_id);
    const timeEntries = entries.map((entry) => ({
      id: entry.id,
      user: { id: entry.userId, displayName: entry.displayName },
      startedAt: entry.startedAt,
      endedAt: entry.endedAt,
      minutes: minutesBetween(entry.startedAt, entry.endedAt ?? now),
      workstation: entry.workstation,
    }));
    const totals = new Map<number, { user: { id: number; displayName: string }; minutes: number }>();
    for (const entry of timeEntries) {
      const total = totals.get(entry.user.id) ?? { user: entry.user, minutes: 0 };
      total.minutes += entry.minutes;
      totals.set(entry.user.id, total);
    }
    const status = row.status;
    const mayWork = mayWorkOn(actor);
    return {
      id: row.id,
      number: row.number,
      version: row.version,
      type: row.type,
      priority: row.priority as 1 | 2 | 3 | 4,
      status,
      title: row.title,
      description: row.description,
      equipment: {
        id: row.equipment_id,
        code: equipment?.code ?? '',
        designation: equipment?.designation ?? '',
        status: equipment?.status ?? 'in_service',
        locationPath,
      },
      request: request ? { id: Number(request.id), number: request.number, symptom: request.symptom, machineStopped: request.machine_stopped === 1 } : null,
      holdReason: row.hold_reason,
      holdNote: row.hold_note,
      cancelReason: row.cancel_reason,
      plannedAt: row.planned_at === null ? null : Number(row.planned_at),
      dueAt: row.due_at === null ? null : Number(row.due_at),
      estimatedMinutes: row.estimated_minutes,
      symptomCode: row.symptom_code,
      causeCode: row.cause_code,
      remedyCode: row.remedy_code,
      symptomText: row.symptom_text,
      causeText: row.cause_text,
      remedyText: row.remedy_text,
      backInService: row.back_in_service === null ? null : row.back_in_service === 1,
      createdAt: Number(row.created_at),
      startedAt: row.started_at === null ? null : Number(row.started_at),
      finishedAt: row.finished_at === null ? null : Number(row.finished_at),
      closedAt: row.closed_at === null ? null : Number(row.closed_at),
      assignees,
      timeEntries,
      timeTotals: [...totals.values()],
      totalMinutes: timeEntries.reduce((sum, entry) => sum + entry.minutes, 0),
      comments: comments.map((c) => ({ id: c.id, user: { id: c.userId, displayName: c.displayName }, body: c.body, createdAt: c.createdAt })),
      history: events.map((e) => ({
        id: e.id,
        at: e.at,
        user: e.userId === null ? null : { id: e.userId, displayName: e.displayName ?? '' },
        workstation: e.workstation,
        kind: e.kind,
        detail: JSON.parse(e.detail) as Record<string, unknown>,
      })),
      myRunningEntry: mine ? { workOrderNumber: mine.workOrderNumber, startedAt: mine.startedAt } : null,
      allowedActions: availableActions(status, actor),
      canEditPlanning: isManagerRole(caller.role) && isPlanningEditable(status),
      canComment: mayWork && acceptsComments(status),
      canAddTime: mayWork && acceptsTime(status),
      now,
    };
  }

  // --- Create and plan ------------------------------------------------------------------------------------------

  async create(input: z.output<typeof createWorkOrderInput>, caller: Caller): Promise<{ number: string }> {
    const equipment = await this.equipment.findByCode(input.equipmentCode);
    if (!equipment) throw validation('equipmentCode', 'workOrders.validation.unknownEquipment');
    const assigneeIds = await this.checkAssignees(input.assigneeIds);
    const at = this.now();
    const created = await this.kernel.database.transaction((trx) =>
      createWorkOrder(
        trx,
        {
          type: input.type,
          priority: input.priority,
          equipmentId: equipment.id,
          locationId: equipment.location_id,
          title: input.title,
          description: input.description,
          plannedAt: input.plannedAt,
          dueAt: input.dueAt,
          estimatedMinutes: input.estimatedMinutes,
          assigneeIds,
        },
        { userId: caller.userId, workstation: this.kernel.workstationName, at, year: new Date(at).getFullYear() },
      ),
    );
    this.publish('work-orders');
    return { number: created.number };
  }

  async update(input: z.output<typeof updateWorkOrderInput>, caller: Caller): Promise<{ version: number }> {
    const assigneeIds = await this.checkAssignees(input.assigneeIds);
    const at = this.now();
    const version = await this.kernel.database.transaction(async (trx: Trx) => {
      const repository = this.repository.in(trx);
      const row = await this.load(input.number, repository);
      if (row.version !== input.version) throw changedMeanwhile(row.number);
      if (isLocked(row.status)) throw locked(row);
      if (!isPlanningEditable(row.status)) {
        throw refused(`Le planning d'un OT à l'état « ${STATUS_LABELS_FR[row.status]} » ne se modifie plus.`, { from: row.status, action: 'update' });
      }
      // Once planned, an OT keeps a date and someone to do it: emptying them would leave a "planned" OT nobody does.
      if (row.status !== 'draft') {
        if (input.plannedAt === null) throw validation('plannedAt', 'workOrders.validation.plannedRequired');
        if (assigneeIds.length === 0) throw validation('assigneeIds', 'workOrders.validation.assigneeRequired');
      }
      const before = await repository.listAssignees(row.id);
      const changes: WorkOrderChanges = {
        priority: input.priority,
        title: input.title,
        description: input.description,
        planned_at: input.plannedAt,
        due_at: input.dueAt,
        estimated_minutes: input.estimatedMinutes,
        search_text: foldText(row.number, input.title, input.description),
        updated_at: at,
      };
      const fields: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, value] of Object.entries(changes)) {
        if (key === 'search_text' || key === 'updated_at') continue;
        const old = row[key as keyof WorkOrderRow];
        if (old !== value && !(old !== null && value !== null && Number(old) === value)) fields[key] = { from: old, to: value };
      }
      const beforeIds = before.map((p) => p.id).sort((a, b) => a - b);
      const afterIds = [...assigneeIds].sort((a, b) => a - b);
      if (beforeIds.join(',') !== afterIds.join(',')) fields.assignees = { from: beforeIds, to: afterIds };
      if (!(await repository.updateIfVersion(row.id, row.version, changes))) throw changedMeanwhile(row.number);
      await repository.replaceAssignees(row.id, assigneeIds);
      await this.event(repository, row, caller, at, 'updated', { fields });
      return row.version + 1;
    });
    this.publish('work-orders');
    return { version };
  }

  // --- The state machine ----------------------------------------------------------------------------------------

  async transition(input: z.output<typeof transitionInput>, caller: Caller): Promise<{ status: WorkOrderStatusCode; version: number }> {
    const at = this.now();
    const reference = new ReferenceRepository(this.kernel.database.kysely);
    const topics: ChangeTopic[] = ['work-orders'];
    const result = await this.kernel.database.transaction(async (trx: Trx) => {
      const repository = this.repository.in(trx);
      const row = await this.load(input.number, repository);
      if (row.version !== input.version) throw changedMeanwhile(row.number);
      const actor = await this.actorFor(row, caller, repository);
      const decision = decideTransition(row.status, input.action, actor);
      if (!decision.ok) {
        if (decision.reason === 'not_assigned') throw new AppError('FORBIDDEN', decision.message);
        throw refused(decision.message, { from: row.status, action: input.action });
      }
      const to = decision.to;
      const changes: WorkOrderChanges = { status: to, updated_at: at };
      const detail: Record<string, unknown> = { action: input.action, from: row.status, to };

      const openMyClock = async () => {
        const running = await repository.runningEntryOf(caller.userId);
        if (running?.workOrderId === row.id) throw refused(`Votre temps est déjà compté sur l'OT ${row.number}.`, { from: row.status, action: input.action });
        if (running || !(await repository.openEntry({ workOrderId: row.id, userId: caller.userId, at, workstation: this.kernel.workstationName }))) {
          const other = running ?? (await repository.runningEntryOf(caller.userId));
          throw new AppError(
            'WORK_ORDER_CLOCK_RUNNING',
            `Votre temps est déjà compté sur l'OT ${other?.workOrderNumber ?? '?'} : mettez-le en attente ou terminez-le avant d'en démarrer un autre.`,
            undefined,
            { runningNumber: other?.workOrderNumber ?? '' },
          );
        }
      };
      const stopClocks = async () => {
        await stampHourlyRates(trx, { runningOn: row.id }); // kpi: the rate in force when the clocks stop
        const stopped = await repository.closeRunningEntries(row.id, at);
        const others = stopped.filter((entry) => entry.userId !== caller.userId).map((entry) => entry.userId);
        if (others.length > 0) detail.stoppedClocksOf = others;
      };

      switch (input.action) {
        case 'plan': {
          const assignees = await repository.listAssignees(row.id);
          if (row.planned_at === null || assignees.length === 0) {
            throw refused(`Pour planifier l'OT ${row.number}, indiquez une date prévue et au moins un intervenant.`, { from: row.status, action: 'plan' });
          }
          break;
        }
        case 'start':
          await openMyClock();
          if (row.started_at === null) changes.started_at = at;
          break;
        case 'pause':
          await stopClocks();
          changes.hold_reason = input.pause.reason;
          changes.hold_note = input.pause.note || null;
          detail.reason = input.pause.reason;
          if (input.pause.note) detail.note = input.pause.note;
          break;
        case 'resume':
          changes.hold_reason = null;
          changes.hold_note = null;
          await openMyClock();
          break;
        case 'finish': {
          const finish = input.finish;
          if (row.type === 'corrective') {
            for (const part of ['symptom', 'cause', 'remedy'] as const) {
              if (!finish[`${part}Code`]) throw validation(`finish.${part}Code`, 'validation.required');
            }
          }
          for (const part of ['symptom', 'cause', 'remedy'] as const) {
            const code = finish[`${part}Code`];
            if (code && code !== OTHER_CODE && !(await reference.in(trx).isActiveCode(part, code))) throw validation(`finish.${part}Code`, 'workOrders.validation.unknownCode');
            changes[`${part}_code`] = code ?? null;
            changes[`${part}_text`] = code === OTHER_CODE ? (finish[`${part}Text`] ?? null) : null;
          }
          // The running clocks count: they stop now, at main's clock.
          if ((await repository.countTimeEntries(row.id)) === 0) {
            throw new AppError('WORK_ORDER_TIME_REQUIRED', `Pour terminer l'OT ${row.number}, enregistrez d'abord au moins un temps passé.`);
          }
          // The gamme's required steps must be answered (checked in this transaction: an answer cleared meanwhile counts).
          const missingSteps = await new ChecklistStepsRepository(trx).missingRequired(row.id);
          if (missingSteps.length > 0) {
            throw new AppError('STEPS_INCOMPLETE', `Des étapes obligatoires de la gamme ne sont pas renseignées : ${missingSteps.join(' ; ')}.`, undefined, { steps: missingSteps.join(' ; ') });
          }
          await stopClocks();
          changes.back_in_service = finish.backInService ? 1 : 0;
          changes.finished_at = at;
          detail.backInService = finish.backInService;
          if (finish.backInService) {
            const downtime = await new DowntimesRepository(trx).close({ equipmentId: row.equipment_id, at, workOrderId: row.id, userId: caller.userId });
            const restored = await this.equipment.in(trx).moveStatus(row.equipment_id, 'stopped', 'in_service', at);
            if (downtime) detail.downtimeClosed = { id: Number(downtime.id), minutes: minutesBetween(Number(downtime.started_at), at) };
            if (restored) detail.equipmentBackInService = true;
            if (downtime) topics.push('downtimes');
            if (restored || downtime) topics.push('equipment');
          }
          break;
        }
        case 'close':
          changes.closed_at = at;
          changes.closed_by = caller.userId;
          break;
        case 'cancel':
          await stopClocks();
          changes.cancel_reason = input.cancel.reason;
          detail.reason = input.cancel.reason;
          break;
      }
      if (!(await repository.updateIfVersion(row.id, row.version, changes))) throw changedMeanwhile(row.number);
      await this.event(repository, row, caller, at, 'status', detail);
      if (input.action === 'close' || input.action === 'cancel') {
        await this.kernel.audit.in(trx).append(
          {
            eventType: input.action === 'close' ? 'work_order.closed' : 'work_order.cancelled',
            actorUserId: caller.userId,
            subjectLabel: row.number,
            details: input.action === 'cancel' ? { number: row.number, from: row.status, reason: input.cancel.reason } : { number: row.number },
          },
          at,
        );
      }
      return { status: to, version: row.version + 1 };
    });
    this.publish(...topics);
    return result;
  }

  // --- Comments and time (appended rows: they don't bump the version, so a manager's planning isn't refused) ------

  /** Checks the caller may add to this OT now; the row lock (PostgreSQL) makes a concurrent close wait or win. */
  private async guardAppend(
    repository: WorkOrdersRepository,
    number: string,
    caller: Caller,
    accepts: (status: WorkOrderStatusCode) => boolean,
    what: string,
  ): Promise<WorkOrderRow> {
    const row = await this.load(number, repository);
    const actor = await this.actorFor(row, caller, repository);
    if (!mayWorkOn(actor)) throw new AppError('FORBIDDEN', `L'OT ${row.number} ne vous est pas affecté.`);
    if (isLocked(row.status)) throw locked(row);
    if (!accepts(row.status)) throw refused(`Impossible d'ajouter ${what} à un OT à l'état « ${STATUS_LABELS_FR[row.status]} ».`, { from: row.status, action: what });
    // Re-read the status under a row lock: a close committed meanwhile makes this append refused, not slipped in.
    const statuses = (['draft', 'planned', 'in_progress', 'on_hold', 'done'] as const).filter(accepts);
    if (!(await repository.lockIfStatusIn(row.id, statuses))) throw changedMeanwhile(row.number);
    return row;
  }

  async comment(number: string, body: string, caller: Caller): Promise<{ id: number }> {
    const at = this.now();
    const id = await this.kernel.database.transaction(async (trx: Trx) => {
      const repository = this.repository.in(trx);
      const row = await this.guardAppend(repository, number, caller, acceptsComments, 'un commentaire');
      const commentId = await repository.addComment({ workOrderId: row.id, userId: caller.userId, body, at });
      await this.event(repository, row, caller, at, 'comment', { commentId });
      return commentId;
    });
    this.publish('work-orders');
    return { id };
  }

  async addTime(input: AddTimeInput, caller: Caller): Promise<{ id: number }> {
    const at = this.now();
    const startedAt = localDayStart(input.date);
    if (Number.isNaN(startedAt)) throw validation('date', 'workOrders.validation.date');
    if (startedAt > at) throw validation('date', 'workOrders.validation.dateFuture');
    const id = await this.kernel.database.transaction(async (trx: Trx) => {
      const repository = this.repository.in(trx);
      const row = await this.guardAppend(repository, input.number, caller, acceptsTime, 'du temps');
      const entryId = await repository.insertEntry({ workOrderId: row.id, userId: caller.userId, startedAt, endedAt: startedAt + input.minutes * MINUTE, workstation: this.kernel.workstationName });
      await stampHourlyRates(trx, { entryId }); // kpi: a typed entry is stopped already
      await this.event(repository, row, caller, at, 'time_added', { date: input.date, minutes: input.minutes });
      return entryId;
    });
    this.publish('work-orders');
    return { id };
  }
}
