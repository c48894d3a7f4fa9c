// Pure (Node). What other domains may use of `meters` (compteurs et relevés).
export { MetersRepository, totalAfter, type MeterRow, type MeterReadingRow, type NewReading, type RecordReadingResult } from './meters-repository';
export { createMetersModule, type MetersModule } from './meters-module';
export { MetersService, usagePerDay, type RecordInput } from './meters-service';
