// Pure (main and renderer). The plans de maintenance channels (managers): list, read, create, edit with
// compare-and-set on `version`, pause / resume / archive, and what the editor offers (gammes, people, categories,
// meter names). The form validates with these very schemas through zodResolver; the triggers with triggersSchema.
// A plan targets one equipment OR every equipment of a category (the table's CHECK says the same).
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MANAGERS } from '../contract/roles';
import { triggersSchema, type Triggers } from './triggers';

export const PLAN_WORK_TYPES = ['preventive', 'safety', 'regulatory'] as const;
export type PlanWorkType = (typeof PLAN_WORK_TYPES)[number];
export const PLAN_STATUSES = ['active', 'paused', 'archived'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_SCOPES = ['equipment', 'category'] as const;
export type PlanScope = (typeof PLAN_SCOPES)[number];

/** `PM-PR003-250H`: letters, digits, dashes, dots and underscores; what the page's address carries. */
export const planCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, 'validation.required')
  .max(32, 'validation.tooLong')
  .regex(/^[A-Z0-9][A-Z0-9._-]*$/, 'plans.validation.planCode');

const priority = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], 'validation.required');
const days = z.number('validation.number').int('validation.number').min(0, 'validation.outOfRange').max(3650, 'validation.outOfRange');

/** The fields of the plan editor: what create takes, and what update replaces. */
export const planFieldsSchema = z
  .object({
    code: planCodeSchema,
    name: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
    scope: z.enum(PLAN_SCOPES),
    /** The equipment's code when scope = equipment (main resolves it). */
    equipmentCode: z.string().trim().max(64, 'validation.tooLong').nullable(),
    /** A value of the `category` reference list when scope = category. */
    category: z.string().trim().max(120, 'validation.tooLong').nullable(),
    checklistId: z.number().int().positive().nullable(),
    workType: z.enum(PLAN_WORK_TYPES, 'validation.required'),
    priority,
    estimatedMinutes: z.number('validation.number').int('validation.number').min(1, 'validation.outOfRange').max(100_000, 'validation.outOfRange').nullable(),
    assigneeIds: z.array(z.number().int().positive()).max(20, 'validation.outOfRange'),
    leadDays: days,
    toleranceDays: days,
    toleranceUnits: z.number('validation.number').min(0, 'validation.outOfRange').max(1e9, 'validation.outOfRange'),
    instructions: z.string().trim().max(5000, 'validation.tooLong'),
    triggers: triggersSchema,
  })
  .superRefine((value, ctx) => {
    // Equipment XOR category: the one the scope names must be there, the other is dropped by main.
    if (value.scope === 'equipment' && !value.equipmentCode) ctx.addIssue({ code: 'custom', path: ['equipmentCode'], message: 'validation.required' });
    if (value.scope === 'category' && !value.category) ctx.addIssue({ code: 'custom', path: ['category'], message: 'validation.required' });
  });
export type PlanFields = z.input<typeof planFieldsSchema>;
export type PlanFieldsParsed = z.output<typeof planFieldsSchema>;

export const updatePlanInput = z.object({ id: z.number().int().positive(), version: z.number().int().min(1), fields: planFieldsSchema });
export type UpdatePlanInput = z.input<typeof updatePlanInput>;

export const PLAN_STATUS_ACTIONS = ['pause', 'resume', 'archive'] as const;
export type PlanStatusAction = (typeof PLAN_STATUS_ACTIONS)[number];
export const setPlanStatusInput = z.object({ id: z.number().int().positive(), version: z.number().int().min(1), action: z.enum(PLAN_STATUS_ACTIONS) });

export const listPlansInput = z.object({
  text: z.string().trim().max(200).optional(),
  status: z.enum([...PLAN_STATUSES, 'all']).optional(),
});

export interface PlanListRow {
  id: number;
  code: string;
  name: string;
  /** The equipment's code and designation, or null for a category plan. */
  equipment: { code: string; designation: string } | null;
  category: string | null;
  workType: PlanWorkType;
  status: PlanStatus;
  triggers: Triggers;
  nextDueAt: number | null;
  updatedAt: number;
}

export interface PlanOccurrenceView {
  id: number;
  equipmentCode: string;
  dueDate: string;
  dueTotal: number | null;
  status: 'generated' | 'missed' | 'done' | 'cancelled';
  late: boolean;
  workOrderNumber: string | null;
  workOrderStatus: string | null;
  doneAt: number | null;
}

export interface PlanView {
  id: number;
  version: number;
  status: PlanStatus;
  fields: PlanFieldsParsed;
  equipment: { code: string; designation: string } | null;
  createdAt: number;
  updatedAt: number;
  occurrences: PlanOccurrenceView[];
}

export interface PlanOptions {
  checklists: { id: number; code: string; name: string }[];
  people: { id: number; displayName: string; role: string }[];
  categories: string[];
}

/** Whatever the editor needs to offer meter names: on the equipment, or on every equipment of the category. */
export const meterNamesInput = z.object({ equipmentCode: z.string().trim().max(64).nullable(), category: z.string().trim().max(120).nullable() });
export interface MeterNameOption {
  name: string;
  unit: string;
  /** How many equipment carry it (always 1 on an equipment plan). */
  equipmentCount: number;
}

export const plansContract = {
  'preventive:listPlans': channel<{ rows: PlanListRow[]; total: number; truncated: boolean }>()({ input: listPlansInput, access: MANAGERS }),
  'preventive:getPlan': channel<PlanView>()({ input: z.object({ code: planCodeSchema }), access: MANAGERS }),
  'preventive:createPlan': channel<{ id: number; code: string }>()({ input: planFieldsSchema, access: MANAGERS }),
  'preventive:updatePlan': channel<{ version: number; code: string }>()({ input: updatePlanInput, access: MANAGERS }),
  'preventive:setPlanStatus': channel<{ version: number; status: PlanStatus }>()({ input: setPlanStatusInput, access: MANAGERS }),
  'preventive:planOptions': channel<PlanOptions>()({ input: z.object({}).optional(), access: MANAGERS }),
  'preventive:planMeterNames': channel<MeterNameOption[]>()({ input: meterNamesInput, access: MANAGERS }),
};

/** At most this many plans in one list answer (the seed holds 2,000; the search narrows it). */
export const PLAN_LIST_LIMIT = 2_500;
