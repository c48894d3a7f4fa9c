// Pure (main and renderer). The `indicators` domain: the KPI dashboard of a period and a location (subtree), its
// drill-down lists, its .xlsx export and the monthly PDF report. Managers only. Durations are milliseconds, money
// INTEGER cents; every figure is an SQL aggregate (see indicators-repository.ts) and its formula is in formulas.ts.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MANAGERS } from '../contract/roles';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid');

/** A period of local days, both included, at most ~3 years (the month buckets are one CASE branch each). */
export const indicatorsQuery = z
  .object({ from: localDate, to: localDate, locationId: z.number().int().positive().nullable().default(null) })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'validation.invalid' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 1100 * 86_400_000, { path: ['from'], message: 'validation.invalid' });
export type IndicatorsQuery = z.input<typeof indicatorsQuery>;

export interface EquipmentFigure {
  equipmentId: number;
  code: string;
  designation: string;
  downtimeMs: number;
  failures: number;
  availability: number | null;
}

export interface MonthCost {
  month: string; // 'YYYY-MM'
  labourCents: number;
  partsCents: number;
  servicesCents: number;
  totalCents: number;
}

export interface IndicatorsView {
  period: { from: string; to: string; startAt: number; endAt: number; /** min(end, now): time after now is not operating time yet. */ effectiveEndAt: number };
  location: { id: number; name: string } | null;
  /** Equipment in scope (created before the period's end). */
  equipmentCount: number;
  /** Σ over equipment of (min(end, now) − max(start, created_at)): the required time, 24/7. */
  calendarMs: number;
  downtimeMs: number;
  operatingMs: number;
  failures: number;
  /** Failures of the period whose machine is back in service, and their total time to restore. */
  restoredFailures: number;
  restoreMs: number;
  mtbfMs: number | null;
  mttrMs: number | null;
  availability: number | null;
  byLocation: { locationId: number | null; name: string; equipmentCount: number; calendarMs: number; downtimeMs: number; failures: number; availability: number | null }[];
  backlog: { openCount: number; estimatedMinutes: number; withoutEstimate: number; capacityMinutesPerWeek: number; technicians: number; weeks: number | null };
  labour: { preventiveMinutes: number; correctiveMinutes: number; otherMinutes: number; ratio: number | null };
  cost: { labourCents: number; partsCents: number; servicesCents: number; totalCents: number };
  costByMonth: MonthCost[];
  /** The 10 costliest equipment, with their months (the "coût par équipement et par mois" table). */
  topCost: { equipmentId: number; code: string; designation: string; totalCents: number; months: MonthCost[] }[];
  topDowntime: EquipmentFigure[];
}

export const downtimesListInput = z.object({
  from: localDate,
  to: localDate,
  locationId: z.number().int().positive().nullable().default(null),
  /** `failures`: the stops counted by MTBF/MTTR; `all`: every downtime overlapping the period (availability). */
  kind: z.enum(['failures', 'all']).default('all'),
  equipmentId: z.number().int().positive().nullable().default(null),
});
export type DowntimesListInput = z.input<typeof downtimesListInput>;

export const DOWNTIMES_LIST_MAX = 500;

export interface DowntimeListRow {
  id: number;
  equipmentCode: string;
  equipmentDesignation: string;
  startedAt: number;
  endedAt: number | null;
  /** The part inside the period (what availability counts). */
  inPeriodMs: number;
  planned: boolean;
  workOrderNumber: string | null;
  requestNumber: string | null;
}

export const monthlyReportInput = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'validation.invalid'), locationId: z.number().int().positive().nullable().default(null) });

export interface IndicatorsFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

export const indicatorsContract = {
  'indicators:dashboard': channel<IndicatorsView>()({ input: indicatorsQuery, access: MANAGERS }),
  'indicators:downtimes': channel<{ rows: DowntimeListRow[]; truncated: boolean }>()({ input: downtimesListInput, access: MANAGERS }),
  'indicators:locations': channel<{ id: number; name: string; depth: number }[]>()({ input: z.undefined(), access: MANAGERS }),
  'indicators:export': channel<IndicatorsFile>()({ input: indicatorsQuery, access: MANAGERS }),
  'indicators:monthlyReport': channel<IndicatorsFile>()({ input: monthlyReportInput, access: MANAGERS }),
};
