import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './content-security-policy';
import { isSafeExternalUrl } from './external-links';
import { isLoopbackHost } from './loopback';
import { isTrustedUrl, originOf } from './trusted-url';

describe('trusted URLs (IPC senders, navigation)', () => {
  const trusted = ['app://gmao', 'http://127.0.0.1:5173'];

  it('accepts our own pages', () => {
    expect(isTrustedUrl('app://gmao/index.html', trusted)).toBe(true);
    expect(isTrustedUrl('http://127.0.0.1:5173/', trusted)).toBe(true);
  });

  it('refuses look-alikes, other ports, other schemes and garbage', () => {
    for (const url of [
      'app://gmao.evil/index.html',
      'app://evil/gmao',
      'http://127.0.0.1:5174/',
      'https://127.0.0.1:5173/',
      'file:///C:/gmao/index.html',
      'http://127.0.0.1:5173@evil.example/',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isTrustedUrl(url, trusted), url).toBe(false);
    }
  });

  it('gives custom schemes a real origin (WHATWG says "null")', () => {
    expect(new URL('app://gmao/x').origin).toBe('null');
    expect(originOf('app://gmao/x')).toBe('app://gmao');
  });
});

describe('external links (shell.openExternal)', () => {
  it('lets https and mailto out', () => {
    expect(isSafeExternalUrl('https://support.example/doc')).toBe(true);
    expect(isSafeExternalUrl('mailto:it@usine.example')).toBe(true);
  });

  it('keeps everything that could run code or leak credentials in', () => {
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'https://user:pass@example.com',
      'nonsense',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('content security policy', () => {
  it('allows only our own scripts: no inline, no eval, no remote', () => {
    const csp = buildContentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('adds only the WebSocket the harness names', () => {
    expect(buildContentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:9'] })).toContain("connect-src 'self' ws://127.0.0.1:9");
  });
});

describe('loopback hosts', () => {
  it('recognises loopback only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
