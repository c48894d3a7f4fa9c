// Pure (Node). What other domains may use of `checklists` (gammes).
export { ChecklistCopyRepository } from './checklist-copy-repository';
