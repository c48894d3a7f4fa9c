// Pure (Node). The `planning` module: thin handlers over PlanningService; the caller is the session main holds.
import type { planningContract } from '../../../shared/planning/contract';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { PlanningService } from './planning-service';

export interface PlanningModule extends DomainModule<keyof typeof planningContract> {
  service: PlanningService;
}

export function createPlanningModule(kernel: Kernel): PlanningModule {
  const service = new PlanningService(kernel);
  return {
    service,
    handlers: {
      'planning:view': ({ input, session }) => service.view(input, { userId: session.userId, role: session.user.role }),
      'planning:reschedule': ({ input, session }) => service.reschedule(input, { userId: session.userId }),
      'planning:setCapacity': ({ input }) => service.setCapacity(input),
    },
  };
}
