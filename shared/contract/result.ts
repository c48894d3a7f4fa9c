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
  // Équipements and localisations (issue 13)
  /** Another equipment has this code, whatever its case. */
  'EQUIPMENT_CODE_TAKEN',
  /** Someone saved this equipment after the form was loaded: nothing was written, the form keeps what was typed. */
  'EQUIPMENT_CHANGED_MEANWHILE',
  /** The parent is unknown, is the equipment itself or one of its own parts, or the tree would exceed 3 levels. */
  'EQUIPMENT_PARENT_INVALID',
  'LOCATION_CODE_TAKEN',
  /** A line has no children: the tree is site → zone → ligne. */
  'LOCATION_TOO_DEEP',
  // Pièces jointes
  'ATTACHMENT_TOO_LARGE',
  /** Only JPEG, PNG, WebP and PDF, recognised by the file's first bytes. */
  'ATTACHMENT_TYPE_REFUSED',
  // Equipment import (io)
  /** The file is neither a readable .xlsx nor a CSV, or has no sheet with the expected headers. */
  'IMPORT_UNREADABLE',
  /** The commit found errors in the file (it checks again, whatever the dry run said): nothing was written. */
  'IMPORT_INVALID',
  /** No PDF printer in this host (the labels and the OT sheet need one). */
  'PRINT_UNAVAILABLE',
  // Work orders (OT)
  /** The action is not possible from the OT's state, or not for this person: the message names the states. */
  'WORK_ORDER_TRANSITION_REFUSED',
  /** Someone else changed the OT since it was read (compare-and-set on its version): reload it, keep what was typed. */
  'WORK_ORDER_CHANGED_MEANWHILE',
  /** The person's clock already runs on another OT (details.runningNumber names it). */
  'WORK_ORDER_CLOCK_RUNNING',
  /** Finishing needs at least one time entry. */
  'WORK_ORDER_TIME_REQUIRED',
  /** The OT is closed or cancelled: nothing changes any more, not even comments. */
  'WORK_ORDER_LOCKED',
  // Requests (DI)
  /** The equipment code of a DI matches no equipment. */
  'EQUIPMENT_NOT_FOUND',
  /** Too many DIs or equipment lookups from this workstation: details.retryAfterSeconds says when to retry. */
  'REQUEST_THROTTLED',
  // Gammes (checklists, issue 14)
  /** Another gamme has this code, whatever its case. */
  'CHECKLIST_CODE_TAKEN',
  /** Someone saved this gamme after the editor was loaded (compare-and-set on its version): nothing was written. */
  'CHECKLIST_CHANGED_MEANWHILE',
  /** An answer, a follow-up or attaching a gamme is refused (OT not in progress, meter reading below the last…): the message says why in French; details.reason names it. */
  'CHECKLIST_STEP_REFUSED',
  /** Finishing an OT whose gamme has required steps not answered: the message lists them (details.steps). */
  'STEPS_INCOMPLETE',
  // Pièces de rechange (issue 15)
  /** Another part has this référence, whatever its case. */
  'PART_CODE_TAKEN',
  /** Someone saved this part after the form was loaded (compare-and-set on its version): nothing was written. */
  'PART_CHANGED_MEANWHILE',
  // Magasin: stock ledger (issue 15)
  /** The move would take a bin's stock below zero (negative stock not allowed): nothing was written; the message names what is there. */
  'STOCK_INSUFFICIENT',
  /** Another store (or another bin of this store) has this code, whatever its case. */
  'STOCK_CODE_TAKEN',
  /** This move was already reversed (a move is reversed at most once). */
  'STOCK_ALREADY_REVERSED',
  /** A stock command refused by the rules (OT not open, return above what was issued, inventory not open…): the message says why. */
  'STOCK_REFUSED',
  // Plans de maintenance and planning (issue 14)
  /** Someone else changed the plan since it was read (compare-and-set on its version): reload it, keep what was typed. */
  'PLAN_CHANGED_MEANWHILE',
  /** The plan's code is taken already. */
  'PLAN_CODE_TAKEN',
  // Compteurs et relevés (issue 14)
  /** This equipment already has a meter with this name (whatever its case). */
  'METER_NAME_TAKEN',
  /** The value is below the meter's last one and is not flagged « remise à zéro / compteur changé » (details.lastValue). */
  'METER_READING_BELOW_LAST',
  /** Another PC saved a reading of this meter at the same moment, twice in a row: nothing was saved, retry. */
  'METER_CHANGED_MEANWHILE',
  /** The meter is deactivated: it takes no more readings. */
  'METER_INACTIVE',
  // Site server and client PCs (issue 16)
  /** A site channel only a site server answers, called on a poste autonome. */
  'SITE_NOT_SERVER',
  /** Enrolment is offered on a first run (no account yet) or to an administrator only. */
  'SITE_ENROL_NOT_ALLOWED',
  /** Client PC: the server can't be reached (or the link dropped while the call was in flight): nothing is known to be done, try again. */
  'SITE_SERVER_UNREACHABLE',
  /** Client PC not enrolled yet: only the site channels answer. */
  'SITE_NOT_ENROLLED',
  /** The server's certificate is not the one pinned at enrolment (or confirmed on screen). */
  'SITE_PIN_MISMATCH',
  /** The enrolment code is unknown, expired or already used. */
  'SITE_ENROLMENT_CODE_INVALID',
  /** This PC was revoked by an administrator of the server. */
  'SITE_REVOKED',
  /** This app and the server don't speak the same protocol version. */
  'SITE_VERSION_UNSUPPORTED',
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
