// Node (tests). The URL path → renderer file mapping shared by Electron's app:// handler and the browser harness.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPath } from './app-path';

describe('resolveAppPath', () => {
  const root = '/opt/gmao/dist/renderer';
  const winRoot = 'C:\\Program Files\\GMAO Atelier\\resources\\app.asar\\dist\\renderer';

  it('maps / to index.html and ordinary asset paths inside the folder', () => {
    expect(resolveAppPath(root, '/', path.posix)).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, '/assets/index-abc123.js', path.posix)).toBe(`${root}/assets/index-abc123.js`);
    expect(resolveAppPath(root, '/fonts/Inter%20Var.woff2', path.posix)).toBe(`${root}/fonts/Inter Var.woff2`);
    expect(resolveAppPath(winRoot, '/assets/app.css', path.win32)).toBe(`${winRoot}\\assets\\app.css`);
    // A root given with a trailing separator still works.
    expect(resolveAppPath(`${root}/`, '/index.html', path.posix)).toBe(`${root}/index.html`);
  });

  it('answers null, without throwing, for paths decodeURIComponent refuses', () => {
    for (const bad of ['/%', '/%zz', '/a%', '/%E0%A4%A', '/%C0%AF', '/%ff']) {
      expect(() => resolveAppPath(root, bad, path.posix), bad).not.toThrow();
      expect(resolveAppPath(root, bad, path.posix), bad).toBeNull();
    }
  });

  it('refuses encoded climbs out of the folder', () => {
    for (const pathApi of [path.posix, path.win32]) {
      const base = pathApi === path.posix ? root : winRoot;
      for (const bad of ['/%2e%2e/%2e%2e/etc/passwd', '/%2e%2e%2f%2e%2e%2fsecret', '/..%2f..%2fsecret', '/assets/%2E%2E/%2E%2E/x', '/%2e/index.html', '/a/..%2F..%2F..%2Fx']) {
        expect(resolveAppPath(base, bad, pathApi), `${bad} (${pathApi === path.posix ? 'posix' : 'win32'})`).toBeNull();
      }
    }
  });

  it('refuses an encoded NUL and control characters', () => {
    expect(resolveAppPath(root, '/index.html%00.png', path.posix)).toBeNull();
    expect(resolveAppPath(root, '/%00', path.posix)).toBeNull();
    expect(resolveAppPath(root, '/a%0Ab', path.posix)).toBeNull();
  });

  it('refuses backslashes, raw or encoded (separators on Windows)', () => {
    for (const bad of ['/..\\..\\Windows\\win.ini', '/%5c..%5c..%5cWindows%5cwin.ini', '/assets%5C..%5C..%5Csecret', '/a\\b']) {
      expect(resolveAppPath(winRoot, bad, path.win32), bad).toBeNull();
      expect(resolveAppPath(root, bad, path.posix), bad).toBeNull();
    }
  });

  it('keeps absolute paths, drive letters, UNC names and NTFS streams inside the folder or refuses them', () => {
    // A leading double slash is an absolute path to path.resolve: it must stay under the root.
    expect(resolveAppPath(root, '//etc/passwd', path.posix)).toBe(`${root}/etc/passwd`);
    expect(resolveAppPath(winRoot, '//server/share/x', path.win32)).toBe(`${winRoot}\\server\\share\\x`);
    for (const bad of ['/C:/Windows/win.ini', '/C%3A/Windows/win.ini', '/c:%5cWindows', '/index.html::$DATA', '/%2F%2Fserver%2Fshare%5Cx']) {
      expect(resolveAppPath(winRoot, bad, path.win32), bad).toBeNull();
    }
    // Whatever comes back is strictly inside the folder (never the folder itself).
    for (const pathname of ['/', '//', '/./', '/assets/', '/%2F%2F', '////x']) {
      const file = resolveAppPath(root, pathname, path.posix);
      if (file !== null) expect(file.startsWith(`${root}/`), pathname).toBe(true);
    }
  });
});
