// Pure. The `approval` domain: password reset by administrator approval (issue 6), the forgot-password options
// the login screen offers, and the redemption of IT's last-administrator recovery code.
//
// The public channels answer the same way whether or not an account exists: a request always returns a
// reference code (a real one, or an equally plausible one that nothing stores), and every check of a code that
// matches nothing answers CODE_INVALID. Only someone holding the right code learns anything about a request.
import { z } from 'zod';
import { channel } from '../contract/channel';
import type { Role } from '../contract/roles';
import { PASSWORD_MAX_LENGTH } from '../accounts/account-fields';
import { approvalSettingsSchema, type ApprovalSettings } from './approval-settings';

export const RESET_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'completed', 'expired', 'cancelled'] as const;
export type ResetRequestStatus = (typeof RESET_REQUEST_STATUSES)[number];

/** Why a request was cancelled: 5 wrong codes, or the password was changed by another path (admin, email, recovery, self). */
export type ResetCancelReason = 'code_attempts' | 'password_changed';

/** What "Mot de passe oublié ?" may offer on this installation. */
export interface ForgotPasswordOptions {
  /** "Recevoir un code par e-mail": the mode allows it and email is configured. */
  emailOption: boolean;
  /** "Demander à un administrateur". */
  approvalOption: boolean;
  /** Said on the screen when false: email can't help here, ask an administrator. */
  emailConfigured: boolean;
}

/** The answer to a request, identical in shape for every identifier typed. */
export interface ResetRequestReceipt {
  /** Shown once, never stored in clear: needed to check the status and to finish. */
  referenceCode: string;
  /** Not secret: the requester reads it to the administrator, who sees it beside the request before approving. */
  checkNumber: string;
  validDays: number;
}

/** What the holder of the right code may see about their request. */
export interface ResetRequestStatusView {
  status: ResetRequestStatus;
  checkNumber: string;
  requestedAt: number;
  expiresAt: number;
  decidedAt: number | null;
  adminNotes: string | null;
  completedAt: number | null;
  endedAt: number | null;
  cancelReason: ResetCancelReason | null;
}

interface RequestUser {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
}

export interface PendingResetRequest extends RequestUser {
  id: number;
  requestedAt: number;
  /** The shop PC the request was made on. */
  workstation: string;
  expiresAt: number;
  /** Main's clock, so the age is right whatever the renderer's clock says. */
  ageMs: number;
  checkNumber: string;
  /** The signed-in administrator's own request: someone else must decide it. */
  ownRequest: boolean;
  /** Wrong codes typed so far (the request is cancelled at the fifth). */
  failedAttempts: number;
}

export interface ResetRequestHistoryEntry extends RequestUser {
  id: number;
  status: ResetRequestStatus;
  requestedAt: number;
  workstation: string;
  decision: 'approved' | 'rejected' | null;
  decidedAt: number | null;
  decidedBy: { id: number; displayName: string } | null;
  adminNotes: string | null;
  completedAt: number | null;
  endedAt: number | null;
  cancelReason: ResetCancelReason | null;
}

/** One window of the metrics panel; rates are over decided requests (approved + rejected), null when none. */
export interface ApprovalMetricsWindow {
  requests: number;
  approved: number;
  rejected: number;
  completed: number;
  expired: number;
  cancelled: number;
  averageDecisionMs: number | null;
  approvalRate: number | null;
  rejectionRate: number | null;
}

export interface ApprovalMetrics {
  pendingNow: number;
  /** Requests made in the last 30 days. */
  last30Days: ApprovalMetricsWindow;
  allTime: ApprovalMetricsWindow;
}

export interface ApprovalSettingsView extends ApprovalSettings {
  emailConfigured: boolean;
  /** What the login screen offers with these settings. */
  paths: { email: boolean; approval: boolean };
}

const identifier = z.string().trim().min(1, 'validation.required').max(254, 'validation.required');
/** Checked against the reference-code rules by main (shared/schemas/reference-code.ts), typo-tolerant. */
const code = z.string().trim().min(1, 'validation.required').max(40, 'validation.invalid');
const password = z.string().max(PASSWORD_MAX_LENGTH, 'validation.passwordTooLong');
const requestId = z.number().int().positive();
const notes = z.string().trim().max(500, 'validation.tooLong').default('');

export const completeResetInputSchema = z.object({ identifier, code, newPassword: password, passwordConfirmation: password });

const ADMIN = ['admin'] as const;

export const approvalContract = {
  'approval:getOptions': channel<ForgotPasswordOptions>()({ input: z.undefined(), access: 'public' }),
  /** "Demander à un administrateur". THROTTLED per typed identifier and per workstation. */
  'approval:request': channel<ResetRequestReceipt>()({ input: z.object({ identifier }), access: 'public' }),
  /** "Vérifier l'état d'une demande": CODE_INVALID unless the code matches one of this account's requests. */
  'approval:checkStatus': channel<ResetRequestStatusView>()({ input: z.object({ identifier, code }), access: 'public' }),
  /** "J'ai une demande approuvée": sets the password of an approved, unexpired request; nobody is signed in by it. */
  'approval:complete': channel<null>()({ input: completeResetInputSchema, access: 'public' }),
  /** "Code de secours": a code issued by IT on the computer itself (see docs/password-reset-approval.md). */
  'approval:completeRecovery': channel<null>()({ input: completeResetInputSchema, access: 'public' }),

  'approval:getSettings': channel<ApprovalSettingsView>()({ input: z.undefined(), access: ADMIN }),
  'approval:updateSettings': channel<ApprovalSettingsView>()({ input: approvalSettingsSchema, access: ADMIN }),
  'approval:listPending': channel<PendingResetRequest[]>()({ input: z.undefined(), access: ADMIN }),
  'approval:listHistory': channel<ResetRequestHistoryEntry[]>()({ input: z.undefined(), access: ADMIN }),
  'approval:getMetrics': channel<ApprovalMetrics>()({ input: z.undefined(), access: ADMIN }),
  'approval:approve': channel<null>()({ input: z.object({ requestId, notes }), access: ADMIN }),
  'approval:reject': channel<null>()({ input: z.object({ requestId, notes }), access: ADMIN }),
};
