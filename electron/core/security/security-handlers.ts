// Pure (Node). Handlers of the `security` domain (administrators only; the contract says so and the dispatcher enforces it).
import type { securityContract } from '../../../shared/security/contract';
import type { LoginThrottle } from '../auth';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { UsersRepository } from '../kernel/identity/users-repository';
import type { SessionRegistry } from '../kernel/sessions/session-registry';
import type { SecuritySettingsService } from '../kernel/security/security-settings-service';
import type { HandlerMap } from '../kernel/ipc/handler-types';

export function createSecurityHandlers(deps: {
  settings: SecuritySettingsService;
  throttle: LoginThrottle;
  sessions: SessionRegistry;
  audit: AuditRepository;
  users: UsersRepository;
  clock: Clock;
}): HandlerMap<keyof typeof securityContract> {
  return {
    'security:getSettings': () => deps.settings.get(),
    'security:updateSettings': ({ input, session }) => deps.settings.update(input, session.userId),
    'security:listThrottled': () => deps.throttle.list(),
    'security:clearThrottle': async ({ input, session }) => {
      await deps.throttle.clear(input.identifier, session.userId);
      return null;
    },
    'security:listSessions': async () => {
      const entries = deps.sessions.listByUser();
      const users = await Promise.all(entries.map((entry) => deps.users.findById(entry.userId)));
      return entries.flatMap((entry, i) => {
        const user = users[i];
        return user ? [{ ...entry, username: user.username, displayName: user.displayName }] : [];
      });
    },
    'security:endUserSessions': async ({ input, session }) => {
      if (!(await deps.users.findById(input.userId))) throw new AppError('NOT_FOUND', 'No such user');
      const ended = await deps.sessions.endAllForUser(input.userId, 'revoked');
      await deps.audit.append(
        { eventType: 'sessions.ended_by_admin', actorUserId: session.userId, subjectUserId: input.userId, details: { ended } },
        deps.clock.now(),
      );
      return { ended };
    },
  };
}
