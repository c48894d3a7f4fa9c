// Pure. Recognises "another process holds the database lock for too long" (SQLITE_BUSY and its variants,
// raised once busy_timeout has run out): the dispatcher answers DATABASE_BUSY, a message the person can act
// on ("réessayez dans un instant"), instead of the generic INTERNAL_ERROR.
export function isDatabaseBusyError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code);
}
