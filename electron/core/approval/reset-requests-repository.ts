// Pure (Node). All SQL about password-reset requests by administrator approval (table `reset_requests`),
// including the metrics panel's figures, computed here in SQL.
import type {
  ApprovalMetricsWindow,
  PendingResetRequest,
  ResetCancelReason,
  ResetRequestHistoryEntry,
  ResetRequestStatus,
  Role,
} from '../../../shared/contract';
import type { Db } from '../kernel/db/open-database';

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

interface RequestRow {
  id: number;
  user_id: number;
  status: ResetRequestStatus;
  code_hash: string;
  check_number: string;
  requested_at: number;
  workstation: string;
  expires_at: number;
  decision: 'approved' | 'rejected' | null;
  decided_at: number | null;
  decided_by: number | null;
  admin_notes: string | null;
  completed_at: number | null;
  ended_at: number | null;
  cancel_reason: ResetCancelReason | null;
  failed_attempts: number;
}

interface JoinedRow extends RequestRow {
  username: string;
  display_name: string;
  role: Role;
  decider_name: string | null;
}

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

const ACTIVE = "status IN ('pending', 'approved')";
const JOINED = `
  SELECT r.*, u.username, u.display_name, u.role, d.display_name AS decider_name
  FROM reset_requests r
  JOIN users u ON u.id = r.user_id
  LEFT JOIN users d ON d.id = r.decided_by`;

export class ResetRequestsRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      byId: db.prepare('SELECT * FROM reset_requests WHERE id = ?'),
      activeForUser: db.prepare(`SELECT * FROM reset_requests WHERE user_id = ? AND ${ACTIVE}`),
      recentForUser: db.prepare('SELECT * FROM reset_requests WHERE user_id = ? ORDER BY requested_at DESC, id DESC LIMIT ?'),
      insert: db.prepare(`
        INSERT INTO reset_requests (user_id, status, code_hash, check_number, requested_at, workstation, expires_at)
        VALUES (@userId, 'pending', @codeHash, @checkNumber, @requestedAt, @workstation, @expiresAt)`),
      decide: db.prepare(`
        UPDATE reset_requests SET status = @decision, decision = @decision, decided_at = @now, decided_by = @decidedBy,
                                  admin_notes = @notes
        WHERE id = @id AND status = 'pending' AND expires_at > @now`),
      complete: db.prepare("UPDATE reset_requests SET status = 'completed', completed_at = @now WHERE id = @id AND status = 'approved'"),
      cancel: db.prepare(`
        UPDATE reset_requests SET status = 'cancelled', ended_at = @now, cancel_reason = @reason
        WHERE id = @id AND ${ACTIVE}`),
      failedAttempt: db.prepare(`UPDATE reset_requests SET failed_attempts = failed_attempts + 1 WHERE id = ? AND ${ACTIVE} RETURNING failed_attempts`),
      dueForExpiry: db.prepare(`SELECT * FROM reset_requests WHERE ${ACTIVE} AND expires_at <= ? ORDER BY id`),
      expire: db.prepare(`UPDATE reset_requests SET status = 'expired', ended_at = @now WHERE id = @id AND ${ACTIVE}`),
      pending: db.prepare(`${JOINED} WHERE r.status = 'pending' ORDER BY r.requested_at, r.id`),
      history: db.prepare(`${JOINED} WHERE r.status <> 'pending' ORDER BY COALESCE(r.completed_at, r.ended_at, r.decided_at, r.requested_at) DESC, r.id DESC LIMIT ?`),
      countPending: db.prepare("SELECT COUNT(*) AS n FROM reset_requests WHERE status = 'pending'"),
      // Rates are over decided requests (approved + rejected); the decision survives completion, expiry and cancellation.
      metrics: db.prepare(`
        SELECT requests, approved, rejected, completed, expired, cancelled, average_decision_ms,
               CASE WHEN approved + rejected > 0 THEN CAST(approved AS REAL) / (approved + rejected) END AS approval_rate,
               CASE WHEN approved + rejected > 0 THEN CAST(rejected AS REAL) / (approved + rejected) END AS rejection_rate
        FROM (
          SELECT COUNT(*) AS requests,
                 COALESCE(SUM(CASE WHEN decision = 'approved' THEN 1 ELSE 0 END), 0) AS approved,
                 COALESCE(SUM(CASE WHEN decision = 'rejected' THEN 1 ELSE 0 END), 0) AS rejected,
                 COALESCE(SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), 0) AS completed,
                 COALESCE(SUM(CASE WHEN status = 'expired' THEN 1 ELSE 0 END), 0) AS expired,
                 COALESCE(SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END), 0) AS cancelled,
                 AVG(CASE WHEN decided_at IS NOT NULL THEN decided_at - requested_at END) AS average_decision_ms
          FROM reset_requests
          WHERE requested_at >= @since
        ) AS totals`),
    };
  }

  findById(id: number): ResetRequestRecord | null {
    const row = this.statements.byId.get(id) as RequestRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The user's pending or approved request (at most one: a unique index says so). */
  findActiveForUser(userId: number): ResetRequestRecord | null {
    const row = this.statements.activeForUser.get(userId) as RequestRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The user's latest requests, newest first: a typed code is compared with each. */
  listRecentForUser(userId: number, limit: number): ResetRequestRecord[] {
    return (this.statements.recentForUser.all(userId, limit) as RequestRow[]).map(toRecord);
  }

  insert(request: NewResetRequest): number {
    return Number(this.statements.insert.run(request).lastInsertRowid);
  }

  /** False when the request is no longer pending (another administrator was quicker, or it expired). */
  decide(id: number, decision: 'approved' | 'rejected', decidedBy: number, notes: string | null, now: number): boolean {
    return this.statements.decide.run({ id, decision, decidedBy, notes, now }).changes === 1;
  }

  complete(id: number, now: number): boolean {
    return this.statements.complete.run({ id, now }).changes === 1;
  }

  cancel(id: number, reason: ResetCancelReason, now: number): boolean {
    return this.statements.cancel.run({ id, reason, now }).changes === 1;
  }

  /** One more wrong code on an active request; the new count, or null if the request is no longer active. */
  recordFailedAttempt(id: number): number | null {
    const row = this.statements.failedAttempt.get(id) as { failed_attempts: number } | undefined;
    return row?.failed_attempts ?? null;
  }

  listDueForExpiry(now: number): ResetRequestRecord[] {
    return (this.statements.dueForExpiry.all(now) as RequestRow[]).map(toRecord);
  }

  markExpired(id: number, now: number): boolean {
    return this.statements.expire.run({ id, now }).changes === 1;
  }

  countPending(): number {
    return (this.statements.countPending.get() as { n: number }).n;
  }

  listPending(now: number, viewerUserId: number): PendingResetRequest[] {
    return (this.statements.pending.all() as JoinedRow[]).map((row) => ({
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
  listHistory(limit: number): ResetRequestHistoryEntry[] {
    return (this.statements.history.all(limit) as JoinedRow[]).map((row) => ({
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
  metrics(since: number): ApprovalMetricsWindow {
    const row = this.statements.metrics.get({ since }) as {
      requests: number;
      approved: number;
      rejected: number;
      completed: number;
      expired: number;
      cancelled: number;
      average_decision_ms: number | null;
      approval_rate: number | null;
      rejection_rate: number | null;
    };
    return {
      requests: row.requests,
      approved: row.approved,
      rejected: row.rejected,
      completed: row.completed,
      expired: row.expired,
      cancelled: row.cancelled,
      averageDecisionMs: row.average_decision_ms,
      approvalRate: row.approval_rate,
      rejectionRate: row.rejection_rate,
    };
  }
}
