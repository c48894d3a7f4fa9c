// Pure (main and renderer). The `stock` channels (magasin): stores and bins, min/max, the ledger's commands
// (réception, transfert, ajustement, contre-passation, sortie / retour sur OT), reservations on OTs, the
// balances with what is available, the moves journal, the reorder list and inventory counts. Quantities travel
// as INTEGER thousandths (`*Milli`, see quantity.ts), money as INTEGER cents; costs are stripped for technicians.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MAINTAINERS, MANAGERS } from '../contract/roles';

const ADMIN = ['admin'] as const;

export const STOCK_MOVE_KINDS = ['receipt', 'issue', 'return', 'transfer_out', 'transfer_in', 'adjustment', 'reversal'] as const;
export type StockMoveKind = (typeof STOCK_MOVE_KINDS)[number];

const id = z.number('validation.required').int('validation.required').positive('validation.required');
const code = z.string().trim().min(1, 'validation.required').max(32, 'validation.tooLong');
const label = z.string().trim().max(200, 'validation.tooLong');
/** A quantity in thousandths of the unit: at most a billion units, strictly positive for a move. */
const quantity = z.number('validation.number').int('validation.number').min(1, 'validation.outOfRange').max(1_000_000_000_000, 'validation.outOfRange');
const level = z.number('validation.number').int('validation.number').min(0, 'validation.outOfRange').max(1_000_000_000_000, 'validation.outOfRange');
const reason = z.string().trim().max(500, 'validation.tooLong');

export const stockSettingsSchema = z.object({
  /** « Autoriser le stock négatif »: off by default; only the administrator changes it (audited). */
  allowNegativeStock: z.boolean(),
});
export type StockSettings = z.infer<typeof stockSettingsSchema>;
export const DEFAULT_STOCK_SETTINGS: StockSettings = { allowNegativeStock: false };

export const saveStoreInput = z.object({ id: id.nullable(), code, name: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'), isActive: z.boolean() });
export type SaveStoreInput = z.input<typeof saveStoreInput>;
export const saveBinInput = z.object({ id: id.nullable(), storeId: id, code, label, isActive: z.boolean() });
export type SaveBinInput = z.input<typeof saveBinInput>;
export const setLevelInput = z
  .object({ partId: id, storeId: id, minMilli: level, maxMilli: level.nullable() })
  .refine((v) => v.maxMilli === null || v.maxMilli >= v.minMilli, { path: ['maxMilli'], message: 'stock.validation.maxBelowMin' });

export const receiveInput = z.object({
  partId: id,
  binId: id,
  quantityMilli: quantity,
  /** Purchase price per unit, in cents. */
  unitCostCents: z.number('validation.number').min(0, 'validation.outOfRange').max(100_000_000_00, 'validation.outOfRange'),
  supplier: z.string().trim().max(200, 'validation.tooLong'),
  documentRef: z.string().trim().max(100, 'validation.tooLong'),
  reason,
});
export type ReceiveInput = z.input<typeof receiveInput>;
export const transferInput = z
  .object({ partId: id, fromBinId: id, toBinId: id, quantityMilli: quantity, reason })
  .refine((v) => v.fromBinId !== v.toBinId, { path: ['toBinId'], message: 'stock.validation.sameBin' });
export type TransferInput = z.input<typeof transferInput>;
export const adjustInput = z.object({
  partId: id,
  binId: id,
  /** Signed: + found, − missing. */
  deltaMilli: z.number('validation.number').int('validation.number').min(-1_000_000_000_000).max(1_000_000_000_000).refine((v) => v !== 0, 'validation.outOfRange'),
  reason: z.string().trim().min(1, 'validation.required').max(500, 'validation.tooLong'),
});
export type AdjustInput = z.input<typeof adjustInput>;
export const reverseInput = z.object({ moveId: id, reason: z.string().trim().min(1, 'validation.required').max(500, 'validation.tooLong') });

export const reserveInput = z.object({ workOrderId: id, partId: id, storeId: id, quantityMilli: quantity });
export type ReserveInput = z.input<typeof reserveInput>;
export const issueInput = z.object({ workOrderId: id, partId: id, binId: id, quantityMilli: quantity });
export type IssueInput = z.input<typeof issueInput>;

export const movesQuery = z.object({
  partId: id.nullable().optional(),
  kind: z.enum(STOCK_MOVE_KINDS).nullable().optional(),
  from: z.number().int().min(0).nullable().optional(),
  to: z.number().int().min(0).nullable().optional(),
  workOrderNumber: z.string().trim().max(32).nullable().optional(),
  /** Keyset: the id of the last row of the previous page (moves come newest first). */
  beforeId: id.nullable().optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
export type MovesQuery = z.input<typeof movesQuery>;

export const balancesQuery = z.object({
  storeId: id.nullable().optional(),
  search: z.string().trim().max(100).optional(),
  belowMinOnly: z.boolean().optional(),
  limit: z.number().int().min(1).max(2000).optional(),
});
export type BalancesQuery = z.input<typeof balancesQuery>;

export interface BinView {
  id: number;
  storeId: number;
  code: string;
  label: string | null;
  isActive: boolean;
}
export interface StoreView {
  id: number;
  code: string;
  name: string;
  isActive: boolean;
  bins: BinView[];
}
export interface PartOption {
  id: number;
  code: string;
  designation: string;
  unit: string;
}
/** One part in one store: stock (sum of its bins), open reservations, available = stock − reserved. */
export interface StoreBalanceView {
  part: PartOption;
  store: { id: number; code: string; name: string };
  quantityMilli: number;
  reservedMilli: number;
  availableMilli: number;
  minMilli: number | null;
  maxMilli: number | null;
  bins: { id: number; code: string; quantityMilli: number }[];
  /** Managers only (null for technicians). */
  avgCostCents: number | null;
}
export interface MoveView {
  id: number;
  at: number;
  kind: StockMoveKind;
  part: PartOption;
  bin: { id: number; code: string; storeCode: string };
  quantityMilli: number;
  /** Managers only. */
  unitCostCents: number | null;
  valueCents: number | null;
  workOrder: { id: number; number: string } | null;
  reversalOfId: number | null;
  reversedById: number | null;
  transferGroup: string | null;
  inventoryCountId: number | null;
  reason: string | null;
  supplier: string | null;
  documentRef: string | null;
  user: string | null;
  workstation: string;
}
export interface WorkOrderPartLine {
  part: PartOption;
  store: { id: number; code: string; name: string };
  reservationId: number | null;
  reservationStatus: 'open' | 'released' | null;
  reservedMilli: number;
  issuedMilli: number;
  returnedMilli: number;
  availableMilli: number;
  /** Managers only: the net value of the parts on this OT (issues − returns ± reversals). */
  costCents: number | null;
}
export interface WorkOrderPartsView {
  workOrderId: number;
  open: boolean;
  canEdit: boolean;
  showCosts: boolean;
  lines: WorkOrderPartLine[];
  totalCostCents: number | null;
}
export interface ReorderLine {
  part: PartOption;
  store: { id: number; code: string; name: string };
  quantityMilli: number;
  reservedMilli: number;
  availableMilli: number;
  minMilli: number;
  maxMilli: number | null;
  suggestedMilli: number;
  supplier: string | null;
  supplierRef: string | null;
  leadTimeDays: number | null;
  unitPriceCents: number | null;
}
export interface InventorySummary {
  id: number;
  store: { id: number; code: string; name: string };
  status: 'open' | 'applied' | 'cancelled';
  createdAt: number;
  createdBy: string | null;
  appliedAt: number | null;
  lines: number;
  counted: number;
}
export interface InventoryLineView {
  part: PartOption;
  bin: { id: number; code: string };
  expectedMilli: number;
  countedMilli: number | null;
  /** Moves of this part in this bin since the count started (not the count's own). */
  movedSinceMilli: number;
  /** counted − expected (null until counted). */
  differenceMilli: number | null;
  /** What « Appliquer » writes: counted − (expected + moves since the start). */
  adjustmentMilli: number | null;
  differenceValueCents: number | null;
}
export interface InventoryView extends InventorySummary {
  entries: InventoryLineView[];
}

export const stockContract = {
  'stock:settings': channel<StockSettings>()({ input: z.object({}).optional(), access: MAINTAINERS }),
  'stock:updateSettings': channel<StockSettings>()({ input: stockSettingsSchema, access: ADMIN }),
  'stock:stores': channel<StoreView[]>()({ input: z.object({}).optional(), access: MAINTAINERS }),
  'stock:saveStore': channel<{ id: number }>()({ input: saveStoreInput, access: MANAGERS }),
  'stock:saveBin': channel<{ id: number }>()({ input: saveBinInput, access: MANAGERS }),
  'stock:setLevel': channel<{ ok: true }>()({ input: setLevelInput, access: MANAGERS }),
  'stock:searchParts': channel<PartOption[]>()({ input: z.object({ search: z.string().trim().max(100) }), access: MAINTAINERS }),
  'stock:balances': channel<StoreBalanceView[]>()({ input: balancesQuery, access: MAINTAINERS }),
  'stock:partStock': channel<StoreBalanceView[]>()({ input: z.object({ partId: id }), access: MAINTAINERS }),
  'stock:moves': channel<MoveView[]>()({ input: movesQuery, access: MAINTAINERS }),
  'stock:receive': channel<{ moveId: number }>()({ input: receiveInput, access: MANAGERS }),
  'stock:transfer': channel<{ moveIds: number[] }>()({ input: transferInput, access: MANAGERS }),
  'stock:adjust': channel<{ moveId: number }>()({ input: adjustInput, access: MANAGERS }),
  'stock:reverse': channel<{ moveIds: number[] }>()({ input: reverseInput, access: MANAGERS }),
  'stock:workOrderParts': channel<WorkOrderPartsView>()({ input: z.object({ workOrderId: id }), access: MAINTAINERS }),
  'stock:reserve': channel<{ id: number }>()({ input: reserveInput, access: MAINTAINERS }),
  'stock:release': channel<{ ok: true }>()({ input: z.object({ reservationId: id }), access: MAINTAINERS }),
  'stock:issue': channel<{ moveId: number }>()({ input: issueInput, access: MAINTAINERS }),
  'stock:return': channel<{ moveId: number }>()({ input: issueInput, access: MAINTAINERS }),
  'stock:reorder': channel<ReorderLine[]>()({ input: z.object({ storeId: id.nullable().optional() }), access: MANAGERS }),
  'stock:exportReorder': channel<{ fileName: string; base64: string }>()({ input: z.object({ storeId: id.nullable().optional() }), access: MANAGERS }),
  'stock:inventories': channel<InventorySummary[]>()({ input: z.object({}).optional(), access: MANAGERS }),
  'stock:startInventory': channel<{ id: number }>()({ input: z.object({ storeId: id }), access: MANAGERS }),
  'stock:inventory': channel<InventoryView>()({ input: z.object({ id }), access: MANAGERS }),
  'stock:countLine': channel<{ ok: true }>()({ input: z.object({ id, partId: id, binId: id, countedMilli: level.nullable() }), access: MANAGERS }),
  'stock:applyInventory': channel<{ moves: number }>()({ input: z.object({ id }), access: MANAGERS }),
  'stock:cancelInventory': channel<{ ok: true }>()({ input: z.object({ id }), access: MANAGERS }),
  'stock:printInventory': channel<{ fileName: string; base64: string }>()({ input: z.object({ id }), access: MANAGERS }),
};
