// Pure (Node). The SQL that looks inside a backup copy (never the live database): is it intact, is it ours,
// which schema and app version wrote it, which schema objects it holds; and the SQL that rebuilds a restorable
// copy by copying only rows into a freshly migrated file. Also the live database's page size, which a restore
// must match.
import type { Db } from '../kernel/db/open-database';

/** One row of sqlite_master, with a table's columns (pragma table_xinfo, one string per column). */
export interface SchemaObject {
  type: string;
  name: string;
  tableName: string;
  sql: string | null;
  columns?: string[];
}

/**
 * The tables every GMAO Atelier database has had since schema 1. A file without them is some other
 * application's database, whatever its user_version says.
 */
export const REQUIRED_TABLES = ['users', 'settings', 'audit_log'] as const;

export class BackupFileRepository {
  constructor(private readonly db: Db) {}

  /** "ok" when intact; otherwise the first problems SQLite found (kept for the log, never shown as is). */
  integrityProblems(): string[] {
    const rows = this.db.pragma('integrity_check(20)') as { integrity_check: string }[];
    const messages = rows.map((row) => row.integrity_check);
    return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
  }

  missingTables(): string[] {
    const rows = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    const present = new Set(rows.map((row) => row.name));
    return REQUIRED_TABLES.filter((table) => !present.has(table));
  }

  /** A consistent, compacted, single-file copy of this database, written without blocking readers. */
  copyInto(file: string): void {
    this.db.prepare('VACUUM INTO ?').run(file);
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** The `app.version` setting the app writes at every start-up: which version last ran on this data. */
  appVersion(): string | null {
    const row = this.db.prepare("SELECT value FROM settings WHERE key = 'app.version'").get() as { value: string } | undefined;
    if (!row) return null;
    try {
      const value: unknown = JSON.parse(row.value);
      return typeof value === 'string' ? value.slice(0, 40) : null;
    } catch {
      return null;
    }
  }

  /**
   * Every schema object of the file: tables, indexes, triggers, views. SQLite's own statistics tables
   * (sqlite_stat1…, written by ANALYZE) hold no code and are never copied, so they are left out.
   */
  schemaObjects(): SchemaObject[] {
    const rows = this.db
      .prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE NOT (type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4')) ORDER BY type, name",
      )
      .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
    return rows.map((row) => ({
      type: row.type,
      name: row.name,
      tableName: row.tbl_name,
      sql: row.sql,
      ...(row.type === 'table' ? { columns: this.columnsOf(row.name) } : {}),
    }));
  }

  /** name, declared type, not null, default, primary key position, hidden/generated: all a column is. */
  columnsOf(table: string): string[] {
    const rows = this.db.prepare('SELECT * FROM pragma_table_xinfo(?)').all(table) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
      hidden: number;
    }[];
    return rows.map((row) => JSON.stringify([row.name, row.type, row.notnull, row.dflt_value, row.pk, row.hidden]));
  }

  /** Plain column names of `table`, in order, for copying its rows. */
  columnNames(table: string): string[] {
    return (this.db.prepare('SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0').all(table) as { name: string }[]).map((row) => row.name);
  }

  /**
   * Into this (freshly migrated, empty) database: the rows of `tables` from `sourceFile`, whose schema was
   * checked identical. Only rows cross over: the source's own triggers, views and definitions never run here,
   * and with trusted_schema off nothing in the source's schema may call functions while it is read.
   */
  copyRowsFrom(sourceFile: string, tables: readonly string[], onTable?: (table: string) => void): void {
    this.db.pragma('trusted_schema = OFF');
    // Tables are copied one by one in name order, not in reference order: the rows were consistent in the file
    // (a page copy brought them in as they were before this rebuild existed), so the order must not matter.
    this.db.pragma('foreign_keys = OFF');
    this.db.prepare("ATTACH DATABASE ? AS backup_source").run(sourceFile);
    try {
      this.db.transaction(() => {
        for (const table of tables) {
          // The migrations put rows in some tables (the pre-hash key in settings, the retention gate): the
          // file's rows replace them.
          this.db.prepare(`DELETE FROM main.${quoteName(table)}`).run();
          const columns = this.columnNames(table).map(quoteName).join(', ');
          this.db.prepare(`INSERT INTO main.${quoteName(table)} (${columns}) SELECT ${columns} FROM backup_source.${quoteName(table)}`).run();
          onTable?.(table);
        }
      })();
    } finally {
      this.db.prepare('DETACH DATABASE backup_source').run();
    }
  }

  /** Before any table exists: the page size a new file is created with. */
  setNewPageSize(pageSize: number): void {
    this.db.pragma(`page_size = ${Math.trunc(pageSize)}`);
  }

  pageSize(): number {
    return this.db.pragma('page_size', { simple: true }) as number;
  }

  /** A self-contained single file (no -wal beside it) that any SQLite can open read-only. */
  useRollbackJournal(): void {
    this.db.pragma('journal_mode = DELETE');
  }

  /** Rewrites the copy with another page size; only possible outside WAL mode, so call useRollbackJournal first. */
  changePageSize(pageSize: number): void {
    this.db.pragma(`page_size = ${Math.trunc(pageSize)}`);
    this.db.exec('VACUUM');
  }
}

/** A double-quoted SQL identifier. The names come from our own migrated schema, but quoting costs nothing. */
function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
