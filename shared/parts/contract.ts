// Pure (main and renderer). The `parts` domain (pièces de rechange): the catalog with its suppliers, where-used and
// the stock it shows (read-only: the `stock` domain writes stores, bins, balances and reservations). The zod schemas
// are the forms' (react-hook-form + zodResolver) and main's, which re-checks every field. Quantities travel as
// thousandths of the unit (`*Milli`), money as cents (shared/stock/quantity.ts converts at the edges).
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MAINTAINERS, MANAGERS } from '../contract/roles';

export const PARTS_PAGE_SIZE = 50;
/** The units offered first; any other short unit is accepted as typed (« boîte », « rouleau »…). */
export const PART_UNITS = ['pce', 'L', 'm', 'kg'] as const;

/** What a label's QR code or a scanner types: letters, digits and - _ . / only, no space (as equipment codes). */
export const partCodeSchema = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .max(40, 'validation.codeTooLong')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'validation.codeInvalid');

function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .nullable()
    .transform((value) => (value ? value : null));
}

/** A supplier of the part: the preferred one is the one purchasing orders from first (one at most). */
export const partSupplierSchema = z.object({
  supplier: z.string().trim().min(1, 'validation.required').max(80, 'validation.tooLong'),
  supplierRef: optionalText(60),
  leadTimeDays: z.number({ error: 'validation.number' }).int('validation.number').min(0, 'validation.outOfRange').max(3650, 'validation.outOfRange').nullable(),
  unitPriceCents: z.number({ error: 'validation.priceInvalid' }).int('validation.priceInvalid').min(0, 'validation.outOfRange').max(100_000_000, 'validation.outOfRange').nullable(),
  isPreferred: z.boolean(),
});
export type PartSupplierInput = z.input<typeof partSupplierSchema>;
export type PartSupplier = z.output<typeof partSupplierSchema>;

export const partFieldsSchema = z.object({
  code: partCodeSchema,
  designation: z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong'),
  manufacturer: optionalText(80),
  manufacturerRef: optionalText(60),
  unit: z.string().trim().min(1, 'validation.required').max(16, 'validation.tooLong'),
  /** Free text (« Roulements », « Joints »…): the list's filter offers the categories already used. */
  category: optionalText(60),
  notes: optionalText(2000),
  isActive: z.boolean(),
  suppliers: z
    .array(partSupplierSchema)
    .max(20, 'validation.outOfRange')
    .refine((list) => list.filter((s) => s.isPreferred).length <= 1, 'validation.invalid'),
});
export type PartFieldsInput = z.input<typeof partFieldsSchema>;
export type PartFields = z.output<typeof partFieldsSchema>;

export const partCreateInput = partFieldsSchema;
/** Compare-and-set: `expectedVersion` is the `version` the form was loaded with. */
export const partUpdateInput = partFieldsSchema.extend({ id: z.number().int().positive(), expectedVersion: z.number().int().positive() });

export const partsListInput = z.object({
  text: z.string().trim().max(100, 'validation.tooLong').optional(),
  category: z.string().trim().max(60).optional(),
  /** Only parts whose available quantity in some store is below that store's minimum. */
  belowMin: z.boolean().optional(),
  /** Keyset: the last code of the previous page. */
  cursor: z.string().max(40).optional(),
});
export type PartsListFilter = z.input<typeof partsListInput>;

export interface PartSummary {
  id: number;
  code: string;
  designation: string;
  manufacturer: string | null;
  manufacturerRef: string | null;
  unit: string;
  category: string | null;
  isActive: boolean;
  /** Σ balances over every bin. */
  stockMilli: number;
  /** stock − open reservations (quantity − issued). */
  availableMilli: number;
  belowMin: boolean;
}

export interface PartsListResult {
  rows: PartSummary[];
  nextCursor: string | null;
}

export interface PartStockLine {
  storeCode: string;
  storeName: string;
  binCode: string;
  quantityMilli: number;
}

export interface PartStoreLine {
  storeCode: string;
  storeName: string;
  stockMilli: number;
  reservedMilli: number;
  availableMilli: number;
  minMilli: number | null;
  maxMilli: number | null;
}

export interface PartDetail extends Omit<PartFields, 'suppliers'> {
  id: number;
  version: number;
  avgCostCents: number;
  createdAt: number;
  updatedAt: number;
  suppliers: (PartSupplier & { id: number })[];
  whereUsed: { id: number; code: string; designation: string }[];
  stock: PartStockLine[];
  stores: PartStoreLine[];
  stockMilli: number;
  availableMilli: number;
}

export interface EquipmentPartLine {
  id: number;
  code: string;
  designation: string;
  unit: string;
  availableMilli: number;
}

const code = z.string().trim().min(1).max(40);

export const partsContract = {
  'parts:list': channel<PartsListResult>()({ input: partsListInput, access: MAINTAINERS }),
  /** The scan: the part whose code is exactly what was typed (whatever its case), or null. */
  'parts:lookup': channel<{ exact: { code: string } | null }>()({ input: z.object({ text: z.string().trim().max(100) }), access: MAINTAINERS }),
  'parts:get': channel<PartDetail>()({ input: z.object({ code }), access: MAINTAINERS }),
  /** The categories already used, for the list's filter and the form's suggestions. */
  'parts:categories': channel<string[]>()({ input: z.undefined(), access: MAINTAINERS }),
  'parts:create': channel<PartDetail>()({ input: partCreateInput, access: MANAGERS }),
  'parts:update': channel<PartDetail>()({ input: partUpdateInput, access: MANAGERS }),
  'parts:addEquipment': channel<PartDetail>()({ input: z.object({ partId: z.number().int().positive(), equipmentCode: code }), access: MANAGERS }),
  'parts:removeEquipment': channel<PartDetail>()({ input: z.object({ partId: z.number().int().positive(), equipmentId: z.number().int().positive() }), access: MANAGERS }),
  /** The equipment page's panel: the parts that fit it, with what is available. */
  'parts:forEquipment': channel<EquipmentPartLine[]>()({ input: z.object({ equipmentId: z.number().int().positive() }), access: MAINTAINERS }),
};
