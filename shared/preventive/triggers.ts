// Pure (main and renderer). What a plan de maintenance's `triggers` column holds (JSON): one trigger, or two
// combined as "whichever comes first" (« 6 mois ou 6 000 km, au premier atteint ») where the one that did not fire
// restarts from the completion. The plan editor's form and the generator both validate with these schemas.
// Vocabulary (NF EN 13306): calendar and meter triggers are maintenance préventive *systématique*; a condition
// trigger is *conditionnelle*. Meters are named per equipment (UNIQUE (equipment_id, name)), so a plan applied to
// a category of equipment finds « Heures de marche » on each of them.
import { z } from 'zod';

export const CALENDAR_UNITS = ['day', 'week', 'month', 'year'] as const;
export type CalendarUnit = (typeof CALENDAR_UNITS)[number];

export const TRIGGER_KINDS = ['calendar_fixed', 'calendar_floating', 'meter_fixed', 'meter_floating', 'condition'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** A local date of the site's time zone, 'YYYY-MM-DD'. */
export const localDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.dateInvalid');

const every = z.number().int('validation.number').min(1, 'validation.outOfRange').max(100_000, 'validation.outOfRange');
const meterName = z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong');
const units = z.number().min(0, 'validation.outOfRange').max(1e12, 'validation.outOfRange');
const positiveUnits = z.number().gt(0, 'validation.outOfRange').max(1e12, 'validation.outOfRange');

const calendarOptions = {
  every,
  unit: z.enum(CALENDAR_UNITS),
  /** Move a due date that falls on a Saturday or Sunday to the next working day. */
  skipWeekends: z.boolean().default(false),
  /** Move a due date that falls on one of the site's holidays (site_holidays) to the next working day. */
  skipHolidays: z.boolean().default(false),
};

/** Every N days/weeks/months/years on an anchor date; month ends clamp (31 Jan + 1 month → 28/29 Feb). */
export const calendarFixedTrigger = z.object({ kind: z.literal('calendar_fixed'), anchor: localDateSchema, ...calendarOptions });
/** N days/weeks/months/years after the last completion (the plan's start date before the first one). */
export const calendarFloatingTrigger = z.object({ kind: z.literal('calendar_floating'), ...calendarOptions });
/** Every N units at multiples from an anchor (anchor 0, every 500 → 500, 1 000, 1 500 h), on the meter's total. */
export const meterFixedTrigger = z.object({ kind: z.literal('meter_fixed'), meter: meterName, every: positiveUnits, anchor: units.default(0) });
/** N units after the meter's total at the last completion. */
export const meterFloatingTrigger = z.object({ kind: z.literal('meter_floating'), meter: meterName, every: positiveUnits });
/** A reading above `above` or below `below` (at least one of them): maintenance conditionnelle. */
export const conditionTrigger = z
  .object({ kind: z.literal('condition'), meter: meterName, above: z.number().nullable().default(null), below: z.number().nullable().default(null) })
  .refine((t) => t.above !== null || t.below !== null, { message: 'preventive.validation.conditionThreshold', path: ['above'] });

export const triggerSchema = z.discriminatedUnion('kind', [calendarFixedTrigger, calendarFloatingTrigger, meterFixedTrigger, meterFloatingTrigger, conditionTrigger]);
export type Trigger = z.infer<typeof triggerSchema>;
export type CalendarTrigger = Extract<Trigger, { kind: 'calendar_fixed' | 'calendar_floating' }>;
export type MeterTrigger = Extract<Trigger, { kind: 'meter_fixed' | 'meter_floating' }>;

/** One trigger, or two "whichever comes first". */
export const triggersSchema = z
  .array(triggerSchema)
  .min(1, 'preventive.validation.triggerRequired')
  .max(2, 'preventive.validation.tooManyTriggers');
export type Triggers = z.infer<typeof triggersSchema>;

export const isMeterTrigger = (t: Trigger): t is Extract<Trigger, { meter: string }> => 'meter' in t;
export const isCalendarTrigger = (t: Trigger): t is CalendarTrigger => t.kind === 'calendar_fixed' || t.kind === 'calendar_floating';

/** Reads the stored JSON; throws on a value that doesn't match (a plan is only ever written through this schema). */
export function parseTriggers(json: string): Triggers {
  return triggersSchema.parse(JSON.parse(json));
}
