// Pure. What an administrator sees of an account: never its hash, never a password.
import type { PasswordState, UserDetail, UserSummary } from '../../../shared/contract';
import type { UserRecord } from '../kernel/identity/users-repository';

export function passwordState(user: UserRecord, now: number): PasswordState {
  if (user.invitationPending) return 'invited';
  if (user.temporaryPasswordExpiresAt !== null) {
    if (user.temporaryPasswordUsedAt !== null) return 'temporaryUsed';
    return now >= user.temporaryPasswordExpiresAt ? 'temporaryExpired' : 'temporary';
  }
  if (user.mustChangePassword) return 'changeRequired';
  if (user.passwordChangeOffered) return 'changeOffered';
  return 'ok';
}

export function toUserSummary(user: UserRecord, facts: { now: number; throttled: boolean; openSessions: number }): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    isActive: user.isActive,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    passwordChangedAt: user.passwordChangedAt,
    passwordState: passwordState(user, facts.now),
    throttled: facts.throttled,
    openSessions: facts.openSessions,
  };
}

export function toUserDetail(
  user: UserRecord,
  facts: { now: number; throttled: boolean; openSessions: number; createdBy: UserRecord | null },
): UserDetail {
  return {
    ...toUserSummary(user, facts),
    updatedAt: user.updatedAt,
    deactivatedAt: user.deactivatedAt,
    createdBy: facts.createdBy ? { id: facts.createdBy.id, displayName: facts.createdBy.displayName } : null,
    temporaryPasswordExpiresAt: user.temporaryPasswordUsedAt === null ? user.temporaryPasswordExpiresAt : null,
  };
}
