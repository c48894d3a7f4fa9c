// Pure. Recognises "the database can't take this right now, try again": SQLite's SQLITE_BUSY and its variants
// (another process held the lock past busy_timeout), and PostgreSQL's transient failures (a restart, a lost
// connection, a serialization or deadlock victim). The dispatcher answers DATABASE_BUSY, a message the person can
// act on ("réessayez dans un instant"), instead of the generic INTERNAL_ERROR: the command was not applied.
const POSTGRES_TRANSIENT = new Set(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

export function isDatabaseBusyError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return /Connection terminated|timeout exceeded when trying to connect/i.test(String((error as { message?: unknown }).message));
  return /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code) || POSTGRES_TRANSIENT.has(code) || code.startsWith('08') || NETWORK.has(code);
}
