// Pure. Turns whatever nodemailer (or the socket under it) threw into one of our error codes plus a short
// technical line for the administrator, with every known secret cut out. Order matters: a TLS failure often
// arrives as a socket error, and a refused AUTH as a 530 on MAIL FROM.
import type { OutboxErrorCode } from '../../../shared/contract';

export interface MappedSmtpError {
  code: OutboxErrorCode;
  /** "EAUTH 535: Invalid login…", at most 300 characters, secrets replaced by "***". */
  message: string;
  /** Retrying the same message would get the same answer (a recipient refused with a 5xx). */
  permanent: boolean;
}

interface ErrorLike {
  code?: unknown;
  command?: unknown;
  responseCode?: unknown;
  message?: unknown;
  reason?: unknown;
}

const TLS_PATTERN =
  /certificate|self[- ]signed|\bssl\b|\btls\b|starttls|wrong version number|unable to verify|unable to get local issuer|altname|hostname\/ip does not match|handshake/i;
const TLS_CODES = new Set([
  'ETLS',
  'EREQUIRETLS',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
]);
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

export function mapSmtpError(error: unknown, secrets: readonly (string | null | undefined)[] = []): MappedSmtpError {
  const e: ErrorLike = typeof error === 'object' && error !== null ? (error as ErrorLike) : { message: String(error) };
  const code = typeof e.code === 'string' ? e.code : '';
  const command = typeof e.command === 'string' ? e.command.toUpperCase() : '';
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text = typeof e.message === 'string' ? e.message : '';
  const message = redact(`${code || 'ERROR'}${responseCode ? ` ${responseCode}` : ''}: ${text}`, secrets).slice(0, 300);
  const result = (mapped: OutboxErrorCode, permanent = false): MappedSmtpError => ({ code: mapped, message, permanent });

  if (code === 'EPLAINTEXTAUTH') return result('SMTP_PLAINTEXT_AUTH_REFUSED');
  if (code === 'EAUTH' || code === 'ENOAUTH' || code === 'EOAUTH2') return result('SMTP_AUTH_FAILED');
  // 530 "Authentication required" comes back on MAIL FROM when no login was made.
  if (responseCode === 530 && /auth/i.test(text)) return result('SMTP_AUTH_FAILED');
  if (TLS_CODES.has(code) || ((code === 'ESOCKET' || code === 'ECONNECTION' || code === 'EPROTOCOL' || code === '') && TLS_PATTERN.test(text))) {
    return result('SMTP_TLS_FAILED');
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || command.startsWith('MAIL FROM') || command.startsWith('RCPT TO')) {
    if (command.startsWith('MAIL FROM')) return result('SMTP_SENDER_REJECTED');
    if (command.startsWith('RCPT TO') || /recipient/i.test(text)) {
      return result('SMTP_RECIPIENT_REJECTED', responseCode !== null && responseCode >= 500 && responseCode < 600);
    }
  }
  if (CONNECTION_CODES.has(code)) return result('SMTP_CONNECTION_FAILED');
  return result('SMTP_FAILED');
}

/** Cuts every secret out of a text, including the base64 forms SMTP AUTH would use. */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    forms.add(secret);
    forms.add(Buffer.from(secret, 'utf8').toString('base64'));
    forms.add(encodeURIComponent(secret));
  }
  // Longest first, so a form that contains another is removed whole.
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join('***');
  return out;
}

/** Codes that mean the server (or the way to it) is the problem, not this one message. */
export function isConnectionLevel(code: OutboxErrorCode): boolean {
  return code === 'SMTP_PLAINTEXT_AUTH_REFUSED' || code === 'SMTP_CONNECTION_FAILED' || code === 'SMTP_TLS_FAILED' || code === 'SMTP_AUTH_FAILED' || code === 'SMTP_SENDER_REJECTED';
}
