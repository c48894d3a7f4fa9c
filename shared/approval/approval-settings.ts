// Pure. How "Mot de passe oublié ?" works (the "Sécurité" screen): which paths are offered, and how long an
// approval request lives. Stored under its own settings key; main validates every update with this schema.
import { z } from 'zod';

/**
 * `auto` (until an administrator picks): approval only while email is not configured, both once it is.
 * `email`: emailed code only. `approval`: administrator approval only. `both`: the person picks.
 */
export const FORGOT_PASSWORD_MODES = ['auto', 'email', 'approval', 'both'] as const;
export type ForgotPasswordMode = (typeof FORGOT_PASSWORD_MODES)[number];

export const APPROVAL_SETTING_BOUNDS = { requestLifetimeDays: { min: 1, max: 30 } } as const;

export const approvalSettingsSchema = z.object({
  mode: z.enum(FORGOT_PASSWORD_MODES),
  /** A request expires this many days after it was made, approved or not (the seed's 7 days). */
  requestLifetimeDays: z
    .number({ error: 'validation.number' })
    .int('validation.number')
    .min(APPROVAL_SETTING_BOUNDS.requestLifetimeDays.min, 'validation.outOfRange')
    .max(APPROVAL_SETTING_BOUNDS.requestLifetimeDays.max, 'validation.outOfRange'),
});

export type ApprovalSettings = z.infer<typeof approvalSettingsSchema>;

export const DEFAULT_APPROVAL_SETTINGS: ApprovalSettings = { mode: 'auto', requestLifetimeDays: 7 };

/** The paths offered to someone who forgot their password, given the setting and whether email works. */
export function forgotPasswordPaths(mode: ForgotPasswordMode, emailConfigured: boolean): { email: boolean; approval: boolean } {
  const effective = mode === 'auto' ? (emailConfigured ? 'both' : 'approval') : mode;
  const email = emailConfigured && (effective === 'email' || effective === 'both');
  // "Email only" with no working email would leave people no way back in: approval stays open then.
  const approval = effective === 'approval' || effective === 'both' || !emailConfigured;
  return { email, approval };
}
