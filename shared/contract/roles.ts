// Pure. The four roles of the product; the maintenance modules give the last three their meaning.
export const ROLES = ['admin', 'maintenance_manager', 'technician', 'requester'] as const;
export type Role = (typeof ROLES)[number];

/** Plan, triage, close and manage equipment (issue 13). */
export const MANAGERS = ['admin', 'maintenance_manager'] as const satisfies readonly Role[];
/** Work on OTs: everyone who maintains, not the requesters. */
export const MAINTAINERS = ['admin', 'maintenance_manager', 'technician'] as const satisfies readonly Role[];
