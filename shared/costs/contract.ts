// Pure (main and renderer). The `costs` domain's channels: hourly rates (managers only: a technician never receives
// a rate nor a labour amount), external services on an OT, and the OT's cost. Money is INTEGER cents.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MAINTAINERS, MANAGERS, ROLES, type Role } from '../contract/roles';

/** The roles a rate may be set for: those who log time on OTs. */
export const RATED_ROLES = ['admin', 'maintenance_manager', 'technician'] as const satisfies readonly Role[];
export type RatedRole = (typeof RATED_ROLES)[number];

/** At most 10 000 € an hour: a typo (a missing comma) is refused, not stored. */
export const MAX_RATE_CENTS = 1_000_000;
/** At most 10 M€ a service line. */
export const MAX_SERVICE_CENTS = 1_000_000_000;

export interface LabourRatesView {
  users: { id: number; displayName: string; username: string; role: Role; isActive: boolean; rateCents: number | null }[];
  roles: { role: RatedRole; rateCents: number | null }[];
}

export const setRateInput = z.discriminatedUnion('subjectKind', [
  z.object({ subjectKind: z.literal('user'), userId: z.number().int().positive(), rateCents: z.number().int().min(0).max(MAX_RATE_CENTS).nullable() }),
  z.object({ subjectKind: z.literal('role'), role: z.enum(RATED_ROLES), rateCents: z.number().int().min(0).max(MAX_RATE_CENTS).nullable() }),
]);
export type SetRateInput = z.input<typeof setRateInput>;

export const addServiceInput = z.object({
  number: z.string().trim().min(1).max(40),
  supplier: z.string().trim().min(1, 'validation.required').max(120),
  amountCents: z.number().int().min(0).max(MAX_SERVICE_CENTS),
  reference: z.string().trim().max(80).optional().transform((v) => (v ? v : null)),
  description: z.string().trim().max(500).optional().default(''),
});
export type AddServiceInput = z.input<typeof addServiceInput>;

export interface ServiceLine {
  id: number;
  supplier: string;
  reference: string | null;
  description: string;
  amountCents: number;
  createdAt: number;
  createdBy: string | null;
}

/**
 * An OT's cost. `amounts` is null for a technician: they see the hours only (rates are the managers' business).
 * Labour counts finished time entries (a running clock counts once stopped).
 */
export interface WorkOrderCost {
  labourMinutes: number;
  /** Hours per person (everyone on the OT sees who worked how long). */
  people: { userId: number; displayName: string; minutes: number; cents: number | null }[];
  amounts: {
    labourCents: number;
    partsCents: number;
    servicesCents: number;
    totalCents: number;
    /** Minutes of entries costed at 0 because neither the person nor their role has a rate. */
    unratedMinutes: number;
  } | null;
  services: ServiceLine[] | null;
  /** Managers add and remove services while the OT is not closed or cancelled. */
  canEditServices: boolean;
}

export const COST_GROUPS = ['work_order', 'equipment', 'location', 'category', 'month'] as const;
export type CostGroup = (typeof COST_GROUPS)[number];

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid');

export const costTotalsInput = z.object({
  from: localDate,
  to: localDate,
  groupBy: z.enum(COST_GROUPS),
  locationId: z.number().int().positive().nullable().default(null),
  limit: z.number().int().min(1).max(1000).default(100),
});

export interface CostTotalsRow {
  key: string;
  label: string;
  labourCents: number;
  partsCents: number;
  servicesCents: number;
  totalCents: number;
}

export const costsContract = {
  'costs:rates': channel<LabourRatesView>()({ input: z.undefined(), access: MANAGERS }),
  'costs:setRate': channel<{ ok: true }>()({ input: setRateInput, access: MANAGERS }),
  'costs:workOrderCost': channel<WorkOrderCost>()({ input: z.object({ number: z.string().trim().min(1).max(40) }), access: MAINTAINERS }),
  'costs:addService': channel<{ id: number }>()({ input: addServiceInput, access: MANAGERS }),
  'costs:removeService': channel<{ ok: true }>()({ input: z.object({ number: z.string().trim().min(1).max(40), id: z.number().int().positive() }), access: MANAGERS }),
  /** Totals per OT, equipment, location, category or month over a period, biggest first (months in order). */
  'costs:totals': channel<CostTotalsRow[]>()({ input: costTotalsInput, access: MANAGERS }),
};

export { ROLES };
