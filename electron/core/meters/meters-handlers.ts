// Pure (Node). Handlers of the `meters` domain (compteurs, relevés). The actor is always the caller's session (never
// an id the renderer sends); roles are checked by the dispatcher from the contract.
import type { metersContract } from '../../../shared/meters/contract';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { ActiveSession } from '../kernel/sessions/session-registry';
import type { Actor, MetersService } from './meters-service';

const actorOf = (session: ActiveSession): Actor => ({ userId: session.userId, role: session.user.role });

export function createMetersHandlers(deps: { meters: MetersService }): HandlerMap<keyof typeof metersContract> {
  const { meters } = deps;
  return {
    'meters:forEquipment': ({ input }) => meters.forEquipment(input.code),
    'meters:create': ({ input, session }) => meters.create(input, actorOf(session)),
    'meters:update': ({ input, session }) => meters.update(input, actorOf(session)),
    'meters:record': ({ input, session }) =>
      meters.record({ meterId: input.meterId, value: input.value, isReset: input.isReset, note: input.note, workOrderId: input.workOrderId ?? null }, actorOf(session)),
    'meters:history': ({ input }) => meters.history(input.meterId, input.before),
  };
}
