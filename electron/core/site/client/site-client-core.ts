// Pure (Node). The core of a client PC (issue 16): what Electron's main (or the harness) runs instead of createCore
// when the PC works with a site server. It holds no database and no SMTP secret: its dispatcher checks the sender as
// the core's does, answers the site channels itself (status, probe, enrol), and forwards every other call over the
// link to the server, which checks the session, the role and the input as for its own windows. While the server is
// unreachable, the windows are locked, a DI is kept in the PC's queue (sent once the server is back, exactly once
// thanks to its client key), and everything else answers SITE_SERVER_UNREACHABLE.
import { randomUUID } from 'node:crypto';
import { contract, fail, ok, type IpcResult } from '../../../../shared/contract';
import type { AppState } from '../../../../shared/app/contract';
import { toFieldIssues } from '../../../../shared/accounts/account-fields';
import type { SiteConnectionEvent } from '../../../../shared/contract/events';
import type { SiteStatus } from '../../../../shared/site/contract';
import type { SecretStore } from '../../email';
import type { Dispatcher } from '../../kernel/ipc/dispatcher';
import { AppError } from '../../kernel/platform/app-error';
import { systemClock, type Clock } from '../../kernel/platform/clock';
import type { Logger } from '../../kernel/platform/logger';
import { isTrustedUrl } from '../../kernel/security/trusted-url';
import type { OsEvent } from '../../kernel/sessions/os-events';
import type { EventSink } from '../../kernel/sessions/session-registry';
import { readClientConfig, type SiteClientConfig } from './client-config';
import { defaultConnect, defaultEnrolmentClient } from './default-wire';
import { enrolThisPc, type EnrolmentClient } from './enrol-this-pc';
import { OfflineQueue } from './offline-queue';
import type { LinkState, SiteLink, SiteLinkOptions } from './site-link';

export interface SiteClientDeps {
  dataDir: string;
  appVersion: string;
  trustedOrigins: readonly string[];
  events: EventSink;
  secretStore: SecretStore;
  logger: Logger;
  clock?: Clock;
  /** `"server"` from gmao-atelier.json: offered on the enrolment screen while this PC is not enrolled. */
  serverUrl?: string | null;
  backoff?: { initialMs: number; maxMs: number };
  /** Ms since the last input anywhere on the PC (Electron's powerMonitor); sent to the server every `idleReportMs`. */
  systemIdleMs?: () => number;
  idleReportMs?: number;
  /** The socket (default: ./ws-site-link.ts); tests may pass a link of their own. */
  connect?: (options: SiteLinkOptions) => SiteLink;
  /** Probe and enrol over HTTPS (default: ./enrolment-client.ts). */
  enrolment?: EnrolmentClient;
  /** At start-up, how long a first `app:getState` waits for the first connection attempt to settle (default 3 s). */
  firstConnectWaitMs?: number;
  /** After the server answered a queued DI with « try again » (busy, throttled), when to send the queue again. */
  queueRetryMs?: number;
}

export interface SiteClientCore {
  dispatcher: Dispatcher;
  osEvent(event: OsEvent): Promise<void>;
  forgetWindow(windowId: string): void;
  status(): SiteStatus;
  close(): Promise<void>;
}

/** The window id the queue's DIs are sent from: no session there, so they are filed as from the lock screen. */
export const QUEUE_WINDOW = 'site-queue';
const DEFAULT_IDLE_REPORT_MS = 5000;
const DEFAULT_FIRST_CONNECT_WAIT_MS = 3000;
const DEFAULT_QUEUE_RETRY_MS = 30_000;
/** Server answers after which a queued DI is tried again later rather than set aside. */
const TRANSIENT_CODES = new Set(['SITE_SERVER_UNREACHABLE', 'DATABASE_BUSY', 'THROTTLED', 'INTERNAL_ERROR', 'BRIDGE_UNAVAILABLE']);

export async function createSiteClientCore(deps: SiteClientDeps): Promise<SiteClientCore> {
  const clock = deps.clock ?? systemClock;
  const { logger, events } = deps;
  const connect = deps.connect ?? defaultConnect;
  const enrolment: EnrolmentClient = deps.enrolment ?? defaultEnrolmentClient;
  const queue = OfflineQueue.open(deps.dataDir, logger);

  let config: SiteClientConfig | null = null;
  const read = readClientConfig(deps.dataDir, deps.secretStore);
  if (read.status === 'enrolled') config = read.config;
  else if (read.status === 'unusable') {
    // Copied from another PC or account, or damaged: this PC enrols again (the old entry is revoked on the server).
    logger.error('Site client: the enrolment file cannot be used on this computer; enrol again', { reason: read.reason });
  }

  let link: SiteLink | null = null;
  let linkState: LinkState = { state: 'closed' };
  let unsubscribe: (() => void)[] = [];
  /** The windows of this PC that have called, and those of them that hold a session on the server. */
  const windows = new Set<string>();
  const signedIn = new Set<string>();
  /** What the server last said at start-up, shown (with nobody signed in) while it is unreachable. */
  let lastAppState: AppState | null = null;
  let closed = false;
  let flushing: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let firstSettled: Promise<void> = Promise.resolve();

  const connection = (): SiteConnectionEvent => {
    const queuedRequests = queue.size;
    if (!config) return { state: 'not-enrolled', refusal: null, nextAttemptAt: null, queuedRequests };
    switch (linkState.state) {
      case 'connected':
        return { state: 'connected', refusal: null, nextAttemptAt: null, queuedRequests };
      case 'refused':
        return { state: 'refused', refusal: linkState.refusal, nextAttemptAt: null, queuedRequests };
      case 'reconnecting':
        return { state: 'reconnecting', refusal: null, nextAttemptAt: linkState.nextAttemptAt, queuedRequests };
      default:
        return { state: 'reconnecting', refusal: null, nextAttemptAt: null, queuedRequests };
    }
  };
  const canEnrol = () => !config || linkState.state === 'refused';
  const status = (): SiteStatus => {
    const now = connection();
    return {
      mode: 'client',
      serverUrl: config?.serverUrl ?? deps.serverUrl ?? null,
      fingerprint: config?.fingerprint ?? null,
      workstationName: config?.workstationName ?? null,
      connection: now.state,
      refusal: now.refusal,
      queuedRequests: now.queuedRequests,
      canEnrol: canEnrol(),
    };
  };
  const broadcastConnection = () => {
    const payload = connection();
    for (const window of windows) events.send(window, 'site:connection', payload);
  };

  const onLinkState = (next: LinkState) => {
    const was = linkState.state;
    linkState = next;
    if (was === 'connected' && next.state !== 'connected') {
      // The server ends these sessions as the socket closes; the windows must not wait to learn it: their content
      // is hidden at once, and the person signs in again once the server is back.
      for (const window of signedIn) events.send(window, 'session:ended', { reason: 'disconnected' });
      signedIn.clear();
      logger.warn('Site client: connection to the server lost', { state: next.state, ...(next.state === 'reconnecting' ? { reason: next.reason } : {}) });
    }
    if (next.state === 'connected' && was !== 'connected') {
      logger.info('Site client: connected to the server', { workstation: next.workstationName, serverVersion: next.serverVersion });
      // The server's idle clock for this PC's windows starts from what the PC says now, not from its next report.
      reportIdle();
      void flushQueue();
    }
    if (next.state === 'refused') logger.error('Site client: the server refused this PC', { refusal: next.refusal, message: next.message });
    broadcastConnection();
  };

  const startLink = (current: SiteClientConfig) => {
    const created = connect({
      serverUrl: current.serverUrl,
      fingerprint: current.fingerprint,
      certificatePem: current.certificatePem,
      credential: current.credential,
      appVersion: deps.appVersion,
      logger,
      clock,
      backoff: deps.backoff,
    });
    link = created;
    linkState = created.state;
    unsubscribe = [
      created.onState(onLinkState),
      created.onEvent((window, event, payload) => {
        if (event === 'session:ended') signedIn.delete(window);
        events.send(window, event, payload as never);
      }),
    ];
    // The first screen asks app:getState at once: let it wait a moment for the first attempt rather than show a
    // « connexion perdue » that is only the connection being made.
    const waitMs = deps.firstConnectWaitMs ?? DEFAULT_FIRST_CONNECT_WAIT_MS;
    firstSettled = new Promise<void>((resolve) => {
      if (created.state.state !== 'connecting') return resolve();
      const timer = setTimeout(resolve, waitMs);
      timer.unref();
      const off = created.onState((state) => {
        if (state.state === 'connecting') return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  };

  const stopLink = async () => {
    const current = link;
    unsubscribe.forEach((off) => off());
    unsubscribe = [];
    link = null;
    linkState = { state: 'closed' };
    await current?.close();
  };

  /** Sends the queued DIs, oldest first, one at a time; each leaves the queue only once the server answered it. */
  const sendQueue = async (): Promise<void> => {
    // Oldest first, re-read at each step: a DI queued meanwhile goes in the same pass, in its turn.
    for (let item = queue.list()[0]; item !== undefined; item = queue.list()[0]) {
      if (closed || !link || linkState.state !== 'connected') return;
      const result = await link.invoke(QUEUE_WINDOW, 'requests:report', item.input);
      if (result.ok) {
        queue.remove(item.clientKey);
        logger.info('Site client: queued DI sent', { number: (result.data as { number?: string } | null)?.number ?? null });
      } else if (TRANSIENT_CODES.has(result.error.code)) {
        // Unreachable: the next connection sends it. Busy or throttled: a little later, on this connection.
        if (result.error.code !== 'SITE_SERVER_UNREACHABLE') scheduleRetry();
        return;
      } else {
        // Refused for good (an equipment code unknown to the server…): set aside, so the others still go.
        queue.reject(item.clientKey, result.error, clock.now());
        logger.error('Site client: the server refused a queued DI; kept aside in the queue file', { code: result.error.code, input: describeReport(item.input) });
      }
      broadcastConnection();
    }
  };
  const flushQueue = (): Promise<void> => {
    flushing ??= sendQueue()
      .catch((error: unknown) => {
        logger.error('Site client: sending the queue failed', { error: error instanceof Error ? error.message : String(error) });
        scheduleRetry();
      })
      .finally(() => {
        flushing = null;
      });
    return flushing;
  };
  const scheduleRetry = () => {
    if (retryTimer || closed) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (linkState.state === 'connected') void flushQueue();
    }, deps.queueRetryMs ?? DEFAULT_QUEUE_RETRY_MS);
    retryTimer.unref();
  };

  function reportIdle(): void {
    if (deps.systemIdleMs && link && linkState.state === 'connected') link.send({ type: 'idle', ms: deps.systemIdleMs() });
  }

  /** A DI the server could not be asked to file: kept on this PC, sent once it is back. */
  const queueReport = (input: Record<string, unknown>, clientKey: string): IpcResult<unknown> => {
    const parsed = contract['requests:report'].input.safeParse(input);
    if (!parsed.success) return fail('VALIDATION_FAILED', 'The input does not match the contract', toFieldIssues(parsed.error));
    if (!queue.has(clientKey) && !queue.canAccept(input)) return fail('SITE_SERVER_UNREACHABLE', 'The server is unreachable and this PC already keeps as many DIs as it can');
    queue.add({ clientKey, input: { ...input, clientKey }, queuedAt: clock.now() });
    logger.info('Site client: DI kept on this PC until the server is back', { queued: queue.size });
    broadcastConnection();
    return ok({ number: null, queued: true });
  };

  /** Follows, from the server's answers, which windows hold a session (to lock them at once if the link drops). */
  const noteSession = (window: string, channel: string, result: IpcResult<unknown>) => {
    if (!result.ok) {
      if (result.error.code === 'UNAUTHENTICATED') signedIn.delete(window);
      return;
    }
    if (channel === 'auth:logout') signedIn.delete(window);
    else if (channel === 'app:getState') {
      const state = result.data as AppState;
      lastAppState = state;
      if (state.user) signedIn.add(window);
      else signedIn.delete(window);
    } else if (channel === 'auth:login' || contract[channel as keyof typeof contract].access !== 'public') signedIn.add(window);
  };

  const answerLocally = async (channel: string, rawInput: unknown): Promise<IpcResult<unknown>> => {
    const parsed = contract[channel as keyof typeof contract].input.safeParse(rawInput);
    if (!parsed.success) return fail('VALIDATION_FAILED', 'The input does not match the contract', toFieldIssues(parsed.error));
    if (channel === 'site:status') return ok(status());
    if (!canEnrol()) return fail('SITE_ENROL_NOT_ALLOWED', 'This PC is already enrolled with a server');
    if (channel === 'site:probe') return ok((await enrolment.probeServer((parsed.data as { serverUrl: string }).serverUrl)).probe);
    // site:enrol: no restart, the link starts with the new credential (the queue, if any, goes to the new server).
    const enrolled = await enrolThisPc({ dataDir: deps.dataDir, secretStore: deps.secretStore, appVersion: deps.appVersion, enrolment }, parsed.data as never);
    await stopLink();
    config = enrolled;
    logger.info('Site client: enrolled with the server', { serverUrl: enrolled.serverUrl, workstation: enrolled.workstationName });
    startLink(enrolled);
    broadcastConnection();
    return ok({ workstationName: enrolled.workstationName, restartRequired: false });
  };

  const dispatcher: Dispatcher = {
    async dispatch(sender, channel, rawInput) {
      if (!isTrustedUrl(sender.url, deps.trustedOrigins)) {
        logger.warn('IPC refused: untrusted sender', { url: sender.url.slice(0, 200) });
        return fail('UNTRUSTED_SENDER', 'The caller is not one of our windows');
      }
      if (typeof channel !== 'string' || !Object.hasOwn(contract, channel)) return fail('UNKNOWN_CHANNEL', 'No such channel');
      windows.add(sender.windowId);
      try {
        if (channel === 'site:status' || channel === 'site:probe' || channel === 'site:enrol') return await answerLocally(channel, rawInput);
        let input = rawInput;
        let clientKey: string | null = null;
        if (channel === 'requests:report' && isRecord(rawInput)) {
          // Every DI this PC sends carries a key: sent again (lost answer, queue), the server files it once.
          clientKey = typeof rawInput.clientKey === 'string' ? rawInput.clientKey : randomUUID();
          input = { ...rawInput, clientKey };
        }
        if (channel === 'app:getState') await firstSettled;
        const offlineState = (): IpcResult<unknown> => ok({ ...(lastAppState ?? { needsSetup: false, version: deps.appVersion }), user: null } satisfies AppState);
        if (!config) {
          // Nothing to send anything to until the enrolment screen has done its work (it reads site:status).
          return channel === 'app:getState' ? offlineState() : fail('SITE_NOT_ENROLLED', 'This PC is not enrolled with a site server');
        }
        if (!link || linkState.state !== 'connected') {
          if (clientKey && isRecord(input)) return queueReport(input, clientKey);
          if (channel === 'app:getState') return offlineState();
          return fail('SITE_SERVER_UNREACHABLE', 'The site server is unreachable');
        }
        const result = await link.invoke(sender.windowId, channel, input);
        // The link dropped before the answer: the DI may or may not be filed; queued with its key, it will be once.
        if (!result.ok && result.error.code === 'SITE_SERVER_UNREACHABLE' && clientKey && isRecord(input)) {
          const queued = queueReport(input, clientKey);
          void flushQueue();
          return queued;
        }
        noteSession(sender.windowId, channel, result);
        return result;
      } catch (error) {
        if (error instanceof AppError) return fail(error.code, error.message, error.fields, error.details);
        logger.error('Site client: call failed', { channel, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        return fail('INTERNAL_ERROR', 'Unexpected error');
      }
    },
  };

  if (config) startLink(config);
  const idleTimer = deps.systemIdleMs ? setInterval(reportIdle, deps.idleReportMs ?? DEFAULT_IDLE_REPORT_MS) : null;
  idleTimer?.unref();

  return {
    dispatcher,
    status,
    async osEvent(event) {
      // The server locks this PC's windows (suspend, screen lock) or checks its deadlines (resume, unlock). The
      // windows hide their content at once, without waiting for its answer over a link a sleeping PC may drop.
      if (event === 'suspend' || event === 'lock-screen') {
        for (const window of signedIn) events.send(window, 'session:ended', { reason: 'os-lock' });
        signedIn.clear();
      }
      link?.send({ type: 'os-event', event });
    },
    forgetWindow(windowId) {
      windows.delete(windowId);
      signedIn.delete(windowId);
      link?.send({ type: 'window-closed', window: windowId });
    },
    async close() {
      closed = true;
      if (idleTimer) clearInterval(idleTimer);
      if (retryTimer) clearTimeout(retryTimer);
      await stopLink();
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What the log may say of a DI set aside: enough to file it again by hand, never its photo. */
function describeReport(input: Record<string, unknown>): Record<string, unknown> {
  const { equipmentCode, symptom, machineStopped, reporterName, clientKey } = input;
  return { equipmentCode, symptom, machineStopped, reporterName, clientKey, photo: input.photo !== undefined };
}
