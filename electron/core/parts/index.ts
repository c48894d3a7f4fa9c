// Pure (Node). What other domains may use of `parts` (pièces de rechange: the catalog).
export { PartsRepository, type PartRow, type NewPart } from './parts-repository';
export { createPartsModule, type PartsModule } from './parts-module';
export { PartsService } from './parts-service';
