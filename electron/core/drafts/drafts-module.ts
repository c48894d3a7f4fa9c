// Pure (Node). Per-user form drafts: the `drafts:*` channels, and expired drafts removed at start-up and hourly.
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { createDraftsHandlers } from './drafts-handlers';
import { DraftsRepository } from './drafts-repository';
import { DraftsService } from './drafts-service';

const HOUR = 3_600_000;

export function createDraftsModule(kernel: Kernel): DomainModule<keyof ReturnType<typeof createDraftsHandlers>> {
  const drafts = new DraftsService({ database: kernel.database, repository: new DraftsRepository(kernel.database.kysely), clock: kernel.clock });
  return {
    handlers: createDraftsHandlers({ drafts }),
    jobs: [
      {
        name: 'drafts.purgeExpired',
        everyMs: HOUR,
        run: async () => {
          await drafts.purgeExpired();
        },
      },
    ],
  };
}
