// Pure. The user as the renderer may see it, and what their password asks of them right now.
import type { PasswordChangeDemand, SessionUser } from '../../../../shared/contract';
import type { UserRecord } from './users-repository';

export function toSessionUser(user: UserRecord): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    passwordChange: passwordChangeDemand(user),
  };
}

export function passwordChangeDemand(user: UserRecord): PasswordChangeDemand | null {
  if (user.temporaryPasswordExpiresAt !== null) return { mode: 'required', reason: 'temporary' };
  if (user.mustChangePassword) return { mode: 'required', reason: 'chosenByAdmin' };
  if (user.passwordChangeOffered) return { mode: 'offered', reason: 'chosenByAdmin' };
  return null;
}
