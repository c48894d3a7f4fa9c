// Pure (main and renderer). The OT lists (issue 13, "Lists that stay fast at plant scale"): the filter, the saved
// views, the sorts, the keyset page and the export, for `workOrders:list` and `workOrders:export`.
// Pages come from the database 50 rows at a time behind an opaque cursor (the sort key + id): never OFFSET.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MAINTAINERS } from '../contract/roles';
import { WORK_ORDER_TYPES, type WorkOrderTypeCode } from './contract';

export type { WorkOrderTypeCode };

export const WORK_ORDER_STATUS_CODES = ['draft', 'planned', 'in_progress', 'on_hold', 'done', 'closed', 'cancelled'] as const;
export type WorkOrderStatusCode = (typeof WORK_ORDER_STATUS_CODES)[number];
/** "Ouverts": still to be done. `done` (terminé) waits for closure but nobody works on it any more. */
export const OPEN_WORK_ORDER_STATUSES = ['draft', 'planned', 'in_progress', 'on_hold'] as const satisfies readonly WorkOrderStatusCode[];
/** The types and priorities of one OT's contract (./contract.ts), named here for the filters. */
export const WORK_ORDER_TYPE_CODES = WORK_ORDER_TYPES;
export const HOLD_REASON_CODES = ['parts', 'production', 'subcontractor', 'other'] as const;
export type HoldReasonCode = (typeof HOLD_REASON_CODES)[number];

/** Saved views (the `vue` search param of `/ot`): each narrows the filter; `tous` adds nothing. */
export const WORK_ORDER_VIEWS = ['tous', 'mes', 'a-planifier', 'retard', 'attente-pieces'] as const;
export type WorkOrderSavedView = (typeof WORK_ORDER_VIEWS)[number];

export const WORK_ORDER_SORTS = ['due', 'priority', 'number', 'created', 'status', 'equipment'] as const;
export type WorkOrderSort = (typeof WORK_ORDER_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const LIST_PAGE_SIZE = 50;
/** An export holds at most this many rows (the first ones in the list's order); the answer says when it stopped. */
export const LIST_EXPORT_MAX_ROWS = 100_000;

/** A calendar day as date inputs give it (YYYY-MM-DD); main reads it in its local time zone. */
export const listDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid')
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'validation.invalid');

/** The opaque cursor the previous page gave (base64 of the sort key + id); main refuses one it did not make. */
export const listCursor = z.string().max(400).regex(/^[A-Za-z0-9+/=_-]*$/, 'validation.invalid');

export const workOrdersFilterFields = {
  view: z.enum(WORK_ORDER_VIEWS).optional(),
  /** Any of these; absent or empty: the open ones (brouillon, planifié, en cours, en attente). */
  status: z.array(z.enum(WORK_ORDER_STATUS_CODES)).max(WORK_ORDER_STATUS_CODES.length).optional(),
  type: z.array(z.enum(WORK_ORDER_TYPE_CODES)).max(WORK_ORDER_TYPE_CODES.length).optional(),
  priority: z.array(z.number().int().min(1).max(4)).max(4).optional(),
  /** The equipment's code, exactly (any case). An unknown code matches nothing. */
  equipment: z.string().trim().max(64).optional(),
  /** A location and everything under it (site → zones → lines). */
  locationId: z.number().int().positive().optional(),
  /** A user's id, or "me" (the person signed in). */
  assignee: z.union([z.literal('me'), z.number().int().positive()]).optional(),
  /** Which date `from`/`to` bound: the due date (échéance, the default) or the creation date. */
  dateField: z.enum(['due', 'created']).optional(),
  from: listDay.optional(),
  to: listDay.optional(),
  /** Part of the number, title or description, any case, with or without accents. */
  text: z.string().trim().max(100).optional(),
  sort: z.enum(WORK_ORDER_SORTS).optional(),
  direction: z.enum(SORT_DIRECTIONS).optional(),
};

const rangeInOrder = (filter: { from?: string; to?: string }) => !filter.from || !filter.to || filter.from <= filter.to;
const RANGE_ISSUE = { path: ['to'], message: 'validation.invalid' };

export const workOrdersFilterSchema = z.object(workOrdersFilterFields).refine(rangeInOrder, RANGE_ISSUE);
export const workOrdersListSchema = z.object({ ...workOrdersFilterFields, cursor: listCursor.optional() }).refine(rangeInOrder, RANGE_ISSUE);
export const listExportFormat = z.enum(['csv', 'xlsx']);
export const workOrdersExportSchema = z
  .object({ ...workOrdersFilterFields, format: listExportFormat, language: z.enum(['fr', 'en']).optional() })
  .refine(rangeInOrder, RANGE_ISSUE);

export type WorkOrdersFilter = z.input<typeof workOrdersFilterSchema>;
export type WorkOrdersListInput = z.input<typeof workOrdersListSchema>;
export type ListExportFormat = z.infer<typeof listExportFormat>;

export interface WorkOrderListRow {
  id: number;
  number: string;
  title: string;
  status: WorkOrderStatusCode;
  holdReason: HoldReasonCode | null;
  type: WorkOrderTypeCode;
  priority: number;
  equipmentCode: string;
  equipmentDesignation: string;
  locationName: string | null;
  /** Display names, by name. */
  assignees: string[];
  dueAt: number | null;
  createdAt: number;
  /** Due before now and still open: shown in red with an icon. */
  overdue: boolean;
}

export interface ListPage<Row> {
  rows: Row[];
  /** Give it back for the next page; null at the end of the list. */
  nextCursor: string | null;
}

export interface ListExport {
  fileName: string;
  /** The file's bytes, base64. */
  base64: string;
  rows: number;
  /** True when the filter matched more than LIST_EXPORT_MAX_ROWS rows: only the first ones are in the file. */
  capped: boolean;
}

/** The filter bar's choices: the location tree (in display order, with its depth) and who can be assigned. */
export interface ListFilterOptions {
  locations: { id: number; name: string; code: string; depth: number }[];
  assignees: { id: number; displayName: string }[];
}

export const workOrdersListContract = {
  'workOrders:listOptions': channel<ListFilterOptions>()({ input: z.undefined(), access: MAINTAINERS }),
  'workOrders:list': channel<ListPage<WorkOrderListRow>>()({ input: workOrdersListSchema, access: MAINTAINERS }),
  'workOrders:export': channel<ListExport>()({ input: workOrdersExportSchema, access: MAINTAINERS }),
};
