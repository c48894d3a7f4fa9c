// Pure (Node). What other domains may use of `backups`.
export { createBackupsModule, type BackupsModule } from './backups-module';
export type { BackupService, BackupTransfers } from './backup-service';
export { backupBeforeMigration } from './pre-migration-backup';
