// Pure. One schema step, numbered from 1, for both engines. Steps are never edited once released: add a new one.
// `up` is SQLite's step, run on the raw connection inside the migration's transaction (its text is what every
// released SQLite database was built with, so it stays byte for byte). `postgres` is the same step in PostgreSQL's
// dialect, run inside the same kind of transaction (PostgreSQL's DDL is transactional too).
import { sql, type Kysely } from 'kysely';
import type { Db } from '../open-database';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration runs before the schema it creates exists
  postgres(db: Kysely<any>): Promise<void>;
}

/** A script of several statements (no parameters: PostgreSQL's simple protocol runs them in one round trip). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export function postgresScript(script: string): (db: Kysely<any>) => Promise<void> {
  return async (db) => {
    await sql.raw(script).execute(db);
  };
}
