import { describe, expect, it } from 'vitest';
import { buildWebPreferences, GRANTED_PERMISSIONS, isNavigationAllowed, isPermissionGranted, windowOpenDecision } from './window-policy';

describe('webPreferences of the app window', () => {
  it('isolates the renderer: context isolation, sandbox, no Node anywhere, web security, nothing insecure or experimental', () => {
    const prefs = buildWebPreferences({ preload: '/app/dist/electron/preload.cjs', isPackaged: true });
    expect(prefs).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('keeps DevTools for unpackaged (developer) runs only', () => {
    expect(buildWebPreferences({ preload: 'p', isPackaged: false }).devTools).toBe(true);
  });
});

describe('permission requests', () => {
  it('grants nothing, whatever is asked', () => {
    expect(GRANTED_PERMISSIONS.size).toBe(0);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen', 'pointerLock', 'unknown']) {
      expect(isPermissionGranted(permission), permission).toBe(false);
    }
  });
});

describe('navigation and new windows', () => {
  const origins = ['app://gmao'];

  it('lets pages move within our origin only', () => {
    expect(isNavigationAllowed('app://gmao/index.html#/x', origins)).toBe(true);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'data:text/html,x', 'about:blank']) {
      expect(isNavigationAllowed(url, origins), url).toBe(false);
    }
  });

  it('never opens an app window; safe links go to the system browser, others nowhere', () => {
    expect(windowOpenDecision('https://support.example/doc')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenDecision('mailto:it@usine.example')).toEqual({ action: 'deny', openExternally: true });
    for (const url of ['http://intranet/', 'file:///C:/Windows/System32/calc.exe', 'smb://server/share', 'javascript:alert(1)', 'app://gmao/index.html', 'https://u:p@evil.example/']) {
      expect(windowOpenDecision(url), url).toEqual({ action: 'deny', openExternally: false });
    }
  });
});
