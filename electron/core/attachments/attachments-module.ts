// Pure (Node). The `attachments` domain: pièces jointes of équipements, DIs and OTs, stored in the database.
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { createAttachmentsHandlers } from './attachments-handlers';
import { AttachmentsRepository } from './attachments-repository';
import { AttachmentsService } from './attachments-service';

export interface AttachmentsModule extends DomainModule<keyof ReturnType<typeof createAttachmentsHandlers>> {
  service: AttachmentsService;
}

export function createAttachmentsModule(kernel: Kernel): AttachmentsModule {
  const service = new AttachmentsService({
    database: kernel.database,
    attachments: new AttachmentsRepository(kernel.database.kysely),
    audit: kernel.audit,
    clock: kernel.clock,
    changes: kernel.changes,
  });
  return { service, handlers: createAttachmentsHandlers({ attachments: service }) };
}
