// Node (tests). A real site server on loopback for one test, on the engine of this vitest pass (SQLite in its data
// folder, or a fresh PostgreSQL schema), with a fake clock, a memory logger and cheap bcrypt; helpers to sign in an
// administrator on the server itself and to enrol a PC (probe + code + enrol, as a client PC does).
import fs from 'node:fs';
import type { ChannelInput, ChannelName, ChannelOutput, IpcResult } from '../../shared/contract';
import { enrolWithServer, probeServer } from '../../electron/core/site/client/enrolment-client';
import type { EnrolResponse } from '../../electron/core/site/protocol';
import { SITE_CLIENT_ORIGIN } from '../../electron/core/site/protocol';
import { startSiteServer, type SiteServer, type SiteServerOptions } from '../../electron/core/site/server/site-server';
import { createMemoryLogger } from '../../electron/core/kernel/platform/logger';
import { REPO_RESOURCES_DIR } from './repo-paths';
import { ADMIN_INPUT, FakeClock, makeTempDir } from './test-core';
import { createTestDatabaseTarget, type TestDatabaseTarget } from './test-database';

export const SERVER_ADMIN_WINDOW = 'server-admin';

export interface TestSiteServer extends SiteServer {
  dataDir: string;
  /** PostgreSQL pass: where its data is (a server restarted on the same data passes it back as reuseDatabaseOf). */
  database: { url: string | null; schema: string | undefined };
  clock: FakeClock;
  logger: ReturnType<typeof createMemoryLogger>;
  /** Calls the server's dispatcher as one of its own windows (not a PC's): an administrator on the server. */
  call<C extends ChannelName>(windowId: string, channel: C, input?: ChannelInput<C>): Promise<IpcResult<ChannelOutput<C>>>;
  /** Creates the first administrator and signs them in as SERVER_ADMIN_WINDOW; answers their user id. */
  signInAdmin(): Promise<number>;
  /** An administrator's code, then probe + enrol as a client PC would. */
  enrol(workstationName: string, adminUserId: number): Promise<EnrolResponse>;
  dispose(): Promise<void>;
}

export async function startTestSiteServer(
  options: {
    clock?: FakeClock;
    dataDir?: string;
    appVersion?: string;
    /** Start on the data of an earlier server (a restart): same folder and, on PostgreSQL, same schema; not dropped. */
    reuseDatabaseOf?: Pick<TestSiteServer, 'database'>;
  } & Partial<Pick<SiteServerOptions, 'heartbeatMs' | 'tls' | 'serverName' | 'port'>> = {},
): Promise<TestSiteServer> {
  const dataDir = options.dataDir ?? makeTempDir('gmao-site-');
  const clock = options.clock ?? new FakeClock();
  const logger = createMemoryLogger();
  const target: TestDatabaseTarget | null =
    process.env.GMAO_TEST_ENGINE === 'postgres' && !options.reuseDatabaseOf ? await createTestDatabaseTarget(dataDir) : null;
  const database = options.reuseDatabaseOf?.database ?? { url: target?.url ?? null, schema: target?.schema };
  const server = await startSiteServer({
    dataDir,
    databaseUrl: database.url,
    databaseSchema: database.schema,
    databasePoolSize: 4,
    host: '127.0.0.1',
    port: options.port ?? 0,
    serverName: options.serverName ?? 'Serveur test',
    appVersion: options.appVersion ?? '1.0.0-test',
    resourcesDir: REPO_RESOURCES_DIR,
    tls: options.tls,
    heartbeatMs: options.heartbeatMs,
    core: {
      clock,
      logger,
      bcryptCost: 4,
      tickIntervalMs: 0,
      backupCheckIntervalMs: 0,
      mailAutoRun: false,
      preventiveAutoRun: false,
      approvalTuning: { responseFloorMs: 0 },
    },
  });
  const call = ((windowId: string, channel: string, input?: unknown) =>
    server.core.dispatcher.dispatch({ windowId, url: `${SITE_CLIENT_ORIGIN}/` }, channel, input)) as TestSiteServer['call'];
  return {
    ...server,
    dataDir,
    database,
    clock,
    logger,
    call,
    async signInAdmin() {
      const setup = await call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
      if (!setup.ok) throw new Error(setup.error.code);
      const login = await call(SERVER_ADMIN_WINDOW, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
      if (!login.ok) throw new Error(login.error.code);
      const user = await server.core.database.kysely.selectFrom('users').select('id').where('username', '=', ADMIN_INPUT.username).executeTakeFirstOrThrow();
      return Number(user.id);
    },
    async enrol(workstationName, adminUserId) {
      const code = await server.createEnrolmentCode(adminUserId);
      const { probe, certificatePem } = await probeServer(server.url);
      return enrolWithServer({ serverUrl: server.url, fingerprint: probe.fingerprint, certificatePem, code: code.code, workstationName, appVersion: '1.0.0-test' });
    },
    async dispose() {
      await server.close();
      await target?.drop();
      if (!options.reuseDatabaseOf) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
