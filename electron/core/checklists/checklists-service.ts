// Pure (Node). Gammes (checklists): the managers' CRUD, and running an OT's copied steps. Every command loads,
// decides in plain code, then writes in one short transaction: a gamme's save is a compare-and-set on its version
// that replaces its steps; an answer locks the OT row while it is `en cours` (a finish or pause committed meanwhile
// makes the answer refused, not slipped in); a meter step writes its reading with MetersRepository.record in the
// same transaction as the answer, so a refused reading leaves the answer unsaved too.
import type { z } from 'zod';
import type { ChangeTopic } from '../../../shared/contract/events';
import {
  type answerSchema,
  type ChecklistOption,
  type ChecklistSummary,
  type ChecklistView,
  type checklistFieldsSchema,
  type StepView,
  type updateChecklistInput,
  type WorkOrderStepView,
  type WorkOrderStepsView,
} from '../../../shared/checklists/contract';
import { followUpTitle, formatStepNumber, isOutOfLimits } from '../../../shared/checklists/steps';
import { isManagerRole, mayWorkOn, STATUS_LABELS_FR } from '../../../shared/work-orders/transitions';
import type { Executor } from '../kernel/db/database';
import { foldText } from '../kernel/db/text-search';
import type { UserRecord } from '../kernel/identity/users-repository';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import { MetersRepository } from '../meters';
import type { RequestsService } from '../requests';
import { createWorkOrder, WorkOrdersRepository, type WorkOrderRow } from '../work-orders';
import { ChecklistCopyRepository } from './checklist-copy-repository';
import { ChecklistStepsRepository, type WorkOrderStepDetail, type StepAnswerChanges } from './checklist-steps-repository';
import { ChecklistsRepository, type ChecklistStepRow, type NewStep } from './checklists-repository';

export interface ChecklistsDeps {
  /** Creates the follow-up DI as the signed-in user (the requests domain's own rules, numbering and audit). */
  requests?: Pick<RequestsService, 'report' | 'cancel'>;
}

type Fields = z.output<typeof checklistFieldsSchema>;
type Answer = z.output<typeof answerSchema>;

function codeTaken(): AppError {
  return new AppError('CHECKLIST_CODE_TAKEN', 'Checklist code taken', [{ path: 'code', code: 'checklists.validation.codeTaken' }]);
}

function changedMeanwhile(code: string): AppError {
  return new AppError('CHECKLIST_CHANGED_MEANWHILE', `La gamme ${code} a été modifiée entre-temps sur un autre poste : rechargez-la.`);
}

function stepRefused(reason: string, message: string, details: Record<string, string | number> = {}): AppError {
  return new AppError('CHECKLIST_STEP_REFUSED', message, undefined, { reason, ...details });
}

/** What is stored for a step of each kind: the fields a kind doesn't use are emptied. */
function normalizeStep(step: Fields['steps'][number]): NewStep {
  const usesUnit = step.kind === 'measurement' || step.kind === 'meter';
  const usesLimits = step.kind === 'measurement';
  return {
    kind: step.kind,
    label: step.label,
    required: step.required,
    help: step.help || null,
    unit: usesUnit ? step.unit : null,
    minValue: usesLimits ? step.minValue : null,
    maxValue: usesLimits ? step.maxValue : null,
  };
}

function stepView(row: Pick<ChecklistStepRow, 'id' | 'position' | 'kind' | 'label' | 'required' | 'help' | 'unit' | 'min_value' | 'max_value'>): StepView {
  return {
    id: Number(row.id),
    position: row.position,
    kind: row.kind,
    label: row.label,
    required: row.required === 1,
    help: row.help ?? '',
    unit: row.unit ?? '',
    minValue: row.min_value === null ? null : Number(row.min_value),
    maxValue: row.max_value === null ? null : Number(row.max_value),
  };
}

function workOrderStepView(row: WorkOrderStepDetail): WorkOrderStepView {
  const nok = row.check_result === 'nok';
  const out = row.out_of_limits === 1;
  const hasFollowUp = row.follow_up_request_id !== null || row.follow_up_work_order_id !== null;
  return {
    ...stepView(row),
    checkResult: row.check_result,
    numberValue: row.number_value === null ? null : Number(row.number_value),
    textValue: row.text_value,
    attachment: row.attachment_id === null ? null : { id: Number(row.attachment_id), fileName: row.attachmentName ?? '' },
    reading: row.reading_id === null ? null : { id: Number(row.reading_id), value: Number(row.readingValue) },
    outOfLimits: out,
    answered: row.answered_at !== null,
    answeredBy: row.answeredByName,
    answeredAt: row.answered_at === null ? null : Number(row.answered_at),
    followUpRequest: row.followUpRequestNumber,
    followUpWorkOrder: row.followUpWorkOrderNumber,
    offersFollowUp: (nok || out) && !hasFollowUp,
  };
}

export class ChecklistsService {
  private readonly checklists: ChecklistsRepository;
  private readonly steps: ChecklistStepsRepository;
  private readonly workOrders: WorkOrdersRepository;

  constructor(
    private readonly kernel: Kernel,
    private readonly deps: ChecklistsDeps = {},
  ) {
    this.checklists = new ChecklistsRepository(kernel.database.kysely);
    this.steps = new ChecklistStepsRepository(kernel.database.kysely);
    this.workOrders = new WorkOrdersRepository(kernel.database.kysely);
  }

  private now(): number {
    return this.kernel.clock.now();
  }

  // --- Gammes (managers) ----------------------------------------------------------------------------------------

  async list(search: string, includeInactive: boolean): Promise<ChecklistSummary[]> {
    return this.checklists.list(search, includeInactive);
  }

  async options(): Promise<ChecklistOption[]> {
    return (await this.checklists.list('', false)).map((row) => ({ code: row.code, name: row.name, stepCount: row.stepCount }));
  }

  async get(code: string): Promise<ChecklistView> {
    const row = await this.checklists.findByCode(code);
    if (!row) throw new AppError('NOT_FOUND', `Aucune gamme ${code}.`);
    const id = Number(row.id);
    const [steps, planCount] = await Promise.all([this.checklists.steps(id), this.checklists.planCount(id)]);
    return {
      id,
      code: row.code,
      name: row.name,
      description: row.description,
      isActive: row.is_active === 1,
      version: row.version,
      stepCount: steps.length,
      planCount,
      updatedAt: Number(row.updated_at),
      steps: steps.map(stepView),
    };
  }

  async create(input: Fields, userId: number): Promise<{ id: number; code: string }> {
    if (await this.checklists.findByCode(input.code)) throw codeTaken();
    const at = this.now();
    const id = await this.writeChecked(input.code, null, async (trx) => {
      const repository = this.checklists.in(trx);
      const id = await repository.insert({ code: input.code, name: input.name, description: input.description, searchText: foldText(input.code, input.name, input.description), createdBy: userId, at });
      await repository.replaceSteps(id, input.steps.map(normalizeStep));
      await this.kernel.audit.in(trx).append({ eventType: 'checklist.created', actorUserId: userId, subjectLabel: input.code, details: { code: input.code, name: input.name, steps: input.steps.length } }, at);
      return id;
    });
    this.kernel.changes.publish('checklists');
    return { id, code: input.code };
  }

  async update(input: z.output<typeof updateChecklistInput>, userId: number): Promise<{ version: number; code: string }> {
    const current = await this.checklists.findById(input.id);
    if (!current) throw new AppError('NOT_FOUND', `Aucune gamme ${input.code}.`);
    const other = await this.checklists.findByCode(input.code);
    if (other && Number(other.id) !== input.id) throw codeTaken();
    const at = this.now();
    await this.writeChecked(input.code, input.id, async (trx) => {
      const repository = this.checklists.in(trx);
      const changed = await repository.updateIfVersion(input.id, input.version, {
        code: input.code,
        name: input.name,
        description: input.description,
        search_text: foldText(input.code, input.name, input.description),
        updated_at: at,
      });
      if (!changed) throw changedMeanwhile(current.code);
      // The OTs already made keep their copies: only the gamme's own list changes.
      await repository.replaceSteps(input.id, input.steps.map(normalizeStep));
      await this.kernel.audit
        .in(trx)
        .append({ eventType: 'checklist.updated', actorUserId: userId, subjectLabel: input.code, details: { code: input.code, ...(current.code !== input.code ? { previousCode: current.code } : {}), steps: input.steps.length } }, at);
    });
    this.kernel.changes.publish('checklists');
    return { version: input.version + 1, code: input.code };
  }

  async setActive(input: { id: number; version: number; active: boolean }, userId: number): Promise<{ version: number }> {
    const current = await this.checklists.findById(input.id);
    if (!current) throw new AppError('NOT_FOUND', 'No such checklist');
    const at = this.now();
    await this.kernel.database.transaction(async (trx) => {
      if (!(await this.checklists.in(trx).updateIfVersion(input.id, input.version, { is_active: input.active ? 1 : 0, updated_at: at }))) throw changedMeanwhile(current.code);
      await this.kernel.audit
        .in(trx)
        .append({ eventType: input.active ? 'checklist.reactivated' : 'checklist.deactivated', actorUserId: userId, subjectLabel: current.code, details: { code: current.code } }, at);
    });
    this.kernel.changes.publish('checklists');
    return { version: input.version + 1 };
  }

  /** Deletes a gamme no plan and no OT refers to; a used one is refused (deactivate it instead). */
  async delete(input: { id: number; version: number }, userId: number): Promise<void> {
    const current = await this.checklists.findById(input.id);
    if (!current) throw new AppError('NOT_FOUND', 'No such checklist');
    const at = this.now();
    await this.kernel.database.transaction(async (trx) => {
      const repository = this.checklists.in(trx);
      const plans = await repository.planCount(input.id);
      const orders = await repository.workOrderCount(input.id);
      if (plans > 0 || orders > 0) {
        throw stepRefused('in_use', `La gamme ${current.code} est utilisée (${plans} plan(s), ${orders} OT) : désactivez-la plutôt que de la supprimer.`, { plans, workOrders: orders });
      }
      if (!(await repository.delete(input.id, input.version))) throw changedMeanwhile(current.code);
      await this.kernel.audit.in(trx).append({ eventType: 'checklist.deleted', actorUserId: userId, subjectLabel: current.code, details: { code: current.code } }, at);
    });
    this.kernel.changes.publish('checklists');
  }

  /** Two PCs creating the same code at once: the second meets the unique index; say it clearly. */
  private async writeChecked<T>(code: string, exceptId: number | null, write: (trx: Executor) => Promise<T>): Promise<T> {
    try {
      return await this.kernel.database.transaction(write);
    } catch (error) {
      if (!(error instanceof AppError)) {
        const other = await this.checklists.findByCode(code);
        if (other && Number(other.id) !== exceptId) throw codeTaken();
      }
      throw error;
    }
  }

  // --- Steps on an OT -------------------------------------------------------------------------------------------

  private async loadOrder(number: string, repository = this.workOrders): Promise<WorkOrderRow> {
    const row = await repository.findByNumber(number);
    if (!row) throw new AppError('NOT_FOUND', `Aucun OT ${number}.`);
    return row;
  }

  async workOrderSteps(number: string, user: Pick<UserRecord, 'id' | 'role'>): Promise<WorkOrderStepsView> {
    const row = await this.loadOrder(number);
    const id = Number(row.id);
    const [rows, missing, checklist, isAssignee] = await Promise.all([
      this.steps.listDetailed(id),
      this.steps.missingRequired(id),
      this.steps.checklistOf(id),
      this.workOrders.isAssignee(id, user.id),
    ]);
    const mayWork = mayWorkOn({ role: user.role, isAssignee });
    const manager = isManagerRole(user.role);
    const canAnswer = mayWork && row.status === 'in_progress';
    return {
      workOrderId: id,
      number: row.number,
      checklist: checklist ?? null,
      steps: rows.map(workOrderStepView),
      missingRequired: missing,
      canAnswer,
      answerBlockedReason: mayWork && !canAnswer && rows.length > 0 ? notInProgress(row) : null,
      canAttach: manager && rows.length === 0 && (row.status === 'draft' || row.status === 'planned'),
      mayCreateRequest: mayWork && this.deps.requests !== undefined,
      mayCreateWorkOrder: manager,
    };
  }

  /** Saves one step's answer as the technician goes (nothing lost if the session locks). */
  async answer(input: { number: string; stepId: number; answer: Answer }, user: Pick<UserRecord, 'id' | 'role'>): Promise<WorkOrderStepView> {
    const at = this.now();
    const topics: ChangeTopic[] = ['work-orders'];
    await this.kernel.database.transaction(async (trx) => {
      const orders = this.workOrders.in(trx);
      const steps = this.steps.in(trx);
      const row = await this.loadOrder(input.number, orders);
      const workOrderId = Number(row.id);
      const isAssignee = await orders.isAssignee(workOrderId, user.id);
      if (!mayWorkOn({ role: user.role, isAssignee })) throw new AppError('FORBIDDEN', `L'OT ${row.number} ne vous est pas affecté.`);
      if (row.status !== 'in_progress') throw stepRefused('not_in_progress', notInProgress(row), { status: row.status });
      // The row lock (PostgreSQL) makes a concurrent finish or pause wait, or win and refuse this answer.
      if (!(await orders.lockIfStatusIn(workOrderId, ['in_progress']))) throw stepRefused('not_in_progress', notInProgress(row), { status: row.status });
      const step = await steps.findStep(workOrderId, input.stepId);
      if (!step) throw new AppError('NOT_FOUND', 'No such step on this work order');
      const answer = input.answer;
      if (answer.kind !== step.kind) throw new AppError('VALIDATION_FAILED', 'Answer of another kind', [{ path: 'answer.kind', code: 'validation.invalid' }]);
      const changes: StepAnswerChanges = {
        check_result: null,
        number_value: null,
        text_value: null,
        attachment_id: null,
        meter_id: step.meter_id,
        reading_id: step.reading_id,
        out_of_limits: 0,
        answered_by: user.id,
        answered_at: at,
      };
      let answered = true;
      switch (answer.kind) {
        case 'check':
          changes.check_result = answer.result;
          answered = answer.result !== null;
          break;
        case 'measurement': {
          changes.number_value = answer.value;
          answered = answer.value !== null;
          const min = step.min_value === null ? null : Number(step.min_value);
          const max = step.max_value === null ? null : Number(step.max_value);
          changes.out_of_limits = isOutOfLimits(answer.value, min, max) ? 1 : 0;
          break;
        }
        case 'text':
          changes.text_value = answer.text || null;
          answered = answer.text.length > 0;
          break;
        case 'photo':
          if (answer.attachmentId !== null && !(await steps.attachmentOfWorkOrder(answer.attachmentId, workOrderId))) {
            throw new AppError('VALIDATION_FAILED', 'Not an attachment of this work order', [{ path: 'answer.attachmentId', code: 'validation.invalid' }]);
          }
          changes.attachment_id = answer.attachmentId;
          answered = answer.attachmentId !== null;
          break;
        case 'meter': {
          const meterName = step.unit ?? '';
          const meters = new MetersRepository(trx);
          const meter = await meters.findByName(Number(row.equipment_id), meterName);
          if (!meter) {
            throw stepRefused('meter_not_found', `L'équipement de l'OT ${row.number} n'a pas de compteur « ${meterName} » : ajoutez-le sur la fiche de l'équipement, ou saisissez le relevé depuis la fiche.`, { meter: meterName });
          }
          const result = await meters.record({ meterId: Number(meter.id), value: answer.value, isReset: answer.isReset, readAt: at, userId: user.id, workstation: this.kernel.workstationName, workOrderId });
          if (!result.ok) {
            // Nothing of the answer is written: the transaction rolls back with the refusal.
            switch (result.reason) {
              case 'below_last':
                throw stepRefused(
                  'below_last',
                  `Le relevé ${formatStepNumber(answer.value)} ${meter.unit} est inférieur au dernier relevé du compteur « ${meter.name} » (${formatStepNumber(result.lastValue)} ${meter.unit}). Vérifiez la valeur, ou cochez « remise à zéro / compteur changé ».`,
                  { lastValue: result.lastValue },
                );
              case 'meter_inactive':
                throw stepRefused('meter_inactive', `Le compteur « ${meter.name} » est désactivé : aucun relevé ne peut y être saisi.`);
              case 'meter_changed':
                throw stepRefused('meter_changed', `Un autre relevé du compteur « ${meter.name} » vient d'être enregistré sur un autre poste : vérifiez la valeur et validez de nouveau.`);
              default:
                throw stepRefused('meter_not_found', `Le compteur « ${meterName} » est introuvable.`);
            }
          }
          changes.meter_id = Number(meter.id);
          changes.reading_id = Number(result.reading.id);
          changes.number_value = answer.value;
          topics.push('meters');
          break;
        }
      }
      if (!answered) {
        changes.answered_by = null;
        changes.answered_at = null;
      }
      await steps.saveAnswer(Number(step.id), changes);
    });
    this.kernel.changes.publish(...topics);
    const rows = await this.steps.listDetailed(Number((await this.loadOrder(input.number)).id));
    return workOrderStepView(rows.find((row) => Number(row.id) === input.stepId)!);
  }

  /**
   * « Créer une DI » / « Créer un OT correctif » from a NOK check or an out-of-limits measurement, pre-filled with
   * the OT's equipment and the step. One follow-up per step: a second one is refused.
   */
  async followUp(input: { number: string; stepId: number; kind: 'request' | 'workOrder' }, user: UserRecord): Promise<{ number: string }> {
    const row = await this.loadOrder(input.number);
    const workOrderId = Number(row.id);
    const isAssignee = await this.workOrders.isAssignee(workOrderId, user.id);
    if (!mayWorkOn({ role: user.role, isAssignee })) throw new AppError('FORBIDDEN', `L'OT ${row.number} ne vous est pas affecté.`);
    if (input.kind === 'workOrder' && !isManagerRole(user.role)) throw new AppError('FORBIDDEN', 'Only managers create work orders');
    const step = await this.steps.findStep(workOrderId, input.stepId);
    if (!step) throw new AppError('NOT_FOUND', 'No such step on this work order');
    if (step.check_result !== 'nok' && step.out_of_limits !== 1) {
      throw stepRefused('no_anomaly', `L'étape « ${step.label} » n'est ni NOK ni hors limites : rien à signaler.`);
    }
    if (step.follow_up_request_id !== null || step.follow_up_work_order_id !== null) throw alreadyFollowedUp(step.label);
    const title = followUpTitle(
      {
        kind: step.kind,
        label: step.label,
        unit: step.unit,
        minValue: step.min_value === null ? null : Number(step.min_value),
        maxValue: step.max_value === null ? null : Number(step.max_value),
        numberValue: step.number_value === null ? null : Number(step.number_value),
        checkResult: step.check_result,
      },
      row.number,
    );
    const equipment = await this.steps.equipmentCode(Number(row.equipment_id));

    if (input.kind === 'request') {
      if (!this.deps.requests) throw new AppError('INTERNAL_ERROR', 'No requests service');
      // The DI is made by the requests domain as this user (its own transaction, numbering and audit); the step is
      // linked right after with a compare-and-set. A second click on another PC that lost the link cancels its DI.
      const symptom = `${title}${step.help ? `\n${step.help}` : ''}`;
      const made = await this.deps.requests.report({ equipmentCode: equipment ?? '', symptom, machineStopped: false }, user);
      const linked = await this.kernel.database.transaction(async (trx) => {
        const requestId = await this.steps.in(trx).requestIdByNumber(made.number);
        return requestId !== undefined && (await this.steps.in(trx).linkFollowUp(Number(step.id), { requestId }));
      });
      if (!linked) {
        await this.deps.requests.cancel(made.number, user).catch(() => undefined);
        throw alreadyFollowedUp(step.label);
      }
      this.kernel.changes.publish('work-orders');
      return { number: made.number };
    }

    const at = this.now();
    const created = await this.kernel.database.transaction(async (trx) => {
      const workOrder = await createWorkOrder(
        trx,
        {
          type: 'corrective',
          priority: 2,
          equipmentId: Number(row.equipment_id),
          locationId: row.location_id === null ? null : Number(row.location_id),
          title: title.length > 200 ? `${title.slice(0, 199)}…` : title,
          description: `Anomalie relevée à l'étape ${step.position} de l'OT ${row.number} : ${step.label}.${step.help ? `\n${step.help}` : ''}`,
        },
        { userId: user.id, workstation: this.kernel.workstationName, at, year: new Date(at).getFullYear() },
      );
      if (!(await this.steps.in(trx).linkFollowUp(Number(step.id), { workOrderId: workOrder.id }))) throw alreadyFollowedUp(step.label);
      return workOrder;
    });
    this.kernel.changes.publish('work-orders');
    return { number: created.number };
  }

  /** A Responsable applies a gamme to an OT without steps (`brouillon` or `planifié`), e.g. a corrective one. */
  async attachToWorkOrder(input: { number: string; code: string }): Promise<{ steps: number }> {
    const checklist = await this.checklists.findByCode(input.code);
    if (!checklist || checklist.is_active !== 1) throw new AppError('VALIDATION_FAILED', 'Unknown checklist', [{ path: 'code', code: 'checklists.validation.unknown' }]);
    const count = await this.kernel.database.transaction(async (trx) => {
      const orders = this.workOrders.in(trx);
      const row = await this.loadOrder(input.number, orders);
      const workOrderId = Number(row.id);
      if (!(await orders.lockIfStatusIn(workOrderId, ['draft', 'planned']))) {
        throw stepRefused('not_plannable', `Une gamme ne s'ajoute qu'à un OT « brouillon » ou « planifié » ; l'OT ${row.number} est « ${STATUS_LABELS_FR[row.status]} ».`, { status: row.status });
      }
      if ((await this.steps.in(trx).countFor(workOrderId)) > 0) throw stepRefused('has_steps', `L'OT ${row.number} a déjà une gamme.`);
      return new ChecklistCopyRepository(trx).copyToWorkOrder(Number(checklist.id), workOrderId);
    });
    this.kernel.changes.publish('work-orders');
    return { steps: count };
  }
}

function notInProgress(row: WorkOrderRow): string {
  return `Les étapes se renseignent quand l'OT est « en cours » ; l'OT ${row.number} est « ${STATUS_LABELS_FR[row.status]} ». Démarrez-le d'abord.`;
}

function alreadyFollowedUp(label: string): AppError {
  return stepRefused('already_followed_up', `Une suite (DI ou OT) a déjà été créée pour l'étape « ${label} ».`);
}
