// Pure (Node). Page-by-page copies with SQLite's online backup API (better-sqlite3's `db.backup`), in both
// directions: the open database to a file (a backup), and a file over the open database (a restore, as the
// sqlite3 shell's `.restore` does).
//
// Why the backup API rather than copying files: the copy is consistent while the app keeps working, it
// reports progress (total and remaining pages), and it runs in small steps between which the event loop
// serves the screens. In the restore direction it writes the destination in one write transaction, under
// SQLite's own locks: another process on the same data folder sees the old database or the new one, never a
// mix, and a crash halfway leaves the old one intact (the WAL frames were never committed).
import type Database from 'better-sqlite3';
import { AppError } from '../platform/app-error';

export interface CopyProgress {
  totalPages: number;
  remainingPages: number;
}

export interface OnlineCopyOptions {
  /** Called after every step with the pages left; the final call has remainingPages 0. */
  onProgress?: (progress: CopyProgress) => void;
  /** Pages per step: 256 pages of 4 KiB is 1 MiB, a few milliseconds of work between two turns of the event loop. */
  pagesPerStep?: number;
  /** How long the destination may stay locked by another connection before we give up with DATABASE_BUSY. */
  busyTimeoutMs?: number;
  now?: () => number;
}

/**
 * Copies `source` (an open connection) into the file `destination`, creating or overwriting it.
 *
 * better-sqlite3 quirk handled here: when the very first step meets a locked destination (SQLITE_BUSY), its
 * loop sees "0 pages remaining" and resolves as if done, having copied nothing; a later BUSY step makes it
 * retry forever. So a result with 0 pages is refused, and a step that makes no progress for `busyTimeoutMs`
 * aborts the copy (the destination transaction rolls back).
 */
export async function copyDatabase(source: Database.Database, destination: string, options: OnlineCopyOptions = {}): Promise<CopyProgress> {
  const now = options.now ?? Date.now;
  const pagesPerStep = options.pagesPerStep ?? 256;
  const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
  let lastRemaining = Number.POSITIVE_INFINITY;
  let stalledSince = now();
  const result = await source.backup(destination, {
    progress: (progress) => {
      if (progress.remainingPages < lastRemaining) {
        lastRemaining = progress.remainingPages;
        stalledSince = now();
        options.onProgress?.(progress);
      } else if (now() - stalledSince > busyTimeoutMs) {
        // Thrown inside better-sqlite3's step loop: it closes the backup handle and rejects.
        throw new AppError('DATABASE_BUSY', 'The destination database stayed locked by another connection');
      }
      return pagesPerStep;
    },
  });
  if (result.totalPages === 0) throw new AppError('DATABASE_BUSY', 'The destination database was locked: nothing was copied');
  options.onProgress?.({ totalPages: result.totalPages, remainingPages: 0 });
  return result;
}
