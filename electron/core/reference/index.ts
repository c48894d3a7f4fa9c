// Pure (Node). What other domains may use of `reference` (listes de référence).
export { createReferenceModule, type ReferenceModule } from './reference-module';
export { ReferenceRepository } from './reference-repository';
