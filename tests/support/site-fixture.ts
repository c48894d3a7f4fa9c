// Node (tests and bench). A site in one process: a real site server (H1's startSiteServer: TLS WebSocket on loopback,
// the real core on SQLite or a PostgreSQL schema) and real client PCs (H2's createSiteClientCore, each with its own
// data folder, sealed credential and offline queue), enrolled through the real `site:enrol` channel with a one-time
// code, exactly as a person does it on the enrolment screen. Every event a client's main would push to its windows
// is recorded, so tests can wait for `data:changed` or `session:ended` on another PC.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayloads, IpcResult } from '../../shared/contract';
import type { SiteStatus } from '../../shared/site/contract';
import type { Core, CoreDeps } from '../../electron/core/create-core';
import { createFileKeySecretStore } from '../../electron/core/email/file-key-secret-store';
import { createMemoryLogger } from '../../electron/core/kernel/platform/logger';
import { SITE_CLIENT_ORIGIN } from '../../electron/core/site/protocol';
import { startSiteServer, type SiteServer, type SiteServerOptions } from '../../electron/core/site/server/site-server';
import { createSiteClientCore, type SiteClientCore, type SiteClientDeps } from '../../electron/core/site/client/site-client-core';
import { connectSiteLink } from '../../electron/core/site/client/ws-site-link';
import { enrolWithServer, probeServer } from '../../electron/core/site/client/enrolment-client';
import { REPO_RESOURCES_DIR } from './repo-paths';
import { ADMIN_INPUT, FakeClock, type TestCore } from './test-core';
import { waitUntil } from './wait';

/** The origin a client PC's own windows load from (its main checks it before forwarding anything). */
export const CLIENT_ORIGIN = 'http://client.local';

export interface RecordedEvent {
  windowId: string;
  event: EventName;
  payload: unknown;
  /** Order of arrival across every PC of the test (to say "after that call"). */
  seq: number;
}

let sequence = 0;
export const nextSeq = () => ++sequence;

export interface DatabasePlace {
  url: string | null;
  schema?: string;
}

export interface TestSiteOptions {
  dataDir?: string;
  database: DatabasePlace;
  /** An injected clock for the server's core (sessions, codes' expiry); absent: the real one. */
  clock?: FakeClock;
  port?: number;
  heartbeatMs?: number;
  bcryptCost?: number;
  databasePoolSize?: number;
  core?: Partial<CoreDeps>;
  /** A quiet logger for the bench; tests keep the memory logger to read it on failure. */
  logger?: CoreDeps['logger'];
}

export interface TestSite {
  server: SiteServer;
  dataDir: string;
  /** The server's core seen as a test core: its dispatcher called directly (setup, as the server's own console). */
  admin: TestCore;
  /** A one-time code made by the first administrator (setup must have created them: see `signInServerAdmin`). */
  newEnrolmentCode(): Promise<string>;
  close(): Promise<void>;
}

export async function startTestSite(options: TestSiteOptions): Promise<TestSite> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-site-'));
  const clock = options.clock ?? new FakeClock(Date.now());
  const logger = createMemoryLogger();
  const serverOptions: SiteServerOptions = {
    dataDir,
    databaseUrl: options.database.url,
    databaseSchema: options.database.schema,
    databasePoolSize: options.databasePoolSize,
    host: '127.0.0.1',
    port: options.port ?? 0,
    serverName: 'Serveur de test',
    appVersion: 'test',
    resourcesDir: REPO_RESOURCES_DIR,
    heartbeatMs: options.heartbeatMs,
    core: {
      ...(options.clock ? { clock: options.clock } : {}),
      logger: options.logger ?? logger,
      bcryptCost: options.bcryptCost ?? 4,
      // No timers of their own: the tests tick the sessions after moving the clock.
      tickIntervalMs: 0,
      backupCheckIntervalMs: 0,
      mailAutoRun: false,
      preventiveAutoRun: false,
      approvalTuning: { responseFloorMs: 0 },
      ...options.core,
    },
  };
  const server = await startSiteServer(serverOptions);
  const admin = asTestCore(server.core, dataDir, clock, logger);
  return {
    server,
    dataDir,
    admin,
    async newEnrolmentCode() {
      const row = await server.core.database.kysely.selectFrom('users').select('id').where('username', '=', ADMIN_INPUT.username).executeTakeFirstOrThrow();
      return (await server.createEnrolmentCode(Number(row.id))).code;
    },
    async close() {
      await server.close();
    },
  };
}

/** The server's core called as a local window (SITE_CLIENT_ORIGIN is the one origin it trusts), for setup only. */
function asTestCore(core: Core, dataDir: string, clock: FakeClock, logger: ReturnType<typeof createMemoryLogger>): TestCore {
  return {
    ...core,
    dataDir,
    clock,
    logger,
    events: [],
    call: ((windowId: string, channel: string, input?: unknown) =>
      core.dispatcher.dispatch({ windowId: `server-console:${windowId}`, url: `${SITE_CLIENT_ORIGIN}/` }, channel, input)) as TestCore['call'],
    dispose: () => core.close(),
  };
}

export interface TestClient {
  name: string;
  dataDir: string;
  core: SiteClientCore;
  events: RecordedEvent[];
  logger: ReturnType<typeof createMemoryLogger>;
  call<C extends ChannelName>(windowId: string, channel: C, input?: ChannelInput<C>): Promise<IpcResult<ChannelOutput<C>>>;
  call(windowId: string, channel: string, input?: unknown): Promise<IpcResult<unknown>>;
  status(): SiteStatus;
  /** Events of one window (or all), optionally only those after `afterSeq`. */
  eventsOf(windowId: string | null, event: EventName, afterSeq?: number): RecordedEvent[];
  waitConnected(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestClientOptions {
  name: string;
  dataDir?: string;
  backoff?: SiteClientDeps['backoff'];
  systemIdleMs?: SiteClientDeps['systemIdleMs'];
  idleReportMs?: number;
  queueRetryMs?: number;
  connect?: SiteClientDeps['connect'];
  /** The real link's silence limit (default 40 s, for a server pinging every 15 s); fault tests shorten both. */
  heartbeatTimeoutMs?: number;
  appVersion?: string;
  logger?: CoreDeps['logger'];
}

/** A client PC's core on a data folder of its own (not enrolled yet unless that folder already holds its config). */
export async function startTestClient(options: TestClientOptions): Promise<TestClient> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-client-'));
  const events: RecordedEvent[] = [];
  const logger = createMemoryLogger();
  const core = await createSiteClientCore({
    dataDir,
    appVersion: options.appVersion ?? 'test',
    trustedOrigins: [CLIENT_ORIGIN],
    events: {
      send<E extends EventName>(windowId: string, event: E, payload: EventPayloads[E]) {
        events.push({ windowId, event, payload, seq: nextSeq() });
      },
    },
    secretStore: createFileKeySecretStore(dataDir),
    logger: options.logger ?? logger,
    backoff: options.backoff ?? { initialMs: 100, maxMs: 1000 },
    systemIdleMs: options.systemIdleMs,
    idleReportMs: options.idleReportMs,
    queueRetryMs: options.queueRetryMs ?? 500,
    firstConnectWaitMs: 5000,
    // The real socket and the real enrolment over HTTPS, as Electron's main passes them.
    connect: options.connect ?? ((linkOptions) => connectSiteLink({ ...linkOptions, heartbeatTimeoutMs: options.heartbeatTimeoutMs })),
    enrolment: { probeServer, enrolWithServer },
  });
  const client: TestClient = {
    name: options.name,
    dataDir,
    core,
    events,
    logger,
    call: ((windowId: string, channel: string, input?: unknown) =>
      core.dispatcher.dispatch({ windowId, url: `${CLIENT_ORIGIN}/index.html` }, channel, input)) as TestClient['call'],
    status: () => core.status(),
    eventsOf(windowId, event, afterSeq = 0) {
      return events.filter((entry) => (windowId === null || entry.windowId === windowId) && entry.event === event && entry.seq > afterSeq);
    },
    waitConnected: (timeoutMs = 20_000) => waitUntil(`${options.name} to be connected`, () => core.status().connection === 'connected', { timeoutMs }),
    close: () => core.close(),
  };
  return client;
}

/**
 * Enrols a client PC through its own `site:enrol` channel with a fresh code, then waits for its link. `serverUrl`:
 * another address of the same server (a proxy in front of it), which the PC then keeps.
 */
export async function enrolClient(site: TestSite, client: TestClient, serverUrl = site.server.url): Promise<void> {
  const code = await site.newEnrolmentCode();
  const enrolled = await client.call('enrol-window', 'site:enrol', {
    serverUrl,
    code,
    workstationName: client.name,
    fingerprint: site.server.fingerprint,
  });
  if (!enrolled.ok) throw new Error(`site:enrol ${client.name}: ${enrolled.error.code} ${enrolled.error.message}`);
  await client.waitConnected();
}

/** A client PC started and enrolled in one go. */
export async function startEnrolledClient(site: TestSite, options: TestClientOptions & { serverUrl?: string }): Promise<TestClient> {
  const client = await startTestClient(options);
  try {
    await enrolClient(site, client, options.serverUrl);
  } catch (error) {
    await client.close();
    throw error;
  }
  return client;
}

/** Signs a person in on one window of a client PC (through the server), failing loudly. */
export async function signIn(client: TestClient, windowId: string, identifier: string, password: string): Promise<void> {
  const login = await client.call(windowId, 'auth:login', { identifier, password });
  if (!login.ok) throw new Error(`login ${identifier} on ${client.name}: ${login.error.code} ${login.error.message}`);
}

/** Throws with the error when a call was refused: setup steps that must work. */
export function must<T>(result: IpcResult<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`);
  return result.data;
}
