// Pure (Node). Handlers of the `equipment` domain (localisations, équipements). The actor is always the caller's
// session (never an id the renderer sends); roles are checked by the dispatcher from the contract.
import type { equipmentContract } from '../../../shared/equipment/contract';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { ActiveSession } from '../kernel/sessions/session-registry';
import type { Actor, EquipmentService } from './equipment-service';

const actorOf = (session: ActiveSession): Actor => ({ userId: session.userId, role: session.user.role });

export function createEquipmentHandlers(deps: { equipment: EquipmentService }): HandlerMap<keyof typeof equipmentContract> {
  const { equipment } = deps;
  return {
    'locations:tree': () => equipment.locationTree(),
    'locations:create': ({ input, session }) => equipment.createLocation(input, actorOf(session)),
    'locations:update': ({ input, session }) => equipment.updateLocation(input, actorOf(session)),
    'equipment:list': ({ input }) => equipment.list(input),
    'equipment:get': ({ input }) => equipment.get(input.code),
    'equipment:create': ({ input, session }) => equipment.create(input, actorOf(session)),
    'equipment:update': ({ input, session }) => equipment.update(input, actorOf(session)),
    'equipment:lookup': ({ input }) => equipment.lookup(input.text),
    'equipment:timeline': ({ input, session }) => equipment.timeline(input.code, actorOf(session)),
  };
}
