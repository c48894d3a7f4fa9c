// Pure (Node). What other domains may use of `indicators` (the KPI dashboard).
export { createIndicatorsModule, type IndicatorsDeps, type IndicatorsModule } from './indicators-module';
export { IndicatorsRepository, type IndicatorScope } from './indicators-repository';
export { IndicatorsService } from './indicators-service';
