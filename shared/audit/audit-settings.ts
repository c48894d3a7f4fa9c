// Pure. The security log's own settings (kept apart from the "Sécurité" settings): how long entries are kept.
// Main validates every update with this schema; the renderer's form uses it too.
import { z } from 'zod';

export const AUDIT_RETENTION_BOUNDS = { min: 90, max: 3650 } as const;

export const auditSettingsSchema = z.object({
  retentionDays: z
    .number({ error: 'validation.number' })
    .int('validation.number')
    .min(AUDIT_RETENTION_BOUNDS.min, 'validation.outOfRange')
    .max(AUDIT_RETENTION_BOUNDS.max, 'validation.outOfRange'),
});

export type AuditSettings = z.infer<typeof auditSettingsSchema>;

/** Two years, as the issue asks. */
export const DEFAULT_AUDIT_SETTINGS: AuditSettings = { retentionDays: 730 };
