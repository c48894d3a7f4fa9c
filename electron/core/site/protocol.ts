// Pure (Node). The wire between a client PC's main process and the site server (issue 16), shared by both ends so
// they cannot drift. Nothing here reaches the renderer: it calls the contract's channels as on a poste autonome, and
// its main carries each call over this protocol. One TLS WebSocket per client PC, JSON text frames.
//
// HTTP (TLS) endpoints of the server:
//   GET  /site/hello   → SiteHello (no credential: a PC about to enrol reads the name, version and protocol)
//   POST /site/enrol   ← EnrolRequest → EnrolResponse | { error: SiteWireError }   (one-time code, throttled)
//   GET  /site/ipc     WebSocket upgrade, with the headers below; refused before the upgrade with an HTTP status
//                      and a JSON SiteWireError body (401 unknown/absent credential, 403 revoked, 426 version).
import type { IpcResult } from '../../../shared/contract/result';
import type { EventName, EventPayloads } from '../../../shared/contract';
import type { OsEvent } from '../kernel/sessions/os-events';

/** Bumped when a frame changes incompatibly; a server accepts the versions in SUPPORTED_PROTOCOLS. */
export const PROTOCOL_VERSION = 1;
export const SUPPORTED_PROTOCOLS: readonly number[] = [1];
export const DEFAULT_SERVER_PORT = 8443;

export const HELLO_PATH = '/site/hello';
export const ENROL_PATH = '/site/enrol';
export const IPC_PATH = '/site/ipc';

/** `Workstation <id>.<secret>`: the credential the server issued at enrolment (secret: 32 random bytes, base64url). */
export const CREDENTIAL_HEADER = 'authorization';
export const PROTOCOL_HEADER = 'x-gmao-protocol';
export const APP_VERSION_HEADER = 'x-gmao-version';

/**
 * The sender URL the server's dispatcher sees for every call from an authenticated client PC. The client's own
 * main has already checked that the call came from its window's top frame (ipcSenderUrl), as on a poste autonome.
 */
export const SITE_CLIENT_ORIGIN = 'gmao-site://workstation';

export interface SiteHello {
  product: 'gmao-atelier';
  serverName: string;
  serverVersion: string;
  protocols: readonly number[];
}

export interface EnrolRequest {
  code: string;
  workstationName: string;
  appVersion: string;
  protocol: number;
  /** The certificate fingerprint the client saw (and the person confirmed): refused if it isn't the server's own. */
  fingerprint: string;
}

export interface EnrolResponse {
  workstationId: number;
  workstationName: string;
  /** `<id>.<secret>`: sealed on the client with the secret store (safeStorage), never shown. */
  credential: string;
}

/** Refusals on the wire: the client maps each code to its French sentence. */
export type SiteWireErrorCode =
  | 'ENROLMENT_CODE_INVALID'
  | 'ENROLMENT_THROTTLED'
  | 'ENROLMENT_PIN_MISMATCH'
  | 'WORKSTATION_UNKNOWN'
  | 'WORKSTATION_REVOKED'
  | 'VERSION_UNSUPPORTED'
  | 'BAD_REQUEST';
export interface SiteWireError {
  code: SiteWireErrorCode;
  message: string;
}

/** Client → server. `window` is the client's own window id; the server scopes it to the PC (`ws<id>:<window>`). */
export type ClientFrame =
  | { type: 'invoke'; id: number; window: string; channel: string; input: unknown }
  /** Suspend / screen lock / resume / unlock on that PC: its windows only. */
  | { type: 'os-event'; event: OsEvent }
  /** The PC's own idle time (ms since the last input anywhere on it), sent every few seconds. */
  | { type: 'idle'; ms: number }
  /** The PC closed that window: its session ends without a lock screen to show. */
  | { type: 'window-closed'; window: string };

/** Server → client. */
export type ServerFrame =
  | { type: 'welcome'; workstationId: number; workstationName: string; serverVersion: string; protocol: number }
  | { type: 'result'; id: number; result: IpcResult<unknown> }
  | { type: 'event'; window: string; event: EventName; payload: EventPayloads[EventName] }
  /** An administrator revoked this PC: the socket closes right after (close code 4003). */
  | { type: 'revoked' };

export const CLOSE_REVOKED = 4003;
export const CLOSE_SERVER_STOPPING = 4001;
