// Main (imports electron). What main asks of the operating system, each a thin adapter around a pure core
// piece: the keyring (safeStorage), file dialogs, the gmao-atelier:// links and the crash dialog. Everything
// that decides something lives in electron/core and is tested under Node.
import path from 'node:path';
import { app, dialog, safeStorage, type BrowserWindow } from 'electron';
import type { BackupTransfers } from '../core/backups/backup-service';
import { DEEP_LINK_SCHEME, parseDeepLink } from '../core/email/one-time-codes';
import { secretUnavailable, type SecretStore } from '../core/email/secret-store';
import { systemClock } from '../core/kernel/platform/clock';
import { CrashPolicy, type CrashKind } from '../core/kernel/platform/crash-policy';
import type { Logger } from '../core/kernel/platform/logger';

// --- The secret store ---
// Seals secrets with Electron's safeStorage (DPAPI on Windows, Keychain on macOS,
// libsecret/kwallet on Linux). Where the OS offers no real keyring (Linux "basic_text", or encryption not
// available), it falls back to the file-key store and says so in the log. Values sealed by either are opened
// by prefix; one that this computer can't open (a database restored on another PC) is SECRET_UNAVAILABLE.
const PREFIX = 'ss1:';

export function createElectronSecretStore(fallback: SecretStore, logger: Logger): SecretStore {
  let warned = false;
  // Only valid after app 'ready'; callers create the core after it.
  const usable = () => {
    const ok = safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
    if (!ok && !warned) {
      warned = true;
      logger.warn('No OS keyring for safeStorage: secrets are sealed with the file-key fallback (see docs/email.md)');
    }
    return ok;
  };
  return {
    get kind() {
      return usable() ? 'safeStorage' : fallback.kind;
    },
    seal(plain) {
      return usable() ? PREFIX + safeStorage.encryptString(plain).toString('base64') : fallback.seal(plain);
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) return fallback.open(sealed);
      if (!safeStorage.isEncryptionAvailable()) throw secretUnavailable('safeStorage is not available');
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
      } catch {
        throw secretUnavailable('safeStorage could not decrypt it');
      }
    },
  };
}

// --- Backup file dialogs ---
// The save and open dialogs behind "Exporter vers…" and "Importer une sauvegarde…".
// The core copies and checks the files; this only asks the user where, attached to our window.
const FILTERS = [{ name: 'Sauvegarde GMAO Atelier', extensions: ['sqlite'] }];

export function backupDialogs(getWindow: () => BrowserWindow | null): BackupTransfers {
  return {
    async chooseExportPath(suggestedName) {
      const window = getWindow();
      const options = {
        title: 'Exporter la sauvegarde',
        // Documents first; a USB stick is one click away in the dialog's side bar.
        defaultPath: path.join(app.getPath('documents'), suggestedName),
        buttonLabel: 'Exporter',
        filters: FILTERS,
      };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseImportPath() {
      const window = getWindow();
      const options = { title: 'Importer une sauvegarde', buttonLabel: 'Importer', filters: FILTERS, properties: ['openFile' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
  };
}

// --- Reset links ---
// The `gmao-atelier://reset?token=…` links of reset and invitation emails.
// Windows and Linux start a second instance with the URL in its argv (the single-instance lock hands it to us
// through 'second-instance'); macOS sends 'open-url'. Limits (see docs/email.md): the scheme is registered
// when the app runs (packaged installs also declare it in the installer), Linux needs a .desktop file with the
// MimeType, and webmail in a browser may refuse to open a custom scheme: the typed code always works.
/** Registers the scheme and calls `onToken` with each well-formed reset token received (others are ignored). */
export function registerDeepLinks(onToken: (token: string) => void): void {
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  else if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [process.argv[1]]);
  const fromArgv = (argv: readonly string[]) => {
    for (const arg of argv) {
      const token = arg.startsWith(`${DEEP_LINK_SCHEME}:`) ? parseDeepLink(arg) : null;
      if (token) onToken(token);
    }
  };
  app.on('second-instance', (_event, argv) => fromArgv(argv));
  app.on('open-url', (event, url) => {
    event.preventDefault();
    fromArgv([url]);
  });
  fromArgv(process.argv);
}

// --- Crashes ---
// Uncaught exceptions and unhandled rejections of main: logged, then one clear
// French dialog; the app keeps running unless the pure CrashPolicy (core/platform/crash-policy.ts) says quit.
export function installCrashHandler(deps: { logger: () => Logger | null; state: () => { started: boolean; logDir: string | null } }): void {
  const policy = new CrashPolicy({ clock: systemClock });

  const handle = (kind: CrashKind, error: unknown) => {
    try {
      deps.logger()?.error(kind === 'uncaughtException' ? 'Uncaught exception in main' : 'Unhandled promise rejection in main', { error });
    } catch {
      // Logging must never turn one error into two.
    }
    const decision = policy.decide(kind, deps.state());
    const shown = decision.dialog;
    if (!shown) {
      if (decision.quit) app.exit(1);
      return;
    }
    if (decision.quit || !app.isReady()) {
      // Synchronous and safe before `ready`: the last thing shown before leaving.
      dialog.showErrorBox(shown.title, `${shown.message}\n\n${shown.detail}`);
      app.exit(1);
      return;
    }
    void dialog
      .showMessageBox({ type: 'error', title: shown.title, message: shown.message, detail: shown.detail, buttons: shown.buttons, defaultId: 0, cancelId: 0, noLink: true })
      .then(({ response }) => {
        if (policy.dialogClosed(response, shown)) app.quit();
      });
  };

  process.on('uncaughtException', (error) => handle('uncaughtException', error));
  process.on('unhandledRejection', (reason) => handle('unhandledRejection', reason));
}
