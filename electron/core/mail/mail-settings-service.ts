// Pure (Node). Reads and updates the "Messagerie" settings. The SMTP password is sealed by the secret store
// under its own key and never leaves main: the renderer sees `passwordSet` only, the audit log sees
// "changed"/"cleared", the logs nothing at all.
import type { MailSettingsView } from '../../../shared/contract';
import {
  DEFAULT_MAIL_SETTINGS,
  mailGeneralFieldsSchema,
  smtpFieldsSchema,
  type MailSettingsInput,
  type StoredMailSettings,
} from '../../../shared/schemas/mail-settings';
import { AppError } from '../platform/app-error';
import type { Clock } from '../platform/clock';
import type { AuditRepository } from '../repositories/audit-repository';
import type { SettingsRepository } from '../repositories/settings-repository';
import type { SmtpConnection } from './mail-transport';
import type { SecretStore } from './secret-store';
import type { MailContext } from './templates/email-templates';

const KEY = 'mail';
const PASSWORD_KEY = 'mail.smtpPassword';
const storedSchema = smtpFieldsSchema.extend(mailGeneralFieldsSchema.shape);

export interface SendingSetup {
  connection: SmtpConnection;
  from: { name: string; address: string };
}

export class MailSettingsService {
  constructor(
    private readonly deps: {
      settings: SettingsRepository;
      audit: AuditRepository;
      clock: Clock;
      secrets: SecretStore;
      /** Saving new settings wakes the outbox: queued messages are tried again at once. */
      onChange: () => void;
    },
  ) {}

  stored(): StoredMailSettings {
    const merged = { ...DEFAULT_MAIL_SETTINGS, ...(this.deps.settings.get<Partial<StoredMailSettings>>(KEY) ?? {}) };
    const parsed = storedSchema.safeParse(merged);
    return parsed.success ? parsed.data : DEFAULT_MAIL_SETTINGS;
  }

  isConfigured(settings = this.stored()): boolean {
    return settings.host !== '' && settings.senderAddress !== '';
  }

  view(): MailSettingsView {
    const settings = this.stored();
    const sealed = this.sealedPassword();
    let passwordUnreadable = false;
    if (sealed) {
      try {
        this.deps.secrets.open(sealed);
      } catch {
        passwordUnreadable = true;
      }
    }
    return { ...settings, passwordSet: sealed !== null, passwordUnreadable, configured: this.isConfigured(settings) };
  }

  update(input: MailSettingsInput, actorUserId: number): MailSettingsView {
    const { password, clearPassword, ...fields } = input;
    const previous = this.stored();
    // A stored password stays bound to the server and account it was typed for: moving either needs it typed again.
    const moved = fields.host.toLowerCase() !== previous.host.toLowerCase() || fields.username !== previous.username;
    if (moved && fields.username !== '' && password === '' && !clearPassword && this.sealedPassword() !== null) {
      throw new AppError('VALIDATION_FAILED', 'Type the password again for the new server or account', [{ path: 'password', code: 'validation.required' }]);
    }
    const now = this.deps.clock.now();
    const changes = (Object.keys(fields) as (keyof StoredMailSettings)[])
      .filter((key) => fields[key] !== previous[key])
      .map((key) => ({ setting: key, from: previous[key], to: fields[key] }));
    let passwordChange: 'changed' | 'cleared' | null = null;
    if (clearPassword) {
      if (this.sealedPassword() !== null) passwordChange = 'cleared';
      this.deps.settings.set(PASSWORD_KEY, null, now);
    } else if (password !== '') {
      this.deps.settings.set(PASSWORD_KEY, this.deps.secrets.seal(password), now);
      passwordChange = 'changed';
    }
    if (changes.length > 0) this.deps.settings.set(KEY, fields, now);
    if (changes.length > 0 || passwordChange) {
      this.deps.audit.append(
        { eventType: 'settings.updated', actorUserId, details: { section: 'mail', changes, ...(passwordChange ? { smtpPassword: passwordChange } : {}) } },
        now,
      );
      this.deps.onChange();
    }
    return this.view();
  }

  /** The stored password, unsealed; null when none is stored. Throws SECRET_UNAVAILABLE when it can't be opened here. */
  storedPassword(): string | null {
    const sealed = this.sealedPassword();
    return sealed === null ? null : this.deps.secrets.open(sealed);
  }

  /** What the worker sends with: the saved settings. Throws SMTP_NOT_CONFIGURED or SECRET_UNAVAILABLE. */
  sendingSetup(): SendingSetup {
    const settings = this.stored();
    if (!this.isConfigured(settings)) throw new AppError('SMTP_NOT_CONFIGURED', 'Email is not configured');
    return {
      connection: {
        host: settings.host,
        port: settings.port,
        security: settings.security,
        username: settings.username,
        password: settings.username ? this.storedPassword() : null,
      },
      from: senderOf(settings),
    };
  }

  context(locale: 'fr' | 'en'): MailContext {
    const { appName, siteName } = this.stored();
    return { appName, siteName, locale };
  }

  private sealedPassword(): string | null {
    return this.deps.settings.get<string | null>(PASSWORD_KEY) ?? null;
  }
}

export function senderOf(fields: { senderName: string; senderAddress: string; appName?: string }): { name: string; address: string } {
  return { name: fields.senderName || fields.appName || DEFAULT_MAIL_SETTINGS.appName, address: fields.senderAddress };
}
