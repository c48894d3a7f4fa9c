// Pure. Recognises "the database can't take this right now, try again": SQLite's SQLITE_BUSY and its variants
// (another process held the lock past busy_timeout), and PostgreSQL's transient failures (a restart, a lost
// connection, a serialization or deadlock victim). The dispatcher answers DATABASE_BUSY, a message the person can
// act on ("réessayez dans un instant"), instead of the generic INTERNAL_ERROR: the command was not applied.
//
// A PostgreSQL restart shows up in several shapes (electron/core/kernel/db/postgres-restart.test.ts meets them):
// the server's own codes while it stops and starts again (57P01 admin_shutdown to the sessions it ends, 57P02,
// 57P03 "starting up" / "shutting down"), class 08 (connection exceptions), the socket's errors while it is down
// (ECONNREFUSED…; an AggregateError of them when a host name has several addresses), and node-postgres's own
// messages without a code (a connection cut mid-query, a client left unusable, a pool waiting past its timeout).
// Kysely's rollback after such a failure fails the same way, and that error may be the one that comes out.
const POSTGRES_TRANSIENT = new Set(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN', 'ECONNABORTED']);
const PG_CLIENT_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|is not queryable|Query read timeout|Connection closed unexpectedly|the database system is (starting up|shutting down|in recovery mode)/i;

export function isDatabaseBusyError(error: unknown): boolean {
  return isBusy(error, 0);
}

function isBusy(error: unknown, depth: number): boolean {
  if (error === null || typeof error !== 'object' || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (/^SQLITE_(BUSY|LOCKED)(_|$)/.test(code) || POSTGRES_TRANSIENT.has(code) || code.startsWith('08') || NETWORK.has(code))) return true;
  // A code that says something else (a constraint violated, a syntax error) is not "try again", whatever the text.
  if (typeof code === 'string' && !NETWORK_LIKE.test(code)) return false;
  if (PG_CLIENT_MESSAGES.test(String((error as { message?: unknown }).message))) return true;
  // Every address refused (net's autoSelectFamily), or an error wrapping the socket's.
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => isBusy(inner, depth + 1))) return true;
  return isBusy((error as { cause?: unknown }).cause, depth + 1);
}

/** Node's socket error codes we don't list one by one still let the message and the wrapped errors decide. */
const NETWORK_LIKE = /^E[A-Z]+$/;
