// Pure (Node). Handlers of the `backups` domain (administrators only; the contract says so and the dispatcher enforces it).
// Progress of a copy goes to the window that asked, as `backups:progress` events, at most once per percent.
import type { BackupProgress } from '../../../shared/contract';
import type { backupsContract } from '../../../shared/backups/contract';
import type { BackupService } from './backup-service';
import type { EventSink } from '../kernel/sessions/session-registry';
import type { HandlerMap } from '../kernel/ipc/handler-types';

export function createBackupsHandlers(deps: { backups: BackupService; events: EventSink }): HandlerMap<keyof typeof backupsContract> {
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
    'backups:list': () => deps.backups.overview(),
    'backups:create': ({ session }) => deps.backups.createManual(session, progressTo(session.windowId)),
    'backups:check': ({ input, session }) => deps.backups.check(input.fileName, progressTo(session.windowId)),
    'backups:restore': ({ input, session }) => deps.backups.restore(input.fileName, session, progressTo(session.windowId)),
    'backups:export': ({ input, session }) => deps.backups.exportBackup(input.fileName, session),
    'backups:import': ({ session }) => deps.backups.importBackup(session),
    'backups:updateSettings': ({ input, session }) => deps.backups.updateSettings(input, session.userId),
  };
}
