// Node (dev and tests only, never packaged). The browser harness: serves the production renderer build
// on loopback and bridges `window.gmao` to the very same core and dispatcher Electron's main uses.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail, type EventName, type EventPayloads } from '../../shared/contract';
import { createCore, type Core, type CoreDeps } from '../../electron/core/create-core';
import { createSiteClientCore, type SiteClientCore, type SiteClientDeps } from '../../electron/core/site/client/site-client-core';
import type { Dispatcher } from '../../electron/core/kernel/ipc/dispatcher';
import type { Logger } from '../../electron/core/kernel/platform/logger';
import { createChromiumPdfPrinter } from './chromium-pdf-printer';
import { createFileKeySecretStore } from '../../electron/core/email/file-key-secret-store';
import { createNodemailerTransportFactory, type NodemailerTransportOptions } from '../../electron/core/email/nodemailer-transport';
import { resolveAppPath } from '../../electron/core/kernel/security/app-path';
import { buildContentSecurityPolicy } from '../../electron/core/kernel/security/content-security-policy';
import { isLoopbackHost } from '../../electron/core/kernel/security/loopback';
import { isOsEvent, type OsEvent } from '../../electron/core/kernel/sessions/os-events';
import { consoleLogger } from '../../electron/core/kernel/platform/logger';
import { REPO_RESOURCES_DIR } from '../support/repo-paths';
import { createHarnessTransfers } from './backup-transfers';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface HarnessOptions {
  dataDir: string;
  port?: number;
  host?: string;
  rendererDir?: string;
  appVersion?: string;
  /** PostgreSQL instead of SQLite in the data folder (`npm run dev:web -- --database-url postgres://…`). */
  databaseUrl?: string | null;
  /** PostgreSQL: work in this schema (tests: one schema per harness). */
  databaseSchema?: string;
  /** Why this data folder (About screen); dev-web passes what resolveDataLocation found. */
  dataMode?: CoreDeps['dataMode'];
  /** Extra core dependencies for tests (a fake clock, a cheaper bcrypt cost, a memory logger). */
  core?: Partial<Pick<CoreDeps, 'clock' | 'logger' | 'bcryptCost' | 'tickIntervalMs' | 'backupCheckIntervalMs' | 'backupPagesPerStep' | 'mailAutoRun' | 'isEmailConfigured' | 'approvalTuning'>>;
  /** SMTP client options: e.g. trust a loopback test server's self-signed certificate, shorter timeouts. */
  smtp?: NodemailerTransportOptions;
}

/**
 * Issue 16: a client PC instead of a poste autonome. The same renderer is served over a SiteClientCore (no database
 * here: `dataDir` holds the PC's site-client.json, its queue of DIs and its secret key), so Playwright can open
 * windows on two client PCs of one site server. Not enrolled yet: the renderer shows the enrolment screen (or call
 * `site:enrol` through `client.dispatcher` with `url` as the sender, as the enrolment screen does).
 */
export interface ClientHarnessOptions extends Pick<HarnessOptions, 'dataDir' | 'port' | 'host' | 'rendererDir' | 'appVersion'> {
  client: HarnessClientOptions;
}

/** What a test may choose for a client PC (the rest is the harness's: its data folder, origin, events). */
export type HarnessClientOptions = Partial<Pick<SiteClientDeps, 'serverUrl' | 'backoff' | 'systemIdleMs' | 'idleReportMs' | 'clock' | 'connect' | 'enrolment' | 'firstConnectWaitMs' | 'queueRetryMs'>> & {
  logger?: Logger;
};

interface HarnessBase {
  url: string;
  /** Plays an operating-system event (suspend, lock-screen, resume, unlock-screen), as powerMonitor would. */
  simulateOsEvent(event: OsEvent): Promise<void>;
  close(): Promise<void>;
}

/** A poste autonome: the whole core runs in the harness. */
export interface Harness extends HarnessBase {
  core: Core;
  client?: undefined;
}

/** A client PC: calls go to the site server through the client core. */
export interface ClientHarness extends HarnessBase {
  client: SiteClientCore;
  core?: undefined;
}

/** What serves the windows: a whole core, or a client PC's core. */
interface Backend {
  dispatcher: Dispatcher;
  osEvent(event: OsEvent): Promise<void>;
  forgetWindow(windowId: string): void;
  close(): Promise<void>;
}

/**
 * The biggest frame the bridge accepts. Most IPC calls are a few kilobytes, backups go over HTTP; but a pièce jointe
 * travels in its call as base64 (10 MB of file → 13.4 MB of text, plus the envelope), as it does over Electron's IPC.
 */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function startHarness(options: ClientHarnessOptions): Promise<ClientHarness>;
export function startHarness(options: HarnessOptions): Promise<Harness>;
export async function startHarness(options: HarnessOptions & Partial<ClientHarnessOptions>): Promise<Harness | ClientHarness> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`Refusing to listen on ${host}: the harness only binds to loopback`);
  const rendererDir = options.rendererDir ?? path.join(projectRoot, 'dist/renderer');
  const indexFile = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`No renderer build at ${rendererDir}: run "npm run build" first`);
  const bridgeScript = await bundleBridge();

  const sockets = new Map<string, WebSocket>();
  const events = {
    send<E extends EventName>(windowId: string, event: E, payload: EventPayloads[E]) {
      const ws = sockets.get(windowId);
      if (ws) send(ws, { type: 'event', event, payload });
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
  // The OT sheet and the label sheet: the HTML main prints in Electron, printed here by headless Chromium.
  const pdfPrinter = createChromiumPdfPrinter();
  const trustedOrigins = [origin, `http://localhost:${port}`];
  let core: Core | null = null;
  let client: SiteClientCore | null = null;
  let backend: Backend;
  try {
    if (options.client) {
      const { logger, ...clientOptions } = options.client;
      client = await createSiteClientCore({
        ...clientOptions,
        dataDir: options.dataDir,
        appVersion: options.appVersion ?? readVersion(),
        trustedOrigins,
        events,
        // Not Electron: the file-key fallback seals this PC's credential, as the core's secrets are sealed here.
        secretStore: createFileKeySecretStore(options.dataDir),
        logger: logger ?? consoleLogger,
      });
      const siteClient = client;
      backend = { dispatcher: siteClient.dispatcher, osEvent: siteClient.osEvent, forgetWindow: siteClient.forgetWindow, close: siteClient.close };
    } else {
      const localCore = await createCore({
        dataDir: options.dataDir,
        databaseUrl: options.databaseUrl ?? null,
        databaseSchema: options.databaseSchema,
        appVersion: options.appVersion ?? readVersion(),
        workstationName: os.hostname(),
        resourcesDir: REPO_RESOURCES_DIR,
        trustedOrigins,
        events,
        backupTransfers: backupTransfers.transfers,
        // Not Electron: the non-Electron fallback secret store (a key file in the data folder), and real SMTP.
        secretStore: createFileKeySecretStore(options.dataDir),
        mailTransport: createNodemailerTransportFactory(options.smtp),
        dataMode: options.dataMode,
        // No file manager to open from a browser tab: the About screen says so and shows the path instead.
        openPath: () => Promise.resolve({ ok: false, reason: 'unavailable' }),
        pdfPrinter,
        ...options.core,
      });
      core = localCore;
      backend = { dispatcher: localCore.dispatcher, osEvent: localCore.osEvent, forgetWindow: (windowId) => localCore.sessions.forgetWindow(windowId), close: localCore.close };
    }
  } catch (error) {
    server.close();
    await pdfPrinter.close();
    throw error;
  }

  const csp = buildContentSecurityPolicy({ connectSrc: [`ws://${host}:${port}`, `ws://localhost:${port}`] });
  server.on('request', (request, response) => {
    // One bad request must never stop the harness: whatever throws answers this request alone.
    try {
      serve(request, response);
    } catch (error) {
      if (!response.headersSent) response.writeHead(error instanceof URIError || error instanceof TypeError ? 400 : 500);
      response.end();
    }
  });
  const serve = (request: http.IncomingMessage, response: http.ServerResponse) => {
    // DNS rebinding guard: a page on another site that resolves its name to 127.0.0.1 gets nothing.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      response.writeHead(403).end('Forbidden host');
      return;
    }
    // Only paths on our own origin: `//host/…`, `/\\host`, `http://other/…` would re-parse as another
    // authority, and new URL() throws on some targets (`//[`).
    const url = parseTarget(request.url, origin);
    if (!url) {
      response.writeHead(400).end('Bad request');
      return;
    }
    if (request.method === 'POST' && url.pathname === '/__harness/os-event') {
      // Test hook for the OS events Electron's powerMonitor would send. Same-origin only, like the bridge.
      const event = url.searchParams.get('event');
      if (request.headers.origin !== undefined && request.headers.origin !== origin) response.writeHead(403).end();
      else if (!isOsEvent(event)) response.writeHead(400).end('Unknown event');
      else {
        void backend.osEvent(event).catch(() => undefined);
        response.writeHead(204).end();
      }
      return;
    }
    if (backupTransfers.handle(request, response, origin)) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
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
  };

  // maxPayload: ws refuses a bigger frame by closing that socket (1009) and reporting an 'error' on it.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', () => undefined);
  server.on('upgrade', (request, socket, head) => {
    // Node hands the raw socket over without its error listener: a reset mid-handshake must not crash us.
    socket.on('error', () => socket.destroy());
    try {
      const okHost = allowedHosts.has(request.headers.host ?? '');
      const okOrigin = request.headers.origin === origin || request.headers.origin === `http://localhost:${port}`;
      if (!okHost || !okOrigin || request.url !== '/__harness/ipc') {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    } catch {
      socket.destroy();
    }
  });

  let nextWindow = 1;
  wss.on('connection', (ws, request) => {
    const windowId = `web-${nextWindow++}`;
    const senderUrl = `${request.headers.origin}/`;
    sockets.set(windowId, ws);
    // An oversized frame or a protocol error: ws closes this socket; without a listener the error would be thrown.
    ws.on('error', () => ws.terminate());
    ws.on('message', (raw, isBinary) => {
      const message = isBinary ? null : parseInvoke(String(raw));
      if (!message) {
        // Not what the bridge sends: say so, then close this socket only (its session ends with it).
        send(ws, { type: 'error', error: { code: 'VALIDATION_FAILED', message: 'Malformed bridge message' } });
        ws.close(1008, 'Malformed message');
        return;
      }
      // No throw or rejection may escape a ws listener: it would stop the process.
      backend.dispatcher
        .dispatch({ windowId, url: senderUrl }, message.channel, message.input)
        .catch(() => fail('INTERNAL_ERROR', 'Dispatch failed'))
        .then((result) => send(ws, { type: 'result', id: message.id, result }))
        .catch(() => ws.terminate());
    });
    ws.on('close', () => {
      sockets.delete(windowId);
      backend.forgetWindow(windowId);
    });
  });

  const base: HarnessBase = {
    url: `${origin}/`,
    simulateOsEvent: (event) => backend.osEvent(event),
    async close() {
      for (const ws of sockets.values()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
      await pdfPrinter.close();
    },
  };
  return client ? { ...base, client } : { ...base, core: core as Core };
}

function resolveStatic(root: string, pathname: string): string | null {
  const file = resolveAppPath(root, pathname);
  return file !== null && fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

/** The request target as a URL on our origin, or null (unparsable, or naming another host). */
function parseTarget(target: string | undefined, origin: string): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    const url = new URL(target, origin);
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
}

/** An `invoke` frame of the bridge, or null for anything else (not JSON, `null`, wrong types, no id). */
export function parseInvoke(text: string): { id: number; channel: string; input: unknown } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { type, id, channel, input } = value as Record<string, unknown>;
  if (type !== 'invoke' || typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0 || typeof channel !== 'string') return null;
  return { id, channel, input };
}

function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
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
