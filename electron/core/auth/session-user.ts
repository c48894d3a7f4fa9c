// Pure. The user as the renderer may see it.
import type { SessionUser } from '../../../shared/contract';
import type { UserRecord } from '../repositories/users-repository';

export function toSessionUser(user: UserRecord): SessionUser {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, locale: user.locale };
}
