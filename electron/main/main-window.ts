// Main (imports electron). The app window and the rules every web contents obeys.
import path from 'node:path';
import { app, BrowserWindow, session, shell, type WebContents } from 'electron';
import { isSafeExternalUrl } from '../core/security/external-links';
import { isTrustedUrl } from '../core/security/trusted-url';
import { APP_ORIGIN } from './app-protocol';

export function createMainWindow(preloadFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 640,
    title: 'GMAO Atelier',
    show: false,
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // Middle-click would otherwise try to open links in a new window (denied anyway by setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
      // No DevTools for users on the shop floor; developers keep them in unpackaged runs.
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** Applied to every web contents ever created, including any a bug might open. */
export function hardenWebContents(): void {
  // No camera, microphone, notifications, geolocation… the app asks for none.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url, [APP_ORIGIN])) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedUrl(url, [APP_ORIGIN])) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // External links leave for the system browser, only after the URL check; no new app window ever opens.
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

export function preloadPath(distDir: string): string {
  return path.join(distDir, 'preload.cjs');
}
