// Pure (Node). What other domains may use of `costs` (taux horaires, prestations, coûts).
import type { Executor } from '../kernel/db/database';
import { CostsRepository } from './costs-repository';

export { createCostsModule, type CostsModule } from './costs-module';
export { CostsRepository, costLinesSql, monthCase, type CostScope, type MonthBucket } from './costs-repository';
export { CostsService } from './costs-service';
export { localDayStart, monthBuckets, monthDays, periodRange } from './period';

/**
 * Stamps the hourly rate in force (the person's, else their role's, else NULL) on time entries that stop: call it
 * in the stopping transaction, just before the OT's running clocks are closed (`runningOn`), or after a finished
 * entry typed by hand is inserted (`entryId`). A later change of rates then leaves past work's cost as it was.
 */
export function stampHourlyRates(trx: Executor, target: { runningOn: number; userId?: number } | { entryId: number }): Promise<void> {
  return new CostsRepository(trx).stampRates(target);
}
