// Pure (Node). Backups and restore of the live SQLite database: the daily automatic copy, "Sauvegarder
// maintenant", checking a file, restoring it, carrying it away (export) and bringing one in (import).
// SQLite only: it works on the file through the raw connection (`Database.sqlite`). On PostgreSQL backups are
// the server's job (server-backup-service.ts); every operation here then answers BACKUPS_SERVER_MANAGED.
//
// One operation at a time (a backup, a check, a restore, an import): they queue. A restore never closes the
// live connection: it copies a checked, rebuilt copy of the backup (its rows in this app's own freshly migrated
// schema, see verify-backup.ts: a backup is data, never code) *into* it with SQLite's backup API (see
// db/online-copy.ts), so the repositories, prepared statements and the dispatcher built on that connection
// simply see the restored data.
// What the core derived from the old data in memory (the password pre-hash key, a sealed SMTP secret…) is
// refreshed by the `onRestored` listeners; sessions all end, so everyone signs in again.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {
  BackupInfo,
  BackupKind,
  BackupOverview,
  BackupProgress,
  BackupSettings,
  ExportOutcome,
  ImportOutcome,
  RestoreReport,
} from '../../../shared/contract';
import type { Database } from '../kernel/db/database';
import { backupSettingsSchema, DEFAULT_KEEP_AUTOMATIC } from '../../../shared/backups/contract';
import { SettingsSection } from '../kernel/settings/settings-section';
import { copyDatabase } from '../kernel/db/online-copy';
import { runDbJob } from '../kernel/db/run-db-job';
import type { VerifyBackupOutcome, VerifyStep } from './verify-backup';
import { openDatabaseFile, type Db } from '../kernel/db/open-database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { Logger } from '../kernel/platform/logger';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { BackupFileRepository } from './backup-file-repository';
import type { SettingsRepository } from '../kernel/settings/settings-repository';
import type { SessionRegistry } from '../kernel/sessions/session-registry';
import { BackupFolder, PARTIAL_SUFFIX } from './backup-folder';

export const DAY_MS = 24 * 3_600_000;
const SETTINGS_KEY = 'backups';

/**
 * How a backup leaves the PC or comes in. Electron main implements the dialogs; the browser harness, which
 * has no file dialogs, offers one-time HTTP addresses that send or receive the file's bytes.
 */
export interface BackupTransfers {
  /** A save dialog: the chosen path, or null if cancelled. */
  chooseExportPath?: (suggestedName: string, windowId: string) => Promise<string | null>;
  /** An open dialog: the chosen file, or null if cancelled. */
  chooseImportPath?: (windowId: string) => Promise<string | null>;
  /** An address the window can download `file` from, once. */
  offerDownload?: (file: string, fileName: string) => string;
  /** An address that accepts one file's bytes, saves them to a temporary file and hands it to `receive`. */
  offerUpload?: (receive: (tempFile: string) => Promise<BackupInfo>) => string;
}

export interface RestoredEvent {
  restored: BackupInfo;
  /** The schema version of the backup before any upgrade. */
  schemaVersion: number;
}

/** Who asked, for the audit log and for progress events. */
export interface Requester {
  userId: number;
  windowId: string;
}

export class BackupService {
  readonly folder: BackupFolder;
  /** The retention setting: defaults, validation and the audited change are the shared settings mechanism's. */
  private readonly retention: SettingsSection<BackupSettings>;
  private queue: Promise<unknown> = Promise.resolve();
  private busy: 'backup' | 'restore' | null = null;
  private restoring = false;
  private closed = false;
  private readonly restoredListeners: ((event: RestoredEvent) => unknown)[] = [];

  constructor(
    private readonly deps: {
      /** The core's database: its raw SQLite connection is what a backup copies and a restore writes into. */
      database: Database;
      /** The SQLite file; null on PostgreSQL. */
      databaseFile: string | null;
      backupDir: string;
      appSchemaVersion: number;
      settings: SettingsRepository;
      audit: AuditRepository;
      sessions: SessionRegistry;
      clock: Clock;
      logger: Logger;
      /** Brings the live database to the app's schema (with its own pre-migration backup); returns from/to. */
      upgrade: () => Promise<{ from: number; to: number }>;
      transfers: BackupTransfers;
      nativeBinding?: string;
      /** Steps of the online copy; tests make them small to see progress on a small database. */
      pagesPerStep?: number;
    },
  ) {
    this.folder = new BackupFolder(deps.backupDir, { appSchemaVersion: deps.appSchemaVersion, nativeBinding: deps.nativeBinding });
    this.retention = new SettingsSection({
      key: SETTINGS_KEY,
      schema: backupSettingsSchema,
      defaults: { keepAutomatic: DEFAULT_KEEP_AUTOMATIC },
      database: deps.database,
      settings: deps.settings,
      audit: deps.audit,
      clock: deps.clock,
    });
  }

  /** Called after every successful restore, once the restored data is migrated and before sessions end. */
  onRestored(listener: (event: RestoredEvent) => unknown): void {
    this.restoredListeners.push(listener);
  }

  /** True while a restore replaces the data: the dispatcher turns calls away and the timers skip their work. */
  isRestoring(): boolean {
    return this.restoring;
  }

  async overview(): Promise<BackupOverview> {
    this.live();
    return {
      engine: 'sqlite',
      folder: this.folder.dir,
      backups: this.folder.list(),
      settings: await this.getSettings(),
      appSchemaVersion: this.deps.appSchemaVersion,
      busy: this.busy,
      serverDumpAvailable: false,
    };
  }

  getSettings(): Promise<BackupSettings> {
    return this.retention.get();
  }

  /** Saves the retention and applies it at once: the automatic backups beyond it are deleted, oldest first. */
  async updateSettings(next: BackupSettings, actorUserId: number): Promise<{ settings: BackupSettings; pruned: number }> {
    this.live();
    await this.retention.update(next, actorUserId);
    const pruned = this.folder.prune('auto', next.keepAutomatic);
    if (pruned.length) this.deps.logger.info('Automatic backups pruned', { files: pruned });
    return { settings: next, pruned: pruned.length };
  }

  /** "Sauvegarder maintenant". */
  async createManual(by: Requester, onProgress?: (progress: BackupProgress) => void): Promise<BackupInfo> {
    this.live();
    const info = await this.exclusive('backup', () => this.copyLiveTo('manual', onProgress));
    await this.deps.audit.append({ eventType: 'backup.created', actorUserId: by.userId, details: { fileName: info.fileName, sizeBytes: info.sizeBytes } }, this.deps.clock.now());
    return info;
  }

  /**
   * The daily backup: made if the newest automatic one is 24 h old or more (or none exists, or its date is in
   * the future because the PC's clock was wrong), then the oldest beyond the retention are deleted.
   * Returns the new backup, or null if none was due.
   */
  async runDailyIfDue(): Promise<BackupInfo | null> {
    if (this.closed || this.restoring || !this.deps.database.sqlite) return null;
    return this.exclusive('backup', async () => {
      const now = this.deps.clock.now();
      const last = this.folder.list().find((info) => info.kind === 'auto');
      const due = !last || now - last.createdAt >= DAY_MS || last.createdAt > now + 3_600_000;
      if (!due) return null;
      const info = await this.copyLiveTo('auto');
      const pruned = this.folder.prune('auto', (await this.getSettings()).keepAutomatic);
      this.deps.logger.info('Automatic backup made', { fileName: info.fileName, sizeBytes: info.sizeBytes, pruned });
      return info;
    });
  }

  /** The full check "Restaurer" runs before asking for confirmation; throws BACKUP_INVALID or BACKUP_TOO_NEW. */
  async check(fileName: string, onProgress?: (progress: BackupProgress) => void): Promise<BackupInfo> {
    this.live();
    return this.exclusive(null, async () => {
      const staged = await this.stage(this.folder.pathOf(fileName), onProgress);
      removeDatabaseFiles(staged.file);
      return { ...this.folder.describe(fileName), schemaVersion: staged.schemaVersion, appVersion: staged.appVersion };
    });
  }

  /**
   * Restores `fileName` over the live database: checks it (on a private copy), backs the current data up
   * ("avant restauration"), copies it in, upgrades its schema if it is older, then ends every session.
   * If anything fails after the copy, the data as it was is put back.
   */
  async restore(fileName: string, by: Requester, onProgress?: (progress: BackupProgress) => void): Promise<RestoreReport> {
    this.live();
    return this.exclusive('restore', async () => {
      const source = this.folder.describe(fileName);
      const staged = await this.stage(this.folder.pathOf(fileName), onProgress);
      this.restoring = true;
      try {
        const preRestore = await this.copyLiveTo('pre-restore', onProgress);
        await this.copyIntoLive(staged.file, onProgress);
        let upgraded: { from: number; to: number };
        try {
          upgraded = await this.afterReplace({ restored: source, schemaVersion: staged.schemaVersion });
        } catch (error) {
          this.deps.logger.error('Restored data could not be brought up to date; putting the previous data back', { error: String(error) });
          await this.putBack(this.folder.pathOf(preRestore.fileName));
          throw error;
        }
        const report: RestoreReport = {
          restored: { ...source, schemaVersion: staged.schemaVersion, appVersion: staged.appVersion },
          preRestoreBackup: preRestore,
          migratedFrom: upgraded.from,
          migratedTo: upgraded.to,
        };
        // Into the restored database. No actor id: ids of the restored data may belong to someone else.
        await this.deps.audit.append(
          {
            eventType: 'backup.restored',
            actorUserId: null,
            subjectLabel: fileName,
            details: { fileName, preRestoreBackup: preRestore.fileName, migratedFrom: upgraded.from, migratedTo: upgraded.to, requestedByUserId: by.userId },
          },
          this.deps.clock.now(),
        );
        // Before the dispatcher lets calls in again: nobody goes on with a session opened on the old data.
        const ended = await this.deps.sessions.endEveryone('restored');
        this.deps.logger.info('Backup restored; every session ended', { fileName, ended });
        return report;
      } finally {
        removeDatabaseFiles(staged.file);
        this.restoring = false;
      }
    });
  }

  /** "Exporter vers…": a copy anywhere (a USB stick), through a save dialog or a download. */
  async exportBackup(fileName: string, by: Requester): Promise<ExportOutcome> {
    this.live();
    const file = this.folder.pathOf(fileName);
    const { chooseExportPath, offerDownload } = this.deps.transfers;
    if (chooseExportPath) {
      const target = await chooseExportPath(fileName, by.windowId);
      if (!target) return { outcome: 'cancelled' };
      if (path.resolve(target) !== file) {
        try {
          await fs.promises.copyFile(file, target);
        } catch (error) {
          // A stick pulled out halfway: no half file left behind that looks like a backup.
          await fs.promises.rm(target, { force: true }).catch(() => undefined);
          throw error;
        }
      }
      await this.deps.audit.append({ eventType: 'backup.exported', actorUserId: by.userId, details: { fileName, target } }, this.deps.clock.now());
      return { outcome: 'saved', path: target };
    }
    if (offerDownload) {
      await this.deps.audit.append({ eventType: 'backup.exported', actorUserId: by.userId, details: { fileName, target: 'download' } }, this.deps.clock.now());
      return { outcome: 'download', url: offerDownload(file, fileName), fileName };
    }
    throw new AppError('INTERNAL_ERROR', 'No way to export on this platform');
  }

  /** "Importer une sauvegarde…": a file from anywhere, checked, then copied into the folder as "importée". */
  async importBackup(by: Requester): Promise<ImportOutcome> {
    this.live();
    const { chooseImportPath, offerUpload } = this.deps.transfers;
    if (chooseImportPath) {
      const source = await chooseImportPath(by.windowId);
      if (!source) return { outcome: 'cancelled' };
      return { outcome: 'imported', backup: await this.importFile(source, by) };
    }
    if (offerUpload) return { outcome: 'upload', url: offerUpload((tempFile) => this.importFile(tempFile, by)) };
    throw new AppError('INTERNAL_ERROR', 'No way to import on this platform');
  }

  /** Checks `sourceFile` (anywhere, never modified) and keeps a checked copy in the folder. */
  async importFile(sourceFile: string, by: Requester): Promise<BackupInfo> {
    this.live();
    const info = await this.exclusive(null, async () => {
      const staged = await this.stage(sourceFile);
      const name = this.folder.freshName('imported', this.deps.clock.now());
      fs.renameSync(staged.file, path.join(this.folder.dir, name));
      return this.folder.describe(name);
    });
    await this.deps.audit.append({ eventType: 'backup.imported', actorUserId: by.userId, details: { fileName: info.fileName, sizeBytes: info.sizeBytes } }, this.deps.clock.now());
    return info;
  }

  /** Start-up housekeeping: copies interrupted by a crash are removed once clearly abandoned. */
  removeAbandonedPartials(): void {
    this.folder.removeAbandonedPartials(this.deps.clock.now());
  }

  /** The live connection closes right after: a copy in flight is abandoned (its partial file removed). */
  close(): void {
    this.closed = true;
  }

  // ---------------------------------------------------------------------------------------------------------

  /** The live SQLite connection and file; on PostgreSQL every operation stops here, saying whose job it is. */
  private live(): { sqlite: Db; file: string } {
    const { sqlite } = this.deps.database;
    if (!sqlite || !this.deps.databaseFile) {
      throw new AppError('BACKUPS_SERVER_MANAGED', 'Backups of a PostgreSQL database are made by its server, not by the application');
    }
    return { sqlite, file: this.deps.databaseFile };
  }

  /** Runs `task` after every queued operation, with `busy` showing what runs. */
  private exclusive<T>(kind: 'backup' | 'restore' | null, task: () => Promise<T>): Promise<T> {
    const run = async () => {
      if (this.closed) throw new AppError('DATABASE_BUSY', 'The application is closing');
      this.busy = kind;
      try {
        return await task();
      } finally {
        this.busy = null;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** An online copy of the live database into the folder: `.partial` first, single-file, then its final name. */
  private async copyLiveTo(kind: Exclude<BackupKind, 'other'>, onProgress?: (progress: BackupProgress) => void): Promise<BackupInfo> {
    this.folder.ensure();
    const name = this.folder.freshName(kind, this.deps.clock.now());
    const partial = this.folder.partialPathOf(name);
    try {
      await copyDatabase(this.live().sqlite, partial, {
        pagesPerStep: this.deps.pagesPerStep,
        onProgress: (progress) => onProgress?.({ phase: 'backup', ...progress }),
      });
      // The copy carries the live file's WAL flag: make it an ordinary rollback-journal file, complete by itself.
      this.withFile(partial, false, (file) => file.useRollbackJournal());
      fs.renameSync(partial, path.join(this.folder.dir, name));
    } catch (error) {
      removeDatabaseFiles(partial);
      if (!this.closed) this.deps.logger.error('Backup failed', { kind, error: String(error) });
      throw error;
    }
    return this.folder.describe(name);
  }

  /**
   * A private, checked, rebuilt copy of `sourceFile` in the folder, ready to restore: intact, a GMAO Atelier
   * database, a schema this app can run, with exactly the schema objects this app's migrations create for its
   * version (a trigger, view, table or column of its own is refused), and then rebuilt as rows copied into a
   * freshly migrated single file with the live database's page size (the backup API can't change the page size
   * of a WAL database). So only rows of the file ever reach the live database. The source itself is only read.
   * The checks and the rebuild run in a worker thread (verify-backup.ts): integrity_check alone takes seconds
   * on a large database, and main keeps serving the windows meanwhile.
   */
  private async stage(sourceFile: string, onProgress?: (progress: BackupProgress) => void): Promise<{ file: string; schemaVersion: number; appVersion: string | null }> {
    this.folder.ensure();
    const id = randomUUID();
    const copy = path.join(this.folder.dir, `verification-${id}.sqlite${PARTIAL_SUFFIX}`);
    const file = path.join(this.folder.dir, `restaurable-${id}.sqlite${PARTIAL_SUFFIX}`);
    try {
      await fs.promises.copyFile(sourceFile, copy);
      // A WAL file copied by hand with its -wal beside it: the committed pages in there belong to it.
      if (fs.existsSync(`${sourceFile}-wal`)) await fs.promises.copyFile(`${sourceFile}-wal`, `${copy}-wal`);
      const outcome = await runDbJob<VerifyBackupOutcome, VerifyStep>(
        'verify-backup',
        {
          stagedFile: copy,
          cleanFile: file,
          appSchemaVersion: this.deps.appSchemaVersion,
          livePageSize: new BackupFileRepository(this.live().sqlite).pageSize(),
          nativeBinding: this.deps.nativeBinding,
        },
        (step) => onProgress?.({ phase: 'check', totalPages: step.total, remainingPages: step.total - step.done }),
      );
      if (!outcome.ok) {
        this.deps.logger.warn('Backup refused', { source: path.basename(sourceFile), code: outcome.code, details: outcome.details, ...outcome.log });
        throw new AppError(outcome.code, outcome.message, undefined, outcome.details);
      }
      return { file, schemaVersion: outcome.schemaVersion, appVersion: outcome.appVersion };
    } catch (error) {
      removeDatabaseFiles(file);
      if (error instanceof AppError) throw error;
      this.deps.logger.warn('Backup refused: unreadable', { source: path.basename(sourceFile), error: String(error) });
      throw invalid('unreadable');
    } finally {
      removeDatabaseFiles(copy);
    }
  }

  /** Copies a checked file over the live database in one SQLite write transaction. */
  private async copyIntoLive(file: string, onProgress?: (progress: BackupProgress) => void): Promise<void> {
    const source = openDatabaseFile({ file, readonly: true, nativeBinding: this.deps.nativeBinding });
    try {
      await copyDatabase(source, this.live().file, {
        pagesPerStep: this.deps.pagesPerStep,
        onProgress: (progress) => onProgress?.({ phase: 'restore', ...progress }),
      });
    } finally {
      source.close();
    }
  }

  /** Migrations, then every listener (password key, secrets…), on the data just copied in. */
  private async afterReplace(event: RestoredEvent): Promise<{ from: number; to: number }> {
    const upgraded = await this.deps.upgrade();
    for (const listener of this.restoredListeners) {
      try {
        await listener(event);
      } catch (error) {
        // The data is restored and consistent; a listener that fails must say so in its own domain later.
        this.deps.logger.error('A restore listener failed', { error: String(error) });
      }
    }
    return upgraded;
  }

  /** The restored data could not be made usable: the pre-restore copy goes back in, as it was. */
  private async putBack(preRestoreFile: string): Promise<void> {
    await this.copyIntoLive(preRestoreFile);
    await this.afterReplace({ restored: this.folder.describe(path.basename(preRestoreFile)), schemaVersion: this.deps.appSchemaVersion });
  }

  private withFile<T>(file: string, readonly: boolean, work: (copy: BackupFileRepository) => T): T {
    const db = openDatabaseFile({ file, readonly, nativeBinding: this.deps.nativeBinding });
    try {
      return work(new BackupFileRepository(db));
    } finally {
      db.close();
    }
  }
}

function invalid(reason: 'unreadable'): AppError {
  return new AppError('BACKUP_INVALID', `Not a valid GMAO Atelier backup: ${reason}`, undefined, { reason });
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}
