// Pure (Node). A client PC's link to its site server, as the client core sees it: one TLS WebSocket, pinned to the
// certificate fingerprint recorded at enrolment, reconnecting with backoff. The socket implementation is in
// ./ws-site-link.ts; the client core (./site-client-core.ts) only uses this interface.
import type { EventName } from '../../../../shared/contract';
import type { IpcResult } from '../../../../shared/contract/result';
import type { SiteRefusal } from '../../../../shared/site/contract';
import type { Clock } from '../../kernel/platform/clock';
import type { Logger } from '../../kernel/platform/logger';
import type { ClientFrame } from '../protocol';

export type LinkState =
  | { state: 'connecting' }
  | { state: 'connected'; workstationId: number; workstationName: string; serverVersion: string }
  /** Lost (or never reached): the next attempt starts at `nextAttemptAt`. */
  | { state: 'reconnecting'; nextAttemptAt: number; reason: string }
  /** The server refused this PC (revoked, unknown credential, version) or its certificate failed the pin: no retry. */
  | { state: 'refused'; refusal: SiteRefusal; message: string }
  | { state: 'closed' };

export interface SiteLink {
  readonly state: LinkState;
  onState(listener: (state: LinkState) => void): () => void;
  /** Events the server pushes to one of this PC's windows (its own window id, as sent in `invoke`). */
  onEvent(listener: (window: string, event: EventName, payload: unknown) => void): () => void;
  /**
   * The server's answer. Not connected, or the link dropped before the answer came: SITE_SERVER_UNREACHABLE (the
   * call may or may not have been done: only idempotent calls, like a DI with its client key, may be sent again).
   */
  invoke(window: string, channel: string, input: unknown): Promise<IpcResult<unknown>>;
  /** Best effort: dropped while not connected (OS events, idle time, closed windows). */
  send(frame: Exclude<ClientFrame, { type: 'invoke' }>): void;
  close(): Promise<void>;
}

/** What the PC recorded at enrolment, its credential opened from the secret store. */
export interface SiteLinkOptions {
  serverUrl: string;
  /** SHA-256 fingerprint `AB:CD:…` of the server's certificate, and the certificate itself (PEM) to trust. */
  fingerprint: string;
  certificatePem: string;
  /** `<workstationId>.<secret>` */
  credential: string;
  appVersion: string;
  logger: Logger;
  clock?: Clock;
  /** Reconnection delays: doubled after each failure from `initialMs` up to `maxMs` (tests shorten them). */
  backoff?: { initialMs: number; maxMs: number };
}
