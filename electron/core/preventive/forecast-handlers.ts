// Pure (Node). Placeholder until the engine's schedule math lands: answers an empty forecast.
import type { forecastContract } from '../../../shared/preventive/forecast-contract';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';

export function createForecastHandlers(_kernel: Kernel): HandlerMap<keyof typeof forecastContract> {
  return {
    'preventive:forecast': () => ({ from: '', to: '', months: [], rows: [] }),
    'preventive:forecastOptions': () => ({ plans: [], equipment: [] }),
  };
}
