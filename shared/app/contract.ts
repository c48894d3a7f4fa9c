// Pure. The `app` domain: what the renderer asks at start-up, and the About screen ("À propos").
import { z } from 'zod';
import { channel } from '../contract/channel';
import type { SessionUser } from '../auth/contract';

export interface AppState {
  /** True until the first administrator exists: the app shows the setup screen. */
  needsSetup: boolean;
  /** The signed-in user of *this* window, or null. */
  user: SessionUser | null;
  version: string;
}

/**
 * Why the data folder is the one in use: `--data-dir` (argument), GMAO_DATA_DIR (environment), the
 * machine-wide folder chosen by gmao-atelier.json beside the executable (shared), an explicit folder in
 * that file (configured), or the per-user folder (user).
 */
export type DataDirMode = 'argument' | 'environment' | 'shared' | 'configured' | 'user';

export interface AboutInfo {
  version: string;
  /** Runtime versions; electron and chrome are null in the browser harness. */
  runtime: { electron: string | null; chrome: string | null; node: string; platform: string; arch: string };
  schemaVersion: number;
  /** Which engine holds the data; where (the SQLite file, or the PostgreSQL URL with its password hidden) for administrators only. */
  database: { engine: 'sqlite' | 'postgres'; location: string | null };
  dataMode: DataDirMode;
  /** Folders and files are shown to administrators only: null for the other roles. */
  dataDir: string | null;
  configFile: string | null;
  logDir: string | null;
}

export interface OpenFolderResult {
  opened: boolean;
  /** The folder, so that the screen can show it when it could not be opened. */
  path: string;
  /** Why it was not opened: the browser harness can't open folders, or the system refused. */
  reason: 'unavailable' | 'failed' | null;
}

export const appContract = {
  'app:getState': channel<AppState>()({ input: z.undefined(), access: 'public' }),
  'app:getAbout': channel<AboutInfo>()({ input: z.undefined(), access: 'authenticated' }),
  // Opening a file manager from the app is a way out of it: administrators only.
  'app:openLogFolder': channel<OpenFolderResult>()({ input: z.undefined(), access: ['admin'] }),
  // The renderer's error boundary reports what broke, for the log (even before login: public, bounded, rate-limited).
  'app:reportError': channel<null>()({
    input: z.object({
      message: z.string().max(2000),
      stack: z.string().max(8000).optional(),
      componentStack: z.string().max(8000).optional(),
    }),
    access: 'public',
  }),
};
