// Pure. The `auth` domain: first-run setup, login, logout, the user's own preferences.
import { z } from 'zod';
import { channel } from './channel';
import type { Role } from './roles';
import { firstAdminInputSchema, loginInputSchema, localeSchema } from '../schemas/account-fields';

/** What the renderer may know about the signed-in user. Never a hash, never a token. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: 'fr' | 'en';
}

export const authContract = {
  'auth:setupFirstAdmin': channel<{ username: string }>()({ input: firstAdminInputSchema, access: 'public' }),
  'auth:login': channel<SessionUser>()({ input: loginInputSchema, access: 'public' }),
  'auth:logout': channel<null>()({ input: z.undefined(), access: 'authenticated' }),
  'account:setLocale': channel<SessionUser>()({ input: z.object({ locale: localeSchema }), access: 'authenticated' }),
};
