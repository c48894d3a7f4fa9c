// Pure (Node). The planning: the period's open OTs per person with load against capacity (two set-based reads), the
// Responsable's reschedule (load → decide → one short transaction with compare-and-set on the OT's version, a
// `rescheduled` line in the OT's history) and a person's weekly capacity. Days are this computer's local days, as
// everywhere else an OT's dates are shown (the lists, the OT page).
import type { z } from 'zod';
import { DEFAULT_WEEKLY_MINUTES, PLANNING_MAX_DAYS, type PlanningOrder, type PlanningView, type rescheduleInput } from '../../../shared/planning/contract';
import type { Role } from '../../../shared/contract/roles';
import { isLocked, isPlanningEditable, STATUS_LABELS_FR, type WorkOrderStatusCode } from '../../../shared/work-orders/transitions';
import type { WorkOrderTypeCode } from '../../../shared/work-orders/contract';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import { localDayEnd, localDayOf, localDayStart } from '../kernel/platform/local-day';
import { WorkOrdersRepository } from '../work-orders';
import { PlanningRepository, type PlanningRow } from './planning-repository';

/** Every local day from `from` to `to` inclusive ('YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const [y, m, d] = from.split('-').map(Number);
  for (let i = 0; i <= PLANNING_MAX_DAYS + 1; i += 1) {
    const day = localDayOf(new Date(y, m - 1, d + i, 12).getTime());
    if (day > to) break;
    days.push(day);
  }
  return days;
}

function isWorkingDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = new Date(y, m - 1, d, 12).getDay();
  return weekday !== 0 && weekday !== 6;
}

/** Folds the OT × assignee rows (ordered by OT) into one card per OT. */
export function foldOrders(rows: readonly PlanningRow[]): PlanningOrder[] {
  const orders: PlanningOrder[] = [];
  let current: PlanningOrder | null = null;
  for (const row of rows) {
    if (!current || current.id !== row.id) {
      const placedBy = row.planned_at !== null ? 'planned' : 'due';
      const at = (row.planned_at ?? row.due_at) as number;
      current = {
        id: row.id,
        number: row.number,
        version: row.version,
        type: row.type as WorkOrderTypeCode,
        priority: row.priority,
        status: row.status as WorkOrderStatusCode,
        title: row.title,
        equipmentCode: row.equipment_code,
        equipmentDesignation: row.equipment_designation,
        at,
        placedBy,
        day: localDayOf(at),
        estimatedMinutes: row.estimated_minutes,
        assigneeIds: [],
        fromPlan: row.pm_occurrence_id !== null,
      };
      orders.push(current);
    }
    if (row.assignee_id !== null) current.assigneeIds.push(row.assignee_id);
  }
  return orders;
}

export class PlanningService {
  private readonly repository: PlanningRepository;
  private readonly workOrders: WorkOrdersRepository;

  constructor(private readonly kernel: Kernel) {
    this.repository = new PlanningRepository(kernel.database.kysely);
    this.workOrders = new WorkOrdersRepository(kernel.database.kysely);
  }

  async view(input: { from: string; to: string }, caller: { userId: number; role: Role }): Promise<PlanningView> {
    if (input.to < input.from) throw new AppError('VALIDATION_FAILED', 'to before from', [{ path: 'to', code: 'validation.outOfRange' }]);
    const days = daysBetween(input.from, input.to);
    if (days.length > PLANNING_MAX_DAYS || days[days.length - 1] !== input.to) throw new AppError('VALIDATION_FAILED', 'period too long', [{ path: 'to', code: 'validation.outOfRange' }]);
    const [rows, people] = await Promise.all([this.repository.ordersBetween(localDayStart(input.from), localDayEnd(input.to)), this.repository.people()]);
    const orders = foldOrders(rows);
    const load = new Map<number, number>();
    let unassignedMinutes = 0;
    for (const order of orders) {
      const minutes = order.estimatedMinutes ?? 0;
      if (order.assigneeIds.length === 0) unassignedMinutes += minutes;
      for (const id of order.assigneeIds) load.set(id, (load.get(id) ?? 0) + minutes);
    }
    const workingDays = days.filter(isWorkingDay).length;
    return {
      from: input.from,
      to: input.to,
      days,
      people: people.map((person) => {
        const weekly = person.weeklyMinutes ?? DEFAULT_WEEKLY_MINUTES;
        return {
          id: person.id,
          displayName: person.displayName,
          role: person.role,
          weeklyMinutes: weekly,
          defaultCapacity: person.weeklyMinutes === null,
          loadMinutes: load.get(person.id) ?? 0,
          capacityMinutes: Math.round((weekly * workingDays) / 5),
        };
      }),
      orders,
      unassignedMinutes,
      me: caller.userId,
      canReschedule: caller.role === 'admin' || caller.role === 'maintenance_manager',
    };
  }

  async reschedule(input: z.output<typeof rescheduleInput>, caller: { userId: number }): Promise<{ version: number }> {
    if (input.toUserId !== null && input.toUserId !== input.fromUserId && !(await this.repository.isMaintainer(input.toUserId))) {
      throw new AppError('VALIDATION_FAILED', 'Invalid toUserId', [{ path: 'toUserId', code: 'workOrders.validation.assigneeInvalid' }]);
    }
    const at = this.kernel.clock.now();
    const version = await this.kernel.database.transaction(async (trx) => {
      const repository = this.workOrders.in(trx);
      const row = await repository.findByNumber(input.number);
      if (!row) throw new AppError('NOT_FOUND', `Aucun OT ${input.number}.`);
      if (row.version !== input.version) throw new AppError('WORK_ORDER_CHANGED_MEANWHILE', `L'OT ${row.number} a été modifié entre-temps sur un autre poste : rechargez le planning.`);
      if (isLocked(row.status)) throw new AppError('WORK_ORDER_LOCKED', `L'OT ${row.number} est « ${STATUS_LABELS_FR[row.status]} » : il ne peut plus être modifié.`);
      if (!isPlanningEditable(row.status)) {
        throw new AppError('WORK_ORDER_TRANSITION_REFUSED', `Le planning d'un OT à l'état « ${STATUS_LABELS_FR[row.status]} » ne se modifie plus.`, undefined, { from: row.status, action: 'reschedule' });
      }
      // The time of day the OT had is kept: moving a card changes its day, not the hour it was planned at.
      const previousAt = row.planned_at ?? row.due_at;
      const timeOfDay = previousAt === null ? 0 : Number(previousAt) - localDayStart(localDayOf(Number(previousAt)));
      const plannedAt = localDayStart(input.day) + timeOfDay;
      const before = (await repository.listAssignees(row.id)).map((person) => person.id);
      let after = before;
      if (input.fromUserId !== input.toUserId) {
        after = before.filter((id) => id !== input.fromUserId);
        if (input.toUserId !== null && !after.includes(input.toUserId)) after = [...after, input.toUserId];
      }
      // Once planned, an OT keeps someone to do it (the same rule as the OT's planning card).
      if (row.status !== 'draft' && after.length === 0) throw new AppError('VALIDATION_FAILED', 'No assignee left', [{ path: 'toUserId', code: 'workOrders.validation.assigneeRequired' }]);
      if (!(await repository.updateIfVersion(row.id, row.version, { planned_at: plannedAt, updated_at: at }))) {
        throw new AppError('WORK_ORDER_CHANGED_MEANWHILE', `L'OT ${row.number} a été modifié entre-temps sur un autre poste : rechargez le planning.`);
      }
      const assigneesChanged = [...before].sort().join(',') !== [...after].sort().join(',');
      if (assigneesChanged) await repository.replaceAssignees(row.id, after);
      await repository.addEvent({
        work_order_id: row.id,
        at,
        user_id: caller.userId,
        workstation: this.kernel.workstationName,
        kind: 'rescheduled',
        detail: JSON.stringify({ from: previousAt === null ? null : Number(previousAt), to: plannedAt, day: input.day, ...(assigneesChanged ? { assignees: { from: before, to: after } } : {}) }),
      });
      return row.version + 1;
    });
    this.kernel.changes.publish('work-orders', 'planning');
    return { version };
  }

  async setCapacity(input: { userId: number; weeklyHours: number }): Promise<{ weeklyMinutes: number }> {
    if (!(await this.repository.isMaintainer(input.userId))) throw new AppError('NOT_FOUND', `Aucun intervenant n° ${input.userId}.`);
    const weeklyMinutes = Math.round(input.weeklyHours * 60);
    await this.repository.setCapacity(input.userId, weeklyMinutes, this.kernel.clock.now());
    this.kernel.changes.publish('planning');
    return { weeklyMinutes };
  }
}
