// Pure (main and renderer). The `meters` domain: compteurs of an equipment (heures de marche, cycles, km,
// pièces…) and their relevés. Anyone signed in enters a reading (the requester at the machine too); managers
// add, rename and deactivate meters. Values are plain numbers (REAL); `total` is the cumulative usage that
// survives a « remise à zéro / compteur changé », what the preventive triggers count on.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MANAGERS } from '../contract/roles';

/** The units offered in the form; any other short text is accepted too (« tours », « m³ »…). */
export const METER_UNIT_SUGGESTIONS = ['h', 'cycles', 'km', 'pièces'] as const;
export const METER_HISTORY_PAGE_SIZE = 50;
/** The "usage per day" figure is counted over this many days (the forecast page does the real projection). */
export const METER_USAGE_DAYS = 30;
/** A reading far beyond any real meter is a typo (an extra zero pasted twice), not a value. */
export const METER_MAX_VALUE = 1e12;

const id = z.number().int().positive();

export const meterFieldsSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(60, 'validation.tooLong'),
  unit: z.string().trim().min(1, 'validation.required').max(20, 'validation.tooLong'),
});
export type MeterFieldsInput = z.input<typeof meterFieldsSchema>;

export const meterCreateInput = meterFieldsSchema.extend({ equipmentId: id });
/** Rename, change the unit, deactivate (a deactivated meter keeps its history and takes no more readings). */
export const meterUpdateInput = meterFieldsSchema.extend({ id, isActive: z.boolean() });

/** A reading as typed: a number ≥ 0 (the form turns the text, comma or point, into it), an optional note. */
export const readingValueSchema = z
  .number('validation.numberInvalid')
  .finite('validation.numberInvalid')
  .min(0, 'validation.meterNegative')
  .max(METER_MAX_VALUE, 'validation.numberInvalid');

export const meterRecordInput = z.object({
  meterId: id,
  value: readingValueSchema,
  /** « Remise à zéro / compteur changé »: the value may be below the last one; the total keeps counting. */
  isReset: z.boolean().default(false),
  note: z
    .string()
    .trim()
    .max(500, 'validation.tooLong')
    .nullable()
    .optional()
    .transform((value) => (value ? value : null)),
  /** The OT whose gamme step wrote this reading, if any. */
  workOrderId: id.nullable().optional(),
});
export type MeterRecordInput = z.input<typeof meterRecordInput>;

export const meterHistoryInput = z.object({
  meterId: id,
  /** Keyset: the id of the last reading of the previous page (readings come newest first). */
  before: id.optional(),
});

export interface MeterView {
  id: number;
  equipmentId: number;
  name: string;
  unit: string;
  isActive: boolean;
  lastValue: number | null;
  lastTotal: number | null;
  lastReadAt: number | null;
  /** Who entered the last reading (display name), null for none or a system reading. */
  lastReadBy: string | null;
  /** Units per day over the last METER_USAGE_DAYS days (total delta ÷ days between the readings), null when unknown. */
  usagePerDay: number | null;
  updatedAt: number;
}

export interface MetersOfEquipment {
  equipment: { id: number; code: string; designation: string };
  meters: MeterView[];
  asOf: number;
}

export interface ReadingView {
  id: number;
  meterId: number;
  value: number;
  total: number;
  isReset: boolean;
  readAt: number;
  userName: string | null;
  workstation: string;
  note: string | null;
  workOrderId: number | null;
}

export interface ReadingHistory {
  meter: MeterView;
  items: ReadingView[];
  /** Pass as `before` for the next (older) page; null on the last one. */
  nextBefore: number | null;
}

export interface RecordedReading {
  reading: ReadingView;
  meter: MeterView;
}

export const metersContract = {
  /** The meters of one equipment (by its code: the page's and the scanner's), with their last reading. */
  'meters:forEquipment': channel<MetersOfEquipment>()({ input: z.object({ code: z.string().trim().min(1).max(40) }), access: 'authenticated' }),
  'meters:create': channel<MeterView>()({ input: meterCreateInput, access: MANAGERS }),
  'meters:update': channel<MeterView>()({ input: meterUpdateInput, access: MANAGERS }),
  /** A relevé: anyone signed in. Refused below the last value unless flagged as a reset (details.lastValue). */
  'meters:record': channel<RecordedReading>()({ input: meterRecordInput, access: 'authenticated' }),
  /** A meter's readings, newest first, by pages of METER_HISTORY_PAGE_SIZE. */
  'meters:history': channel<ReadingHistory>()({ input: meterHistoryInput, access: 'authenticated' }),
};
