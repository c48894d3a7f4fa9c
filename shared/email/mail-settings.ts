// Pure. The "Messagerie" settings: the SMTP account the app relays through, the sender, the names shown in
// emails, how long sent messages are kept and how long a reset code lives. Main validates every update with
// these schemas; the renderer's form runs the same ones before sending.
import { z } from 'zod';

export const SMTP_SECURITY_MODES = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY_MODES)[number];

const int = (min: number, max: number) =>
  z.number({ error: 'validation.number' }).int('validation.number').min(min, 'validation.outOfRange').max(max, 'validation.outOfRange');

/** A host name or an IP literal; no scheme, no path, no spaces. */
const hostSchema = z
  .string()
  .trim()
  .max(253, 'validation.invalid')
  .regex(/^$|^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]+\]?$/, 'validation.invalid');

const addressSchema = z.string().trim().toLowerCase().max(254, 'validation.emailInvalid');

/** The fields that say how to reach the SMTP server; the test email sends with exactly these. */
export const smtpFieldsSchema = z.object({
  host: hostSchema,
  port: int(1, 65535),
  security: z.enum(SMTP_SECURITY_MODES),
  /** Empty: the server takes mail without authentication (a local relay). */
  username: z.string().trim().max(254, 'validation.invalid'),
  /**
   * Security "none" with an account: the administrator confirmed that the password may cross the network
   * unencrypted. Without it nothing (test email, outbox worker, transport) authenticates over a clear connection.
   */
  plaintextAuthConfirmed: z.boolean().default(false),
  senderName: z.string().trim().max(100, 'validation.invalid'),
  senderAddress: addressSchema,
});

/** Every other field of the page. */
export const mailGeneralFieldsSchema = z.object({
  /** Shown in every email's subject and footer. */
  appName: z.string().trim().min(1, 'validation.required').max(60, 'validation.invalid'),
  /** The plant or site, e.g. "Usine de Lyon" (may be empty). */
  siteName: z.string().trim().max(100, 'validation.invalid'),
  /** Sent messages are pruned from the outbox after this many days. */
  sentRetentionDays: int(1, 365),
  /** How long an emailed reset code stays valid (the seed's 24 h is the ceiling). */
  resetCodeMinutes: int(10, 1440),
});

/** A field the renderer sends but main never stores as such: '' keeps the stored password. */
const passwordInput = z.string().max(512, 'validation.invalid');

/** True when these settings would send the account's password over a connection that is not encrypted. */
export function sendsPasswordInClear(fields: { security: SmtpSecurity; username: string }): boolean {
  return fields.security === 'none' && fields.username.trim() !== '';
}

/**
 * Host set ⇒ sender address required and valid. An empty host means "email is off".
 * Security "none" with an account ⇒ the confirmation box must be ticked.
 */
function requireSenderWhenConfigured<T extends { host: string; senderAddress: string; security: SmtpSecurity; username: string; plaintextAuthConfirmed: boolean }>(
  schema: z.ZodType<T>,
) {
  return schema.superRefine((value, ctx) => {
    if (value.host === '') return;
    if (sendsPasswordInClear(value) && !value.plaintextAuthConfirmed) {
      ctx.addIssue({ code: 'custom', path: ['plaintextAuthConfirmed'], message: 'validation.smtpPlaintextAuthRequired' });
    }
    if (value.senderAddress === '') ctx.addIssue({ code: 'custom', path: ['senderAddress'], message: 'validation.required' });
    else if (!z.email().safeParse(value.senderAddress).success) ctx.addIssue({ code: 'custom', path: ['senderAddress'], message: 'validation.emailInvalid' });
  });
}

export const mailSettingsInputSchema = requireSenderWhenConfigured(
  smtpFieldsSchema.extend(mailGeneralFieldsSchema.shape).extend({
    password: passwordInput,
    /** "Effacer": remove the stored password (wins over `password`). */
    clearPassword: z.boolean(),
  }),
);
export type MailSettingsInput = z.infer<typeof mailSettingsInputSchema>;

export const testEmailInputSchema = z.object({
  smtp: requireSenderWhenConfigured(
    smtpFieldsSchema.extend({ host: hostSchema.pipe(z.string().min(1, 'validation.required')), password: passwordInput }),
  ),
  to: z.string().trim().toLowerCase().max(254, 'validation.emailInvalid').pipe(z.email('validation.emailInvalid')),
});
export type TestEmailInput = z.infer<typeof testEmailInputSchema>;

/** What is stored under the `mail` settings key (never the password: it is sealed under its own key). */
export type StoredMailSettings = z.infer<typeof smtpFieldsSchema> & z.infer<typeof mailGeneralFieldsSchema>;

export const DEFAULT_MAIL_SETTINGS: StoredMailSettings = {
  host: '',
  port: 587,
  security: 'starttls',
  username: '',
  plaintextAuthConfirmed: false,
  senderName: '',
  senderAddress: '',
  appName: 'GMAO Atelier',
  siteName: '',
  sentRetentionDays: 30,
  resetCodeMinutes: 60,
};

/** What a saved SMTP password is bound to: it is only ever sent to this server, port, security mode and account. */
export interface SmtpPasswordBinding {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
}

export function sameSmtpBinding(a: SmtpPasswordBinding, b: SmtpPasswordBinding): boolean {
  return a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port && a.security === b.security && a.username === b.username;
}

export const MAIL_SETTING_BOUNDS = {
  port: { min: 1, max: 65535 },
  sentRetentionDays: { min: 1, max: 365 },
  resetCodeMinutes: { min: 10, max: 1440 },
} as const;

/** Presets the form offers; "custom" leaves the fields as they are. */
export const SMTP_PRESETS = {
  gmail: { host: 'smtp.gmail.com', port: 587, security: 'starttls' },
  microsoft365: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
} as const satisfies Record<string, { host: string; port: number; security: SmtpSecurity }>;
export type SmtpPreset = keyof typeof SMTP_PRESETS | 'custom';

export function presetOf(fields: { host: string; port: number; security: SmtpSecurity }): SmtpPreset {
  for (const [name, preset] of Object.entries(SMTP_PRESETS)) {
    if (preset.host === fields.host.toLowerCase() && preset.port === fields.port && preset.security === fields.security) return name as SmtpPreset;
  }
  return 'custom';
}
