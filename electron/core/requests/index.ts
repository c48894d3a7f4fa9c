// Pure (Node). What other domains (and modules.ts) may use of `requests` (demandes d'intervention).
export { createRequestsModule, type RequestsModule } from './requests-module';
export { RequestsService } from './requests-service';
export { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-throttle';
