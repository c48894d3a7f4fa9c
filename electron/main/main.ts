// Main (imports electron). App lifecycle only: everything else is in the core, shared with the harness.
import os from 'node:os';
import path from 'node:path';
import { app, type BrowserWindow, dialog, powerMonitor } from 'electron';
import { RECOVERY_FLAG, runRecoveryCli } from '../core/approval/recovery-cli';
import { OS_EVENTS } from '../core/sessions/os-events';
import { createCore, type Core } from '../core/create-core';
import { DatabaseTooNewError } from '../core/db/migrate';
import { resolveDataDir } from '../core/platform/data-dir';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { electronEventSink, registerIpc } from './ipc-registration';
import { createMainWindow, hardenWebContents, preloadPath } from './main-window';

// Bundled to dist/electron/main.cjs; the renderer build sits beside it in dist/renderer.
const distDir = __dirname;
const rendererDir = path.join(distDir, '..', 'renderer');

if (process.argv.includes(RECOVERY_FLAG)) {
  // IT's last-administrator recovery code: printed on stdout, then exit. No window, no single-instance lock
  // (the app may be running); the logic is in the core (approval/recovery-cli.ts).
  app.exit(
    runRecoveryCli({
      argv: process.argv,
      env: process.env,
      defaultDataDir: app.getPath('userData'),
      nativeBinding: app.isPackaged ? undefined : process.env.GMAO_SQLITE_BINDING,
    }),
  );
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let mainWindow: BrowserWindow | null = null;
  let core: Core | null = null;

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.whenReady().then(() => {
    const dataDir = resolveDataDir({ argv: process.argv, env: process.env, defaultDir: app.getPath('userData') });
    try {
      core = createCore({
        dataDir,
        appVersion: app.getVersion(),
        workstationName: os.hostname(),
        // Packaged: electron-builder copies resources/ beside the asar (extraResources). Development: the repo's.
        resourcesDir: app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources'),
        trustedOrigins: [APP_ORIGIN],
        events: electronEventSink,
        // Only development runs use a separately built binary (see docs/native-modules.md); packaged apps
        // carry an Electron build of better-sqlite3 in the usual place.
        nativeBinding: app.isPackaged ? undefined : process.env.GMAO_SQLITE_BINDING,
        // Input anywhere on the PC (another application) also proves someone is there.
        systemIdleMs: () => powerMonitor.getSystemIdleTime() * 1000,
      });
    } catch (error) {
      dialog.showErrorBox('GMAO Atelier', startupErrorMessage(error, dataDir));
      app.quit();
      return;
    }
    const started = core;
    for (const event of OS_EVENTS) powerMonitor.on(event as 'suspend', () => started.osEvent(event));
    hardenWebContents();
    serveRenderer(rendererDir);
    registerIpc(core.dispatcher, (id) => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.webContents.id === id);
    mainWindow = createMainWindow(preloadPath(distDir));
    const windowId = String(mainWindow.webContents.id);
    mainWindow.on('closed', () => {
      core?.sessions.forgetWindow(windowId);
      mainWindow = null;
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());
}

function startupErrorMessage(error: unknown, dataDir: string): string {
  if (error instanceof DatabaseTooNewError) {
    return `Cette base de données a été créée par une version plus récente de GMAO Atelier (schéma ${error.found} ; cette version gère jusqu'au schéma ${error.supported}).\n\nMettez l'application à jour. Dossier de données : ${dataDir}`;
  }
  return `Impossible d'ouvrir la base de données dans ${dataDir}.\n\n${error instanceof Error ? error.message : String(error)}`;
}
