// Pure (Node). The `meters` domain: compteurs of an equipment and their relevés (`/releves`, the equipment page's
// panel, an OT's gamme step). The preventive generator listens to the `meters` topic this module publishes.
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { EquipmentRepository } from '../equipment';
import { createMetersHandlers } from './meters-handlers';
import { MetersRepository } from './meters-repository';
import { MetersService } from './meters-service';

export interface MetersModule extends DomainModule<keyof ReturnType<typeof createMetersHandlers>> {
  service: MetersService;
}

export function createMetersModule(kernel: Kernel): MetersModule {
  const service = new MetersService({
    database: kernel.database,
    meters: new MetersRepository(kernel.database.kysely),
    equipment: new EquipmentRepository(kernel.database.kysely),
    audit: kernel.audit,
    clock: kernel.clock,
    changes: kernel.changes,
    // Read at each call: on a site server, the calling PC's name (kernel/ipc/call-context.ts).
    get workstation() {
      return kernel.workstationName;
    },
  });
  return { service, handlers: createMetersHandlers({ meters: service }) };
}
