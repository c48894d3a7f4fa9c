// Pure (Node). The `costs` module: hourly rates, services on OTs, an OT's cost and the period totals. Handlers are
// thin: the caller is the session main holds, the rules live in CostsService.
import type { costsContract } from '../../../shared/costs/contract';
import type { Role } from '../../../shared/contract/roles';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { CostsService } from './costs-service';

export interface CostsModule extends DomainModule<keyof typeof costsContract> {
  service: CostsService;
}

export function createCostsModule(kernel: Kernel): CostsModule {
  const service = new CostsService(kernel);
  const caller = (session: { userId: number; user: { role: Role } }) => ({ userId: session.userId, role: session.user.role });
  return {
    service,
    handlers: {
      'costs:rates': () => service.rates(),
      'costs:setRate': ({ input, session }) => service.setRate(input, caller(session)),
      'costs:workOrderCost': ({ input, session }) => service.workOrderCost(input.number, caller(session)),
      'costs:addService': ({ input, session }) => service.addService(input, caller(session)),
      'costs:removeService': ({ input, session }) => service.removeService(input.number, input.id, caller(session)),
      'costs:totals': ({ input }) => service.totals(input),
    },
  };
}
