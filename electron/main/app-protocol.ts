// Main (imports electron). Serves the renderer build from app://gmao/ with our CSP header,
// so the renderer has a real origin and never runs from file://.
import fs from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { resolveAppPath } from '../core/kernel/security/app-path';
import { buildContentSecurityPolicy } from '../core/kernel/security/content-security-policy';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://gmao`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Must run before `app.ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const csp = buildContentSecurityPolicy();
  protocol.handle(APP_SCHEME, (request) => {
    // The path → file rules (undecodable `%`, encoded `..`, NUL, backslashes…) are the core's resolveAppPath,
    // tested under Node with the harness that shares it. A refusal or a read error answers this request only.
    try {
      const url = new URL(request.url);
      const file = url.host === 'gmao' ? resolveAppPath(rendererDir, url.pathname) : null;
      if (file === null || !fs.existsSync(file) || !fs.statSync(file).isFile()) return new Response('Not found', { status: 404 });
      return new Response(fs.readFileSync(file), {
        headers: {
          'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Bad request', { status: 400 });
    }
  });
}
