// Pure (Node). The `backups/` folder of the data folder: what is in it, read from the files themselves.
// Kind and date come from the name; schema version from the SQLite header; app version from inside the copy.
// So the list is truthful even for a file copied in by hand, and nothing is kept on the side to drift.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo, BackupKind } from '../../../shared/contract';
import { openDatabaseFile } from '../kernel/db/open-database';
import { AppError } from '../kernel/platform/app-error';
import { BackupFileRepository } from './backup-file-repository';
import { BACKUP_EXTENSION, backupFileName, isPlainBackupName, parseBackupFileName } from './backup-names';

const SQLITE_MAGIC = 'SQLite format 3\0';
/** Left by a copy that was interrupted (crash, power cut). Never listed; removed once clearly abandoned. */
export const PARTIAL_SUFFIX = '.partial';
const ABANDONED_AFTER_MS = 24 * 3_600_000;

export interface SqliteHeader {
  pageSize: number;
  /** PRAGMA user_version, stored at byte 60. */
  userVersion: number;
  /** Bytes 18-19 are 2 in WAL mode: such a file may need its -wal beside it and can't be opened read-only cleanly. */
  wal: boolean;
}

/** The first 100 bytes of an SQLite file, or null if it is not one. Reads bytes only: opens nothing. */
export function readSqliteHeader(file: string): SqliteHeader | null {
  const buffer = Buffer.alloc(100);
  let read = 0;
  const fd = fs.openSync(file, 'r');
  try {
    read = fs.readSync(fd, buffer, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || buffer.toString('latin1', 0, 16) !== SQLITE_MAGIC) return null;
  const rawPageSize = buffer.readUInt16BE(16);
  return { pageSize: rawPageSize === 1 ? 65_536 : rawPageSize, userVersion: buffer.readUInt32BE(60), wal: buffer[18] === 2 };
}

/** A name of `kind` for moment `at` that no file (finished or in progress) has yet in `dir`. */
export function freshBackupName(dir: string, kind: Exclude<BackupKind, 'other'>, at: number): string {
  for (let attempt = 1; ; attempt++) {
    const name = backupFileName(kind, at, attempt);
    const file = path.join(dir, name);
    if (!fs.existsSync(file) && !fs.existsSync(file + PARTIAL_SUFFIX)) return name;
  }
}

export class BackupFolder {
  constructor(
    readonly dir: string,
    private readonly options: { appSchemaVersion: number; nativeBinding?: string },
  ) {}

  ensure(): void {
    fs.mkdirSync(this.dir, { recursive: true });
  }

  /** Newest first. Files that vanish while we look are skipped. */
  list(): BackupInfo[] {
    if (!fs.existsSync(this.dir)) return [];
    const infos: BackupInfo[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      if (!isPlainBackupName(name)) continue;
      try {
        infos.push(this.describe(name));
      } catch {
        // Deleted or unreadable between readdir and stat: not a backup we can offer.
      }
    }
    return infos.sort((a, b) => b.createdAt - a.createdAt || b.fileName.localeCompare(a.fileName));
  }

  /** One file's facts. Throws NOT_FOUND for a name that isn't a file of this folder. */
  describe(fileName: string): BackupInfo {
    const file = this.pathOf(fileName);
    const stat = fs.statSync(file);
    const parsed = parseBackupFileName(fileName);
    const kind: BackupKind = parsed?.kind ?? 'other';
    const header = readSqliteHeader(file);
    const info: BackupInfo = {
      fileName,
      kind,
      createdAt: parsed?.createdAt ?? Math.round(stat.mtimeMs),
      sizeBytes: stat.size,
      schemaVersion: header?.userVersion ?? null,
      appVersion: null,
      state: !header ? 'unreadable' : header.userVersion > this.options.appSchemaVersion ? 'too-new' : 'ok',
    };
    // Our own copies are rollback-journal files, safe to open read-only. A WAL file copied in by hand is
    // left alone here (opening it would create -shm beside it); "Restaurer" checks it on a private copy.
    if (header && !header.wal && info.state === 'ok') info.appVersion = this.readAppVersion(file);
    return info;
  }

  /** The absolute path of a listed file; anything else (a path, "..", a missing file) is NOT_FOUND. */
  pathOf(fileName: string): string {
    if (!isPlainBackupName(fileName)) throw new AppError('NOT_FOUND', 'Not a backup file name');
    const file = path.resolve(this.dir, fileName);
    if (path.dirname(file) !== path.resolve(this.dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      throw new AppError('NOT_FOUND', 'No such backup');
    }
    return file;
  }

  freshName(kind: Exclude<BackupKind, 'other'>, at: number): string {
    return freshBackupName(this.dir, kind, at);
  }

  partialPathOf(fileName: string): string {
    return path.join(this.dir, fileName + PARTIAL_SUFFIX);
  }

  /**
   * Keeps the `keep` newest backups of `kind`, deletes the rest, and returns the names deleted.
   * Only ever called for `auto`: manual, pre-migration, pre-restore and imported copies are someone's decision.
   */
  prune(kind: 'auto', keep: number): string[] {
    const doomed = this.list()
      .filter((info) => info.kind === kind)
      .slice(Math.max(0, keep));
    for (const info of doomed) fs.rmSync(path.join(this.dir, info.fileName), { force: true });
    return doomed.map((info) => info.fileName);
  }

  /** Removes interrupted copies older than a day (a younger one may belong to another app instance still copying). */
  removeAbandonedPartials(now: number): void {
    if (!fs.existsSync(this.dir)) return;
    for (const name of fs.readdirSync(this.dir)) {
      if (!name.endsWith(BACKUP_EXTENSION + PARTIAL_SUFFIX)) continue;
      const file = path.join(this.dir, name);
      try {
        if (now - fs.statSync(file).mtimeMs > ABANDONED_AFTER_MS) fs.rmSync(file, { force: true });
      } catch {
        // Already gone.
      }
    }
  }

  private readAppVersion(file: string): string | null {
    try {
      const db = openDatabaseFile({ file, readonly: true, nativeBinding: this.options.nativeBinding });
      try {
        return new BackupFileRepository(db).appVersion();
      } finally {
        db.close();
      }
    } catch {
      return null;
    }
  }
}
