// Pure (Node). Form drafts: what a user was typing in a form that opts in, kept in main for that user only and
// offered back when they sign in again. Every method takes the user id of the caller's session (the handlers pass
// `session.userId`, never anything the renderer sends), so nobody on a shared PC sees someone else's draft.
// Drafts expire a day after their last save; expired ones are invisible at once and purged by main's housekeeping.
import type { Draft } from '../../../shared/contract';
import { AppError } from '../kernel/platform/app-error';
import type { Database } from '../kernel/db/database';
import type { Clock } from '../kernel/platform/clock';
import type { DraftsRepository } from './drafts-repository';

export const DRAFT_TTL_MS = 24 * 3_600_000;
/** The contract caps each field; this caps the whole draft (JSON characters), so one save can't be ~1 MB. */
export const MAX_DRAFT_CHARS = 200_000;
/** Beyond this, saving a draft drops the user's oldest ones: drafts can't pile up without bound either. */
export const MAX_DRAFTS_PER_USER = 50;

export type DraftData = Record<string, string | number | boolean | null>;

export class DraftsService {
  constructor(private readonly deps: { database: Pick<Database, 'transaction'>; repository: DraftsRepository; clock: Clock }) {}

  /** Creates or replaces the user's draft of that form; it expires a day from now. */
  async save(userId: number, formKey: string, data: DraftData): Promise<void> {
    const json = JSON.stringify(data);
    if (json.length > MAX_DRAFT_CHARS) {
      throw new AppError('VALIDATION_FAILED', 'The draft is too large', [{ path: 'data', code: 'validation.invalid' }]);
    }
    const now = this.deps.clock.now();
    // The upsert and the trim together: nobody ever sees the user over the cap.
    await this.deps.database.transaction((trx) =>
      this.deps.repository.in(trx).save(userId, { formKey, data: json, savedAt: now, expiresAt: now + DRAFT_TTL_MS }, MAX_DRAFTS_PER_USER),
    );
  }

  /** The user's draft of that form, or null if there is none or it expired. */
  async get(userId: number, formKey: string): Promise<Draft | null> {
    const record = await this.deps.repository.find(userId, formKey, this.deps.clock.now());
    if (!record) return null;
    return { formKey: record.formKey, data: JSON.parse(record.data) as Draft['data'], savedAt: record.savedAt };
  }

  /** The user's unexpired drafts, newest first, without their data. */
  list(userId: number): Promise<Omit<Draft, 'data'>[]> {
    return this.deps.repository.list(userId, this.deps.clock.now());
  }

  /** Idempotent: discarding a draft that isn't there is not an error. */
  discard(userId: number, formKey: string): Promise<void> {
    return this.deps.repository.delete(userId, formKey);
  }

  /** Deletes every expired draft (all users); returns how many went. */
  purgeExpired(): Promise<number> {
    return this.deps.repository.purgeExpired(this.deps.clock.now());
  }
}
