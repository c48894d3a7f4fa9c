// Pure (Node). Opens the SQLite file with the settings every connection needs.
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  file: string;
  /**
   * Path to a better-sqlite3 binary built for the running runtime. Electron passes its own build here
   * so the Node build used by the tests is never touched (see docs/native-modules.md).
   */
  nativeBinding?: string;
  /** How long a writer waits for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

export function openDatabase(options: OpenDatabaseOptions): Db {
  const db = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // WAL: readers never block the writer, and a crash mid-write leaves the database intact.
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit is written to the -wal file but not fsynced. Nothing committed is lost when the
  // app is killed or crashes (the OS holds the bytes); a power cut may lose the last commits, never consistency.
  // Proved by db/crash-safety.test.ts (100 SIGKILLs).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Freed pages are zeroed, so a redacted email, a purged code or a pruned row leaves nothing readable behind.
  db.pragma('secure_delete = ON');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  return db;
}

/**
 * Opens a file that is not the live database (a backup, a restore's staging copy) with none of the settings
 * above: switching a copy to WAL would write to it and leave -wal/-shm files beside it.
 */
export function openDatabaseFile(options: { file: string; readonly: boolean; nativeBinding?: string }): Db {
  return new Database(options.file, {
    readonly: options.readonly,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
}
