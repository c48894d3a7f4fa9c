// Pure (imported by main, preload, harness and renderer).
// The one shape every IPC call answers with. Nothing else ever crosses the bridge:
// no exception text, no stack, no SQL.

export const ERROR_CODES = [
  'UNTRUSTED_SENDER',
  'UNKNOWN_CHANNEL',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'SETUP_ALREADY_DONE',
  'THROTTLED',
  'NOT_FOUND',
  'BRIDGE_UNAVAILABLE',
  'INTERNAL_ERROR',
  // Accounts
  'CONFLICT',
  'LAST_ADMIN',
  'PASSWORD_CHANGE_REQUIRED',
  /** A new password lost a race: the account's password (or role, or status) changed while it was being hashed. */
  'PASSWORD_CHANGED_MEANWHILE',
  // Email
  'SMTP_NOT_CONFIGURED',
  'SMTP_AUTH_FAILED',
  'SMTP_CONNECTION_FAILED',
  'SMTP_TLS_FAILED',
  'SMTP_SENDER_REJECTED',
  'SMTP_RECIPIENT_REJECTED',
  'SMTP_FAILED',
  'SECRET_UNAVAILABLE',
  /** Security "none" with an account, and nobody confirmed that the password may be sent unencrypted. */
  'SMTP_PLAINTEXT_AUTH_REFUSED',
  // One-time codes (email tokens, approval reference codes)
  'CODE_INVALID',
  'CODE_EXPIRED',
  'CODE_USED',
  'SELF_APPROVAL',
  'INVALID_STATE',
  // Backups and the data folder
  'BACKUP_INVALID',
  'BACKUP_TOO_NEW',
  /** On PostgreSQL, backups and restores are the database server's job: the app makes none. */
  'BACKUPS_SERVER_MANAGED',
  /** « Exporter (pg_dump) » could not run (pg_dump missing, refused, or not on PostgreSQL); details.reason says which. */
  'SERVER_DUMP_FAILED',
  'DATABASE_BUSY',
  // Requests (DI)
  /** The equipment code of a DI matches no equipment. */
  'EQUIPMENT_NOT_FOUND',
  /** Too many DIs or equipment lookups from this workstation: details.retryAfterSeconds says when to retry. */
  'REQUEST_THROTTLED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One invalid field: `path` is the dotted field name, `code` an i18n key from shared/schemas. */
export interface FieldIssue {
  path: string;
  code: string;
  /** Values the message needs, e.g. `{ min: 10 }` for a minimum length the administrator set. */
  params?: Record<string, number | string>;
}

export interface IpcError {
  code: ErrorCode;
  /** Developer-facing English sentence; the UI translates `code` instead. */
  message: string;
  fields?: FieldIssue[];
  /** Machine-readable facts the UI may show, e.g. `retryAfterSeconds` for THROTTLED. Never secrets. */
  details?: Record<string, number | string>;
}

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

export function ok<T>(data: T): IpcResult<T> {
  return { ok: true, data };
}

export function fail(
  code: ErrorCode,
  message: string,
  fields?: FieldIssue[],
  details?: Record<string, number | string>,
): IpcResult<never> {
  const error: IpcError = { code, message };
  if (fields) error.fields = fields;
  if (details) error.details = details;
  return { ok: false, error };
}
