// Pure. What the core needs from an SMTP client, so the worker and the test email are written against an
// interface and createCore can be handed the real one (nodemailer-transport.ts) with test-only trust settings.
import type { SmtpSecurity } from '../../../shared/email/mail-settings';

export interface SmtpConnection {
  host: string;
  port: number;
  security: SmtpSecurity;
  /** Empty: no AUTH. */
  username: string;
  password: string | null;
  /**
   * Security "none" with an account: the administrator confirmed the password may be sent unencrypted. Without
   * it the transport refuses to authenticate over a clear connection (the last check, whoever built the connection).
   */
  plaintextAuthConfirmed: boolean;
}

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface MailTransport {
  /** Resolves once the server accepted the message; rejects with the client's error otherwise. */
  send(mail: OutgoingMail): Promise<{ accepted: string[] }>;
  close(): void;
}

export interface MailTransportFactory {
  /** `pooled`: one connection reused for a batch (the worker); otherwise one connection per message (the test email). */
  create(connection: SmtpConnection, options: { pooled: boolean }): MailTransport;
}
