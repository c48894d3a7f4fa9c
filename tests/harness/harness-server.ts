// Node (dev and tests only, never packaged). The browser harness: serves the production renderer build
// on loopback and bridges `window.gmao` to the very same core and dispatcher Electron's main uses.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventPayloads } from '../../shared/contract';
import { createCore, type Core, type CoreDeps } from '../../electron/core/create-core';
import { createFileKeySecretStore } from '../../electron/core/mail/file-key-secret-store';
import { createNodemailerTransportFactory, type NodemailerTransportOptions } from '../../electron/core/mail/nodemailer-transport';
import { buildContentSecurityPolicy } from '../../electron/core/security/content-security-policy';
import { isLoopbackHost } from '../../electron/core/security/loopback';
import { isOsEvent, type OsEvent } from '../../electron/core/sessions/os-events';
import { REPO_RESOURCES_DIR } from '../support/repo-paths';
import { createHarnessTransfers } from './backup-transfers';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface HarnessOptions {
  dataDir: string;
  port?: number;
  host?: string;
  rendererDir?: string;
  appVersion?: string;
  /** Why this data folder (About screen); dev-web passes what resolveDataLocation found. */
  dataMode?: CoreDeps['dataMode'];
  /** Extra core dependencies for tests (a fake clock, a cheaper bcrypt cost, a memory logger). */
  core?: Partial<Pick<CoreDeps, 'clock' | 'logger' | 'bcryptCost' | 'tickIntervalMs' | 'backupCheckIntervalMs' | 'backupPagesPerStep' | 'mailAutoRun' | 'isEmailConfigured' | 'approvalTuning'>>;
  /** SMTP client options: e.g. trust a loopback test server's self-signed certificate, shorter timeouts. */
  smtp?: NodemailerTransportOptions;
}

export interface Harness {
  url: string;
  core: Core;
  /** Plays an operating-system event (suspend, lock-screen, resume, unlock-screen), as powerMonitor would. */
  simulateOsEvent(event: OsEvent): void;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`Refusing to listen on ${host}: the harness only binds to loopback`);
  const rendererDir = options.rendererDir ?? path.join(projectRoot, 'dist/renderer');
  const indexFile = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`No renderer build at ${rendererDir}: run "npm run build" first`);
  const bridgeScript = await bundleBridge();

  const sockets = new Map<string, WebSocket>();
  const events = {
    send<E extends EventName>(windowId: string, event: E, payload: EventPayloads[E]) {
      sockets.get(windowId)?.send(JSON.stringify({ type: 'event', event, payload }));
    },
  };

  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const allowedHosts = new Set([`${host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);

  // "Exporter vers…" / "Importer une sauvegarde…" without Electron's dialogs: one-time download/upload addresses.
  const backupTransfers = createHarnessTransfers();
  let core: Core;
  try {
    core = createCore({
      dataDir: options.dataDir,
      appVersion: options.appVersion ?? readVersion(),
      workstationName: os.hostname(),
      resourcesDir: REPO_RESOURCES_DIR,
      trustedOrigins: [origin, `http://localhost:${port}`],
      events,
      backupTransfers: backupTransfers.transfers,
      // Not Electron: the non-Electron fallback secret store (a key file in the data folder), and real SMTP.
      secretStore: createFileKeySecretStore(options.dataDir),
      mailTransport: createNodemailerTransportFactory(options.smtp),
      dataMode: options.dataMode,
      // No file manager to open from a browser tab: the About screen says so and shows the path instead.
      openPath: () => Promise.resolve({ ok: false, reason: 'unavailable' }),
      ...options.core,
    });
  } catch (error) {
    server.close();
    throw error;
  }

  const csp = buildContentSecurityPolicy({ connectSrc: [`ws://${host}:${port}`, `ws://localhost:${port}`] });
  server.on('request', (request, response) => {
    // DNS rebinding guard: a page on another site that resolves its name to 127.0.0.1 gets nothing.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      response.writeHead(403).end('Forbidden host');
      return;
    }
    if (request.method === 'POST' && request.url?.startsWith('/__harness/os-event?')) {
      // Test hook for the OS events Electron's powerMonitor would send. Same-origin only, like the bridge.
      const event = new URL(request.url, origin).searchParams.get('event');
      if (request.headers.origin !== undefined && request.headers.origin !== origin) response.writeHead(403).end();
      else if (!isOsEvent(event)) response.writeHead(400).end('Unknown event');
      else {
        core.osEvent(event);
        response.writeHead(204).end();
      }
      return;
    }
    if (backupTransfers.handle(request, response, origin)) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    const headers = {
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    };
    if (url.pathname === '/__harness/bridge.js') {
      response.writeHead(200, { ...headers, 'Content-Type': MIME['.js'] }).end(bridgeScript);
      return;
    }
    const file = resolveStatic(rendererDir, url.pathname);
    if (!file) {
      response.writeHead(404, headers).end('Not found');
      return;
    }
    let body = fs.readFileSync(file);
    if (file === indexFile) {
      // The bridge must exist before the app's module script runs, as a preload does in Electron.
      body = Buffer.from(body.toString('utf8').replace('<head>', '<head><script src="/__harness/bridge.js"></script>'));
    }
    response.writeHead(200, { ...headers, 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const okHost = allowedHosts.has(request.headers.host ?? '');
    const okOrigin = request.headers.origin === origin || request.headers.origin === `http://localhost:${port}`;
    if (!okHost || !okOrigin || request.url !== '/__harness/ipc') {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  let nextWindow = 1;
  wss.on('connection', (ws, request) => {
    const windowId = `web-${nextWindow++}`;
    const senderUrl = `${request.headers.origin}/`;
    sockets.set(windowId, ws);
    ws.on('message', async (raw) => {
      let message: { type?: string; id?: number; channel?: unknown; input?: unknown };
      try {
        message = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (message.type !== 'invoke' || typeof message.id !== 'number') return;
      const result = await core.dispatcher.dispatch({ windowId, url: senderUrl }, message.channel, message.input);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: message.id, result }));
    });
    ws.on('close', () => {
      sockets.delete(windowId);
      core.sessions.forgetWindow(windowId);
    });
  });

  return {
    url: `${origin}/`,
    core,
    simulateOsEvent: (event) => core.osEvent(event),
    async close() {
      for (const ws of sockets.values()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      core.close();
    },
  };
}

function resolveStatic(root: string, pathname: string): string | null {
  const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return null;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(projectRoot, 'tests/harness/web-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

function readVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
