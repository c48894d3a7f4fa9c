// Pure (Node). The `checklists` module (gammes): thin handlers over ChecklistsService; the session main holds is the
// caller. The follow-up DI goes through the requests domain's service, given by modules.ts.
import type { checklistsContract } from '../../../shared/checklists/contract';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { ChecklistsService, type ChecklistsDeps } from './checklists-service';

export interface ChecklistsModule extends DomainModule<keyof typeof checklistsContract> {
  service: ChecklistsService;
}

export function createChecklistsModule(kernel: Kernel, deps: ChecklistsDeps = {}): ChecklistsModule {
  const service = new ChecklistsService(kernel, deps);
  return {
    service,
    handlers: {
      'checklists:list': ({ input }) => service.list(input.search, input.includeInactive),
      'checklists:get': ({ input }) => service.get(input.code),
      'checklists:create': ({ input, session }) => service.create(input, session.userId),
      'checklists:update': ({ input, session }) => service.update(input, session.userId),
      'checklists:setActive': ({ input, session }) => service.setActive(input, session.userId),
      'checklists:delete': async ({ input, session }) => {
        await service.delete(input, session.userId);
        return null;
      },
      'checklists:options': () => service.options(),
      'checklists:workOrderSteps': ({ input, session }) => service.workOrderSteps(input.number, session.user),
      'checklists:answer': ({ input, session }) => service.answer(input, session.user),
      'checklists:followUp': ({ input, session }) => service.followUp(input, session.user),
      'checklists:attachToWorkOrder': ({ input }) => service.attachToWorkOrder(input),
    },
  };
}
