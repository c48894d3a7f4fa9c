// Pure (Node). Handlers of the `app` domain: start-up state and the About screen.
import type { AboutInfo, DataDirMode, OpenFolderResult } from '../../../shared/contract';
import type { appContract } from '../../../shared/app/contract';
import type { AuthService } from '../auth';
import { toSessionUser } from '../kernel/identity/session-user';
import type { Clock } from '../kernel/platform/clock';
import type { Logger } from '../kernel/platform/logger';
import type { HandlerMap } from '../kernel/ipc/handler-types';

/** Opens a folder in the system's file manager (Electron: shell.openPath). The harness has none. */
export type OpenPath = (folder: string) => Promise<{ ok: true } | { ok: false; reason: 'unavailable' | 'failed' }>;

export interface AboutFacts {
  dataDir: string;
  dataMode: DataDirMode;
  configFile: string | null;
  logDir: string;
  schemaVersion: () => Promise<number>;
  /** The engine, and where the data is with any password already hidden (Database.location). */
  database: { engine: 'sqlite' | 'postgres'; location: string };
  versions: { electron?: string; chrome?: string; node?: string };
  platform: string;
  arch: string;
}

/** A renderer stuck in an error loop must not fill the disk: at most this many reports per window and minute. */
export const REPORTS_PER_MINUTE = 10;

export function createAppHandlers(deps: {
  auth: AuthService;
  appVersion: string;
  about: AboutFacts;
  openPath: OpenPath;
  logger: Logger;
  clock: Clock;
}): HandlerMap<keyof typeof appContract> {
  const reports = new Map<string, number[]>();
  return {
    'app:getState': async ({ session }) => ({
      needsSetup: await deps.auth.needsSetup(),
      user: session ? toSessionUser(session.user) : null,
      version: deps.appVersion,
    }),
    'app:getAbout': async ({ session }): Promise<AboutInfo> => {
      const admin = session.user.role === 'admin';
      const { about } = deps;
      return {
        version: deps.appVersion,
        runtime: {
          electron: about.versions.electron ?? null,
          chrome: about.versions.chrome ?? null,
          node: about.versions.node ?? 'inconnue',
          platform: about.platform,
          arch: about.arch,
        },
        schemaVersion: await about.schemaVersion(),
        database: { engine: about.database.engine, location: admin ? about.database.location : null },
        dataMode: about.dataMode,
        dataDir: admin ? about.dataDir : null,
        configFile: admin ? about.configFile : null,
        logDir: admin ? about.logDir : null,
      };
    },
    'app:openLogFolder': async ({ session }): Promise<OpenFolderResult> => {
      const folder = deps.about.logDir;
      const result = await deps.openPath(folder);
      deps.logger.info('Log folder open requested', { userId: session.userId, opened: result.ok });
      return { opened: result.ok, path: folder, reason: result.ok ? null : result.reason };
    },
    'app:reportError': ({ input, sender, session }) => {
      const now = deps.clock.now();
      const recent = (reports.get(sender.windowId) ?? []).filter((at) => at > now - 60_000);
      if (recent.length >= REPORTS_PER_MINUTE) return null;
      recent.push(now);
      reports.set(sender.windowId, recent);
      deps.logger.error('Renderer error', { windowId: sender.windowId, userId: session?.userId ?? null, ...input });
      return null;
    },
  };
}
