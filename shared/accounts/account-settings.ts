// Pure. The account rules an administrator sets on the "Utilisateurs" screen: password policy, temporary
// passwords, and what happens at first login with an admin-chosen password. (The site's name lives with the
// mail settings, "Messagerie", which put it in every email.)
// Main validates every update with this schema and enforces every value; the renderer's form uses it too.
import { z } from 'zod';
import { STRENGTH_LEVELS } from '../password/strength-levels';

const int = (min: number, max: number) =>
  z.number({ error: 'validation.number' }).int('validation.number').min(min, 'validation.outOfRange').max(max, 'validation.outOfRange');

export const ACCOUNT_SETTING_BOUNDS = {
  passwordMinLength: { min: 8, max: 64 },
  temporaryPasswordHours: { min: 1, max: 168 },
} as const;

export const accountSettingsSchema = z.object({
  /** NIST 800-63B: a length, no composition rules. The seed's 8 is the floor. */
  passwordMinLength: int(ACCOUNT_SETTING_BOUNDS.passwordMinLength.min, ACCOUNT_SETTING_BOUNDS.passwordMinLength.max),
  /** The meter's level a new password must reach (Faible / Moyen / Fort). */
  passwordMinStrength: z.enum(STRENGTH_LEVELS),
  /** How long an administrator's temporary password stays usable. */
  temporaryPasswordHours: int(ACCOUNT_SETTING_BOUNDS.temporaryPasswordHours.min, ACCOUNT_SETTING_BOUNDS.temporaryPasswordHours.max),
  /** A password the administrator chose: must the user change it at first login, or is it only offered? */
  chosenPasswordChange: z.enum(['required', 'optional']),
});

export type AccountSettings = z.infer<typeof accountSettingsSchema>;

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  passwordMinLength: 8,
  passwordMinStrength: 'medium',
  temporaryPasswordHours: 24,
  // An administrator knows that password: by default the user replaces it. "optional" is the seed's behaviour.
  chosenPasswordChange: 'required',
};
