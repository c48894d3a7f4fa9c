// Pure (Node). The SQL a pg_dump export needs from the live PostgreSQL database: which schema the app's tables
// are in (pg_dump is told to dump that one only) and how many tables it holds (the progress bar's steps).
import { sql } from 'kysely';
import type { Executor } from '../kernel/db/database';

export class ServerDumpRepository {
  constructor(private readonly db: Executor) {}

  /** The schema this connection's search_path resolves to: where the migrations created the tables. */
  async currentSchema(): Promise<string> {
    const result = await sql<{ name: string }>`select current_schema() as name`.execute(this.db);
    const name = result.rows[0]?.name;
    if (!name) throw new Error('No current schema on this PostgreSQL connection');
    return name;
  }

  /** Ordinary tables of that schema: pg_dump writes the contents of each once, which is what progress counts. */
  async tableCount(schema: string): Promise<number> {
    const result = await sql<{ n: number | string }>`
      select count(*) as n from information_schema.tables where table_schema = ${schema} and table_type = 'BASE TABLE'`.execute(this.db);
    return Number(result.rows[0]?.n ?? 0);
  }
}
