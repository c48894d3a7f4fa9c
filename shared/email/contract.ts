// Pure. The `email` domain: SMTP settings, outbox, forgot password by email, invitations (issue 5).
// Settings, outbox and statistics are for administrators; the forgot-password channels are public (before login).
import { z } from 'zod';
import { channel } from '../contract/channel';
import type { ErrorCode } from '../contract/result';
import { PASSWORD_MAX_LENGTH } from '../accounts/account-fields';
import { mailSettingsInputSchema, testEmailInputSchema, type StoredMailSettings } from './mail-settings';

/** What the renderer may know about the settings: never the SMTP password, only whether one is stored. */
export interface MailSettingsView extends StoredMailSettings {
  passwordSet: boolean;
  /** A password is stored but this computer can't unseal it (database restored elsewhere): it must be typed again. */
  passwordUnreadable: boolean;
  /** Host and sender set: emails can be queued and sent. */
  configured: boolean;
}

export const OUTBOX_KINDS = ['reset_code', 'password_changed', 'invitation', 'lockout', 'approval_decision', 'test'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** Why a message is not (yet) sent: an SMTP error code, or one of the outbox's own reasons. */
export type OutboxErrorCode =
  | Extract<
      ErrorCode,
      | 'SMTP_NOT_CONFIGURED'
      | 'SMTP_AUTH_FAILED'
      | 'SMTP_CONNECTION_FAILED'
      | 'SMTP_TLS_FAILED'
      | 'SMTP_SENDER_REJECTED'
      | 'SMTP_RECIPIENT_REJECTED'
      | 'SMTP_FAILED'
      | 'SECRET_UNAVAILABLE'
      | 'SMTP_PLAINTEXT_AUTH_REFUSED'
    >
  /** The code it carried expired before the message could leave: sending it would only confuse. */
  | 'MESSAGE_EXPIRED';

export interface OutboxItem {
  id: number;
  kind: OutboxKind;
  recipient: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  /** When the worker tries again (queued only). */
  nextAttemptAt: number | null;
  /** A short technical line for the administrator; never a secret. */
  lastError: { code: OutboxErrorCode; message: string } | null;
  createdAt: number;
  sentAt: number | null;
  /** It carried a one-time code, removed from the stored copy once sent or given up. */
  secretRedacted: boolean;
  /** "Renvoyer" is offered: failed, and nothing needed for it was redacted. */
  canResend: boolean;
}

export interface OutboxView {
  items: OutboxItem[];
  counts: Record<OutboxStatus, number>;
  /** How many attempts before a message is marked failed. */
  maxAttempts: number;
}

export interface ResetTokenStats {
  /** Codes that can still be used now. */
  active: number;
  /** Used, expired and replaced in the last 30 days. */
  used: number;
  expired: number;
  invalidated: number;
  /** "Mot de passe oublié" requests in the last 30 days, whether or not an account matched. */
  requestsLast30Days: number;
}

export interface TestEmailResult {
  /** The recipients the server accepted. */
  accepted: string[];
}

const ADMIN = ['admin'] as const;
const resetIdentifier = z.string().trim().min(1, 'validation.required').max(254, 'validation.invalid');
const newPasswordPair = {
  newPassword: z.string().min(1, 'validation.required').max(PASSWORD_MAX_LENGTH, 'validation.passwordTooLong'),
  passwordConfirmation: z.string().max(PASSWORD_MAX_LENGTH, 'validation.passwordTooLong'),
};

export const emailContract = {
  'email:getSettings': channel<MailSettingsView>()({ input: z.undefined(), access: ADMIN }),
  'email:updateSettings': channel<MailSettingsView>()({ input: mailSettingsInputSchema, access: ADMIN }),
  /** Sends now, with the form's values (saved or not), and says exactly what went wrong. */
  'email:sendTest': channel<TestEmailResult>()({ input: testEmailInputSchema, access: ADMIN }),
  'email:listOutbox': channel<OutboxView>()({ input: z.undefined(), access: ADMIN }),
  'email:resend': channel<OutboxItem>()({ input: z.object({ id: z.number().int().positive() }), access: ADMIN }),
  'email:tokenStats': channel<ResetTokenStats>()({ input: z.undefined(), access: ADMIN }),

  /**
   * "Recevoir un code par e-mail": the same answer, in the same time, whoever was typed. The email, if any, is
   * queued after the answer, never sent inline.
   */
  'email:requestReset': channel<null>()({ input: z.object({ identifier: resetIdentifier }), access: 'public' }),
  /** "Réinitialiser": the code from the email (typed) or the link's token (deep link), and the new password twice. No sign-in. */
  'email:resetPassword': channel<null>()({
    input: z.union([
      z.object({ identifier: resetIdentifier, code: z.string().max(40), ...newPasswordPair }),
      z.object({ token: z.string().min(1).max(200), ...newPasswordPair }),
    ]),
    access: 'public',
  }),
};
