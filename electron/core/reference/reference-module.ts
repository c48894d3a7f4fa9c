// Pure (Node). The reference lists: read by every signed-in user (forms' choices), maintained by administrators.
import type { referenceContract } from '../../../shared/reference/contract';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { ReferenceRepository } from './reference-repository';

export interface ReferenceModule extends DomainModule<keyof typeof referenceContract> {
  repository: ReferenceRepository;
}

export function createReferenceModule(kernel: Kernel): ReferenceModule {
  const repository = new ReferenceRepository(kernel.database.kysely);
  return {
    repository,
    handlers: {
      'reference:list': ({ input }) => repository.list(input.list, input.includeInactive ?? false),
    },
  };
}
