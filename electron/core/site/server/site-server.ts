// Node (site server). `gmao-atelier-server`'s heart: the same core and dispatcher as a poste autonome, served to the
// enrolled client PCs over TLS (HTTPS for hello/enrol, one WebSocket per PC for the IPC contract). Every call runs as
// the calling PC (`sender.workstation`), in window `ws<workstationId>:<its window>`, so sessions, the idle clock and
// the audit log are per window and name the PC; a PC's lost socket locks its windows, an OS lock on a PC locks that
// PC's windows only. No second implementation of anything: this file is transport and bookkeeping.
import https from 'node:https';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail, type EventName, type EventPayloads } from '../../../../shared/contract';
import type { EnrolmentCode } from '../../../../shared/site/contract';
// The server composes a whole core as Electron's main and the harness do: a composition root, like create-core.ts.
// eslint-disable-next-line architecture/domain-imports
import { createCore, type Core, type CoreDeps } from '../../create-core';
import { AuditRepository } from '../../kernel/audit-trail/audit-repository';
import { UsersRepository } from '../../kernel/identity/users-repository';
import { systemClock } from '../../kernel/platform/clock';
import { createFileLogger, redactingLogger } from '../../kernel/platform/file-logger';
import { isOsEvent } from '../../kernel/sessions/os-events';
import type { SiteServerBinding } from '../site-server-handlers';
import {
  APP_VERSION_HEADER,
  CLOSE_REVOKED,
  CLOSE_SERVER_STOPPING,
  CREDENTIAL_HEADER,
  ENROL_PATH,
  HELLO_PATH,
  IPC_PATH,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  SITE_CLIENT_ORIGIN,
  SUPPORTED_PROTOCOLS,
  type ClientFrame,
  type ServerFrame,
  type SiteHello,
  type SiteWireError,
} from '../protocol';
import { loadTlsIdentity } from './tls-identity';
import { SiteRefusalError, WorkstationService } from './workstation-service';

export interface SiteServerOptions {
  dataDir: string;
  databaseUrl?: string | null;
  databaseSchema?: string;
  databasePoolSize?: number;
  /** Default 0.0.0.0 in the CLI, 127.0.0.1 here (tests). */
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Shown to PCs about to enrol, and the audit log's name for what the server does itself. */
  serverName?: string;
  /** IT's certificate and key (PEM files); absent: a self-signed one made once in `<dataDir>/site-tls/`. */
  tls?: { certFile: string; keyFile: string };
  appVersion?: string;
  /** The app's read-only resources (the repo's resources/ in development; the packaged app's own). */
  resourcesDir?: string;
  /** Extra core dependencies (clock, logger, bcryptCost, tickIntervalMs, mailAutoRun, preventiveAutoRun…). */
  core?: Partial<CoreDeps>;
  /** How often the server pings each PC (a silent PC past two pings is dropped and its windows lock). */
  heartbeatMs?: number;
}

export interface SiteServer {
  /** https://127.0.0.1:<port> (the first of `urls`). */
  url: string;
  urls: string[];
  port: number;
  fingerprint: string;
  certificatePem: string;
  core: Core;
  /**
   * A brand-new server (no account yet) prints this on its console: the first PC enrols with it, then creates the
   * first administrator there. Kept in memory, single use; null once the server has an account.
   */
  firstStartCode: string | null;
  /** Same service as the admin channel (tests and the CLI's --enrolment-code). */
  createEnrolmentCode(createdByUserId: number): Promise<EnrolmentCode>;
  /** Connected PCs right now (workstation ids). */
  connectedWorkstations(): number[];
  close(): Promise<void>;
}

/** Frames bigger than this are refused (a pièce jointe travels as base64 in its call, as in the harness). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const MAX_ENROL_BODY_BYTES = 8 * 1024;
/** last_seen_at is written on connect, then at most this often while the PC calls. */
const TOUCH_EVERY_MS = 60_000;
/** The same refusal (reason, address, PC) is audited at most this often: a looping client must not flood the log. */
const REFUSAL_AUDIT_EVERY_MS = 60_000;
const DEFAULT_HEARTBEAT_MS = 15_000;
const WINDOW_PATTERN = /^[A-Za-z0-9_.:-]{1,80}$/;

interface Link {
  workstationId: number;
  workstationName: string;
  ws: WebSocket;
  address: string | null;
  appVersion: string | null;
  /** When the PC's last input happened, as it reported (null until it reports). */
  lastInputAt: number | null;
  lastTouchAt: number;
  alive: boolean;
}

const windowIdOf = (workstationId: number, window: string) => `ws${workstationId}:${window}`;

export async function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  const clock = options.core?.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  const serverName = options.serverName?.trim() || os.hostname() || 'gmao-atelier-server';
  const appVersion = options.appVersion ?? options.core?.appVersion ?? '0.0.0';
  const logger = options.core?.logger ?? redactingLogger(createFileLogger({ dir: path.join(options.dataDir, 'logs'), clock }));
  const identity = await loadTlsIdentity({ dataDir: options.dataDir, tls: options.tls, now: clock.now() });

  const links = new Map<number, Link>();
  let urls: string[] = [];
  let closing = false;

  const linkOfWindow = (windowId: string): { link: Link; window: string } | null => {
    const match = /^ws(\d+):(.+)$/.exec(windowId);
    const link = match ? links.get(Number(match[1])) : undefined;
    return link && match ? { link, window: match[2] } : null;
  };
  const send = (ws: WebSocket, frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const events = {
    send<E extends EventName>(windowId: string, event: E, payload: EventPayloads[E]) {
      const target = linkOfWindow(windowId);
      if (target) send(target.link.ws, { type: 'event', window: target.window, event, payload });
    },
  };

  const binding: SiteServerBinding = {
    fingerprint: () => identity.fingerprint,
    urls: () => urls,
    isOnline: (id) => links.has(id),
    disconnect: (id) => {
      const link = links.get(id);
      if (!link) return;
      send(link.ws, { type: 'revoked' });
      drop(link, CLOSE_REVOKED, 'revoked');
    },
  };

  const core = await createCore({
    resourcesDir: options.resourcesDir ?? path.resolve('resources'),
    logger,
    workstationName: serverName,
    appVersion,
    // No file manager on a server: the About screen shows the path instead.
    openPath: () => Promise.resolve({ ok: false, reason: 'unavailable' }),
    ...options.core,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl ?? null,
    databaseSchema: options.databaseSchema,
    databasePoolSize: options.databasePoolSize ?? options.core?.databasePoolSize,
    trustedOrigins: [SITE_CLIENT_ORIGIN],
    events,
    // Each window's idle clock counts input on the PC it is on, as that PC last reported it.
    systemIdleMs: (windowId) => {
      const target = linkOfWindow(windowId);
      const lastInputAt = target?.link.lastInputAt;
      return lastInputAt === null || lastInputAt === undefined ? Number.POSITIVE_INFINITY : clock.now() - lastInputAt;
    },
    site: { ...options.core?.site, server: binding },
  });
  const service = new WorkstationService({
    database: core.database,
    audit: new AuditRepository(core.database.kysely, serverName),
    clock,
    users: new UsersRepository(core.database.kysely),
  });
  const firstStartCode = await service.createBootstrapCode();

  /** Ends every session of that PC, at once (the windows are told before anything is awaited). */
  const endSessionsOf = (workstationId: number, reason: 'disconnected' | 'os-lock'): Promise<void> => {
    const prefix = `ws${workstationId}:`;
    const windows = core.sessions.signedInWindows().filter((windowId) => windowId.startsWith(prefix));
    return Promise.all(windows.map((windowId) => core.sessions.end(windowId, reason))).then(() => undefined);
  };
  const pendingEnds = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    const tracked = work.catch((error: unknown) => logger.error('Site server: ending sessions failed', { error: String(error) }));
    pendingEnds.add(tracked);
    void tracked.finally(() => pendingEnds.delete(tracked));
  };
  /** The link is over: forgotten at once, its sessions end (audited as a lock), its socket closes. */
  const drop = (link: Link, code: number, reason: string) => {
    if (links.get(link.workstationId) === link) {
      links.delete(link.workstationId);
      track(endSessionsOf(link.workstationId, 'disconnected'));
    }
    if (link.ws.readyState === link.ws.OPEN || link.ws.readyState === link.ws.CONNECTING) link.ws.close(code, reason);
    // A peer that doesn't answer the close handshake is cut off.
    setTimeout(() => link.ws.terminate(), 2_000).unref();
  };

  const refusalsAudited = new Map<string, number>();
  const auditRefusal = (reason: Parameters<WorkstationService['auditRefusal']>[0], details: Parameters<WorkstationService['auditRefusal']>[1]) => {
    const key = `${reason}|${details.address}|${details.workstationId ?? ''}`;
    const now = clock.now();
    const last = refusalsAudited.get(key);
    if (last !== undefined && now - last < REFUSAL_AUDIT_EVERY_MS) return Promise.resolve();
    refusalsAudited.set(key, now);
    if (refusalsAudited.size > 10_000) refusalsAudited.clear();
    return service.auditRefusal(reason, details).catch((error: unknown) => logger.error('Site server: refusal not audited', { error: String(error) }));
  };

  const hello: SiteHello = { product: 'gmao-atelier', serverName, serverVersion: appVersion, protocols: SUPPORTED_PROTOCOLS };
  const server = https.createServer({ key: identity.key, cert: identity.cert, minVersion: 'TLSv1.2' });
  server.on('tlsClientError', () => undefined);
  server.on('request', (request, response) => {
    void serveHttp(request, response).catch((error: unknown) => {
      logger.error('Site server: request failed', { error: String(error) });
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const serveHttp = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const pathname = (request.url ?? '').split('?')[0];
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(JSON.stringify(body));
    if (pathname === HELLO_PATH && request.method === 'GET') return json(200, hello);
    if (pathname === ENROL_PATH && request.method === 'POST') {
      const body = await readBody(request, MAX_ENROL_BODY_BYTES);
      let parsed: unknown = null;
      try {
        parsed = body === null ? null : JSON.parse(body);
      } catch {
        parsed = null;
      }
      try {
        const enrolled = await service.enrol(parsed, { address: addressOf(request), fingerprint: identity.fingerprint });
        logger.info('Site server: workstation enrolled', { workstationId: enrolled.workstationId, name: enrolled.workstationName });
        return json(200, enrolled);
      } catch (error) {
        if (!(error instanceof SiteRefusalError)) throw error;
        const headers: Record<string, string> = error.retryAfterSeconds ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
        const wire: SiteWireError & { retryAfterSeconds?: number } = { code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
        return json(error.status, { error: wire }, headers);
      }
    }
    return json(404, { error: { code: 'BAD_REQUEST', message: 'Not found' } });
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', () => undefined);
  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the raw socket over without its error listener: a reset mid-handshake must not crash us.
    socket.on('error', () => socket.destroy());
    void upgrade(request, socket, head).catch((error: unknown) => {
      logger.error('Site server: upgrade failed', { error: String(error) });
      socket.destroy();
    });
  });
  const upgrade = async (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const address = addressOf(request);
    const version = headerValue(request, APP_VERSION_HEADER)?.slice(0, 40) ?? null;
    if ((request.url ?? '').split('?')[0] !== IPC_PATH || closing) return refuse(socket, 404, { code: 'BAD_REQUEST', message: 'Not found' });
    const protocol = Number(headerValue(request, PROTOCOL_HEADER));
    if (!SUPPORTED_PROTOCOLS.includes(protocol)) {
      await auditRefusal('version', { address, appVersion: version });
      return refuse(socket, 426, { code: 'VERSION_UNSUPPORTED', message: `Protocol ${SUPPORTED_PROTOCOLS.join(', ')} only` });
    }
    const auth = await service.authenticate(headerValue(request, CREDENTIAL_HEADER));
    if (!auth.ok) {
      const revoked = auth.code === 'WORKSTATION_REVOKED';
      await auditRefusal(revoked ? 'workstation-revoked' : 'unknown-workstation', { address, appVersion: version, workstationId: auth.workstationId, workstationName: auth.workstationName });
      return refuse(socket, revoked ? 403 : 401, { code: auth.code, message: revoked ? 'This workstation was revoked' : 'Unknown workstation credential' });
    }
    if (socket.destroyed) return;
    wss.handleUpgrade(request, socket, head, (ws) => connected(ws, auth.workstation.id, auth.workstation.name, address, version));
  };

  const connected = (ws: WebSocket, workstationId: number, workstationName: string, address: string | null, version: string | null) => {
    // The same PC again (it reconnected before we noticed the old socket died): the old link ends first.
    const previous = links.get(workstationId);
    if (previous) drop(previous, CLOSE_SERVER_STOPPING, 'replaced');
    const link: Link = { workstationId, workstationName, ws, address, appVersion: version, lastInputAt: null, lastTouchAt: clock.now(), alive: true };
    links.set(workstationId, link);
    logger.info('Site server: workstation connected', { workstationId, name: workstationName, address });
    void service.touch(workstationId, { address, appVersion: version }).catch((error: unknown) => logger.warn('Site server: last seen not written', { error: String(error) }));
    send(ws, { type: 'welcome', workstationId, workstationName, serverVersion: appVersion, protocol: PROTOCOL_VERSION });

    ws.on('error', () => ws.terminate());
    ws.on('pong', () => {
      link.alive = true;
    });
    ws.on('message', (raw, isBinary) => {
      const frame = isBinary ? null : parseClientFrame(String(raw));
      if (!frame) {
        ws.close(1008, 'Malformed frame');
        return;
      }
      if (links.get(workstationId) !== link) return;
      handleFrame(link, frame);
    });
    ws.on('close', () => {
      if (links.get(workstationId) === link) {
        logger.info('Site server: workstation disconnected', { workstationId, name: workstationName });
        drop(link, 1000, 'closed');
      }
    });
  };

  const handleFrame = (link: Link, frame: ClientFrame) => {
    const { workstationId } = link;
    switch (frame.type) {
      case 'invoke': {
        maybeTouch(link);
        // No throw or rejection may escape a ws listener: it would stop the process.
        void core.dispatcher
          .dispatch({ windowId: windowIdOf(workstationId, frame.window), url: `${SITE_CLIENT_ORIGIN}/`, workstation: link.workstationName }, frame.channel, frame.input)
          .catch(() => fail('INTERNAL_ERROR', 'Dispatch failed'))
          .then((result) => send(link.ws, { type: 'result', id: frame.id, result }))
          .catch(() => link.ws.terminate());
        return;
      }
      case 'os-event':
        // That PC went to sleep or its screen locked: its windows lock, nobody else's.
        if (frame.event === 'suspend' || frame.event === 'lock-screen') track(endSessionsOf(workstationId, 'os-lock'));
        else track(core.sessions.tick());
        return;
      case 'idle':
        link.lastInputAt = clock.now() - frame.ms;
        return;
      case 'window-closed':
        core.sessions.forgetWindow(windowIdOf(workstationId, frame.window));
        return;
    }
  };

  /** last_seen_at at most once a minute; and a PC revoked by another server process on the same data is let go. */
  const maybeTouch = (link: Link) => {
    const now = clock.now();
    if (now - link.lastTouchAt < TOUCH_EVERY_MS) return;
    link.lastTouchAt = now;
    void (async () => {
      const record = await service.find(link.workstationId);
      if (!record || record.revokedAt !== null) {
        if (links.get(link.workstationId) === link) binding.disconnect(link.workstationId);
        return;
      }
      await service.touch(link.workstationId, { address: link.address, appVersion: link.appVersion });
    })().catch((error: unknown) => logger.warn('Site server: last seen not written', { error: String(error) }));
  };

  const heartbeat = setInterval(() => {
    for (const link of links.values()) {
      if (!link.alive) {
        drop(link, 1001, 'no heartbeat');
        link.ws.terminate();
        continue;
      }
      link.alive = false;
      link.ws.ping();
    }
  }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  heartbeat.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(heartbeat);
    await core.close();
    throw error;
  }
  const port = (server.address() as { port: number }).port;
  urls = listenUrls(host, port);
  logger.info('Site server listening', { host, port, fingerprint: identity.fingerprint, tls: identity.source });

  return {
    url: urls[0],
    urls,
    port,
    fingerprint: identity.fingerprint,
    certificatePem: identity.leafPem,
    core,
    firstStartCode,
    createEnrolmentCode: (createdByUserId) => service.createCode(createdByUserId, { fingerprint: identity.fingerprint, serverUrls: urls }),
    connectedWorkstations: () => [...links.keys()],
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(heartbeat);
      for (const link of [...links.values()]) drop(link, CLOSE_SERVER_STOPPING, 'server stopping');
      await Promise.all([...pendingEnds]);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
    },
  };
}

/** Where PCs reach us: the loopback address when bound to it, else the host name and each network address. */
function listenUrls(host: string, port: number): string[] {
  const url = (name: string) => `https://${name.includes(':') ? `[${name}]` : name}:${port}`;
  if (host !== '0.0.0.0' && host !== '::') return [url(host)];
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((entry): entry is os.NetworkInterfaceInfo => entry !== undefined && !entry.internal && entry.family === 'IPv4')
    .map((entry) => entry.address);
  return [url(os.hostname()), ...addresses.map(url), url('127.0.0.1')];
}

function refuse(socket: Duplex, status: number, error: SiteWireError): void {
  const body = JSON.stringify({ error });
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 426: 'Upgrade Required' }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function headerValue(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function addressOf(request: http.IncomingMessage): string | null {
  const address = request.socket.remoteAddress ?? null;
  return address?.startsWith('::ffff:') ? address.slice(7) : address;
}

function readBody(request: http.IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        resolve(null);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A frame of ClientFrame's shape, or null (not JSON, wrong types, unknown type). */
export function parseClientFrame(text: string): ClientFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const frame = value as Record<string, unknown>;
  const isWindow = (window: unknown): window is string => typeof window === 'string' && WINDOW_PATTERN.test(window);
  switch (frame.type) {
    case 'invoke':
      if (typeof frame.id !== 'number' || !Number.isSafeInteger(frame.id) || frame.id < 0) return null;
      if (!isWindow(frame.window) || typeof frame.channel !== 'string') return null;
      return { type: 'invoke', id: frame.id, window: frame.window, channel: frame.channel, input: frame.input };
    case 'os-event':
      return isOsEvent(frame.event) ? { type: 'os-event', event: frame.event } : null;
    case 'idle':
      return typeof frame.ms === 'number' && Number.isFinite(frame.ms) && frame.ms >= 0 ? { type: 'idle', ms: frame.ms } : null;
    case 'window-closed':
      return isWindow(frame.window) ? { type: 'window-closed', window: frame.window } : null;
    default:
      return null;
  }
}
