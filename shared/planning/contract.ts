// Pure (main and renderer). The `planning` channels: the week or month of planned OTs (preventive and corrective,
// open statuses) per technician with each person's load in hours against capacity, the Responsable's reschedule
// (another day, another person: a compare-and-set on the OT's version, written to its history) and the capacity of
// a person. Technicians read the planning; only managers change it.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MAINTAINERS, MANAGERS } from '../contract/roles';
import type { WorkOrderStatusCode } from '../work-orders/transitions';
import type { WorkOrderTypeCode } from '../work-orders/contract';

export const localDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.dateInvalid');

/** 35 h a week when nobody set a person's capacity. */
export const DEFAULT_WEEKLY_MINUTES = 35 * 60;
/** The longest period one answer covers: a month view shows up to six weeks. */
export const PLANNING_MAX_DAYS = 42;

export const planningViewInput = z.object({ from: localDay, to: localDay });

export const rescheduleInput = z.object({
  number: z.string().trim().toUpperCase().regex(/^OT-\d{4}-\d{6,}$/, 'workOrders.validation.number'),
  version: z.number().int().min(1),
  /** The new day (local); the time of day the OT had is kept. */
  day: localDay,
  /** The row the card left (a person, or null for « Non affecté ») and the row it was dropped on. */
  fromUserId: z.number().int().positive().nullable(),
  toUserId: z.number().int().positive().nullable(),
});
export type RescheduleInput = z.input<typeof rescheduleInput>;

export const setCapacityInput = z.object({
  userId: z.number().int().positive(),
  weeklyHours: z.number('validation.number').min(0, 'validation.outOfRange').max(80, 'validation.outOfRange'),
});
export type SetCapacityInput = z.input<typeof setCapacityInput>;

export interface PlanningOrder {
  id: number;
  number: string;
  version: number;
  type: WorkOrderTypeCode;
  priority: number;
  status: WorkOrderStatusCode;
  title: string;
  equipmentCode: string;
  equipmentDesignation: string;
  /** The instant it is placed at: planned_at, or due_at when it has no planned date. */
  at: number;
  /** Which date places it: the planned date, or the due date as a fallback. */
  placedBy: 'planned' | 'due';
  /** Its local day, 'YYYY-MM-DD'. */
  day: string;
  estimatedMinutes: number | null;
  assigneeIds: number[];
  fromPlan: boolean;
}

export interface PlanningPerson {
  id: number;
  displayName: string;
  role: string;
  weeklyMinutes: number;
  /** No capacity set: the default 35 h. */
  defaultCapacity: boolean;
  /** Estimated minutes of this person's OTs in the period (an OT counts in full for each of its assignees). */
  loadMinutes: number;
  /** Working time of the period: weekly capacity × working days (Monday to Friday) ÷ 5. */
  capacityMinutes: number;
}

export interface PlanningView {
  from: string;
  to: string;
  days: string[];
  people: PlanningPerson[];
  orders: PlanningOrder[];
  /** Estimated minutes of the unassigned OTs in the period. */
  unassignedMinutes: number;
  me: number;
  canReschedule: boolean;
}

export const planningContract = {
  'planning:view': channel<PlanningView>()({ input: planningViewInput, access: MAINTAINERS }),
  'planning:reschedule': channel<{ version: number }>()({ input: rescheduleInput, access: MANAGERS }),
  'planning:setCapacity': channel<{ weeklyMinutes: number }>()({ input: setCapacityInput, access: MANAGERS }),
};
