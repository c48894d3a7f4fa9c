// Main (imports electron). Uncaught exceptions and unhandled rejections of main: logged, then one clear
// French dialog; the app keeps running unless the pure CrashPolicy (core/platform/crash-policy.ts) says quit.
import { app, dialog } from 'electron';
import { systemClock } from '../core/platform/clock';
import { CrashPolicy, type CrashKind } from '../core/platform/crash-policy';
import type { Logger } from '../core/platform/logger';

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
