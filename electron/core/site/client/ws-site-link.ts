// Node (client PC's main). The SiteLink over one TLS WebSocket to the site server: pinned to the enrolled certificate
// (checked during the handshake, before the credential goes out), reconnecting with exponential backoff and jitter,
// and giving up for good when the server refuses this PC (revoked, unknown, version) or its certificate fails the pin.
// A call in flight when the socket drops answers SITE_SERVER_UNREACHABLE: nobody can tell whether it was done.
import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { fail, type EventName, type IpcResult } from '../../../../shared/contract';
import type { SiteRefusal } from '../../../../shared/site/contract';
import { systemClock } from '../../kernel/platform/clock';
import {
  APP_VERSION_HEADER,
  CLOSE_REVOKED,
  CREDENTIAL_HEADER,
  IPC_PATH,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type ClientFrame,
  type ServerFrame,
  type SiteWireErrorCode,
} from '../protocol';
import { isCertificateError, pinnedTlsOptions } from './pinned-tls';
import type { LinkState, SiteLink, SiteLinkOptions } from './site-link';

const DEFAULT_BACKOFF = { initialMs: 1_000, maxMs: 30_000 };
/** The server pings every 15 s: nothing at all for this long means the network is gone, even if TCP hasn't noticed. */
const DEFAULT_HEARTBEAT_TIMEOUT_MS = 40_000;
const HANDSHAKE_TIMEOUT_MS = 10_000;
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

const REFUSAL_MESSAGES: Record<SiteRefusal, string> = {
  revoked: 'Ce poste a été retiré du serveur par un administrateur.',
  'unknown-workstation': "Le serveur ne reconnaît pas ce poste : il doit être raccordé à nouveau.",
  version: "Cette version de l'application n'est pas prise en charge par le serveur.",
  'pin-mismatch': "Le certificat présenté par le serveur n'est pas celui enregistré sur ce poste.",
};

const REFUSAL_BY_WIRE_CODE: Partial<Record<SiteWireErrorCode, SiteRefusal>> = {
  WORKSTATION_UNKNOWN: 'unknown-workstation',
  WORKSTATION_REVOKED: 'revoked',
  VERSION_UNSUPPORTED: 'version',
};

/** `https://host:8443` → `wss://host:8443/site/ipc`. */
export function ipcUrlOf(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.protocol = 'wss:';
  url.pathname = IPC_PATH;
  url.search = '';
  url.hash = '';
  return url.toString();
}

export function connectSiteLink(options: SiteLinkOptions & { heartbeatTimeoutMs?: number }): SiteLink {
  const clock = options.clock ?? systemClock;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
  const stateListeners = new Set<(state: LinkState) => void>();
  const eventListeners = new Set<(window: string, event: EventName, payload: unknown) => void>();
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  let state: LinkState = { state: 'connecting' };
  let socket: WebSocket | null = null;
  let failures = 0;
  let nextId = 1;
  let retryTimer: NodeJS.Timeout | null = null;
  let heartbeatTimer: NodeJS.Timeout | null = null;

  const setState = (next: LinkState) => {
    state = next;
    for (const listener of [...stateListeners]) {
      try {
        listener(next);
      } catch (error) {
        options.logger.error('Site link: state listener failed', { error: String(error) });
      }
    }
  };
  const isFinal = () => state.state === 'refused' || state.state === 'closed';

  const failPending = () => {
    const answers = [...pending.values()];
    pending.clear();
    for (const answer of answers) answer(fail('SITE_SERVER_UNREACHABLE', 'The link to the server dropped before the answer came'));
  };

  const armHeartbeat = () => {
    if (heartbeatTimer) clearTimeout(heartbeatTimer);
    heartbeatTimer = setTimeout(() => {
      options.logger.warn('Site link: server silent, reconnecting');
      socket?.terminate();
    }, heartbeatTimeoutMs);
    heartbeatTimer.unref();
  };

  const refuse = (refusal: SiteRefusal) => {
    options.logger.warn('Site link: refused', { refusal });
    const current = socket;
    socket = null;
    if (heartbeatTimer) clearTimeout(heartbeatTimer);
    failPending();
    setState({ state: 'refused', refusal, message: REFUSAL_MESSAGES[refusal] });
    current?.terminate();
  };

  /** The socket is gone (or never came): calls in flight are answered, and the next attempt is planned. */
  const lost = (reason: string) => {
    socket = null;
    if (heartbeatTimer) clearTimeout(heartbeatTimer);
    failPending();
    if (isFinal()) return;
    const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures, 20));
    failures++;
    // Jitter: twenty PCs that lost the server together don't all knock again at the same instant.
    const delay = Math.round(base / 2 + Math.random() * (base / 2));
    setState({ state: 'reconnecting', nextAttemptAt: clock.now() + delay, reason });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!isFinal()) open();
    }, delay);
    retryTimer.unref();
  };

  const open = () => {
    if (state.state !== 'connecting') setState({ state: 'connecting' });
    let ws: WebSocket;
    try {
      ws = new WebSocket(ipcUrlOf(options.serverUrl), {
        ...pinnedTlsOptions(options),
        headers: {
          [CREDENTIAL_HEADER]: `Workstation ${options.credential}`,
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          [APP_VERSION_HEADER]: options.appVersion,
        },
        handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
        maxPayload: MAX_FRAME_BYTES,
        perMessageDeflate: false,
      });
    } catch (error) {
      lost(error instanceof Error ? error.message : String(error));
      return;
    }
    socket = ws;
    let settled = false;
    const mine = () => socket === ws;

    ws.on('unexpected-response', (_request: ClientRequest, response: IncomingMessage) => {
      // The server answered the upgrade with a refusal: 401 unknown, 403 revoked, 426 version (JSON body says which).
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        if (!mine() || settled) return;
        settled = true;
        let code: SiteWireErrorCode | undefined;
        try {
          code = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: SiteWireErrorCode } }).error?.code;
        } catch {
          code = undefined;
        }
        const refusal =
          (code && REFUSAL_BY_WIRE_CODE[code]) ??
          ({ 401: 'unknown-workstation', 403: 'revoked', 426: 'version' } as Record<number, SiteRefusal>)[response.statusCode ?? 0];
        if (refusal) refuse(refusal);
        else lost(`HTTP ${response.statusCode ?? '?'}`);
        ws.terminate();
      });
      response.on('error', () => undefined);
    });
    ws.on('error', (error: Error) => {
      if (!mine() || settled) return;
      if (isCertificateError(error)) {
        settled = true;
        refuse('pin-mismatch');
        return;
      }
      options.logger.warn('Site link: connection error', { error: error.message });
    });
    ws.on('open', () => armHeartbeat());
    ws.on('ping', () => armHeartbeat());
    ws.on('message', (raw, isBinary) => {
      if (!mine() || isBinary) return;
      armHeartbeat();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(raw)) as ServerFrame;
      } catch {
        return;
      }
      switch (frame.type) {
        case 'welcome':
          failures = 0;
          setState({ state: 'connected', workstationId: frame.workstationId, workstationName: frame.workstationName, serverVersion: frame.serverVersion });
          return;
        case 'result': {
          const answer = pending.get(frame.id);
          pending.delete(frame.id);
          answer?.(frame.result);
          return;
        }
        case 'event':
          for (const listener of [...eventListeners]) {
            try {
              listener(frame.window, frame.event, frame.payload);
            } catch (error) {
              options.logger.error('Site link: event listener failed', { error: String(error) });
            }
          }
          return;
        case 'revoked':
          settled = true;
          refuse('revoked');
          return;
      }
    });
    ws.on('close', (code: number) => {
      if (!mine()) return;
      if (code === CLOSE_REVOKED) {
        settled = true;
        refuse('revoked');
        return;
      }
      settled = true;
      lost(`closed (${code})`);
    });
  };

  open();

  return {
    get state() {
      return state;
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    invoke(window, channel, input) {
      const ws = socket;
      if (state.state !== 'connected' || !ws || ws.readyState !== WebSocket.OPEN) {
        return Promise.resolve(fail('SITE_SERVER_UNREACHABLE', 'Not connected to the server'));
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        const frame: ClientFrame = { type: 'invoke', id, window, channel, input };
        ws.send(JSON.stringify(frame), (error) => {
          if (!error || !pending.has(id)) return;
          pending.delete(id);
          resolve(fail('SITE_SERVER_UNREACHABLE', 'The call could not be sent'));
        });
      });
    },
    send(frame) {
      const ws = socket;
      if (state.state !== 'connected' || !ws || ws.readyState !== WebSocket.OPEN) return;
      ws.send(JSON.stringify(frame), () => undefined);
    },
    async close() {
      if (state.state === 'closed') return;
      if (retryTimer) clearTimeout(retryTimer);
      if (heartbeatTimer) clearTimeout(heartbeatTimer);
      const ws = socket;
      socket = null;
      failPending();
      setState({ state: 'closed' });
      if (!ws) return;
      await new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        const timer = setTimeout(() => {
          ws.terminate();
          resolve();
        }, 1_000);
        timer.unref();
        ws.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'client closing');
        else ws.terminate();
      });
    },
  };
}
