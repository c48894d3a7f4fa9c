// Main (imports electron). The app window and the rules every web contents obeys. The rules themselves
// are pure and tested (electron/core/security/window-policy.ts); this file only plugs them into Electron.
import path from 'node:path';
import { app, BrowserWindow, session, shell, type WebContents } from 'electron';
import type { Logger } from '../core/kernel/platform/logger';
import { buildWebPreferences, isNavigationAllowed, isPermissionGranted, windowOpenDecision } from '../core/kernel/security/window-policy';
import { APP_ORIGIN } from './app-protocol';

export function createMainWindow(preloadFile: string, logger: Logger): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 640,
    title: 'GMAO Atelier',
    show: false,
    webPreferences: buildWebPreferences({ preload: preloadFile, isPackaged: app.isPackaged }),
  });
  window.once('ready-to-show', () => window.show());
  // A crashed or killed renderer comes back on the login screen instead of leaving a blank window.
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('Renderer process gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason !== 'clean-exit' && !window.isDestroyed()) void window.loadURL(`${APP_ORIGIN}/index.html`);
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** Applied to every web contents ever created, including any a bug might open. */
export function hardenWebContents(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionGranted(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url, [APP_ORIGIN])) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(url, [APP_ORIGIN])) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const decision = windowOpenDecision(url);
      if (decision.openExternally) void shell.openExternal(url);
      return { action: decision.action };
    });
  });
}

export function preloadPath(distDir: string): string {
  return path.join(distDir, 'preload.cjs');
}
