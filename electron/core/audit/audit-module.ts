// Pure (Node). The "Journal de sécurité": viewing and exporting the audit trail (the kernel writes it), and its
// retention, pruned at start-up and daily.
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { createAuditHandlers } from './audit-handlers';
import { AuditLogService } from './audit-log-service';
import { AuditRetentionService, DAY_MS } from './audit-retention-service';

export function createAuditModule(kernel: Kernel): DomainModule<keyof ReturnType<typeof createAuditHandlers>> {
  const { database, settings, audit, users, clock } = kernel;
  const log = new AuditLogService({ audit, users, clock, database, databaseFile: kernel.databaseFile, nativeBinding: kernel.nativeBinding });
  const retention = new AuditRetentionService({ database, settings, audit, clock });
  return {
    handlers: createAuditHandlers({ log, retention, events: kernel.events }),
    jobs: [
      {
        name: 'audit.prune',
        everyMs: DAY_MS,
        run: async () => {
          await retention.prune();
        },
      },
    ],
  };
}
