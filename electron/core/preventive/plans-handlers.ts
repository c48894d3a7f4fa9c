// Pure (Node). The plans de maintenance commands and reads (managers; the dispatcher checks the role): create, edit
// with compare-and-set on `version`, pause / resume / archive (audited), the list and one plan with its recent
// occurrences. Each command loads, decides in plain code, then writes in one short transaction. A plan change never
// touches OTs already made: the generator reads the plan when it makes the next occurrence, nothing else.
import type { z } from 'zod';
import {
  PLAN_LIST_LIMIT,
  type MeterNameOption,
  type PlanFieldsParsed,
  type PlanListRow,
  type PlanOptions,
  type PlanStatus,
  type PlanStatusAction,
  type PlanView,
  type listPlansInput,
  type plansContract,
  type setPlanStatusInput,
  type updatePlanInput,
} from '../../../shared/preventive/plans-contract';
import { parseTriggers } from '../../../shared/preventive/triggers';
import { EquipmentRepository } from '../equipment';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';
import { foldText } from '../kernel/db/text-search';
import { AppError } from '../kernel/platform/app-error';
import { PlansRepository, type PlanChanges, type PlanRow } from './plans-repository';

type AuditType = 'preventive.plan_created' | 'preventive.plan_updated' | 'preventive.plan_paused' | 'preventive.plan_resumed' | 'preventive.plan_archived';

function validation(path: string, code: string): AppError {
  return new AppError('VALIDATION_FAILED', `Invalid ${path}`, [{ path, code }]);
}

function changedMeanwhile(code: string): AppError {
  return new AppError('PLAN_CHANGED_MEANWHILE', `Le plan ${code} a été modifié entre-temps sur un autre poste : rechargez-le.`);
}

/** What each status action moves from and to; anything else is refused with a French sentence. */
const STATUS_MOVES: Record<PlanStatusAction, { from: readonly PlanStatus[]; to: PlanStatus; audit: AuditType }> = {
  pause: { from: ['active'], to: 'paused', audit: 'preventive.plan_paused' },
  resume: { from: ['paused'], to: 'active', audit: 'preventive.plan_resumed' },
  archive: { from: ['active', 'paused'], to: 'archived', audit: 'preventive.plan_archived' },
};
const STATUS_FR: Record<PlanStatus, string> = { active: 'actif', paused: 'suspendu', archived: 'archivé' };

export class PlansService {
  private readonly repository: PlansRepository;
  private readonly equipment: EquipmentRepository;

  constructor(private readonly kernel: Kernel) {
    this.repository = new PlansRepository(kernel.database.kysely);
    this.equipment = new EquipmentRepository(kernel.database.kysely);
  }

  private async load(code: string, repository = this.repository): Promise<PlanRow> {
    const row = await repository.findByCode(code);
    if (!row) throw new AppError('NOT_FOUND', `Aucun plan ${code}.`);
    return row;
  }

  /** Resolves and checks what the fields point at (outside the transaction: reads that don't decide a race). */
  private async resolve(fields: PlanFieldsParsed): Promise<{ equipmentId: number | null; category: string | null; assigneeIds: number[] }> {
    let equipmentId: number | null = null;
    let category: string | null = null;
    if (fields.scope === 'equipment') {
      const equipment = await this.equipment.findByCode(fields.equipmentCode ?? '');
      if (!equipment) throw validation('equipmentCode', 'plans.validation.equipmentUnknown');
      equipmentId = Number(equipment.id);
    } else {
      category = fields.category;
    }
    if (fields.checklistId !== null && !(await this.repository.checklistExists(fields.checklistId))) throw validation('checklistId', 'plans.validation.checklistUnknown');
    const assigneeIds = [...new Set(fields.assigneeIds)];
    if (assigneeIds.length > 0) {
      const allowed = new Set((await this.repository.activeMaintainers()).map((person) => person.id));
      if (assigneeIds.some((id) => !allowed.has(id))) throw validation('assigneeIds', 'workOrders.validation.assigneeInvalid');
    }
    return { equipmentId, category, assigneeIds };
  }

  private columns(fields: PlanFieldsParsed, target: { equipmentId: number | null; category: string | null }, at: number) {
    return {
      code: fields.code,
      name: fields.name,
      equipment_id: target.equipmentId,
      category: target.category,
      checklist_id: fields.checklistId,
      work_type: fields.workType,
      priority: fields.priority,
      estimated_minutes: fields.estimatedMinutes,
      lead_days: fields.leadDays,
      tolerance_days: fields.toleranceDays,
      tolerance_units: fields.toleranceUnits,
      triggers: JSON.stringify(fields.triggers),
      instructions: fields.instructions,
      search_text: foldText(fields.code, fields.name, fields.equipmentCode, target.category),
      updated_at: at,
    };
  }

  async create(fields: PlanFieldsParsed, userId: number): Promise<{ id: number; code: string }> {
    const target = await this.resolve(fields);
    const at = this.kernel.clock.now();
    const id = await this.kernel.database.transaction(async (trx) => {
      const repository = this.repository.in(trx);
      const columns = this.columns(fields, target, at);
      const inserted = await repository.insert({ ...columns, status: 'active', created_by: userId, created_at: at });
      if (inserted === undefined) throw new AppError('PLAN_CODE_TAKEN', `Le code ${fields.code} est déjà utilisé.`, [{ path: 'code', code: 'plans.validation.codeTaken' }]);
      await repository.replaceAssignees(inserted, target.assigneeIds);
      await this.kernel.audit.in(trx).append({ eventType: 'preventive.plan_created', actorUserId: userId, subjectLabel: fields.code, details: { code: fields.code, name: fields.name } }, at);
      return inserted;
    });
    this.kernel.changes.publish('preventive');
    return { id, code: fields.code };
  }

  async update(input: z.output<typeof updatePlanInput>, userId: number): Promise<{ version: number; code: string }> {
    const fields = input.fields;
    const target = await this.resolve(fields);
    const at = this.kernel.clock.now();
    const version = await this.kernel.database.transaction(async (trx) => {
      const repository = this.repository.in(trx);
      const row = await repository.findById(input.id);
      if (!row) throw new AppError('NOT_FOUND', `Aucun plan n° ${input.id}.`);
      if (row.version !== input.version) throw changedMeanwhile(row.code);
      if (row.status === 'archived') throw new AppError('CONFLICT', `Le plan ${row.code} est archivé : il ne se modifie plus.`);
      if (fields.code.toUpperCase() !== row.code.toUpperCase() && (await repository.codeTaken(fields.code, row.id))) {
        throw new AppError('PLAN_CODE_TAKEN', `Le code ${fields.code} est déjà utilisé.`, [{ path: 'code', code: 'plans.validation.codeTaken' }]);
      }
      const changes: PlanChanges = this.columns(fields, target, at);
      const changed = Object.keys(changes).filter((key) => key !== 'updated_at' && key !== 'search_text' && String(row[key as keyof PlanRow]) !== String(changes[key as keyof PlanChanges]));
      const before = await repository.assigneeIds(row.id);
      if (before.join(',') !== [...target.assigneeIds].sort((a, b) => a - b).join(',')) changed.push('assignees');
      if (!(await repository.updateIfVersion(row.id, row.version, changes))) throw changedMeanwhile(row.code);
      await repository.replaceAssignees(row.id, target.assigneeIds);
      await this.kernel.audit.in(trx).append({ eventType: 'preventive.plan_updated', actorUserId: userId, subjectLabel: fields.code, details: { code: fields.code, fields: changed.join(',') } }, at);
      return row.version + 1;
    });
    this.kernel.changes.publish('preventive');
    return { version, code: fields.code };
  }

  async setStatus(input: z.output<typeof setPlanStatusInput>, userId: number): Promise<{ version: number; status: PlanStatus }> {
    const move = STATUS_MOVES[input.action];
    const at = this.kernel.clock.now();
    const result = await this.kernel.database.transaction(async (trx) => {
      const repository = this.repository.in(trx);
      const row = await repository.findById(input.id);
      if (!row) throw new AppError('NOT_FOUND', `Aucun plan n° ${input.id}.`);
      if (row.version !== input.version) throw changedMeanwhile(row.code);
      if (!move.from.includes(row.status)) throw new AppError('CONFLICT', `Le plan ${row.code} est ${STATUS_FR[row.status]} : cette action n'est pas possible.`);
      if (!(await repository.updateIfVersion(row.id, row.version, { status: move.to, updated_at: at }))) throw changedMeanwhile(row.code);
      await this.kernel.audit.in(trx).append({ eventType: move.audit, actorUserId: userId, subjectLabel: row.code, details: { code: row.code, from: row.status, to: move.to } }, at);
      return { version: row.version + 1, status: move.to };
    });
    this.kernel.changes.publish('preventive');
    return result;
  }

  async list(input: z.output<typeof listPlansInput>): Promise<{ rows: PlanListRow[]; total: number; truncated: boolean }> {
    // Archived plans are out of the way unless asked for; "all" shows every one.
    const status: PlanStatus | 'current' | null = input.status === 'all' ? null : (input.status ?? 'current');
    const query = { text: input.text ? input.text : null, status };
    const [rows, total] = await Promise.all([this.repository.list({ ...query, limit: PLAN_LIST_LIMIT }), this.repository.count(query)]);
    return {
      rows: rows.map((row) => ({
        id: Number(row.id),
        code: row.code,
        name: row.name,
        equipment: row.equipment_code ? { code: row.equipment_code, designation: row.equipment_designation ?? '' } : null,
        category: row.category,
        workType: row.work_type,
        status: row.status,
        triggers: parseTriggers(row.triggers),
        nextDueAt: row.next_due_at === null || row.next_due_at === undefined ? null : Number(row.next_due_at),
        updatedAt: Number(row.updated_at),
      })),
      total,
      truncated: total > rows.length,
    };
  }

  async get(code: string): Promise<PlanView> {
    const row = await this.load(code);
    const [equipment, assigneeIds, occurrences] = await Promise.all([
      row.equipment_id === null ? Promise.resolve(undefined) : this.equipment.findById(Number(row.equipment_id)),
      this.repository.assigneeIds(row.id),
      this.repository.recentOccurrences(row.id, 20),
    ]);
    return {
      id: Number(row.id),
      version: row.version,
      status: row.status,
      equipment: equipment ? { code: equipment.code, designation: equipment.designation } : null,
      fields: {
        code: row.code,
        name: row.name,
        scope: row.equipment_id === null ? 'category' : 'equipment',
        equipmentCode: equipment?.code ?? null,
        category: row.category,
        checklistId: row.checklist_id === null ? null : Number(row.checklist_id),
        workType: row.work_type,
        priority: row.priority as 1 | 2 | 3 | 4,
        estimatedMinutes: row.estimated_minutes,
        assigneeIds,
        leadDays: row.lead_days,
        toleranceDays: row.tolerance_days,
        toleranceUnits: Number(row.tolerance_units),
        instructions: row.instructions,
        triggers: parseTriggers(row.triggers),
      },
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      occurrences,
    };
  }

  async options(): Promise<PlanOptions> {
    const [checklists, people, categories] = await Promise.all([this.repository.activeChecklists(), this.repository.activeMaintainers(), this.repository.categories()]);
    return { checklists, people, categories };
  }

  async meterNames(input: { equipmentCode: string | null; category: string | null }): Promise<MeterNameOption[]> {
    if (input.equipmentCode) {
      const equipment = await this.equipment.findByCode(input.equipmentCode);
      return equipment ? this.repository.meterNames({ equipmentId: Number(equipment.id) }) : [];
    }
    if (input.category) return this.repository.meterNames({ category: input.category });
    return [];
  }
}

export function createPlansHandlers(kernel: Kernel): HandlerMap<keyof typeof plansContract> {
  const service = new PlansService(kernel);
  return {
    'preventive:listPlans': ({ input }) => service.list(input),
    'preventive:getPlan': ({ input }) => service.get(input.code),
    'preventive:createPlan': ({ input, session }) => service.create(input, session.userId),
    'preventive:updatePlan': ({ input, session }) => service.update(input, session.userId),
    'preventive:setPlanStatus': ({ input, session }) => service.setStatus(input, session.userId),
    'preventive:planOptions': () => service.options(),
    'preventive:planMeterNames': ({ input }) => service.meterNames(input),
  };
}
