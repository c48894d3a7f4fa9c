// Pure. The `auth` domain: first-run setup, login, logout, the user's own preferences.
import { z } from 'zod';
import { channel } from '../contract/channel';
import type { Role } from '../contract/roles';
import { firstAdminInputSchema, loginInputSchema, localeSchema } from '../accounts/account-fields';

/** What the renderer may know about the signed-in user. Never a hash, never a token. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: 'fr' | 'en';
  /** Set when the password must or may be changed now; the renderer shows the change screen first. */
  passwordChange: PasswordChangeDemand | null;
}

/**
 * `required`: nothing else is allowed until the change (main refuses other channels).
 * `offered`: the user may choose "Plus tard".
 * `reason`: `temporary` (an administrator's temporary password) or `chosenByAdmin` (a password the admin typed).
 */
export interface PasswordChangeDemand {
  mode: 'required' | 'offered';
  reason: 'temporary' | 'chosenByAdmin';
}

export const authContract = {
  'auth:setupFirstAdmin': channel<{ username: string }>()({ input: firstAdminInputSchema, access: 'public' }),
  'auth:login': channel<SessionUser>()({ input: loginInputSchema, access: 'public' }),
  'auth:logout': channel<null>()({ input: z.undefined(), access: 'authenticated', duringPasswordChange: true }),
  'account:setLocale': channel<SessionUser>()({
    input: z.object({ locale: localeSchema }),
    access: 'authenticated',
    duringPasswordChange: true,
  }),
};
