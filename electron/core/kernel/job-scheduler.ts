// Pure (Node). Runs the modules' scheduled jobs (purges, expiries, the préventif generator, the daily backup)
// once per site however many processes share the data: a job runs only in the process holding its lease
// (job_leases, claimed by one atomic statement). Two site servers on one PostgreSQL, or two OS accounts on one
// SQLite file, never both run it; if the holder dies, its lease runs out and another process takes the job over
// at its next scheduled run. A live holder keeps its leases with a heartbeat, so a job's period (an hour, a day)
// does not decide how fast a crashed holder is replaced: the lease length does (2 minutes by default).
import { randomUUID } from 'node:crypto';
import { JobLeaseRepository } from './db/job-lease-repository';
import type { Executor } from './db/database';
import type { ScheduledJob } from './module';
import type { Clock } from './platform/clock';
import type { Logger } from './platform/logger';

export const DEFAULT_JOB_LEASE_MS = 2 * 60_000;

/** What one attempt to run a job did. */
export type JobRunOutcome = 'ran' | 'failed' | 'held-elsewhere' | 'already-running' | 'unknown-job';

export interface JobSchedulerDeps {
  db: Executor;
  clock: Clock;
  logger: Logger;
  jobs: readonly ScheduledJob[];
  /** How long a claim lasts without renewal (default 2 min): a crashed holder's jobs wait this long at most. */
  leaseMs?: number;
  /** The heartbeat renewing this process's leases; 0: none (tests call `renewLeases()` with their clock). */
  heartbeatMs?: number;
  /** False while a restore replaces the data: scheduled runs are skipped (the next one catches up). */
  isIdle?: () => boolean;
}

export interface JobScheduler {
  /** This process's name in job_leases (random per core: a restarted process is a new holder). */
  readonly holder: string;
  /** Runs the start-up jobs (the background ones only started) and starts the timers. */
  start(): Promise<void>;
  /** Claims (or keeps) the job's lease, then runs it here; otherwise says why not. Errors are logged, never thrown. */
  run(name: string): Promise<JobRunOutcome>;
  /** The heartbeat's work: extends the leases this process holds; answers their names. */
  renewLeases(): Promise<string[]>;
  /** Stops the timers and gives the leases back, so another process takes the jobs over without waiting. */
  close(): Promise<void>;
}

export function createJobScheduler(deps: JobSchedulerDeps): JobScheduler {
  const holder = randomUUID();
  const leases = new JobLeaseRepository(deps.db);
  const leaseMs = deps.leaseMs ?? DEFAULT_JOB_LEASE_MS;
  const heartbeatMs = deps.heartbeatMs ?? Math.floor(leaseMs / 4);
  const byName = new Map(deps.jobs.map((job) => [job.name, job]));
  // A run still going when its timer fires again (a long backup) is not started a second time in this process.
  const running = new Set<string>();
  const timers: NodeJS.Timeout[] = [];
  const isIdle = deps.isIdle ?? (() => true);
  let closed = false;

  const fail = (job: string, stage: string, error: unknown) =>
    deps.logger.error('Scheduled job failed', { job, stage, error: error instanceof Error ? error.message : String(error) });

  const run = async (name: string): Promise<JobRunOutcome> => {
    const job = byName.get(name);
    if (!job) return 'unknown-job';
    if (running.has(name)) return 'already-running';
    running.add(name);
    try {
      const now = deps.clock.now();
      let held: boolean;
      try {
        held = await leases.claim(name, holder, now, now + leaseMs);
      } catch (error) {
        // Database busy or unreachable: nobody can be sure who holds it, so nothing runs; the next run retries.
        fail(name, 'lease', error);
        return 'failed';
      }
      if (!held) return 'held-elsewhere';
      try {
        await job.run();
        return 'ran';
      } catch (error) {
        // A failed run (database busy…) is logged and caught up by the next one: the app carries on.
        fail(name, 'run', error);
        return 'failed';
      }
    } finally {
      running.delete(name);
    }
  };

  const renewLeases = async (): Promise<string[]> => {
    if (closed) return [];
    return leases.renewAll(holder, deps.clock.now() + leaseMs);
  };

  return {
    holder,
    run,
    renewLeases,
    async start() {
      // The core is ready once start-up housekeeping has run (expired drafts, codes and requests gone, the audit
      // log pruned), as before the data layer was async; a background job (the daily backup) only starts.
      const atStart = deps.jobs.filter((job) => job.atStart !== false);
      atStart.filter((job) => job.background).forEach((job) => void run(job.name));
      await Promise.all(atStart.filter((job) => !job.background).map((job) => run(job.name)));
      for (const job of deps.jobs) timers.push(setInterval(() => isIdle() && void run(job.name), job.everyMs));
      if (heartbeatMs > 0) {
        // Not while a restore replaces the data (nothing writes then); a restore outlasting the lease hands the jobs
        // to another process, which is fine.
        timers.push(setInterval(() => isIdle() && void renewLeases().catch((error: unknown) => fail('job-leases', 'renew', error)), heartbeatMs));
      }
      timers.forEach((timer) => timer.unref());
    },
    async close() {
      closed = true;
      timers.forEach(clearInterval);
      try {
        await leases.releaseAll(holder);
      } catch (error) {
        // The database is gone: the leases simply run out.
        fail('job-leases', 'release', error);
      }
    },
  };
}
