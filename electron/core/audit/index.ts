// Pure (Node). What other domains may use of `audit`.
export { createAuditModule } from './audit-module';
