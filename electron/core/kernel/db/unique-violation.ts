// Pure (Node). Recognises a unique-index violation on either engine (PostgreSQL 23505, SQLite's constraint error),
// for commands whose answer to "someone wrote the same key first" is to read what was written rather than fail.
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/i.test(e?.message ?? '');
}
