// Pure (Node). Slows down the public reset channels: requests, and code checks (status, completion, recovery).
// Counted per typed identifier (lower-cased, known or not: the answer reveals nothing) and per workstation, in a
// sliding window stored in the database. An attempt refused here is not counted, so waiting always ends the wait.
// Counting and recording are one step against every other process (one short transaction holding the attempts'
// lock): two workstations trying at the same instant cannot both take the last slot.
import type { Database } from '../kernel/db/database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { ResetAttemptsRepository } from './reset-attempts-repository';

export interface Limit {
  max: number;
  windowMs: number;
}

export type ResetAction = 'request' | 'code';

export type ResetLimits = Record<ResetAction, { perIdentifier: Limit; perWorkstation: Limit }>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A person asks once or twice and types a code a few times; a script asks hundreds of times. A code itself dies
 * after 5 wrong tries: these limits also stop someone from killing every request of the plant in one go.
 */
export const DEFAULT_RESET_LIMITS: ResetLimits = {
  request: { perIdentifier: { max: 5, windowMs: HOUR }, perWorkstation: { max: 30, windowMs: HOUR } },
  code: { perIdentifier: { max: 10, windowMs: 15 * MINUTE }, perWorkstation: { max: 60, windowMs: HOUR } },
};

export class ResetThrottle {
  constructor(
    private readonly deps: {
      database: Database;
      repository: ResetAttemptsRepository;
      clock: Clock;
      workstation: string;
      limits: ResetLimits;
    },
  ) {}

  /** Counts one attempt, or throws THROTTLED (with retryAfterSeconds) without counting it. */
  async hit(action: ResetAction, identifier: string): Promise<void> {
    const now = this.deps.clock.now();
    const limits = this.deps.limits[action];
    const keys: [string, string, Limit][] = [
      [`${action}:identifier`, identifier.trim().toLowerCase(), limits.perIdentifier],
      [`${action}:workstation`, this.deps.workstation, limits.perWorkstation],
    ];
    const retryAt = await this.deps.database.transaction(async (trx) => {
      const repository = this.deps.repository.in(trx);
      await repository.lockForCounting();
      let refusedUntil = 0;
      for (const [scope, key, limit] of keys) {
        const { count, oldest } = await repository.countSince(scope, key, now - limit.windowMs);
        if (count >= limit.max && oldest !== null) refusedUntil = Math.max(refusedUntil, oldest + limit.windowMs);
      }
      if (refusedUntil === 0) for (const [scope, key] of keys) await repository.record(scope, key, now);
      return refusedUntil;
    });
    if (retryAt > 0) {
      throw new AppError('THROTTLED', 'Too many reset attempts', undefined, { retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now) / 1000)) });
    }
  }

  /** Attempts older than every window are of no use. */
  async purge(): Promise<void> {
    const longest = Math.max(...Object.values(this.deps.limits).flatMap((l) => [l.perIdentifier.windowMs, l.perWorkstation.windowMs]));
    await this.deps.repository.purgeBefore(this.deps.clock.now() - longest);
  }
}
