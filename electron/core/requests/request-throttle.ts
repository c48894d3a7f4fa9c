// Pure (Node). Slows down the two public DI channels per workstation: a script at a shop PC can't flood the
// maintenance team with DIs or walk the equipment list. Signed-in callers count under their own account instead,
// so a flood at the login screen never keeps a signed-in person from filing theirs. The count is the database's
// (one atomic upsert per call, see kernel/db/window-counter-repository.ts): a refusal says when a slot frees up.
import type { Database } from '../kernel/db/database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import { WindowCounterRepository } from '../kernel/db/window-counter-repository';

export interface RequestLimit {
  max: number;
  windowMs: number;
}

export type RequestThrottleAction = 'report' | 'lookup';
export type RequestLimits = Record<RequestThrottleAction, RequestLimit>;

/** A person reports once or twice and looks up a few times while typing; a script does it hundreds of times. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  report: { max: 10, windowMs: 10 * 60_000 },
  lookup: { max: 60, windowMs: 60_000 },
};

const PREFIX: Record<RequestThrottleAction, string> = { report: 'DI-REPORT', lookup: 'DI-LOOKUP' };

/** `DI-REPORT:<workstation>` (anonymous) or `DI-REPORT:user:<id>`: capitals, so never a login key. */
export function requestThrottleKey(action: RequestThrottleAction, caller: { workstation: string; userId: number | null }): string {
  return caller.userId === null ? `${PREFIX[action]}:${caller.workstation}` : `${PREFIX[action]}:user:${caller.userId}`;
}

export class RequestThrottle {
  private readonly repository: WindowCounterRepository;

  constructor(
    private readonly deps: { database: Database; clock: Clock; workstation: string; limits: RequestLimits },
  ) {
    this.repository = new WindowCounterRepository(deps.database.kysely);
  }

  /** Counts one call, or throws REQUEST_THROTTLED with `retryAfterSeconds` (the end of the current window). */
  async hit(action: RequestThrottleAction, userId: number | null): Promise<void> {
    const limit = this.deps.limits[action];
    const now = this.deps.clock.now();
    const key = requestThrottleKey(action, { workstation: this.deps.workstation, userId });
    const { count, windowStart } = await this.repository.hit(key, now, limit.windowMs, limit.max);
    if (count > limit.max) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + limit.windowMs - now) / 1000));
      throw new AppError('REQUEST_THROTTLED', 'Too many requests from this workstation', undefined, { retryAfterSeconds, action });
    }
  }
}
