// Pure. The "Sécurité" settings: session timing and login throttling, with their bounds.
// Main validates every update with this schema; the renderer's form uses it too.
import { z } from 'zod';

const int = (min: number, max: number) =>
  z.number({ error: 'validation.number' }).int('validation.number').min(min, 'validation.outOfRange').max(max, 'validation.outOfRange');

export const securitySettingsSchema = z
  .object({
    idleMinutes: int(1, 240),
    warningSeconds: int(10, 300),
    absoluteHours: int(1, 12),
    throttleMaxFailures: int(3, 20),
    throttleBaseDelaySeconds: int(10, 600),
    throttleMaxDelayMinutes: int(1, 120),
    throttleResetHours: int(1, 72),
  })
  .refine((s) => s.warningSeconds < s.idleMinutes * 60, { path: ['warningSeconds'], message: 'validation.warningTooLong' })
  .refine((s) => s.throttleMaxDelayMinutes * 60 >= s.throttleBaseDelaySeconds, {
    path: ['throttleMaxDelayMinutes'],
    message: 'validation.maxDelayBelowBase',
  });

export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

/** The seed's values: 15 min idle, 60 s warning, 1 h lifetime; 5 failures, 1 min doubling to 15 min, reset after 12 h. */
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  idleMinutes: 15,
  warningSeconds: 60,
  absoluteHours: 1,
  throttleMaxFailures: 5,
  throttleBaseDelaySeconds: 60,
  throttleMaxDelayMinutes: 15,
  throttleResetHours: 12,
};

/** Bounds, for the form's hints. */
export const SECURITY_SETTING_BOUNDS: Record<keyof SecuritySettings, { min: number; max: number }> = {
  idleMinutes: { min: 1, max: 240 },
  warningSeconds: { min: 10, max: 300 },
  absoluteHours: { min: 1, max: 12 },
  throttleMaxFailures: { min: 3, max: 20 },
  throttleBaseDelaySeconds: { min: 10, max: 600 },
  throttleMaxDelayMinutes: { min: 1, max: 120 },
  throttleResetHours: { min: 1, max: 72 },
};
