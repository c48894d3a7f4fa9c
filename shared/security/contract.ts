// Pure. The `security` domain (administrators only): the "Sécurité" settings, login throttles, ending sessions.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { securitySettingsSchema, type SecuritySettings } from './security-settings';

export interface ThrottledIdentifier {
  /** The name or email as typed (lower-cased); it may match no account. */
  identifier: string;
  consecutiveFailures: number;
  blockedUntil: number | null;
  lastFailureAt: number;
}

/** One signed-in user on this installation, with how many windows they have open. */
export interface OpenSession {
  userId: number;
  username: string;
  displayName: string;
  windows: number;
  startedAt: number;
  lastActivityAt: number;
}

const ADMIN = ['admin'] as const;

export const securityContract = {
  'security:getSettings': channel<SecuritySettings>()({ input: z.undefined(), access: ADMIN }),
  'security:updateSettings': channel<SecuritySettings>()({ input: securitySettingsSchema, access: ADMIN }),
  'security:listThrottled': channel<ThrottledIdentifier[]>()({ input: z.undefined(), access: ADMIN }),
  'security:clearThrottle': channel<null>()({ input: z.object({ identifier: z.string().trim().min(1).max(254) }), access: ADMIN }),
  'security:listSessions': channel<OpenSession[]>()({ input: z.undefined(), access: ADMIN }),
  'security:endUserSessions': channel<{ ended: number }>()({ input: z.object({ userId: z.number().int().positive() }), access: ADMIN }),
};
