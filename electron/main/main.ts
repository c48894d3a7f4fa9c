// Main (imports electron). App lifecycle only: everything else is in the core, shared with the harness.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, type BrowserWindow, dialog, powerMonitor, shell } from 'electron';
import { runRecoveryCli } from '../core/approval/recovery-cli';
import { OS_EVENTS } from '../core/kernel/sessions/os-events';
import { createCore, LOG_DIR_NAME } from '../core/create-core';
import type { Dispatcher } from '../core/kernel/ipc/dispatcher';
import type { OsEvent } from '../core/kernel/sessions/os-events';
import { resolveSiteClientMode, type SiteClientMode } from '../core/site/client/client-mode';
import { createElectronPdfPrinter } from './electron-pdf-printer';
import { DatabaseTooNewError } from '../core/kernel/db/migrate';
import { readCommandLine } from '../core/kernel/platform/command-line';
import { configFileCandidates, DataLocationError, resolveDataLocation, type DataLocation } from '../core/kernel/platform/data-dir';
import { resolveDatabaseLocation } from '../core/kernel/platform/database-location';
import { DatabaseUnreachableError } from '../core/kernel/db/database';
import { COMMON_PASSWORDS_FILE } from '../core/auth/common-passwords';
import { createFileKeySecretStore } from '../core/email/file-key-secret-store';
import { createNodemailerTransportFactory } from '../core/email/nodemailer-transport';
import { createFileLogger, isLogLevel, logFileNameFor, type FileLogger } from '../core/kernel/platform/file-logger';
import { bundledResourcesDir } from '../core/kernel/platform/resources-dir';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { electronEventSink, registerIpc } from './ipc-registration';
import { createMainWindow, hardenWebContents, preloadPath } from './main-window';
import { backupDialogs, createElectronSecretStore, installCrashHandler, registerDeepLinks } from './os-services';
import { relaunchAsClientPc, startSiteClientHost } from './site-client-host';
import { runSiteServerCli } from '../server/server-cli';

/** What serves the window: the whole core (poste autonome), or a client PC's core forwarding to its site server. */
interface MainHost {
  dispatcher: Dispatcher;
  osEvent(event: OsEvent): Promise<void>;
  forgetWindow(windowId: string): void;
  close(): Promise<void>;
}

// Bundled to dist/electron/main.cjs; the renderer build sits beside it in dist/renderer.
const distDir = __dirname;
const rendererDir = path.join(distDir, '..', 'renderer');

let logger: FileLogger | null = null;
let started = false;
installCrashHandler({ logger: () => logger, state: () => ({ started, logDir: logger?.dir ?? null }) });

// A command line that carries a gmao-atelier: link (an email's reset link) obeys none of our flags: the link's
// text is not ours, and must not switch the data folder or issue a recovery code (core/platform/command-line.ts).
const commandLine = readCommandLine(process.argv);

if (commandLine.issueRecoveryCode) {
  // IT's last-administrator recovery code: printed on stdout, then exit. No window, no single-instance lock
  // (the app may be running); the logic is in the core (approval/recovery-cli.ts). It opens what the app would
  // (the same gmao-atelier.json: a shared PC's folder, a site's PostgreSQL) and never rejects: a refused data
  // folder, a broken config file or an unreachable server is said in French on stderr, exit code 1.
  void runRecoveryCli({
    argv: commandLine.appArgv,
    env: process.env,
    defaultDataDir: app.getPath('userData'),
    configFiles: configFileCandidates({ exePath: app.getPath('exe'), env: process.env }),
    readFile: (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    nativeBinding: app.isPackaged ? undefined : process.env.GMAO_SQLITE_BINDING,
  }).then((exitCode) => app.exit(exitCode));
} else if (commandLine.runSiteServer) {
  // Serveur de site (issue 16): the same executable, headless, started by the Windows boot task or the systemd unit.
  // No window and no single-instance lock (a PC may also run the desktop app); the logic is in
  // electron/server/server-cli.ts, shared with `npm run server`. Its French output goes to stdout/stderr.
  // Printing (OT sheets, labels) needs Electron ready: the client PCs' sheets are printed here by printToPDF. Each
  // print's hidden window closes after it: without this listener Electron would quit once the last one closed.
  app.on('window-all-closed', () => undefined);
  void app
    .whenReady()
    .then(() =>
      runSiteServerCli(commandLine.appArgv, process.env, {
        defaultDataDir: app.getPath('userData'),
        resourcesDir: bundledResourcesDir({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() }),
        appVersion: app.getVersion(),
        pdfPrinter: createElectronPdfPrinter(),
      }),
    )
    .then(
    (exitCode) => app.exit(exitCode),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      app.exit(1);
    },
  );
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let mainWindow: BrowserWindow | null = null;
  let core: MainHost | null = null;
  /** A `gmao-atelier://reset?token=…` received before the window could show it; handed over once it has loaded. */
  let pendingResetToken: string | null = null;
  const deliverResetLink = () => {
    if (!pendingResetToken || !mainWindow || mainWindow.isDestroyed() || mainWindow.webContents.isLoading()) return;
    electronEventSink.send(String(mainWindow.webContents.id), 'reset:link', { token: pendingResetToken });
    pendingResetToken = null;
  };

  // Which folder, and why: --data-dir, GMAO_DATA_DIR, gmao-atelier.json beside the executable, or per user.
  let location: DataLocation | null = null;
  // And which engine: SQLite in that folder, or PostgreSQL by --database-url, GMAO_DATABASE_URL or "databaseUrl".
  let databaseUrl: string | null = null;
  // And whether it is a client PC of a site server ("server" in that file, or enrolled from the first-run screen).
  let siteMode: SiteClientMode = { mode: 'standalone' };
  try {
    const configFiles = configFileCandidates({ exePath: app.getPath('exe'), env: process.env });
    const readFile = (file: string) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    };
    location = resolveDataLocation({ argv: commandLine.appArgv, env: process.env, defaultDir: app.getPath('userData'), configFiles, readFile });
    siteMode = resolveSiteClientMode({ dataDir: location.dir, configFiles, readFile });
    if (siteMode.mode === 'standalone') databaseUrl = resolveDatabaseLocation({ argv: commandLine.appArgv, env: process.env, configFiles, readFile }).url;
  } catch (error) {
    // A broken config file or a refused folder (a network share): the core's French message as is.
    dialog.showErrorBox('GMAO Atelier', error instanceof DataLocationError ? error.message : `Configuration illisible : ${String(error)}`);
    app.exit(1);
  }

  if (location) {
    const shared = location.mode === 'shared';
    // Shared folder on Linux: files stay writable by the group every account of the PC belongs to
    // (the folder itself is prepared by IT, see docs/release-checklist.md). Windows inherits the folder's ACL.
    if (shared && process.platform !== 'win32') process.umask(0o002);
    const logDir = path.join(location.dir, LOG_DIR_NAME);
    logger = createFileLogger({
      dir: logDir,
      fileName: logFileNameFor({ shared, account: os.userInfo().username }),
      minLevel: isLogLevel(process.env.GMAO_LOG_LEVEL) ? process.env.GMAO_LOG_LEVEL : 'info',
      mirrorToStderr: !app.isPackaged,
    });
    if (commandLine.ignoredFlags.length > 0) {
      logger.warn('Command-line flags ignored: the command line carries a gmao-atelier: link', { flags: commandLine.ignoredFlags });
    }
    logger.info('GMAO Atelier starting', {
      version: app.getVersion(),
      electron: process.versions.electron,
      platform: `${process.platform}-${process.arch}`,
      dataDir: location.dir,
      dataMode: location.mode,
      configFile: location.configFile,
      siteMode: siteMode.mode,
    });
    const found = location;
    const log = logger;
    // A packaging mistake shows up in the log at once rather than as a silent weaker password policy.
    const resourcesDir = bundledResourcesDir({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });
    if (!fs.existsSync(path.join(resourcesDir, COMMON_PASSWORDS_FILE))) log.error('Bundled resource missing', { file: path.join(resourcesDir, COMMON_PASSWORDS_FILE) });

    app.on('second-instance', () => {
      if (mainWindow) {
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.focus();
      }
    });

    const database = databaseUrl;
    const site = siteMode;
    app.whenReady().then(async () => {
      try {
        // The SMTP password and queued codes (poste autonome), or this PC's site credential (client), are sealed by
        // the OS keyring (file-key fallback without one).
        const secretStore = createElectronSecretStore(createFileKeySecretStore(found.dir), log);
        if (site.mode === 'client') {
          // A shared PC's folder serves every OS account of the PC, and safeStorage's key is one account's: there the
          // PC's credential is sealed with the folder's own key file (the folder's ACL, set by IT, protects it), so
          // whoever opens a session on the PC reaches the server as the same enrolled PC.
          const clientSecrets = found.mode === 'shared' ? createFileKeySecretStore(found.dir) : secretStore;
          const client = await startSiteClientHost({ dataDir: found.dir, serverUrl: site.serverUrl, logger: log, secretStore: clientSecrets });
          core = { dispatcher: client.dispatcher, osEvent: client.osEvent, forgetWindow: client.forgetWindow, close: client.close };
        } else {
          const local = await createCore({
            dataDir: found.dir,
            databaseUrl: database,
            dataMode: found.mode,
            dataConfigFile: found.configFile,
            appVersion: app.getVersion(),
            workstationName: os.hostname(),
            resourcesDir,
            trustedOrigins: [APP_ORIGIN],
            events: electronEventSink,
            logger: log,
            logDir,
            pdfPrinter: createElectronPdfPrinter(),
            openPath: async (folder) => {
              fs.mkdirSync(folder, { recursive: true });
              // shell.openPath answers an error message, or '' when the folder was opened.
              return (await shell.openPath(folder)) === '' ? { ok: true } : { ok: false, reason: 'failed' };
            },
            // Only development runs use a separately built binary (see docs/native-modules.md); packaged apps
            // carry an Electron build of better-sqlite3 in the usual place.
            nativeBinding: app.isPackaged ? undefined : process.env.GMAO_SQLITE_BINDING,
            // Input anywhere on the PC (another application) also proves someone is there.
            systemIdleMs: () => powerMonitor.getSystemIdleTime() * 1000,
            backupTransfers: backupDialogs(() => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null)),
            secretStore,
            mailTransport: createNodemailerTransportFactory(),
            // First run: « Se connecter à un serveur de site » enrols this PC, then it starts again as a client PC.
            site: { enrol: { onEnrolled: relaunchAsClientPc, secretStore } },
          });
          core = { dispatcher: local.dispatcher, osEvent: local.osEvent, forgetWindow: (windowId) => local.sessions.forgetWindow(windowId), close: local.close };
        }
      } catch (error) {
        log.error('Start-up failed', { error });
        dialog.showErrorBox('GMAO Atelier', startupErrorMessage(error, found.dir));
        app.exit(1);
        return;
      }
      const ready = core;
      // Reset links from emails: the token is kept until the forgot-password screen takes it.
      registerDeepLinks((token) => {
        pendingResetToken = token;
        mainWindow?.focus();
        deliverResetLink();
      });
      for (const event of OS_EVENTS) powerMonitor.on(event as 'suspend', () => void ready.osEvent(event).catch((error: unknown) => log.error('OS event handling failed', { event, error })));
      hardenWebContents();
      serveRenderer(rendererDir);
      registerIpc(core.dispatcher, (id) => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.webContents.id === id);
      mainWindow = createMainWindow(preloadPath(distDir), log);
      const windowId = String(mainWindow.webContents.id);
      mainWindow.webContents.on('did-finish-load', deliverResetLink);
      mainWindow.on('closed', () => {
        core?.forgetWindow(windowId);
        mainWindow = null;
      });
      started = true;
    });

    app.on('child-process-gone', (_event, details) => log.warn('Child process gone', { type: details.type, reason: details.reason }));
    app.on('window-all-closed', () => app.quit());
    app.on('will-quit', () => {
      log.info('GMAO Atelier quitting');
      void core?.close();
    });
  }
}

function startupErrorMessage(error: unknown, dataDir: string): string {
  if (error instanceof DatabaseTooNewError) {
    return `Cette base de données a été créée par une version plus récente de GMAO Atelier (schéma ${error.found} ; cette version gère jusqu'au schéma ${error.supported}).\n\nMettez l'application à jour. Dossier de données : ${dataDir}`;
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return `GMAO Atelier ne peut pas écrire dans le dossier de données ${dataDir}.\n\nSur un poste partagé, ce dossier doit être accessible en écriture à tous les comptes : demandez à votre service informatique de vérifier ses droits.`;
  }
  if (error instanceof DatabaseUnreachableError) {
    return `${error.message}\n\nVérifiez que le serveur PostgreSQL est démarré et joignable depuis ce poste, puis relancez GMAO Atelier.`;
  }
  if (code?.startsWith('SQLITE_BUSY')) {
    return `La base de données de ${dataDir} est occupée par une autre session de GMAO Atelier depuis trop longtemps.\n\nRéessayez dans un instant.`;
  }
  return `Impossible d'ouvrir la base de données dans ${dataDir}.\n\n${error instanceof Error ? error.message : String(error)}`;
}
