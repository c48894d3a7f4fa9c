// Pure (main and renderer). The `equipment` domain: localisations (site → zone → ligne), équipements (machine →
// sous-ensemble → composant), their search for the scanner and the picker, their page and their timeline. The
// zod schemas here are the forms' (react-hook-form + zodResolver) and main's, which re-checks every field.
// Messages are i18n keys (`validation.*`: the dispatcher passes only those through) so the renderer says them in the user's language.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MANAGERS } from '../contract/roles';

export const CRITICALITIES = ['A', 'B', 'C'] as const;
export type Criticality = (typeof CRITICALITIES)[number];
/** en service / à l'arrêt / hors service / réformé (English codes in the database). */
export const EQUIPMENT_STATUSES = ['in_service', 'stopped', 'out_of_service', 'scrapped'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];
export const LOCATION_KINDS = ['site', 'zone', 'line'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

/** machine → sous-ensemble → composant: three levels at most (the "2–3 levels"). */
export const EQUIPMENT_MAX_DEPTH = 3;
export const EQUIPMENT_PAGE_SIZE = 50;
export const LOOKUP_LIMIT = 10;
/** The timeline shows this many entries at most, newest first (the page says so when there are more). */
export const TIMELINE_LIMIT = 200;

/**
 * What a label's QR code or a barcode scanner "types": letters, digits and - _ . / only, no space (a scanner
 * sends Enter after the code; a space would end it on some keyboards' layouts).
 */
export const equipmentCodeSchema = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .max(40, 'validation.codeTooLong')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'validation.codeInvalid');

export const locationCodeSchema = equipmentCodeSchema;

/** An optional text field: what the person left empty is stored as null. */
function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .nullable()
    .transform((value) => (value ? value : null));
}

/** A calendar date typed as YYYY-MM-DD (the native date input's value), a real day of a real month. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const optionalDate = z
  .string()
  .trim()
  .nullable()
  .transform((value) => (value ? value : null))
  .refine((value) => value === null || isCalendarDate(value), 'validation.dateInvalid');

const id = z.number().int().positive();

export const equipmentFieldsSchema = z.object({
  code: equipmentCodeSchema,
  designation: z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong'),
  locationId: id.nullable(),
  /** The parent by its code: what the picker and a scanner give. Empty: a machine at the top of its tree. */
  parentCode: z
    .string()
    .trim()
    .max(40, 'validation.codeTooLong')
    .nullable()
    .transform((value) => (value ? value : null)),
  /** A code of the `category` reference list, or empty. */
  category: optionalText(40),
  criticality: z.enum(CRITICALITIES, 'validation.required'),
  status: z.enum(EQUIPMENT_STATUSES, 'validation.required'),
  manufacturer: optionalText(80),
  model: optionalText(80),
  serialNumber: optionalText(80),
  commissionedOn: optionalDate,
  notes: optionalText(2000),
});
export type EquipmentFieldsInput = z.input<typeof equipmentFieldsSchema>;
export type EquipmentFields = z.output<typeof equipmentFieldsSchema>;

export const equipmentCreateInput = equipmentFieldsSchema;
/** Compare-and-set: `expectedUpdatedAt` is the `updatedAt` the form was loaded with. */
export const equipmentUpdateInput = equipmentFieldsSchema.extend({ id, expectedUpdatedAt: z.number().int() });

export const equipmentListInput = z.object({
  text: z.string().trim().max(100, 'validation.tooLong').optional(),
  /** This location and everything under it. */
  locationId: id.optional(),
  status: z.enum(EQUIPMENT_STATUSES).optional(),
  criticality: z.enum(CRITICALITIES).optional(),
  category: z.string().trim().max(40).optional(),
  /** Keyset: the last code of the previous page. */
  after: z.string().max(40).optional(),
});
export type EquipmentListFilter = z.input<typeof equipmentListInput>;

export const locationFieldsSchema = z.object({
  code: locationCodeSchema,
  name: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
});
export const locationCreateInput = locationFieldsSchema.extend({ parentId: id.nullable() });
export type LocationCreateInput = z.input<typeof locationCreateInput>;
export const locationUpdateInput = locationFieldsSchema.extend({ id });

export interface LocationNode {
  id: number;
  code: string;
  name: string;
  kind: LocationKind;
  parentId: number | null;
}

/** Site › Zone › Ligne, from the top. */
export type LocationPath = Pick<LocationNode, 'id' | 'code' | 'name' | 'kind'>[];

export interface EquipmentSummary {
  id: number;
  code: string;
  designation: string;
  status: EquipmentStatus;
  criticality: Criticality;
  category: string | null;
  locationId: number | null;
  /** "Site › Zone › Ligne" names, for lists. */
  locationLabel: string | null;
  parentCode: string | null;
  /** When the open downtime started (à l'arrêt depuis …), or null. */
  downSince: number | null;
}

export interface EquipmentListResult {
  items: EquipmentSummary[];
  /** Pass as `after` for the next page; null on the last one. */
  nextAfter: string | null;
  /** Main's clock when it answered (for "à l'arrêt depuis …"). */
  asOf: number;
}

export interface EquipmentDetail extends EquipmentFields {
  id: number;
  updatedAt: number;
  createdAt: number;
  locationPath: LocationPath;
  parent: { code: string; designation: string } | null;
  children: { code: string; designation: string; status: EquipmentStatus }[];
  openDowntime: { id: number; startedAt: number; requestId: number | null } | null;
  openRequests: number;
  openWorkOrders: number;
  /** Main's clock when it answered: "depuis 2 h 15" is counted from here. */
  asOf: number;
}

export interface EquipmentLookup {
  /** The equipment whose code is exactly what was typed (whatever its case): a scan. */
  exact: EquipmentSummary | null;
  /** Up to 10 others whose code or designation contains the text. */
  matches: EquipmentSummary[];
}

export type TimelineEntry =
  | { kind: 'request'; at: number; number: string; status: string; label: string; equipmentCode: string; machineStopped: boolean }
  | { kind: 'work_order'; at: number; number: string; status: string; label: string; equipmentCode: string; type: string }
  | { kind: 'downtime'; at: number; endedAt: number | null; durationMs: number; equipmentCode: string; planned: boolean };

export interface EquipmentTimeline {
  entries: TimelineEntry[];
  /** More entries exist than the page shows (the oldest are left off). */
  truncated: boolean;
  /** Also covers these sub-assemblies' codes. */
  includes: string[];
  asOf: number;
}

export const equipmentContract = {
  /** The whole tree of localisations (small: sites, zones, lines), for filters, pickers and the page. */
  'locations:tree': channel<LocationNode[]>()({ input: z.undefined(), access: 'authenticated' }),
  'locations:create': channel<LocationNode>()({ input: locationCreateInput, access: MANAGERS }),
  /** Rename (code and name); the kind follows the place in the tree, which does not change. */
  'locations:update': channel<LocationNode>()({ input: locationUpdateInput, access: MANAGERS }),
  'equipment:list': channel<EquipmentListResult>()({ input: equipmentListInput, access: 'authenticated' }),
  'equipment:get': channel<EquipmentDetail>()({ input: z.object({ code: z.string().trim().min(1).max(40) }), access: 'authenticated' }),
  'equipment:create': channel<EquipmentDetail>()({ input: equipmentCreateInput, access: MANAGERS }),
  'equipment:update': channel<EquipmentDetail>()({ input: equipmentUpdateInput, access: MANAGERS }),
  /** The scan box and the picker: the exact code first, then up to 10 by text. */
  'equipment:lookup': channel<EquipmentLookup>()({ input: z.object({ text: z.string().trim().max(100) }), access: 'authenticated' }),
  'equipment:timeline': channel<EquipmentTimeline>()({ input: z.object({ code: z.string().trim().min(1).max(40) }), access: 'authenticated' }),
};
