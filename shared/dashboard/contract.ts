// Pure. The `dashboard` domain: the "Tableau de bord" counts, each the size of a list one click away. Main decides
// what each role counts: maintainers the whole plant's, a requester (and a technician, for the DIs) only their own.
import { z } from 'zod';
import { channel } from '../contract/channel';

export interface DashboardSummary {
  /** DIs still `new`: every one for a Responsable or an Administrateur (to triage), one's own for everyone else. */
  newRequests: number;
  /** Whether `newRequests` counts every DI (`all`) or the caller's own (`own`): the link goes to the matching list. */
  requestsScope: 'all' | 'own';
  /** The OT counts; null for a requester, who sees no OT. */
  workOrders: {
    /** Drafts: created (from a DI or directly), not planned yet. */
    toPlan: number;
    /** Due before now and not finished, closed or cancelled. */
    overdue: number;
    /** On hold for a part. */
    waitingParts: number;
    /** Assigned to the caller and not finished, closed or cancelled. */
    mine: number;
  } | null;
  /** Equipment with an open downtime (à l'arrêt); null for a requester. */
  stoppedEquipment: number | null;
}

export const dashboardContract = {
  'dashboard:summary': channel<DashboardSummary>()({ input: z.undefined(), access: 'authenticated' }),
};
