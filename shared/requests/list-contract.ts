// Pure (main and renderer). The DI lists (issue 13): the managers' triage list, read-only for technicians. The
// same keyset pages and export as the OT list (shared/work-orders/list-contract.ts).
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MAINTAINERS } from '../contract/roles';
import { listCursor, listDay, listExportFormat, SORT_DIRECTIONS, type ListExport, type ListPage } from '../work-orders/list-contract';

export const REQUEST_STATUS_CODES = ['new', 'accepted', 'refused', 'duplicate', 'cancelled'] as const;
export type RequestStatusCode = (typeof REQUEST_STATUS_CODES)[number];
export const REQUEST_SORTS = ['created', 'status', 'equipment'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

export const requestsFilterFields = {
  /** Any of these; absent or empty: every status. */
  status: z.array(z.enum(REQUEST_STATUS_CODES)).max(REQUEST_STATUS_CODES.length).optional(),
  equipment: z.string().trim().max(64).optional(),
  locationId: z.number().int().positive().optional(),
  /** Only the DIs that said "Machine à l'arrêt". */
  machineStopped: z.boolean().optional(),
  /** Bounds on the creation date. */
  from: listDay.optional(),
  to: listDay.optional(),
  /** Part of the number, the symptom or the equipment, any case, with or without accents. */
  text: z.string().trim().max(100).optional(),
  sort: z.enum(REQUEST_SORTS).optional(),
  direction: z.enum(SORT_DIRECTIONS).optional(),
};

const rangeInOrder = (filter: { from?: string; to?: string }) => !filter.from || !filter.to || filter.from <= filter.to;
const RANGE_ISSUE = { path: ['to'], message: 'validation.invalid' };

export const requestsFilterSchema = z.object(requestsFilterFields).refine(rangeInOrder, RANGE_ISSUE);
export const requestsListSchema = z.object({ ...requestsFilterFields, cursor: listCursor.optional() }).refine(rangeInOrder, RANGE_ISSUE);
export const requestsExportSchema = z
  .object({ ...requestsFilterFields, format: listExportFormat, language: z.enum(['fr', 'en']).optional() })
  .refine(rangeInOrder, RANGE_ISSUE);

export type RequestsFilter = z.input<typeof requestsFilterSchema>;
export type RequestsListInput = z.input<typeof requestsListSchema>;

export interface RequestListRow {
  id: number;
  number: string;
  symptom: string;
  status: RequestStatusCode;
  machineStopped: boolean;
  equipmentCode: string;
  equipmentDesignation: string;
  locationName: string | null;
  /** The signed-in reporter's display name, or the name a passer-by typed. */
  reporter: string | null;
  /** The OT it became, once accepted. */
  workOrderNumber: string | null;
  createdAt: number;
}

export const requestsListContract = {
  /** The managers triage here; technicians read it (the contract lets every maintainer in, nothing here writes). */
  'requests:list': channel<ListPage<RequestListRow>>()({ input: requestsListSchema, access: MAINTAINERS }),
  'requests:export': channel<ListExport>()({ input: requestsExportSchema, access: MAINTAINERS }),
};
