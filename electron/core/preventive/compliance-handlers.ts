// Pure (Node). `preventive:compliance` (the taux de réalisation du préventif of a period, per month and per
// location) and its drill-down `preventive:complianceOccurrences`; managers only (the contract says so and the
// dispatcher enforces it). Reads only: the figures are one SQL aggregate in the repository.
import type { complianceContract } from '../../../shared/preventive/compliance-contract';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';
import { ComplianceRepository } from './compliance-repository';

export function createComplianceHandlers(kernel: Kernel): HandlerMap<keyof typeof complianceContract> {
  const repository = new ComplianceRepository(kernel.database.kysely);
  return {
    'preventive:compliance': ({ input }) => repository.summary(input),
    'preventive:complianceOccurrences': ({ input }) => repository.occurrences(input),
  };
}
