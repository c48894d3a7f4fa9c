// Pure (Node). The real SMTP client: nodemailer, with timeouts short enough that a dead or stalled server is
// reported in seconds, TLS verified against the system's CAs (plus any given, for tests), no file or URL access.
import tls from 'node:tls';
import nodemailer from 'nodemailer';
import type { MailTransport, MailTransportFactory, SmtpConnection } from './mail-transport';

export interface NodemailerTransportOptions {
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
  /** Extra PEM certificates to trust (the tests' self-signed server); the system's CAs stay trusted. */
  trustedCertificates?: readonly string[];
}

/** The error code of a send refused because the password would cross the network in clear (smtp-errors.ts maps it). */
export const PLAINTEXT_AUTH_REFUSED = 'EPLAINTEXTAUTH';

export const DEFAULT_SMTP_TIMEOUTS = { connectionTimeoutMs: 15_000, greetingTimeoutMs: 10_000, socketTimeoutMs: 30_000 } as const;

export function createNodemailerTransportFactory(options: NodemailerTransportOptions = {}): MailTransportFactory {
  const timeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options };
  const ca = options.trustedCertificates?.length ? [...tls.rootCertificates, ...options.trustedCertificates] : undefined;
  return {
    create(connection: SmtpConnection, { pooled }): MailTransport {
      if (connection.security === 'none' && connection.username && !connection.plaintextAuthConfirmed) {
        // Never open a socket that would carry the password in clear: every send fails before connecting.
        return {
          send: () => Promise.reject(Object.assign(new Error('Refusing to authenticate over an unencrypted connection'), { code: PLAINTEXT_AUTH_REFUSED })),
          close: () => undefined,
        };
      }
      const base = {
        host: connection.host,
        port: connection.port,
        // tls: TLS from the first byte (465); starttls: plain then upgrade, refusing to go on without it (587):
        // requireTLS makes a server that does not offer STARTTLS (or a man in the middle stripping it) an error
        // before AUTH, never a fallback to clear text. none: clear text, authenticated only when confirmed above.
        secure: connection.security === 'tls',
        requireTLS: connection.security === 'starttls',
        ignoreTLS: connection.security === 'none',
        auth: connection.username ? { user: connection.username, pass: connection.password ?? '' } : undefined,
        connectionTimeout: timeouts.connectionTimeoutMs,
        greetingTimeout: timeouts.greetingTimeoutMs,
        socketTimeout: timeouts.socketTimeoutMs,
        dnsTimeout: timeouts.connectionTimeoutMs,
        tls: { minVersion: 'TLSv1.2' as const, ...(ca ? { ca } : {}) },
        disableFileAccess: true,
        disableUrlAccess: true,
        logger: false,
        debug: false,
      };
      const transporter = pooled
        ? nodemailer.createTransport({ ...base, pool: true as const, maxConnections: 1, maxMessages: 100 })
        : nodemailer.createTransport(base);
      return {
        async send(mail) {
          const info = await transporter.sendMail({
            from: { name: mail.from.name, address: mail.from.address },
            to: mail.to,
            subject: mail.subject,
            html: mail.html,
            text: mail.text,
          });
          return { accepted: (info.accepted ?? []).map((a: string | { address: string }) => (typeof a === 'string' ? a : a.address)) };
        },
        close: () => transporter.close(),
      };
    },
  };
}
