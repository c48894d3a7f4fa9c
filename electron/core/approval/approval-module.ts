// Pure (Node). Password reset by an administrator's approval: requests, decisions, completion with the reference
// code, IT's recovery code for the last administrator, expiry (start-up and hourly), and the throttle of the
// public reset channels (shared with the email path, so it is made first: see createResetThrottle).
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import type { AccountsService } from '../accounts';
import type { MailModule } from '../email';
import { createApprovalHandlers } from './approval-handlers';
import { ApprovalService, DEFAULT_RESPONSE_FLOOR_MS, type ApprovalDecisionNotice } from './approval-service';
import { ApprovalSettingsService } from './approval-settings-service';
import { RecoveryCodesRepository } from './recovery-codes-repository';
import { ResetAttemptsRepository } from './reset-attempts-repository';
import { ResetRequestsRepository } from './reset-requests-repository';
import { DEFAULT_RESET_LIMITS, ResetThrottle, type ResetLimits } from './reset-throttle';

const HOUR = 3_600_000;

export interface ApprovalModule extends DomainModule<keyof ReturnType<typeof createApprovalHandlers>> {
  approval: ApprovalService;
}

export function createResetThrottle(kernel: Kernel, limits?: ResetLimits): ResetThrottle {
  return new ResetThrottle({
    database: kernel.database,
    repository: new ResetAttemptsRepository(kernel.database.kysely),
    clock: kernel.clock,
    // Read at each call: on a site server, the calling PC's name (kernel/ipc/call-context.ts).
    get workstation() {
      return kernel.workstationName;
    },
    limits: limits ?? DEFAULT_RESET_LIMITS,
  });
}

export function createApprovalModule(
  kernel: Kernel,
  deps: {
    accounts: AccountsService;
    mail: MailModule;
    resetThrottle: ResetThrottle;
    /** Whether SMTP is configured: decides the default forgot-password mode. Default: the email domain says. */
    isEmailConfigured?: () => boolean | Promise<boolean>;
    /** Tells a user of an administrator's decision. Default: by email, with no secret in it. */
    notifyApprovalDecision?: (notice: ApprovalDecisionNotice) => void | Promise<void>;
    /** Tests and the benchmark only: the public answers' minimum time. */
    responseFloorMs?: number;
  },
): ApprovalModule {
  const { database, users, audit, settings, clock, logger } = kernel;
  const { mail, resetThrottle } = deps;
  const approval = new ApprovalService({
    database,
    users,
    requests: new ResetRequestsRepository(database.kysely),
    recoveryCodes: new RecoveryCodesRepository(database.kysely),
    audit,
    accounts: deps.accounts,
    settings: new ApprovalSettingsService({ database, settings, audit, clock }),
    throttle: resetThrottle,
    clock,
    logger,
    // Read at each call: on a site server, the calling PC's name (kernel/ipc/call-context.ts).
    get workstation() {
      return kernel.workstationName;
    },
    isEmailConfigured: deps.isEmailConfigured ?? (() => mail.notifier.enabled()),
    // The decision reaches the user by email when email works; no secret is in it (the reference code stays theirs).
    notifyDecision:
      deps.notifyApprovalDecision ??
      (async ({ decision, request, user }) => {
        const admin = request.decidedBy !== null ? await users.findById(request.decidedBy) : null;
        await mail.notifier.approvalDecision(user.id, { decision, request: request.checkNumber, decidedBy: admin?.displayName ?? '', note: request.adminNotes });
      }),
    responseFloorMs: deps.responseFloorMs ?? DEFAULT_RESPONSE_FLOOR_MS,
  });
  return {
    handlers: createApprovalHandlers({ approval }),
    jobs: [
      {
        name: 'approval.expireDue',
        everyMs: HOUR,
        run: async () => {
          await approval.expireDue();
        },
      },
      { name: 'approval.purgeResetAttempts', everyMs: HOUR, run: () => resetThrottle.purge() },
    ],
    approval,
  };
}
