// Node (tests). Scheduled jobs once per site: two real cores on one database (one SQLite file, or one PostgreSQL
// schema) run each job in one process only; a holder that stops renewing (crashed, frozen) is replaced once its
// lease ran out (injected clock), and a holder that closes hands its jobs over at once.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_INPUT, createTestCore, FakeClock, makeTempDir, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { JobLeaseRepository } from './db/job-lease-repository';
import { createMemoryLogger } from './platform/logger';
import { createJobScheduler, DEFAULT_JOB_LEASE_MS } from './job-scheduler';

const LEASE = DEFAULT_JOB_LEASE_MS;
const JOB = 'drafts.purgeExpired';
let cores: TestCore[] = [];
let dataDir: string | null = null;
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close().catch(() => undefined);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

async function start(clock: FakeClock): Promise<TestCore> {
  const core = await createTestCore({ dataDir: dataDir as string, clock });
  cores.push(core);
  return core;
}

/** An expired draft of the administrator: what drafts.purgeExpired removes when it really runs. */
async function expiredDraft(core: TestCore, formKey: string): Promise<void> {
  const db = core.database.kysely;
  const admin = await db.selectFrom('users').select('id').where('username', '=', ADMIN_INPUT.username).executeTakeFirstOrThrow();
  const now = core.clock.now();
  await db.insertInto('drafts').values({ user_id: admin.id, form_key: formKey, data: '{}', saved_at: now - 2, expires_at: now - 1 }).execute();
}

const draftKeys = async (core: TestCore) => (await core.database.kysely.selectFrom('drafts').select('form_key').orderBy('form_key').execute()).map((row) => row.form_key);

describe(`scheduled jobs on two cores sharing one database (${TEST_ENGINE})`, () => {
  it('run in the holder only; a holder that stops renewing is replaced after its lease; a closing holder hands over at once', async () => {
    dataDir = makeTempDir('gmao-jobs-');
    const clock = new FakeClock();
    const a = await start(clock);
    const b = await start(clock);
    expect(a.jobs.holder).not.toBe(b.jobs.holder);
    // A started first: its start-up runs claimed every job; B's start-up found them held and ran none.
    const leases = await new JobLeaseRepository(a.database.kysely).list();
    expect(leases.map((lease) => lease.name)).toEqual(['approval.expireDue', 'approval.purgeResetAttempts', 'audit.prune', JOB]);
    expect(new Set(leases.map((lease) => lease.holder))).toEqual(new Set([a.jobs.holder]));

    expect((await a.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT)).ok).toBe(true);
    await expiredDraft(a, 'first');
    expect(await b.jobs.run(JOB)).toBe('held-elsewhere');
    expect(await draftKeys(a)).toEqual(['first']);
    expect(await a.jobs.run(JOB)).toBe('ran');
    expect(await draftKeys(a)).toEqual([]);

    // A's heartbeat keeps its leases past their first term.
    clock.advance(LEASE - 1);
    expect(await a.jobs.renewLeases()).toEqual(['approval.expireDue', 'approval.purgeResetAttempts', 'audit.prune', JOB]);
    clock.advance(LEASE - 1);
    await expiredDraft(a, 'second');
    expect(await b.jobs.run(JOB)).toBe('held-elsewhere');
    expect(await draftKeys(a)).toEqual(['second']);

    // A stops renewing (its process hangs or died): once its lease ran out, B takes the job over and runs it.
    clock.advance(1);
    expect(await b.jobs.run(JOB)).toBe('ran');
    expect(await draftKeys(a)).toEqual([]);
    // A, back, is fenced off: the job is B's now, and A's heartbeat no longer counts it.
    expect(await a.jobs.run(JOB)).toBe('held-elsewhere');
    expect(await a.jobs.renewLeases()).not.toContain(JOB);

    // B closes: its leases are given back, and A runs the job again without waiting for them to run out.
    await b.close();
    cores = cores.filter((core) => core !== b);
    await expiredDraft(a, 'third');
    expect(await a.jobs.run(JOB)).toBe('ran');
    expect(await draftKeys(a)).toEqual([]);
    expect(await a.jobs.run('no.such.job')).toBe('unknown-job');
  });

  it('a third core started while the jobs are held runs none of them at start-up', async () => {
    dataDir = makeTempDir('gmao-jobs-');
    const clock = new FakeClock();
    const a = await start(clock);
    expect((await a.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT)).ok).toBe(true);
    await expiredDraft(a, 'kept');
    // The draft would be purged by drafts.purgeExpired's start-up run, if B's start-up ran it.
    const b = await start(clock);
    expect(await draftKeys(b)).toEqual(['kept']);
    await a.close();
    cores = cores.filter((core) => core !== a);
    // A gone cleanly: B's next scheduled run does the work.
    expect(await b.jobs.run(JOB)).toBe('ran');
    expect(await draftKeys(b)).toEqual([]);
  });
});

describe(`one scheduler's own rules (${TEST_ENGINE})`, () => {
  it('never starts a job twice at once in one process, logs a failed run, and gives its leases back on close', async () => {
    dataDir = makeTempDir('gmao-jobs-');
    const core = await start(new FakeClock());
    const logger = createMemoryLogger();
    let release: () => void = () => undefined;
    let runs = 0;
    const scheduler = createJobScheduler({
      db: core.database.kysely,
      clock: core.clock,
      logger,
      heartbeatMs: 0,
      jobs: [
        {
          name: 'test.slow',
          everyMs: 3_600_000,
          atStart: false,
          run: () => {
            runs += 1;
            return new Promise<void>((resolve) => (release = resolve));
          },
        },
        {
          name: 'test.failing',
          everyMs: 3_600_000,
          atStart: false,
          run: () => {
            throw new Error('disque plein');
          },
        },
      ],
    });
    await scheduler.start();
    const first = scheduler.run('test.slow');
    expect(await scheduler.run('test.slow')).toBe('already-running');
    // The first run has its lease and is under way (its claim is a database round trip).
    while (runs === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    expect(await first).toBe('ran');
    expect(runs).toBe(1);
    expect(await scheduler.run('test.failing')).toBe('failed');
    expect(logger.lines.some((line) => line.includes('Scheduled job failed') && line.includes('disque plein'))).toBe(true);
    const leases = new JobLeaseRepository(core.database.kysely);
    expect((await leases.list()).filter((lease) => lease.holder === scheduler.holder).map((lease) => lease.name)).toEqual(['test.failing', 'test.slow']);
    await scheduler.close();
    expect((await leases.list()).filter((lease) => lease.holder === scheduler.holder)).toEqual([]);
  });
});
