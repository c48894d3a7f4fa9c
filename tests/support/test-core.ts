// Node (tests). A real core on a real database, on the engine of this vitest pass (a SQLite file in a fresh temp
// folder, or a fresh schema of the PostgreSQL server: see test-database.ts), with a controllable clock and every
// pushed event recorded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayloads, IpcResult } from '../../shared/contract';
import { createCore, type Core, type CoreDeps } from '../../electron/core/create-core';
import { createMemoryLogger } from '../../electron/core/kernel/platform/logger';
import { REPO_RESOURCES_DIR } from './repo-paths';
import { createTestDatabaseTarget, type TestDatabaseTarget } from './test-database';

export const TEST_ORIGIN = 'http://test.local';

export class FakeClock {
  constructor(public current = Date.UTC(2026, 0, 15, 8, 0, 0)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface TestCore extends Core {
  dataDir: string;
  clock: FakeClock;
  logger: ReturnType<typeof createMemoryLogger>;
  events: { windowId: string; event: EventName; payload: unknown }[];
  /** Calls the dispatcher as window `windowId` of our own origin. Typed for a valid call; loose for tests of bad ones. */
  call<C extends ChannelName>(windowId: string, channel: C, input?: ChannelInput<C>): Promise<IpcResult<ChannelOutput<C>>>;
  call(windowId: string, channel: string, input?: unknown): ReturnType<Core['dispatcher']['dispatch']>;
  dispose(): Promise<void>;
}

export function makeTempDir(prefix = 'gmao-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const targetsByDataDir = new Map<string, Promise<TestDatabaseTarget>>();
function targetFor(dataDir: string): Promise<TestDatabaseTarget> {
  let target = targetsByDataDir.get(dataDir);
  if (!target) {
    target = createTestDatabaseTarget(dataDir);
    targetsByDataDir.set(dataDir, target);
  }
  return target;
}

export async function createTestCore(
  options: Partial<
    Pick<
      CoreDeps,
      | 'bcryptCost'
      | 'passwordHasher'
      | 'systemIdleMs'
      | 'backupTransfers'
      | 'backupPagesPerStep'
      | 'appVersion'
      | 'secretStore'
      | 'mailTransport'
      | 'mailAutoRun'
      | 'openPath'
      | 'pdfPrinter'
      | 'dataMode'
      | 'dataConfigFile'
      | 'busyTimeoutMs'
      | 'versions'
      | 'isEmailConfigured'
      | 'notifyApprovalDecision'
      | 'approvalTuning'
      | 'preventiveAutoRun'
    >
  > & {
    dataDir?: string;
    clock?: FakeClock;
  } = {},
): Promise<TestCore> {
  const dataDir = options.dataDir ?? makeTempDir();
  const clock = options.clock ?? new FakeClock();
  const logger = createMemoryLogger();
  const events: TestCore['events'] = [];
  // PostgreSQL: a schema of its own per data folder, so a test that restarts a core on the same folder finds its
  // data again (kept until the throwaway cluster goes); SQLite: the file in the data folder.
  const target = options.dataDir ? await targetFor(options.dataDir) : await createTestDatabaseTarget(dataDir);
  const core = await createCore({
    databaseUrl: target.url ?? null,
    databaseSchema: target.schema,
    databasePoolSize: 4,
    dataDir,
    appVersion: options.appVersion ?? 'test',
    workstationName: 'POSTE-TEST',
    resourcesDir: REPO_RESOURCES_DIR,
    trustedOrigins: [TEST_ORIGIN],
    clock,
    logger,
    bcryptCost: options.bcryptCost ?? 4,
    passwordHasher: options.passwordHasher,
    // No real timer: tests move the fake clock and call `sessions.tick()` themselves.
    tickIntervalMs: 0,
    // Nor automatic backups: tests call `backups.runDailyIfDue()` after moving the clock.
    backupCheckIntervalMs: 0,
    backupTransfers: options.backupTransfers,
    backupPagesPerStep: options.backupPagesPerStep,
    systemIdleMs: options.systemIdleMs,
    secretStore: options.secretStore,
    mailTransport: options.mailTransport,
    // No mail timers either: tests call `mail.flush()` when they want the outbox to run.
    mailAutoRun: options.mailAutoRun ?? false,
    openPath: options.openPath,
    pdfPrinter: options.pdfPrinter,
    dataMode: options.dataMode,
    dataConfigFile: options.dataConfigFile,
    busyTimeoutMs: options.busyTimeoutMs,
    versions: options.versions,
    isEmailConfigured: options.isEmailConfigured,
    notifyApprovalDecision: options.notifyApprovalDecision,
    // Public reset answers wait for a floor of 250 ms in the app; tests that don't measure it skip the wait.
    approvalTuning: { responseFloorMs: 0, ...options.approvalTuning },
    // Nor the préventif generator's own passes: tests call its runOnce(now) or its channel.
    preventiveAutoRun: options.preventiveAutoRun ?? false,
    events: {
      send<E extends EventName>(windowId: string, event: E, payload: EventPayloads[E]) {
        events.push({ windowId, event, payload });
      },
    },
  });
  return {
    ...core,
    dataDir,
    clock,
    logger,
    events,
    call: ((windowId: string, channel: string, input?: unknown) =>
      core.dispatcher.dispatch({ windowId, url: `${TEST_ORIGIN}/index.html` }, channel, input)) as TestCore['call'],
    async dispose() {
      await core.close();
      if (!options.dataDir) await target.drop();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const ADMIN_INPUT = {
  username: 'admin.chef',
  displayName: 'Chef Atelier',
  email: 'chef@usine.example',
  password: 'pompe hydraulique 42',
  passwordConfirmation: 'pompe hydraulique 42',
};
