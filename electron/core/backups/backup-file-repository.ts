// Pure (Node). The SQL that looks inside a backup copy (never the live database): is it intact, is it ours,
// which schema and app version wrote it. Also the live database's page size, which a restore must match.
import type { Db } from '../kernel/db/open-database';

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
