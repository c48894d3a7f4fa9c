// Pure (Node). What other domains may use of `equipment` (équipements, localisations, arrêts).
export { EquipmentRepository, type EquipmentRow, type NewEquipment } from './equipment-repository';
export { DowntimesRepository, type DowntimeRow } from './downtimes-repository';
export { LocationsRepository, type LocationRow } from './locations-repository';
export { createEquipmentModule, type EquipmentModule } from './equipment-module';
export { EquipmentService } from './equipment-service';
