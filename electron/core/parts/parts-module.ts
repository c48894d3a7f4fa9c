// Pure (Node). The `parts` domain (pièces de rechange): the catalog with its suppliers and where-used, the stock it
// shows (read-only), its import/export and the QR label sheets of parts and bins.
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import type { PdfPrinter } from '../kernel/platform/pdf-printer';
import { EquipmentRepository } from '../equipment';
import { createPartsHandlers } from './parts-handlers';
import { createPartsIoHandlers } from './parts-io-handlers';
import { PartsRepository } from './parts-repository';
import { PartsService } from './parts-service';

type PartsChannels = keyof ReturnType<typeof createPartsHandlers> | keyof ReturnType<typeof createPartsIoHandlers>;

export interface PartsModule extends DomainModule<PartsChannels> {
  service: PartsService;
}

export function createPartsModule(kernel: Kernel, deps: { pdfPrinter?: PdfPrinter } = {}): PartsModule {
  const service = new PartsService({
    database: kernel.database,
    parts: new PartsRepository(kernel.database.kysely),
    equipment: new EquipmentRepository(kernel.database.kysely),
    audit: kernel.audit,
    clock: kernel.clock,
    changes: kernel.changes,
  });
  return { service, handlers: { ...createPartsHandlers({ parts: service }), ...createPartsIoHandlers(kernel, deps) } };
}
