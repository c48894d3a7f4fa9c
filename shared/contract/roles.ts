// Pure. The four roles of the product; the maintenance modules give the last three their meaning.
export const ROLES = ['admin', 'maintenance_manager', 'technician', 'requester'] as const;
export type Role = (typeof ROLES)[number];
