// Pure (Node). `preventive:forecast` (the 12-month forecast of the active plans, filtered by plan or equipment)
// and its filters' choices; managers only. Reads only.
import type { forecastContract } from '../../../shared/preventive/forecast-contract';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';
import { ForecastRepository } from './forecast-repository';
import { computeForecast } from './forecast-service';

export function createForecastHandlers(kernel: Kernel): HandlerMap<keyof typeof forecastContract> {
  const repository = new ForecastRepository(kernel.database.kysely);
  return {
    'preventive:forecast': ({ input }) => computeForecast(kernel.database.kysely, input, kernel.clock.now()),
    'preventive:forecastOptions': () => repository.options(),
  };
}
