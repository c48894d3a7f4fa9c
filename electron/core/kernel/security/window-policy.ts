// Pure. The rules every window and web contents of main obeys, as plain data and functions so that vitest
// can check them without Electron: the webPreferences of the app window, which permission requests are
// granted (none), where a page may navigate (our own origin only), and what window.open does (never opens
// an app window; https/mailto links go to the system browser after isSafeExternalUrl).
// electron/main/main-window.ts applies them.
import { isSafeExternalUrl } from './external-links';
import { isTrustedUrl } from './trusted-url';

/** The subset of Electron's WebPreferences we set; every security-relevant one explicitly. */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  disableBlinkFeatures: string;
  devTools: boolean;
}

export function buildWebPreferences(options: { preload: string; isPackaged: boolean }): SecureWebPreferences {
  return {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // A file dropped on the window would otherwise replace the app with that file.
    navigateOnDragDrop: false,
    spellcheck: false,
    // Middle-click would otherwise try to open links in a new window (denied anyway by the window-open rule).
    disableBlinkFeatures: 'Auxclick',
    // No DevTools for users on the shop floor; developers keep them in unpackaged runs.
    devTools: !options.isPackaged,
  };
}

/**
 * Permissions (camera, microphone, notifications, geolocation, clipboard read, HID, serial, USB…) the app
 * grants. It needs none: every request and every check is refused, whoever asks.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set();

export function isPermissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.has(permission);
}

/** will-navigate / will-redirect: only our own pages. */
export function isNavigationAllowed(url: string, trustedOrigins: readonly string[]): boolean {
  return isTrustedUrl(url, trustedOrigins);
}

/** setWindowOpenHandler: never a new app window; a safe external link leaves for the system browser. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) };
}
