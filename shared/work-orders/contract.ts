// Pure (main and renderer). The `work-orders` channels of one OT, from creation to closure: their zod schemas
// (the renderer's forms use the very same ones through zodResolver) and the views main answers. The OT lists,
// saved views and exports live in the lists helper's `list-*` files.
// Messages are i18n keys (`validation.*`, `workOrders.validation.*`) so the form says them in the user's language.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MAINTAINERS, MANAGERS } from '../contract/roles';
import { HOLD_REASONS, type HoldReasonCode, type WorkOrderAction, type WorkOrderStatusCode } from './transitions';

export const WORK_ORDER_TYPES = ['corrective', 'preventive', 'improvement', 'safety', 'regulatory'] as const;
export type WorkOrderTypeCode = (typeof WORK_ORDER_TYPES)[number];
export const WORK_ORDER_PRIORITIES = [1, 2, 3, 4] as const;

/** "Autre": the free-text choice beside the administrator's lists of symptoms, causes and remedies. */
export const OTHER_CODE = 'autre';

/** `OT-2026-000123`: what pages, links and the QR code carry. */
export const workOrderNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^OT-\d{4}-\d{6,}$/, 'workOrders.validation.number');

const title = z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong');
const description = z.string().trim().max(5000, 'validation.tooLong');
/** An instant in epoch milliseconds (the renderer turns a date field into the local midnight of that day). */
const instant = z.number().int().min(0).max(8_640_000_000_000_000);
const optionalInstant = instant.nullable();
const estimatedMinutes = z.number().int('validation.number').min(1, 'validation.outOfRange').max(100_000, 'validation.outOfRange').nullable();
const assigneeIds = z.array(z.number().int().positive()).max(20, 'validation.outOfRange');
const version = z.number().int().min(1);

export const createWorkOrderInput = z.object({
  equipmentCode: z.string().trim().min(1, 'validation.required').max(64, 'validation.tooLong'),
  type: z.enum(WORK_ORDER_TYPES, 'validation.required'),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], 'validation.required'),
  title,
  description,
  plannedAt: optionalInstant,
  dueAt: optionalInstant,
  estimatedMinutes,
  assigneeIds,
});
export type CreateWorkOrderInput = z.input<typeof createWorkOrderInput>;

/** The planning card (managers, before `terminé`): everything here replaces what was there. */
export const updateWorkOrderInput = z.object({
  number: workOrderNumberSchema,
  version,
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], 'validation.required'),
  title,
  description,
  plannedAt: optionalInstant,
  dueAt: optionalInstant,
  estimatedMinutes,
  assigneeIds,
});
export type UpdateWorkOrderInput = z.input<typeof updateWorkOrderInput>;

const noteText = z.string().trim().max(1000, 'validation.tooLong');

export const pauseFields = z
  .object({ reason: z.enum(HOLD_REASONS, 'validation.required'), note: noteText.optional() })
  .refine((value) => value.reason !== 'other' || (value.note ?? '').length > 0, { path: ['note'], message: 'workOrders.validation.noteRequired' });

const codeOrOther = z.string().trim().min(1, 'validation.required').max(64, 'validation.tooLong');
const otherText = z.string().trim().max(500, 'validation.tooLong').optional();

/** What "Terminer" asks. Symptom/cause/remedy are required for corrective work only (main checks the type). */
export const finishFields = z
  .object({
    symptomCode: codeOrOther.nullable(),
    symptomText: otherText,
    causeCode: codeOrOther.nullable(),
    causeText: otherText,
    remedyCode: codeOrOther.nullable(),
    remedyText: otherText,
    backInService: z.boolean('workOrders.validation.backInService'),
  })
  .superRefine((value, ctx) => {
    for (const part of ['symptom', 'cause', 'remedy'] as const) {
      if (value[`${part}Code`] === OTHER_CODE && !(value[`${part}Text`] ?? '').length) {
        ctx.addIssue({ code: 'custom', path: [`${part}Text`], message: 'workOrders.validation.otherTextRequired' });
      }
    }
  });
export type FinishFields = z.input<typeof finishFields>;

export const cancelFields = z.object({ reason: z.string().trim().min(1, 'validation.required').max(1000, 'validation.tooLong') });

const base = { number: workOrderNumberSchema, version };
export const transitionInput = z.discriminatedUnion('action', [
  z.object({ ...base, action: z.literal('plan') }),
  z.object({ ...base, action: z.literal('start') }),
  z.object({ ...base, action: z.literal('pause'), pause: pauseFields }),
  z.object({ ...base, action: z.literal('resume') }),
  z.object({ ...base, action: z.literal('finish'), finish: finishFields }),
  z.object({ ...base, action: z.literal('close') }),
  z.object({ ...base, action: z.literal('cancel'), cancel: cancelFields }),
]);
export type TransitionInput = z.input<typeof transitionInput>;

export const commentInput = z.object({ number: workOrderNumberSchema, body: z.string().trim().min(1, 'validation.required').max(4000, 'validation.tooLong') });

/** A manual time entry for oneself: a day (YYYY-MM-DD, not in the future) and a duration of at most 24 h. */
export const addTimeInput = z.object({
  number: workOrderNumberSchema,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'workOrders.validation.date'),
  minutes: z.number('validation.number').int('validation.number').min(1, 'workOrders.validation.minutes').max(24 * 60, 'workOrders.validation.minutes'),
});
export type AddTimeInput = z.input<typeof addTimeInput>;

export interface PersonView {
  id: number;
  displayName: string;
}

export interface TimeEntryView {
  id: number;
  user: PersonView;
  startedAt: number;
  endedAt: number | null;
  /** Closed entries: ended − started; a running one: up to main's clock when the OT was read. */
  minutes: number;
  workstation: string;
}

export interface CommentView {
  id: number;
  user: PersonView;
  body: string;
  createdAt: number;
}

export interface HistoryLine {
  id: number;
  at: number;
  user: PersonView | null;
  workstation: string;
  kind: string;
  detail: Record<string, unknown>;
}

export interface WorkOrderView {
  id: number;
  number: string;
  version: number;
  type: WorkOrderTypeCode;
  priority: 1 | 2 | 3 | 4;
  status: WorkOrderStatusCode;
  title: string;
  description: string;
  equipment: { id: number; code: string; designation: string; status: string; locationPath: string[] };
  request: { id: number; number: string; symptom: string; machineStopped: boolean } | null;
  holdReason: HoldReasonCode | null;
  holdNote: string | null;
  cancelReason: string | null;
  plannedAt: number | null;
  dueAt: number | null;
  estimatedMinutes: number | null;
  symptomCode: string | null;
  causeCode: string | null;
  remedyCode: string | null;
  symptomText: string | null;
  causeText: string | null;
  remedyText: string | null;
  backInService: boolean | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  closedAt: number | null;
  assignees: PersonView[];
  timeEntries: TimeEntryView[];
  /** Minutes per person, and the total. */
  timeTotals: { user: PersonView; minutes: number }[];
  totalMinutes: number;
  comments: CommentView[];
  history: HistoryLine[];
  /** The caller's own running clock, on this OT or on another one (to warn before starting). */
  myRunningEntry: { workOrderNumber: string; startedAt: number } | null;
  /** What the caller may do now (the same decision main makes). */
  allowedActions: WorkOrderAction[];
  canEditPlanning: boolean;
  canComment: boolean;
  canAddTime: boolean;
  /** Main's clock when this was read: the renderer's running clock counts from it. */
  now: number;
}

export interface AssigneeOption {
  id: number;
  displayName: string;
  role: 'admin' | 'maintenance_manager' | 'technician';
}

export const workOrdersContract = {
  /** One OT with everything its page shows. */
  'workOrders:get': channel<WorkOrderView>()({ input: z.object({ number: workOrderNumberSchema }), access: MAINTAINERS }),
  'workOrders:create': channel<{ number: string }>()({ input: createWorkOrderInput, access: MANAGERS }),
  'workOrders:update': channel<{ version: number }>()({ input: updateWorkOrderInput, access: MANAGERS }),
  'workOrders:transition': channel<{ status: WorkOrderStatusCode; version: number }>()({ input: transitionInput, access: MAINTAINERS }),
  'workOrders:comment': channel<{ id: number }>()({ input: commentInput, access: MAINTAINERS }),
  'workOrders:addTime': channel<{ id: number }>()({ input: addTimeInput, access: MAINTAINERS }),
  /** The active technicians and managers an OT may be assigned to. */
  'workOrders:assignees': channel<AssigneeOption[]>()({ input: z.object({}).optional(), access: MAINTAINERS }),
  /** The A4 sheet to print, as a PDF. */
  'workOrders:printSheet': channel<{ fileName: string; base64: string }>()({ input: z.object({ number: workOrderNumberSchema }), access: MAINTAINERS }),
};
