// Pure (Node). The single entry point of every IPC call, in Electron and in the browser harness alike.
// Order matters: sender, channel, session, role, then input. A caller who may not use a channel learns
// nothing about its input.
import { contract as appContract, fail, ok } from '../../../../shared/contract';
import type { Access, ChannelSpec, IpcResult, Role } from '../../../../shared/contract';
import { toFieldIssues } from '../../../../shared/accounts/account-fields';
import { passwordChangeDemand } from '../identity/session-user';
import { isDatabaseBusyError } from '../db/database-busy';
import { AppError } from '../platform/app-error';
import type { Logger } from '../platform/logger';
import type { ActiveSession, SessionRegistry } from '../sessions/session-registry';
import { runAsWorkstation } from './call-context';
import type { HandlerContext, Handlers, Sender } from './handler-types';

export interface Dispatcher {
  dispatch(sender: Sender, channel: unknown, input: unknown): Promise<IpcResult<unknown>>;
}

type LooseHandler = (context: HandlerContext<never>) => unknown;

export function createDispatcher(deps: {
  handlers: Handlers;
  sessions: SessionRegistry;
  isTrustedSender: (url: string) => boolean;
  logger: Logger;
  /** The contract to enforce; tests may pass their own. */
  contract?: Readonly<Record<string, ChannelSpec>>;
  /** True while a restore replaces the database: every call waits outside with DATABASE_BUSY. */
  isUnderMaintenance?: () => boolean;
}): Dispatcher {
  const contract: Readonly<Record<string, ChannelSpec>> = deps.contract ?? appContract;
  // Handlers are typed per channel by `Handlers`; at run time a channel name is just a string key.
  const handlers = deps.handlers as unknown as Readonly<Record<string, LooseHandler>>;
  return {
    async dispatch(sender, channel, rawInput) {
      if (!deps.isTrustedSender(sender.url)) {
        deps.logger.warn('IPC refused: untrusted sender', { url: sender.url.slice(0, 200) });
        return fail('UNTRUSTED_SENDER', 'The caller is not one of our windows');
      }
      if (deps.isUnderMaintenance?.()) {
        return fail('DATABASE_BUSY', 'A restore is replacing the database', undefined, { reason: 'restore' });
      }
      // Own properties only: "__proto__" or "toString" are not channels.
      if (typeof channel !== 'string' || !Object.hasOwn(contract, channel) || !Object.hasOwn(handlers, channel)) {
        return fail('UNKNOWN_CHANNEL', 'No such channel');
      }
      const spec = contract[channel];

      try {
        // The session is read from the database too (its user's role, active flag, credential version).
        const session = await deps.sessions.resolve(sender.windowId);
        const denied = checkAccess(spec.access, session) ?? checkPasswordChange(spec, session);
        if (denied) return denied;

        const parsed = spec.input.safeParse(rawInput);
        if (!parsed.success) {
          return fail('VALIDATION_FAILED', 'The input does not match the contract', toFieldIssues(parsed.error));
        }
        // On a site server, what the handler writes names the PC that called (kernel/ipc/call-context.ts).
        const data = await runAsWorkstation(sender.workstation, () => handlers[channel]({ input: parsed.data as never, session: session as never, sender }));
        return ok(data ?? null);
      } catch (error) {
        if (error instanceof AppError) return fail(error.code, error.message, error.fields, error.details);
        if (isDatabaseBusyError(error)) {
          // Another instance kept SQLite's write lock past busy_timeout, or PostgreSQL is restarting or unreachable:
          // nothing was done, and the person can simply try again.
          deps.logger.warn('IPC handler: database busy', { channel, error: describe(error) });
          return fail('DATABASE_BUSY', 'The database is locked by another instance; try again');
        }
        // The details go to the log only: no exception text, stack or SQL reaches the renderer.
        deps.logger.error('IPC handler failed', { channel, error: describe(error) });
        return fail('INTERNAL_ERROR', 'Unexpected error');
      }
    },
  };
}

function checkAccess(access: Access, session: ActiveSession | null): IpcResult<never> | null {
  if (access === 'public') return null;
  if (!session) return fail('UNAUTHENTICATED', 'Sign in first');
  if (access === 'authenticated') return null;
  return (access as readonly Role[]).includes(session.user.role) ? null : fail('FORBIDDEN', 'Your role does not allow this');
}

/** A session opened with a temporary (or admin-chosen, "required") password may only change it, lock or leave. */
function checkPasswordChange(spec: ChannelSpec, session: ActiveSession | null): IpcResult<never> | null {
  if (!session || spec.access === 'public' || spec.duringPasswordChange) return null;
  return passwordChangeDemand(session.user)?.mode === 'required' ? fail('PASSWORD_CHANGE_REQUIRED', 'Change your password first') : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}
