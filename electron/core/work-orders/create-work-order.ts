// Pure (Node). Creating an OT, directly or from an accepted DI: its number comes from the database's sequence
// (OT-2026-000123, unique under concurrency on both engines) inside the caller's transaction, so an OT that is
// rolled back never leaves a row without its history, and the DI that accepted it points at a real OT.
import type { Executor } from '../kernel/db/database';
import { formatNumber, NumberSequenceRepository } from '../kernel/db/number-sequence-repository';
import type { WorkOrderType } from '../kernel/db/schema';
import { foldText } from '../kernel/db/text-search';
import { WorkOrdersRepository } from './work-orders-repository';

export interface NewWorkOrder {
  type: WorkOrderType;
  priority: 1 | 2 | 3 | 4;
  equipmentId: number;
  /** The equipment's location when the OT is written (lists filter on it without a join). */
  locationId: number | null;
  title: string;
  description: string;
  requestId?: number | null;
  plannedAt?: number | null;
  dueAt?: number | null;
  estimatedMinutes?: number | null;
  assigneeIds?: readonly number[];
}

export interface WorkOrderActor {
  userId: number | null;
  workstation: string;
  at: number;
  /** The calendar year of `at` where the workstation is (the number's year). */
  year: number;
}

/** Writes the OT (status `brouillon`, or `planifié` when it has a date and assignees) and its first history line. */
export async function createWorkOrder(trx: Executor, input: NewWorkOrder, actor: WorkOrderActor): Promise<{ id: number; number: string }> {
  const sequence = await new NumberSequenceRepository(trx).next(`OT-${actor.year}`);
  const number = formatNumber('OT', actor.year, sequence);
  const repository = new WorkOrdersRepository(trx);
  const planned = input.plannedAt !== null && input.plannedAt !== undefined && (input.assigneeIds?.length ?? 0) > 0;
  const id = await repository.insert({
    number,
    type: input.type,
    priority: input.priority,
    equipment_id: input.equipmentId,
    location_id: input.locationId,
    title: input.title,
    description: input.description,
    status: planned ? 'planned' : 'draft',
    hold_reason: null,
    hold_note: null,
    cancel_reason: null,
    request_id: input.requestId ?? null,
    planned_at: input.plannedAt ?? null,
    due_at: input.dueAt ?? input.plannedAt ?? null,
    estimated_minutes: input.estimatedMinutes ?? null,
    symptom_code: null,
    cause_code: null,
    remedy_code: null,
    symptom_text: null,
    cause_text: null,
    remedy_text: null,
    back_in_service: null,
    search_text: foldText(number, input.title, input.description),
    created_by: actor.userId,
    created_at: actor.at,
    updated_at: actor.at,
    started_at: null,
    finished_at: null,
    closed_at: null,
    closed_by: null,
  });
  await repository.addAssignees(id, input.assigneeIds ?? []);
  await repository.addEvent({
    work_order_id: id,
    at: actor.at,
    user_id: actor.userId,
    workstation: actor.workstation,
    kind: 'created',
    detail: JSON.stringify({ status: planned ? 'planned' : 'draft', requestId: input.requestId ?? null }),
  });
  return { id, number };
}
