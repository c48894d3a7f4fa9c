// Pure (Node). What other domains may use of `checklists` (gammes).
export { ChecklistCopyRepository } from './checklist-copy-repository';
export { ChecklistStepsRepository, type WorkOrderStepRow } from './checklist-steps-repository';
export { createChecklistsModule, type ChecklistsModule } from './checklists-module';
export { ChecklistsService, type ChecklistsDeps } from './checklists-service';
export { renderChecklistSection, type PrintableStep } from './checklist-sheet';
