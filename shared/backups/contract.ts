// Pure. The `backups` domain (administrators only): the "Sauvegardes" screen — list, back up now, restore,
// export, import, retention. Progress is pushed with the `backups:progress` event (events.ts).
import { z } from 'zod';
import { channel } from '../contract/channel';
import type { ChannelSpec } from '../contract/channel';

/**
 * auto: the daily one (pruned to the retention setting). manual: "Sauvegarder maintenant".
 * pre-migration: taken before a schema upgrade. pre-restore: the database as it was just before a restore.
 * imported: a file brought in with "Importer une sauvegarde…". other: any .sqlite file put in the folder by hand.
 * Only `auto` backups are pruned; every other kind stays until someone deletes it.
 */
export const BACKUP_KINDS = ['auto', 'manual', 'pre-migration', 'pre-restore', 'imported', 'other'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** What the file itself says, read from its name and its SQLite header (true even for a file copied in by hand). */
export interface BackupInfo {
  fileName: string;
  kind: BackupKind;
  /** From the file name; the file's modification time for a file named by hand. */
  createdAt: number;
  sizeBytes: number;
  /** PRAGMA user_version of the copy; null when the file is not an SQLite database. */
  schemaVersion: number | null;
  /** The app version that wrote it (its `app.version` setting), when readable. */
  appVersion: string | null;
  /** A quick verdict from the header; "Restaurer" runs the full check (integrity, tables) anyway. */
  state: 'ok' | 'too-new' | 'unreadable';
}

export const BACKUP_RETENTION_BOUNDS = { min: 1, max: 365 } as const;
export const DEFAULT_KEEP_AUTOMATIC = 14;

export const backupSettingsSchema = z.object({
  keepAutomatic: z
    .number({ error: 'validation.number' })
    .int('validation.number')
    .min(BACKUP_RETENTION_BOUNDS.min, 'validation.outOfRange')
    .max(BACKUP_RETENTION_BOUNDS.max, 'validation.outOfRange'),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export interface BackupOverview {
  /**
   * Where the data is. sqlite: the app backs it up (everything below applies). postgres: backups are the
   * server's job; the screen explains it instead of the list, and offers a pg_dump export when it can.
   */
  engine: 'sqlite' | 'postgres';
  /** PostgreSQL: pg_dump was found on this PC's PATH, so « Exporter (pg_dump) » is offered. Always false on SQLite. */
  serverDumpAvailable: boolean;
  /** The folder on this PC, so IT knows where to look (on PostgreSQL, where a pg_dump export is written). */
  folder: string;
  /** Newest first. */
  backups: BackupInfo[];
  settings: BackupSettings;
  /** The schema version this app runs: a backup above it can't be restored. */
  appSchemaVersion: number;
  /** A backup or restore under way (started by anyone), so a reopened screen shows it. */
  busy: 'backup' | 'restore' | null;
}

export interface RestoreReport {
  restored: BackupInfo;
  /** The copy of the database as it was just before, in case the restore was a mistake. */
  preRestoreBackup: BackupInfo;
  /** Schema upgrade run on the restored data (from < to), or equal numbers. */
  migratedFrom: number;
  migratedTo: number;
}

/** saved: Electron wrote the copy where the user chose. download: the browser harness offers the file's bytes. */
export type ExportOutcome = { outcome: 'saved'; path: string } | { outcome: 'cancelled' } | { outcome: 'download'; url: string; fileName: string };

/** A pg_dump export of the PostgreSQL database (custom format, for pg_restore), written in the backups folder. */
export interface ServerDumpOutcome {
  fileName: string;
  /** The full path, so IT can find it. */
  path: string;
  sizeBytes: number;
}

export type ImportOutcome = { outcome: 'imported'; backup: BackupInfo } | { outcome: 'cancelled' } | { outcome: 'upload'; url: string };

const ADMIN = ['admin'] as const;
// A bare file name from the list: never a path (main re-checks it is a plain name inside the folder).
const fileNameInput = z.object({ fileName: z.string().min(1).max(255) });

export const backupsContract = {
  'backups:list': channel<BackupOverview>()({ input: z.undefined(), access: ADMIN }),
  /** "Sauvegarder maintenant": answers when the copy is complete; progress comes as events meanwhile. */
  'backups:create': channel<BackupInfo>()({ input: z.undefined(), access: ADMIN }),
  /** The full check "Restaurer" runs before asking for confirmation: BACKUP_INVALID or BACKUP_TOO_NEW if it fails. */
  'backups:check': channel<BackupInfo>()({ input: fileNameInput, access: ADMIN }),
  /** Checks again, backs the current database up, restores, then ends every session. */
  'backups:restore': channel<RestoreReport>()({ input: fileNameInput, access: ADMIN }),
  'backups:export': channel<ExportOutcome>()({ input: fileNameInput, access: ADMIN }),
  /** Electron: an open dialog, then the file is checked and copied in. Browser harness: an upload address. */
  'backups:import': channel<ImportOutcome>()({ input: z.undefined(), access: ADMIN }),
  'backups:updateSettings': channel<{ settings: BackupSettings; pruned: number }>()({ input: backupSettingsSchema, access: ADMIN }),
  /**
   * PostgreSQL only: « Exporter (pg_dump) », a dump of the app's schema into the backups folder, with progress
   * (phase `server-dump`, one step per table). SERVER_DUMP_FAILED if pg_dump is missing or fails, or on SQLite.
   * Every other channel but `backups:list` answers BACKUPS_SERVER_MANAGED on PostgreSQL.
   */
  'backups:serverDump': channel<ServerDumpOutcome>()({ input: z.undefined(), access: ADMIN }),
} satisfies Record<string, ChannelSpec>;
