// Pure (main and renderer). The `checklists` channels (gammes): the managers' CRUD of gammes and their ordered steps,
// and running the steps an OT copied from its gamme (answers, follow-up DI/OT, attaching a gamme to an OT). The
// renderer's editor validates with the very same zod schemas through zodResolver; messages are i18n keys.
//
// Meter steps ("relevé de compteur"): the step's `unit` field holds the **meter's name** (e.g. « Heures de
// marche »), not a unit. When the step is answered on an OT, main finds the meter of that name on the OT's
// equipment (meters are named per equipment, as the plans' triggers do) and writes a reading with the answer.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MAINTAINERS, MANAGERS } from '../contract/roles';

export const STEP_KINDS = ['check', 'measurement', 'text', 'photo', 'meter'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const CHECK_RESULTS = ['ok', 'nok', 'na'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];
export const CHECKLIST_MAX_STEPS = 100;

/** Code of a gamme: letters, digits, `.`, `_` and `-`; unique whatever the case. */
export const checklistCodeSchema = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .max(32, 'validation.tooLong')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'checklists.validation.code');

const limit = z.number('validation.number').finite('validation.number').nullable();

export const stepSchema = z
  .object({
    kind: z.enum(STEP_KINDS, 'validation.required'),
    label: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
    required: z.boolean(),
    help: z.string().trim().max(1000, 'validation.tooLong'),
    /** measurement: its unit (bar, °C, mm); meter: the meter's name on the equipment; other kinds: ignored. */
    unit: z.string().trim().max(64, 'validation.tooLong'),
    minValue: limit,
    maxValue: limit,
  })
  .superRefine((step, ctx) => {
    if (step.kind === 'measurement' && step.unit.length === 0) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'checklists.validation.unitRequired' });
    if (step.kind === 'meter' && step.unit.length === 0) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'checklists.validation.meterRequired' });
    if (step.kind === 'measurement' && step.minValue !== null && step.maxValue !== null && step.minValue > step.maxValue) {
      ctx.addIssue({ code: 'custom', path: ['maxValue'], message: 'checklists.validation.minAboveMax' });
    }
  });
export type StepInput = z.input<typeof stepSchema>;

export const checklistFieldsSchema = z.object({
  code: checklistCodeSchema,
  name: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  description: z.string().trim().max(4000, 'validation.tooLong'),
  steps: z.array(stepSchema).min(1, 'checklists.validation.noSteps').max(CHECKLIST_MAX_STEPS, 'checklists.validation.tooManySteps'),
});
export type ChecklistFields = z.input<typeof checklistFieldsSchema>;

const id = z.number().int().positive();
const version = z.number().int().min(1);
const workOrderNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^OT-\d{4}-\d{6,}$/, 'workOrders.validation.number');

export const updateChecklistInput = checklistFieldsSchema.extend({ id, version });
export type UpdateChecklistInput = z.input<typeof updateChecklistInput>;

export const answerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('check'), result: z.enum(CHECK_RESULTS).nullable() }),
  z.object({ kind: z.literal('measurement'), value: limit }),
  z.object({ kind: z.literal('text'), text: z.string().trim().max(4000, 'validation.tooLong') }),
  z.object({ kind: z.literal('photo'), attachmentId: id.nullable() }),
  /** A meter reading can't be taken back: a new answer writes a new reading. `isReset`: « remise à zéro / compteur changé ». */
  z.object({ kind: z.literal('meter'), value: z.number('validation.number').finite('validation.number').min(0, 'validation.outOfRange'), isReset: z.boolean() }),
]);
export type StepAnswer = z.input<typeof answerSchema>;

export interface StepView {
  id: number;
  position: number;
  kind: StepKind;
  label: string;
  required: boolean;
  help: string;
  unit: string;
  minValue: number | null;
  maxValue: number | null;
}

export interface ChecklistSummary {
  id: number;
  code: string;
  name: string;
  description: string;
  isActive: boolean;
  stepCount: number;
  /** How many plans de maintenance use it (pm_plans.checklist_id). */
  planCount: number;
  updatedAt: number;
}

export interface ChecklistView extends ChecklistSummary {
  version: number;
  steps: StepView[];
}

export interface WorkOrderStepView extends StepView {
  checkResult: CheckResult | null;
  numberValue: number | null;
  textValue: string | null;
  attachment: { id: number; fileName: string } | null;
  reading: { id: number; value: number } | null;
  outOfLimits: boolean;
  answered: boolean;
  answeredBy: string | null;
  answeredAt: number | null;
  followUpRequest: string | null;
  followUpWorkOrder: string | null;
  /** A NOK check or an out-of-limits measurement with no follow-up yet. */
  offersFollowUp: boolean;
}

export interface WorkOrderStepsView {
  workOrderId: number;
  number: string;
  checklist: { code: string; name: string } | null;
  steps: WorkOrderStepView[];
  /** Labels of the required steps not answered yet ("2. Niveau d'huile"). */
  missingRequired: string[];
  /** The caller may answer now (assignee or manager, OT `en cours`). */
  canAnswer: boolean;
  /** Why not, in French, when the caller may work on the OT but it is not `en cours`. */
  answerBlockedReason: string | null;
  /** A manager, OT without steps, `brouillon` or `planifié`. */
  canAttach: boolean;
  mayCreateRequest: boolean;
  mayCreateWorkOrder: boolean;
}

export interface ChecklistOption {
  code: string;
  name: string;
  stepCount: number;
}

export const checklistsContract = {
  'checklists:list': channel<ChecklistSummary[]>()({
    input: z.object({ search: z.string().trim().max(200).default(''), includeInactive: z.boolean().default(false) }),
    access: MANAGERS,
  }),
  'checklists:get': channel<ChecklistView>()({ input: z.object({ code: checklistCodeSchema }), access: MANAGERS }),
  'checklists:create': channel<{ id: number; code: string }>()({ input: checklistFieldsSchema, access: MANAGERS }),
  'checklists:update': channel<{ version: number; code: string }>()({ input: updateChecklistInput, access: MANAGERS }),
  'checklists:setActive': channel<{ version: number }>()({ input: z.object({ id, version, active: z.boolean() }), access: MANAGERS }),
  /** Deletes an unused gamme (no plan, no OT made from it); a used one is deactivated instead. */
  'checklists:delete': channel<null>()({ input: z.object({ id, version }), access: MANAGERS }),
  'checklists:options': channel<ChecklistOption[]>()({ input: z.object({}), access: MANAGERS }),
  'checklists:workOrderSteps': channel<WorkOrderStepsView>()({ input: z.object({ number: workOrderNumber }), access: MAINTAINERS }),
  'checklists:answer': channel<WorkOrderStepView>()({ input: z.object({ number: workOrderNumber, stepId: id, answer: answerSchema }), access: MAINTAINERS }),
  'checklists:followUp': channel<{ number: string }>()({
    input: z.object({ number: workOrderNumber, stepId: id, kind: z.enum(['request', 'workOrder']) }),
    access: MAINTAINERS,
  }),
  'checklists:attachToWorkOrder': channel<{ steps: number }>()({ input: z.object({ number: workOrderNumber, code: checklistCodeSchema }), access: MANAGERS }),
};
