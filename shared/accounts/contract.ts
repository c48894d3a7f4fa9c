// Pure. The `users` domain: user administration (administrators only) and each user's own password.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { ROLES, type Role } from '../contract/roles';
import type { SessionUser } from '../auth/contract';
import { accountSettingsSchema, type AccountSettings } from './account-settings';
import { displayNameSchema, optionalEmailSchema, PASSWORD_MAX_LENGTH, usernameSchema } from './account-fields';

/**
 * Where an account's password stands:
 * - `ok`: a password only its owner knows;
 * - `temporary`: an administrator's temporary password, not used yet and not expired;
 * - `temporaryExpired` / `temporaryUsed`: that password can no longer open a session; reset again;
 * - `changeRequired`: the next login must set a new password (admin-chosen password, "required" setting);
 * - `changeOffered`: the next login offers a change ("optional" setting);
 * - `invited`: created with an emailed invitation whose code has not set a password yet (no login possible).
 */
export type PasswordState = 'ok' | 'invited' | 'temporary' | 'temporaryExpired' | 'temporaryUsed' | 'changeRequired' | 'changeOffered';

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  isActive: boolean;
  lastLoginAt: number | null;
  createdAt: number;
  passwordChangedAt: number;
  passwordState: PasswordState;
  /** A login wait is running for this account's username or email. */
  throttled: boolean;
  /** Windows where this user is signed in now, on this PC. */
  openSessions: number;
}

export interface UserDetail extends UserSummary {
  updatedAt: number;
  deactivatedAt: number | null;
  createdBy: { id: number; displayName: string } | null;
  /** While a temporary password is pending. */
  temporaryPasswordExpiresAt: number | null;
}

/** Returned exactly once, by the call that made it. Only its hash is stored; it is never logged or emailed. */
export interface TemporaryPassword {
  value: string;
  expiresAt: number;
}

export const USER_SORT_KEYS = ['displayName', 'username', 'role', 'lastLoginAt', 'createdAt'] as const;

export const userListInputSchema = z.object({
  search: z.string().trim().max(100).default(''),
  role: z.enum(ROLES).nullable().default(null),
  status: z.enum(['all', 'active', 'inactive']).default('all'),
  throttledOnly: z.boolean().default(false),
  sort: z.enum(USER_SORT_KEYS).default('displayName'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

export type UserListInput = z.output<typeof userListInputSchema>;

const userId = z.number().int().positive();
const password = z.string().max(PASSWORD_MAX_LENGTH, 'validation.passwordTooLong');

/**
 * `temporary`: main generates a password shown once (the default).
 * `chosen`: the administrator types one; the settings decide whether the user must change it at first login.
 * `invite`: an emailed invitation whose code lets the user choose their own (needs an email address and working email).
 * The policy (length, common list, names, strength) is checked by main, which answers every reason.
 */
export const createUserInputSchema = z
  .discriminatedUnion('passwordMode', [
    z.object({ passwordMode: z.literal('temporary') }),
    z.object({ passwordMode: z.literal('chosen'), password, passwordConfirmation: password }),
    z.object({ passwordMode: z.literal('invite') }),
  ])
  .and(
    z.object({
      username: usernameSchema,
      displayName: displayNameSchema,
      email: optionalEmailSchema,
      role: z.enum(ROLES),
      locale: z.enum(['fr', 'en']).default('fr'),
    }),
  );

export const updateUserInputSchema = z.object({
  userId,
  displayName: displayNameSchema,
  email: optionalEmailSchema,
  role: z.enum(ROLES),
});

/**
 * Required change (temporary or admin-chosen password): `currentPassword` is not asked, the session proves it.
 * Voluntary and offered changes: `currentPassword` is required. The new password must differ from the current one.
 */
export const changePasswordInputSchema = z.object({
  currentPassword: password.optional(),
  newPassword: password,
  passwordConfirmation: password,
});

const ADMIN = ['admin'] as const;

export const usersContract = {
  'users:list': channel<UserSummary[]>()({ input: userListInputSchema, access: ADMIN }),
  'users:get': channel<UserDetail>()({ input: z.object({ userId }), access: ADMIN }),
  'users:create': channel<{ user: UserDetail; temporaryPassword: TemporaryPassword | null }>()({
    input: createUserInputSchema,
    access: ADMIN,
  }),
  'users:update': channel<UserDetail>()({ input: updateUserInputSchema, access: ADMIN }),
  /** Deactivation ends the user's sessions and blocks login; nobody with history is ever deleted. */
  'users:setActive': channel<UserDetail>()({ input: z.object({ userId, active: z.boolean() }), access: ADMIN }),
  /** "Réinitialiser le mot de passe": ends the user's sessions, answers the temporary password once. */
  'users:resetPassword': channel<TemporaryPassword>()({ input: z.object({ userId }), access: ADMIN }),
  /** "Débloquer": clears the login waits on the user's username and email. */
  'users:clearThrottle': channel<UserDetail>()({ input: z.object({ userId }), access: ADMIN }),
  'users:getSettings': channel<AccountSettings>()({ input: z.undefined(), access: ADMIN }),
  'users:updateSettings': channel<AccountSettings>()({ input: accountSettingsSchema, access: ADMIN }),

  /** The signed-in user's own password: required change, offered change, or "Changer mon mot de passe". */
  'account:changePassword': channel<SessionUser>()({
    input: changePasswordInputSchema,
    access: 'authenticated',
    duringPasswordChange: true,
  }),
  /** "Plus tard" on an offered (optional) change, after "Êtes-vous sûr ?". */
  'account:postponePasswordChange': channel<SessionUser>()({ input: z.undefined(), access: 'authenticated' }),
  /** The rules a new password must meet, for the form's hints (the strength level, the minimum length). */
  'account:getPasswordRules': channel<PasswordRules>()({ input: z.undefined(), access: 'public', duringPasswordChange: true }),
  /**
   * Whether a password being typed is on main's common-password list (which stays in main): the meter asks,
   * debounced, before it shows a password as accepted. Public, like the rules: it says nothing about any account.
   */
  'account:isCommonPassword': channel<boolean>()({ input: z.object({ password: z.string().max(4096) }), access: 'public', duringPasswordChange: true }),
};

export interface PasswordRules {
  minLength: number;
  minStrength: AccountSettings['passwordMinStrength'];
  siteName: string;
}
