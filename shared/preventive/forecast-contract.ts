// Pure (main and renderer). The 12-month forecast of the préventif (issue 14, « Planning »): every future occurrence
// of each active plan on each equipment it applies to, from today to 12 months on, meter-based ones included with
// the date their meter's projected daily usage gives (`projected: true`, shown « estimé »). Managers only.
import { z } from 'zod';
import type { TriggerKind } from './triggers';
import { channel } from '../contract/channel';
import { MANAGERS } from '../contract/roles';

export const FORECAST_MONTHS = 12;
/** At most this many occurrences per plan × equipment (a daily plan makes 366 in a year). */
export const FORECAST_LIMIT_PER_SCHEDULE = 400;

export const forecastQuerySchema = z
  .object({
    planId: z.number().int().positive().optional(),
    equipmentId: z.number().int().positive().optional(),
    months: z.literal(FORECAST_MONTHS).optional(),
  })
  .strict();
export type ForecastQuery = z.output<typeof forecastQuerySchema>;

export interface ForecastOccurrence {
  key: string;
  dueDate: string;
  dueTotal: number | null;
  triggerKind: TriggerKind;
  /** A meter due date forecast from the meter's daily usage, not yet reached. */
  projected: boolean;
}

export interface ForecastRow {
  planId: number;
  planCode: string;
  planName: string;
  equipmentId: number;
  equipmentCode: string;
  equipmentDesignation: string;
  occurrences: ForecastOccurrence[];
  /**
   * Why a row may lack dates: a meter the equipment doesn't have, a meter with too few recent readings to project
   * its usage, or a condition trigger (maintenance conditionnelle: due when a reading crosses, never forecast).
   */
  note: 'no_meter' | 'no_usage' | 'condition' | null;
}

export interface ForecastView {
  /** Today in the site's zone, and the last day forecast (today + 12 months − 1 day). */
  from: string;
  to: string;
  /** The 12 columns, 'YYYY-MM', from the current month. */
  months: string[];
  rows: ForecastRow[];
}

export interface ForecastOptions {
  plans: { id: number; code: string; name: string }[];
  equipment: { id: number; code: string; designation: string }[];
}

export const forecastContract = {
  'preventive:forecast': channel<ForecastView>()({ input: forecastQuerySchema, access: MANAGERS }),
  /** The filters' choices: active plans, and the equipment they apply to. */
  'preventive:forecastOptions': channel<ForecastOptions>()({ input: z.object({}).strict(), access: MANAGERS }),
};
