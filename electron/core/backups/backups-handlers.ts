// Pure (Node). Handlers of the `backups` domain (administrators only; the contract says so and the dispatcher enforces it).
// Progress of a copy goes to the window that asked, as `backups:progress` events, at most once per percent.
// On PostgreSQL (`server` given) the list says so and « Exporter (pg_dump) » runs; every other channel reaches
// the SQLite service, which answers BACKUPS_SERVER_MANAGED without touching anything.
import type { BackupProgress } from '../../../shared/contract';
import type { backupsContract } from '../../../shared/backups/contract';
import { AppError } from '../kernel/platform/app-error';
import type { BackupService } from './backup-service';
import type { ServerBackupService } from './server-backup-service';
import type { EventSink } from '../kernel/sessions/session-registry';
import type { HandlerMap } from '../kernel/ipc/handler-types';

export function createBackupsHandlers(deps: { backups: BackupService; server: ServerBackupService | null; events: EventSink }): HandlerMap<keyof typeof backupsContract> {
  const progressTo = (windowId: string) => {
    let last = '';
    return (progress: BackupProgress) => {
      const percent = progress.totalPages ? Math.floor((100 * (progress.totalPages - progress.remainingPages)) / progress.totalPages) : 0;
      const key = `${progress.phase}:${percent}`;
      if (key === last) return;
      last = key;
      deps.events.send(windowId, 'backups:progress', progress);
    };
  };
  return {
    'backups:list': () => (deps.server ? deps.server.overview() : deps.backups.overview()),
    'backups:create': ({ session }) => deps.backups.createManual(session, progressTo(session.windowId)),
    'backups:check': ({ input, session }) => deps.backups.check(input.fileName, progressTo(session.windowId)),
    'backups:restore': ({ input, session }) => deps.backups.restore(input.fileName, session, progressTo(session.windowId)),
    'backups:export': ({ input, session }) => deps.backups.exportBackup(input.fileName, session),
    'backups:import': ({ session }) => deps.backups.importBackup(session),
    'backups:updateSettings': ({ input, session }) => deps.backups.updateSettings(input, session.userId),
    'backups:serverDump': ({ session }) => {
      if (!deps.server) throw new AppError('SERVER_DUMP_FAILED', 'pg_dump exports are for a PostgreSQL database; this one is SQLite', undefined, { reason: 'not-postgres' });
      return deps.server.dump(session.userId, progressTo(session.windowId));
    },
  };
}
