// Pure (Node). The `equipment` domain: localisations, équipements, their search, page and timeline (arrêts are
// opened and closed by the DI and OT domains through DowntimesRepository; this module shows them).
// The io helper's import/export/labels handlers are wired next to these by the lead.
import type { PdfPrinter } from '../kernel/platform/pdf-printer';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { DowntimesRepository } from './downtimes-repository';
import { createEquipmentHandlers } from './equipment-handlers';
import { EquipmentRepository } from './equipment-repository';
import { EquipmentService } from './equipment-service';
import { LocationsRepository } from './locations-repository';

export interface EquipmentModule extends DomainModule<keyof ReturnType<typeof createEquipmentHandlers>> {
  service: EquipmentService;
}

export function createEquipmentModule(kernel: Kernel, _deps: { pdfPrinter?: PdfPrinter } = {}): EquipmentModule {
  const service = new EquipmentService({
    database: kernel.database,
    equipment: new EquipmentRepository(kernel.database.kysely),
    locations: new LocationsRepository(kernel.database.kysely),
    downtimes: new DowntimesRepository(kernel.database.kysely),
    audit: kernel.audit,
    clock: kernel.clock,
    changes: kernel.changes,
  });
  return { service, handlers: createEquipmentHandlers({ equipment: service }) };
}
