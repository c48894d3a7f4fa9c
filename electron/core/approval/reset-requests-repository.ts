// Pure (Node). All SQL about password-reset requests by administrator approval (table `reset_requests`),
// including the metrics panel's figures, computed here in SQL. Kysely on either engine (SQLite, PostgreSQL).
import { sql, type Selectable } from 'kysely';
import type {
  ApprovalMetricsWindow,
  PendingResetRequest,
  ResetCancelReason,
  ResetRequestHistoryEntry,
  ResetRequestStatus,
} from '../../../shared/contract';
import type { Executor } from '../kernel/db/database';
import type { ResetRequestsTable } from '../kernel/db/schema';

export interface ResetRequestRecord {
  id: number;
  userId: number;
  status: ResetRequestStatus;
  codeHash: string;
  checkNumber: string;
  requestedAt: number;
  workstation: string;
  expiresAt: number;
  decision: 'approved' | 'rejected' | null;
  decidedAt: number | null;
  decidedBy: number | null;
  adminNotes: string | null;
  completedAt: number | null;
  endedAt: number | null;
  cancelReason: ResetCancelReason | null;
  failedAttempts: number;
}

export interface NewResetRequest {
  userId: number;
  codeHash: string;
  checkNumber: string;
  requestedAt: number;
  workstation: string;
  expiresAt: number;
}

type RequestRow = Selectable<ResetRequestsTable>;

const toRecord = (row: RequestRow): ResetRequestRecord => ({
  id: row.id,
  userId: row.user_id,
  status: row.status,
  codeHash: row.code_hash,
  checkNumber: row.check_number,
  requestedAt: row.requested_at,
  workstation: row.workstation,
  expiresAt: row.expires_at,
  decision: row.decision,
  decidedAt: row.decided_at,
  decidedBy: row.decided_by,
  adminNotes: row.admin_notes,
  completedAt: row.completed_at,
  endedAt: row.ended_at,
  cancelReason: row.cancel_reason,
  failedAttempts: row.failed_attempts,
});

/** Pending or approved: the states the partial unique index `reset_requests_one_active` allows once per user. */
const ACTIVE = ['pending', 'approved'] as const;

/** PostgreSQL answers SUM/AVG of BIGINT as NUMERIC (text in the driver); SQLite as numbers. Both become numbers. */
const toNumber = (value: unknown): number => Number(value ?? 0);
const toNumberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export class ResetRequestsRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): ResetRequestsRepository {
    return new ResetRequestsRepository(trx);
  }

  async findById(id: number): Promise<ResetRequestRecord | null> {
    const row = await this.db.selectFrom('reset_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The user's pending or approved request (at most one: a unique index says so). */
  async findActiveForUser(userId: number): Promise<ResetRequestRecord | null> {
    const row = await this.db
      .selectFrom('reset_requests')
      .selectAll()
      .where('user_id', '=', userId)
      .where('status', 'in', ACTIVE)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The user's latest requests, newest first: a typed code is compared with each. */
  async listRecentForUser(userId: number, limit: number): Promise<ResetRequestRecord[]> {
    const rows = await this.db
      .selectFrom('reset_requests')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /**
   * A new pending request, or null when the user already has an active one. The unique index decides, not an
   * earlier read: of two concurrent requests (two workstations, two processes) exactly one row is created, and
   * the other statement does nothing instead of failing. The index is the only unique constraint this insert
   * can meet (ids are generated), so the conflict clause needs no target.
   */
  async insertIfNoneActive(request: NewResetRequest): Promise<number | null> {
    const row = await this.db
      .insertInto('reset_requests')
      .values({
        user_id: request.userId,
        status: 'pending',
        code_hash: request.codeHash,
        check_number: request.checkNumber,
        requested_at: request.requestedAt,
        workstation: request.workstation,
        expires_at: request.expiresAt,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    return row ? row.id : null;
  }

  /** False when the request is no longer pending (another administrator was quicker, or it expired). */
  async decide(id: number, decision: 'approved' | 'rejected', decidedBy: number, notes: string | null, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('reset_requests')
      .set({ status: decision, decision, decided_at: now, decided_by: decidedBy, admin_notes: notes })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Approved → completed; false when it is no longer approved (used, expired or cancelled meanwhile). */
  async complete(id: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('reset_requests')
      .set({ status: 'completed', completed_at: now })
      .where('id', '=', id)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async cancel(id: number, reason: ResetCancelReason, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('reset_requests')
      .set({ status: 'cancelled', ended_at: now, cancel_reason: reason })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The user's active request cancelled for a password changed another way; its id, or null if there was none. */
  async cancelActiveForUser(userId: number, reason: ResetCancelReason, now: number): Promise<number | null> {
    const row = await this.db
      .updateTable('reset_requests')
      .set({ status: 'cancelled', ended_at: now, cancel_reason: reason })
      .where('user_id', '=', userId)
      .where('status', 'in', ACTIVE)
      .returning('id')
      .executeTakeFirst();
    return row ? row.id : null;
  }

  /**
   * One more wrong code on the user's active request, in one statement (two wrong codes at once both count):
   * the request and its new count, or null if the user has no active request.
   */
  async recordFailedAttempt(userId: number): Promise<{ requestId: number; attempts: number } | null> {
    const row = await this.db
      .updateTable('reset_requests')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('user_id', '=', userId)
      .where('status', 'in', ACTIVE)
      .returning(['id', 'failed_attempts'])
      .executeTakeFirst();
    return row ? { requestId: row.id, attempts: row.failed_attempts } : null;
  }

  /** Cancels an active request whose tries are used up; true for the one caller that cancelled it. */
  async cancelIfAttemptsReached(id: number, maxAttempts: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('reset_requests')
      .set({ status: 'cancelled', ended_at: now, cancel_reason: 'code_attempts' })
      .where('id', '=', id)
      .where('status', 'in', ACTIVE)
      .where('failed_attempts', '>=', maxAttempts)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async listDueForExpiry(now: number): Promise<ResetRequestRecord[]> {
    const rows = await this.db
      .selectFrom('reset_requests')
      .selectAll()
      .where('status', 'in', ACTIVE)
      .where('expires_at', '<=', now)
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  /** Expires a request still in the state it was read in; false if it moved meanwhile (or another pass did it). */
  async markExpired(id: number, previousStatus: ResetRequestStatus, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('reset_requests')
      .set({ status: 'expired', ended_at: now })
      .where('id', '=', id)
      .where('status', '=', previousStatus)
      .where('status', 'in', ACTIVE)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async countPending(): Promise<number> {
    const row = await this.db
      .selectFrom('reset_requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return toNumber(row.n);
  }

  private joined() {
    return this.db
      .selectFrom('reset_requests as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .leftJoin('users as d', 'd.id', 'r.decided_by')
      .selectAll('r')
      .select(['u.username', 'u.display_name', 'u.role', 'd.display_name as decider_name']);
  }

  async listPending(now: number, viewerUserId: number): Promise<PendingResetRequest[]> {
    const rows = await this.joined().where('r.status', '=', 'pending').orderBy('r.requested_at').orderBy('r.id').execute();
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      requestedAt: row.requested_at,
      workstation: row.workstation,
      expiresAt: row.expires_at,
      ageMs: Math.max(0, now - row.requested_at),
      checkNumber: row.check_number,
      ownRequest: row.user_id === viewerUserId,
      failedAttempts: row.failed_attempts,
    }));
  }

  /** Everything but pending, most recent event first. */
  async listHistory(limit: number): Promise<ResetRequestHistoryEntry[]> {
    const rows = await this.joined()
      .where('r.status', '<>', 'pending')
      .orderBy(sql`coalesce(r.completed_at, r.ended_at, r.decided_at, r.requested_at)`, 'desc')
      .orderBy('r.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      status: row.status,
      requestedAt: row.requested_at,
      workstation: row.workstation,
      decision: row.decision,
      decidedAt: row.decided_at,
      decidedBy: row.decided_by !== null ? { id: row.decided_by, displayName: row.decider_name ?? '' } : null,
      adminNotes: row.admin_notes,
      completedAt: row.completed_at,
      endedAt: row.ended_at,
      cancelReason: row.cancel_reason,
    }));
  }

  /** Requests made since `since` (0 for all time). */
  async metrics(since: number): Promise<ApprovalMetricsWindow> {
    const row = await this.db
      .selectFrom('reset_requests')
      .select((eb) => [
        eb.fn.countAll().as('requests'),
        sql<number>`coalesce(sum(case when decision = 'approved' then 1 else 0 end), 0)`.as('approved'),
        sql<number>`coalesce(sum(case when decision = 'rejected' then 1 else 0 end), 0)`.as('rejected'),
        sql<number>`coalesce(sum(case when status = 'completed' then 1 else 0 end), 0)`.as('completed'),
        sql<number>`coalesce(sum(case when status = 'expired' then 1 else 0 end), 0)`.as('expired'),
        sql<number>`coalesce(sum(case when status = 'cancelled' then 1 else 0 end), 0)`.as('cancelled'),
        sql<number | null>`avg(case when decided_at is not null then decided_at - requested_at end)`.as('average_decision_ms'),
      ])
      .where('requested_at', '>=', since)
      .executeTakeFirstOrThrow();
    const approved = toNumber(row.approved);
    const rejected = toNumber(row.rejected);
    // Rates are over decided requests (approved + rejected); the decision survives completion, expiry and cancellation.
    const decided = approved + rejected;
    return {
      requests: toNumber(row.requests),
      approved,
      rejected,
      completed: toNumber(row.completed),
      expired: toNumber(row.expired),
      cancelled: toNumber(row.cancelled),
      averageDecisionMs: toNumberOrNull(row.average_decision_ms),
      approvalRate: decided > 0 ? approved / decided : null,
      rejectionRate: decided > 0 ? rejected / decided : null,
    };
  }
}
