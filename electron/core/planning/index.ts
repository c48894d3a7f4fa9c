// Pure (Node). What other domains may use of `planning` (the calendar of OTs per technician, load and capacity).
export { createPlanningModule, type PlanningModule } from './planning-module';
export { PlanningRepository } from './planning-repository';
export { PlanningService } from './planning-service';
