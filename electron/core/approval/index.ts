// Pure (Node). What other domains may use of `approval`.
export { createApprovalModule, createResetThrottle, type ApprovalModule } from './approval-module';
export type { ApprovalDecisionNotice, ApprovalService } from './approval-service';
export type { ResetLimits, ResetThrottle } from './reset-throttle';
