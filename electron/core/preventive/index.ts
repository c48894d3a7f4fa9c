// Pure (Node). What other domains may use of `preventive` (the plans' generator and its repositories).
export { createPreventiveModule, type PreventiveModule, type PreventiveModuleDeps, type PreventiveRunner } from './preventive-module';
export { PreventiveGenerator, scheduleBaseOf, toOccurrence, type GeneratorCounts, type GeneratorDeps } from './generator';
export { SchedulesRepository, type ScheduleRow } from './schedules-repository';
export { OccurrencesRepository, type OccurrenceRow } from './occurrences-repository';
export { complianceSummary } from './compliance-repository';
export { SiteCalendarRepository } from './site-calendar-repository';
