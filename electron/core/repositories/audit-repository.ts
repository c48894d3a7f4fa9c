// Pure (Node). The security audit log. Append-only: this class has no update or delete method, on purpose.
import type { Db } from '../db/open-database';

export type AuditEventType =
  | 'setup.first_admin'
  | 'login.success'
  | 'login.failure'
  | 'login.throttled'
  | 'login.unthrottled'
  | 'logout'
  | 'session.locked'
  | 'session.revoked'
  | 'sessions.ended_by_admin'
  | 'settings.updated'
  // Accounts
  | 'user.created'
  | 'user.updated'
  | 'user.deactivated'
  | 'user.reactivated'
  | 'password.changed'
  | 'password.change_failed'
  | 'password.change_postponed'
  | 'password.reset_by_admin'
  | 'password.temporary_used'
  | 'password.recovered'
  // Reset by administrator approval, and IT's recovery codes
  | 'approval.requested'
  | 'approval.approved'
  | 'approval.rejected'
  | 'approval.completed'
  | 'approval.expired'
  | 'approval.cancelled'
  | 'approval.code_failed'
  | 'recovery.code_issued'
  | 'recovery.code_used'
  | 'recovery.code_failed'
  | 'recovery.code_cancelled';

export interface AuditEntry {
  eventType: AuditEventType;
  actorUserId?: number | null;
  subjectUserId?: number | null;
  subjectLabel?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  id: number;
  occurredAt: number;
  eventType: AuditEventType;
  actorUserId: number | null;
  subjectUserId: number | null;
  subjectLabel: string | null;
  workstation: string;
  details: Record<string, unknown> | null;
}

interface AuditRow {
  id: number;
  occurred_at: number;
  event_type: AuditEventType;
  actor_user_id: number | null;
  subject_user_id: number | null;
  subject_label: string | null;
  workstation: string;
  details: string | null;
}

export class AuditRepository {
  private readonly statements;

  constructor(
    db: Db,
    private readonly workstation: string,
  ) {
    this.statements = {
      insert: db.prepare(`
        INSERT INTO audit_log (occurred_at, event_type, actor_user_id, subject_user_id, subject_label, workstation, details)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      recent: db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?'),
    };
  }

  append(entry: AuditEntry, now: number): void {
    this.statements.insert.run(
      now,
      entry.eventType,
      entry.actorUserId ?? null,
      entry.subjectUserId ?? null,
      entry.subjectLabel ?? null,
      this.workstation,
      entry.details ? JSON.stringify(entry.details) : null,
    );
  }

  /** Newest first. The admin viewer (accounts issue) adds filters and paging. */
  recent(limit: number): AuditRecord[] {
    return (this.statements.recent.all(limit) as AuditRow[]).map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      eventType: row.event_type,
      actorUserId: row.actor_user_id,
      subjectUserId: row.subject_user_id,
      subjectLabel: row.subject_label,
      workstation: row.workstation,
      details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
    }));
  }
}
