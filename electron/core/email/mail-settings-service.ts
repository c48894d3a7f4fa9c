// Pure (Node). Reads and updates the "Messagerie" settings. The SMTP password is sealed by the secret store
// under its own key and never leaves main: the renderer sees `passwordSet` only, the audit log sees
// "changed"/"cleared", the logs nothing at all (it is registered with protectSecret whenever it is in memory).
// The sealed password is stored with the server, port, security mode and account it was typed for, and is only
// ever released for exactly those: pointing any of them elsewhere needs the password typed again.
import type { MailSettingsView } from '../../../shared/contract';
import {
  DEFAULT_MAIL_SETTINGS,
  mailGeneralFieldsSchema,
  sameSmtpBinding,
  sendsPasswordInClear,
  SMTP_SECURITY_MODES,
  smtpFieldsSchema,
  type MailSettingsInput,
  type SmtpPasswordBinding,
  type StoredMailSettings,
} from '../../../shared/email/mail-settings';
import { AppError } from '../kernel/platform/app-error';
import { forgetSecret, protectSecret } from '../kernel/platform/redact';
import type { Clock } from '../kernel/platform/clock';
import type { Database } from '../kernel/db/database';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { SettingsRepository } from '../kernel/settings/settings-repository';
import type { SmtpConnection } from './mail-transport';
import type { SecretStore } from './secret-store';
import type { MailContext } from './templates/email-templates';

const KEY = 'mail';
const PASSWORD_KEY = 'mail.smtpPassword';
const storedSchema = smtpFieldsSchema.extend(mailGeneralFieldsSchema.shape);
/** The log registry's slot for the SMTP password in memory; refreshed on every use, forgotten when cleared. */
export const SMTP_PASSWORD_SLOT = 'smtp.password';
const PASSWORD_PROTECT_MS = 3_600_000;

/** What is stored under PASSWORD_KEY. Before the binding existed it was the sealed string alone. */
interface StoredPassword {
  sealed: string;
  boundTo: SmtpPasswordBinding;
}

/** Whether a saved password may be used for a connection: none saved, saved for exactly it, or saved for another. */
export type StoredPasswordState = 'none' | 'bound' | 'elsewhere';

export function bindingOf(fields: SmtpPasswordBinding): SmtpPasswordBinding {
  return { host: fields.host, port: fields.port, security: fields.security, username: fields.username };
}

/** Registers a password in memory with the log redaction (the password itself and the base64 SMTP AUTH would carry). */
function protectPassword(password: string, slot: string | undefined): void {
  protectSecret(password, { lifetimeMs: PASSWORD_PROTECT_MS, slot });
  protectSecret(Buffer.from(password, 'utf8').toString('base64'), { lifetimeMs: PASSWORD_PROTECT_MS, slot: slot && `${slot}.base64` });
}

export interface SendingSetup {
  connection: SmtpConnection;
  from: { name: string; address: string };
}

export class MailSettingsService {
  constructor(
    private readonly deps: {
      database: Database;
      settings: SettingsRepository;
      audit: AuditRepository;
      clock: Clock;
      secrets: SecretStore;
      /** Saving new settings wakes the outbox: queued messages are tried again at once. */
      onChange: () => Promise<void>;
    },
  ) {}

  async stored(): Promise<StoredMailSettings> {
    return parseStored(await this.deps.settings.get<Partial<StoredMailSettings>>(KEY));
  }

  /** True when emails can be sent at all (host and sender set). */
  async configured(): Promise<boolean> {
    return isConfigured(await this.stored());
  }

  async view(): Promise<MailSettingsView> {
    const settings = await this.stored();
    const sealed = (await this.storedRecord(settings))?.sealed ?? null;
    let passwordUnreadable = false;
    if (sealed) {
      try {
        this.deps.secrets.open(sealed);
      } catch {
        passwordUnreadable = true;
      }
    }
    return { ...settings, passwordSet: sealed !== null, passwordUnreadable, configured: isConfigured(settings) };
  }

  /** Loads, decides (and seals the new password) first, then writes the settings and their audit entry in one short transaction. */
  async update(input: MailSettingsInput, actorUserId: number): Promise<MailSettingsView> {
    const { password, clearPassword, ...typed } = input;
    // The confirmation only means something for "none" with an account: stored false otherwise, so choosing
    // "none" again later asks for it again.
    const fields: StoredMailSettings = { ...typed, plaintextAuthConfirmed: sendsPasswordInClear(typed) && typed.plaintextAuthConfirmed };
    const previous = await this.stored();
    const record = await this.storedRecord(previous);
    // A stored password stays bound to the server, port, security and account it was typed for: moving any of
    // them needs it typed again (otherwise a port and "none" would be enough to have it sent in clear elsewhere).
    if (fields.username !== '' && password === '' && !clearPassword && record !== null && !sameSmtpBinding(record.boundTo, fields)) {
      throw new AppError('VALIDATION_FAILED', 'Type the password again: the server, port, security or account changed', [
        { path: 'password', code: 'validation.smtpPasswordRebind' },
      ]);
    }
    const now = this.deps.clock.now();
    const changes = (Object.keys(fields) as (keyof StoredMailSettings)[])
      .filter((key) => fields[key] !== previous[key])
      .map((key) => ({ setting: key, from: previous[key], to: fields[key] }));
    let passwordChange: 'changed' | 'cleared' | null = null;
    // undefined: the stored password stays as it is.
    let newPassword: StoredPassword | null | undefined;
    if (clearPassword) {
      if (record !== null) passwordChange = 'cleared';
      newPassword = null;
      forgetSecret({ slot: SMTP_PASSWORD_SLOT });
      forgetSecret({ slot: `${SMTP_PASSWORD_SLOT}.base64` });
    } else if (password !== '') {
      protectPassword(password, SMTP_PASSWORD_SLOT);
      // Sealed here, before the transaction: nothing slow runs while it holds the database.
      newPassword = { sealed: this.deps.secrets.seal(password), boundTo: bindingOf(fields) };
      passwordChange = 'changed';
    }
    if (changes.length > 0 || newPassword !== undefined) {
      await this.deps.database.transaction(async (trx) => {
        const settings = this.deps.settings.in(trx);
        if (newPassword !== undefined) await settings.set(PASSWORD_KEY, newPassword, now);
        if (changes.length > 0) await settings.set(KEY, fields, now);
        if (changes.length > 0 || passwordChange) {
          await this.deps.audit
            .in(trx)
            .append({ eventType: 'settings.updated', actorUserId, details: { section: 'mail', changes, ...(passwordChange ? { smtpPassword: passwordChange } : {}) } }, now);
        }
      });
    }
    if (changes.length > 0 || passwordChange) await this.deps.onChange();
    return this.view();
  }

  /** Whether the saved password may be sent on this connection. */
  async passwordStateFor(connection: SmtpPasswordBinding): Promise<StoredPasswordState> {
    const record = await this.storedRecord();
    if (record === null) return 'none';
    return sameSmtpBinding(record.boundTo, connection) ? 'bound' : 'elsewhere';
  }

  /**
   * The saved password, unsealed, for exactly the connection it was typed for; null when none is saved or it
   * belongs to another server, port, security mode or account. Throws SECRET_UNAVAILABLE when it can't be opened here.
   */
  async passwordFor(connection: SmtpPasswordBinding): Promise<string | null> {
    const record = await this.storedRecord();
    if (record === null || !sameSmtpBinding(record.boundTo, connection)) return null;
    return this.open(record.sealed);
  }

  /** The stored password, unsealed, wherever it is bound; null when none is stored. Throws SECRET_UNAVAILABLE when it can't be opened here. */
  async storedPassword(): Promise<string | null> {
    const record = await this.storedRecord();
    return record === null ? null : this.open(record.sealed);
  }

  /**
   * What the worker sends with: the saved settings. Throws SMTP_NOT_CONFIGURED, SECRET_UNAVAILABLE (the password
   * can't be opened, or belongs to other settings) or SMTP_PLAINTEXT_AUTH_REFUSED (security "none" with an account,
   * not confirmed): the messages wait rather than leak.
   */
  async sendingSetup(): Promise<SendingSetup> {
    const settings = await this.stored();
    if (!isConfigured(settings)) throw new AppError('SMTP_NOT_CONFIGURED', 'Email is not configured');
    let password: string | null = null;
    if (settings.username) {
      if (sendsPasswordInClear(settings) && !settings.plaintextAuthConfirmed) {
        throw new AppError('SMTP_PLAINTEXT_AUTH_REFUSED', 'Sending the SMTP password unencrypted was not confirmed');
      }
      const record = await this.storedRecord(settings);
      if (record !== null && !sameSmtpBinding(record.boundTo, settings)) throw new AppError('SECRET_UNAVAILABLE', 'The SMTP password was saved for other settings');
      if (record !== null) password = this.open(record.sealed);
    }
    return {
      connection: {
        host: settings.host,
        port: settings.port,
        security: settings.security,
        username: settings.username,
        password,
        plaintextAuthConfirmed: settings.plaintextAuthConfirmed,
      },
      from: senderOf(settings),
    };
  }

  async context(locale: 'fr' | 'en'): Promise<MailContext> {
    const { appName, siteName } = await this.stored();
    return { appName, siteName, locale };
  }

  private open(sealed: string): string {
    const password = this.deps.secrets.open(sealed);
    protectPassword(password, SMTP_PASSWORD_SLOT);
    return password;
  }

  /** The sealed password and what it is bound to; a password saved before bindings existed is bound to the current settings. */
  private async storedRecord(current?: StoredMailSettings): Promise<StoredPassword | null> {
    const value = await this.deps.settings.get<unknown>(PASSWORD_KEY);
    if (typeof value === 'string') return { sealed: value, boundTo: bindingOf(current ?? (await this.stored())) };
    if (typeof value !== 'object' || value === null) return null;
    const { sealed, boundTo } = value as Partial<StoredPassword>;
    if (typeof sealed !== 'string' || !isBinding(boundTo)) return null;
    return { sealed, boundTo };
  }
}

function parseStored(value: Partial<StoredMailSettings> | undefined): StoredMailSettings {
  const parsed = storedSchema.safeParse({ ...DEFAULT_MAIL_SETTINGS, ...(value ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_MAIL_SETTINGS;
}

export function isConfigured(settings: StoredMailSettings): boolean {
  return settings.host !== '' && settings.senderAddress !== '';
}

function isBinding(value: unknown): value is SmtpPasswordBinding {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return (
    typeof b.host === 'string' &&
    typeof b.port === 'number' &&
    typeof b.username === 'string' &&
    (SMTP_SECURITY_MODES as readonly unknown[]).includes(b.security)
  );
}

export function senderOf(fields: { senderName: string; senderAddress: string; appName?: string }): { name: string; address: string } {
  return { name: fields.senderName || fields.appName || DEFAULT_MAIL_SETTINGS.appName, address: fields.senderAddress };
}
