// Pure (Node). The reference lists: read by every signed-in user (forms' choices), maintained by administrators.
// An item is never deleted (finished OTs keep naming its code): it is renamed, moved or deactivated.
import type { referenceContract, ReferenceItem, ReferenceListName } from '../../../shared/reference/contract';
import { REFERENCE_LISTS } from '../../../shared/reference/contract';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { AppError } from '../kernel/platform/app-error';
import { foldText } from '../kernel/db/text-search';
import { ReferenceRepository } from './reference-repository';
import { codeFromLabel, REFERENCE_STARTER_SET } from './reference-starter-set';

export interface ReferenceModule extends DomainModule<keyof typeof referenceContract> {
  repository: ReferenceRepository;
  /** Fills every empty list with its French starter set (idempotent; run at start-up and after a restore). */
  seedStarterSet(): Promise<void>;
}

export async function createReferenceModule(kernel: Kernel): Promise<ReferenceModule> {
  const repository = new ReferenceRepository(kernel.database.kysely);
  const { clock } = kernel;

  async function seedStarterSet(): Promise<void> {
    const seeded: ReferenceListName[] = [];
    await kernel.database.transaction(async (trx) => {
      const repo = repository.in(trx);
      for (const list of REFERENCE_LISTS) {
        if ((await repo.count(list)) > 0) continue;
        const now = clock.now();
        let position = 0;
        // Another process may seed at the same instant: the (list, code) unique key makes the second a no-op.
        for (const label of REFERENCE_STARTER_SET[list]) await repo.insert({ list, code: codeFromLabel(label), label, position: position++ }, now);
        seeded.push(list);
      }
    });
    if (seeded.length > 0) kernel.logger.info('Reference lists seeded with the French starter set', { lists: seeded });
  }

  await seedStarterSet();

  return {
    repository,
    seedStarterSet,
    onRestored: seedStarterSet,
    handlers: {
      'reference:list': ({ input }) => repository.list(input.list, input.includeInactive ?? false),

      'reference:create': async ({ input, session }) => {
        const code = input.code ?? codeFromLabel(input.label);
        if (!code) throw new AppError('VALIDATION_FAILED', 'No code can be made from this label', [{ path: 'label', code: 'validation.invalid' }]);
        const created = await kernel.database.transaction(async (trx) => {
          const repo = repository.in(trx);
          const items = await repo.list(input.list, true);
          // Two items reading the same in a form's list would be a trap: the label must differ too (accents and case aside).
          if (items.some((item) => foldText(item.label) === foldText(input.label))) return 'label-taken' as const;
          const position = items.reduce((max, item) => Math.max(max, item.position + 1), 0);
          const now = clock.now();
          const item = await repo.insert({ list: input.list, code, label: input.label, position }, now);
          if (!item) return 'code-taken' as const;
          await kernel.audit
            .in(trx)
            .append({ eventType: 'reference.created', actorUserId: session.userId, subjectLabel: item.label, details: { list: item.list, code: item.code, label: item.label } }, now);
          return item;
        });
        if (created === 'label-taken') throw new AppError('CONFLICT', 'An item of this list already has this label', [{ path: 'label', code: 'reference.labelTaken' }]);
        if (created === 'code-taken') throw new AppError('CONFLICT', 'An item of this list already has this code', [{ path: 'label', code: 'reference.codeTaken' }]);
        kernel.changes.publish('reference');
        return created;
      },

      'reference:update': async ({ input, session }) => {
        const result = await kernel.database.transaction(async (trx) => {
          const repo = repository.in(trx);
          const item = await repo.findById(input.id);
          if (!item) return null;
          const items = await repo.list(item.list, true);
          if (input.label !== undefined && items.some((other) => other.id !== item.id && foldText(other.label) === foldText(input.label as string))) return 'label-taken' as const;
          const now = clock.now();
          const changes: Record<string, unknown> = {};
          if (input.label !== undefined && input.label !== item.label) changes.label = { from: item.label, to: input.label };
          if (input.active !== undefined && input.active !== item.isActive) changes.active = input.active;
          await repo.update(item.id, { label: input.label, isActive: input.active }, now);
          if (input.position !== undefined) {
            // Moving renumbers the whole list 0..n-1 in its current order, so positions stay dense and unique.
            const order = items.filter((other) => other.id !== item.id);
            const to = Math.min(input.position, order.length);
            order.splice(to, 0, item);
            for (const [index, other] of order.entries()) if (other.position !== index) await repo.update(other.id, { position: index }, now);
            if (items.findIndex((other) => other.id === item.id) !== to) changes.position = to;
          }
          if (Object.keys(changes).length > 0) {
            await kernel.audit
              .in(trx)
              .append({ eventType: 'reference.updated', actorUserId: session.userId, subjectLabel: input.label ?? item.label, details: { list: item.list, code: item.code, ...changes } }, now);
          }
          return (await repo.findById(item.id)) as ReferenceItem;
        });
        if (result === null) throw new AppError('NOT_FOUND', 'No such reference item');
        if (result === 'label-taken') throw new AppError('CONFLICT', 'An item of this list already has this label', [{ path: 'label', code: 'reference.labelTaken' }]);
        kernel.changes.publish('reference');
        return result;
      },
    },
  };
}
