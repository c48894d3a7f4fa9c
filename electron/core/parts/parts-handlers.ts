// Pure (Node). Handlers of the `parts` catalog. The actor is always the caller's session (never an id the renderer
// sends); roles are checked by the dispatcher from the contract (managers write, maintainers read).
import type { partsContract } from '../../../shared/parts/contract';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { PartsService } from './parts-service';

export function createPartsHandlers(deps: { parts: PartsService }): HandlerMap<keyof typeof partsContract> {
  const { parts } = deps;
  return {
    'parts:list': ({ input }) => parts.list(input),
    'parts:lookup': ({ input }) => parts.lookup(input.text),
    'parts:get': ({ input }) => parts.get(input.code),
    'parts:categories': () => parts.categories(),
    'parts:create': ({ input, session }) => parts.create(input, session.userId),
    'parts:update': ({ input, session }) => parts.update(input, session.userId),
    'parts:addEquipment': ({ input, session }) => parts.addEquipment(input.partId, input.equipmentCode, session.userId),
    'parts:removeEquipment': ({ input, session }) => parts.removeEquipment(input.partId, input.equipmentId, session.userId),
    'parts:forEquipment': ({ input }) => parts.forEquipment(input.equipmentId),
  };
}
