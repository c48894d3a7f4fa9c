// Pure (Node). The `requests` domain module: the DI channels over RequestsService. The two public channels take the
// session the dispatcher resolved (null on the login or lock screen): a signed-in reporter is recorded as such,
// and nothing here reads, extends, ends or unlocks a session.
import type { requestsContract } from '../../../shared/requests/contract';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { DEFAULT_REQUEST_LIMITS, RequestThrottle, type RequestLimits } from './request-throttle';
import { RequestsService } from './requests-service';

export interface RequestsModule extends DomainModule<keyof typeof requestsContract> {
  service: RequestsService;
}

export function createRequestsModule(kernel: Kernel, deps: { limits?: RequestLimits } = {}): RequestsModule {
  const throttle = new RequestThrottle({
    database: kernel.database,
    clock: kernel.clock,
    // Read at each call: on a site server, each PC has its own DI throttle (kernel/ipc/call-context.ts).
    get workstation() {
      return kernel.workstationName;
    },
    limits: deps.limits ?? DEFAULT_REQUEST_LIMITS,
  });
  const service = new RequestsService(kernel, throttle);
  return {
    service,
    handlers: {
      'requests:report': async ({ input, session }) => ({ number: (await service.report(input, session?.user ?? null)).number, queued: false as const }),
      'requests:lookupEquipment': ({ input, session }) => service.lookupEquipment(input.text, session?.user ?? null),
      'requests:mine': ({ input, session }) => service.mine(session.user, input.cursor, input.limit),
      'requests:get': ({ input, session }) => service.get(input.number, session.user),
      'requests:cancel': async ({ input, session }) => {
        await service.cancel(input.number, session.user);
        return null;
      },
      'requests:accept': ({ input, session }) => service.accept(input, session.user),
      'requests:refuse': async ({ input, session }) => {
        await service.refuse(input.number, input.reason, session.user);
        return null;
      },
      'requests:markDuplicate': async ({ input, session }) => {
        await service.markDuplicate(input.number, input.duplicateOf, session.user);
        return null;
      },
    },
  };
}
