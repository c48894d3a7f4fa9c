// Pure (main and renderer). Taux de réalisation du préventif (PM compliance), issue 14: preventive OTs done within
// their tolerance ÷ preventive OTs due in the period, per month and per location, computed in SQL over
// pm_occurrences (missed occurrences count as due and not done; cancelled ones don't count). Also the drill-down:
// the occurrences behind one figure, each with its OT.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MANAGERS } from '../contract/roles';
import { siteDay } from './site-calendar-contract';

/** The formula the page shows, word for word (the field notes' definition). */
export const COMPLIANCE_FORMULA_FR = 'Taux de réalisation du préventif = OT préventifs réalisés dans leur tolérance ÷ OT préventifs dus sur la période';

const period = {
  from: siteDay,
  to: siteDay,
  /** A location and everything under it; null: the whole site. */
  locationId: z.number().int().positive().nullable(),
};

const periodInOrder = (value: { from: string; to: string }) => value.from <= value.to;
const periodMessage = { message: 'preventiveReports.validation.periodOrder', path: ['to'] };

export const complianceQuerySchema = z.object(period).strict().refine(periodInOrder, periodMessage);
export type ComplianceQuery = z.output<typeof complianceQuerySchema>;

export interface ComplianceFigures {
  /** Occurrences due in the period (due date in [from, to]), cancelled ones aside. */
  due: number;
  /** Of those, done within their tolerance (date window, or ± units for a meter occurrence). */
  doneInTolerance: number;
  /** doneInTolerance ÷ due; null when nothing was due. */
  rate: number | null;
}

export interface ComplianceSummary {
  total: ComplianceFigures;
  /** Every month of the period, in order, even those with nothing due. */
  months: (ComplianceFigures & { month: string })[];
  /** One row per location that had something due (null: equipment without a location), by name. */
  byLocation: (ComplianceFigures & { locationId: number | null; locationName: string })[];
}

export const COMPLIANCE_OCCURRENCE_STATUSES = ['generated', 'missed', 'done', 'cancelled'] as const;

export interface ComplianceOccurrence {
  id: number;
  planId: number;
  planCode: string;
  planName: string;
  equipmentCode: string;
  equipmentDesignation: string;
  locationName: string | null;
  dueDate: string;
  dueTotal: number | null;
  status: (typeof COMPLIANCE_OCCURRENCE_STATUSES)[number];
  late: boolean;
  doneAt: number | null;
  doneTotal: number | null;
  inTolerance: boolean;
  workOrderNumber: string | null;
}

/** At most this many occurrences behind one figure (a year of a big site's figure); the answer says when cut. */
export const COMPLIANCE_DRILL_LIMIT = 500;

export const complianceOccurrencesSchema = z
  .object({
    ...period,
    /** One month's row ('YYYY-MM'). */
    month: z.string().regex(/^\d{4}-\d{2}$/, 'validation.invalid').optional(),
    /** One location's row: its id, or 'none' for equipment without a location. */
    rowLocation: z.union([z.number().int().positive(), z.literal('none')]).optional(),
    /** Only those done within tolerance (the numerator); otherwise every due one. */
    doneInTolerance: z.boolean().optional(),
  })
  .strict()
  .refine(periodInOrder, periodMessage);

export const complianceContract = {
  'preventive:compliance': channel<ComplianceSummary>()({ input: complianceQuerySchema, access: MANAGERS }),
  'preventive:complianceOccurrences': channel<{ rows: ComplianceOccurrence[]; truncated: boolean }>()({ input: complianceOccurrencesSchema, access: MANAGERS }),
};

/** Every month 'YYYY-MM' from the month of `from` to the month of `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const end = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard += 1) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) break;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export const rateOf = (due: number, done: number): number | null => (due > 0 ? done / due : null);
