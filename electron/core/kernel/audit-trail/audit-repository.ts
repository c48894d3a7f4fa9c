// Pure (Node). The security audit log. Append-only: this class has no update method, and its one delete is
// retention pruning (`deleteOlderThan`), the only DELETE of audit_log in the code (a test scans for others).
// The database enforces it too (migration 0007): a DELETE is refused unless the retention gate is open, and
// only `deleteOlderThan` opens it, inside the caller's transaction.
import type { Statement } from 'better-sqlite3';
import type { KnownAuditEventType } from '../../../../shared/audit/audit-catalog';
import type { Db } from '../db/open-database';

/** Every type the app writes; the catalog groups and labels them all (a missing label fails the typecheck). */
export type AuditEventType = KnownAuditEventType;

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

/** What the viewer filters on, already in milliseconds (see core/audit/audit-criteria.ts). */
export interface AuditCriteria {
  /** Done by this user or concerning them. */
  userId?: number;
  /** Part of subject_label (the name typed at login), case-insensitive for ASCII. */
  labelContains?: string;
  /** Any of these types; an empty list means all. */
  eventTypes?: readonly string[];
  /** Inclusive. */
  fromMs?: number;
  /** Exclusive. */
  beforeMs?: number;
}

export interface AuditPersonRecord {
  id: number;
  username: string;
  displayName: string;
}

/** One row for the viewer: the record with the names of the people it mentions. */
export interface AuditViewRecord extends Omit<AuditRecord, 'eventType'> {
  eventType: string;
  actor: AuditPersonRecord | null;
  subject: AuditPersonRecord | null;
}

interface AuditViewRow extends AuditRow {
  actor_username: string | null;
  actor_display_name: string | null;
  subject_username: string | null;
  subject_display_name: string | null;
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

const VIEW_SELECT = `
  SELECT a.*, actor.username AS actor_username, actor.display_name AS actor_display_name,
         subject.username AS subject_username, subject.display_name AS subject_display_name
  FROM audit_log a
  LEFT JOIN users actor ON actor.id = a.actor_user_id
  LEFT JOIN users subject ON subject.id = a.subject_user_id`;

/** Newest first; the id breaks ties between entries of the same millisecond. */
const NEWEST_FIRST = 'ORDER BY a.occurred_at DESC, a.id DESC';

export class AuditRepository {
  private readonly statements;
  /** Filtered queries differ only by which conditions are present: a handful of shapes, each prepared once. */
  private readonly prepared = new Map<string, Statement>();

  constructor(
    private readonly db: Db,
    private readonly workstation: string,
  ) {
    this.statements = {
      insert: db.prepare(`
        INSERT INTO audit_log (occurred_at, event_type, actor_user_id, subject_user_id, subject_label, workstation, details)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      recent: db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?'),
      eventTypes: db.prepare('SELECT DISTINCT event_type FROM audit_log ORDER BY event_type'),
      people: db.prepare('SELECT id, username, display_name, is_active FROM users ORDER BY display_name, username'),
      // Retention pruning: the only DELETE of the audit log anywhere in the code.
      deleteOlderThan: db.prepare('DELETE FROM audit_log WHERE occurred_at < ?'),
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
    return (this.statements.recent.all(limit) as AuditRow[]).map(toRecord);
  }

  /** One page of the filtered log, newest first. */
  search(criteria: AuditCriteria, limit: number, offset: number): AuditViewRecord[] {
    const where = whereClause(criteria);
    const rows = this.statement(`${VIEW_SELECT} ${where.sql} ${NEWEST_FIRST} LIMIT ? OFFSET ?`).all(...where.params, limit, offset);
    return (rows as AuditViewRow[]).map(toViewRecord);
  }

  count(criteria: AuditCriteria): number {
    const where = whereClause(criteria);
    return (this.statement(`SELECT COUNT(*) AS n FROM audit_log a ${where.sql}`).get(...where.params) as { n: number }).n;
  }

  /** The filtered log row by row, newest first, for the CSV export (no array of 100,000 rows in memory). */
  *stream(criteria: AuditCriteria, limit: number): Generator<AuditViewRecord> {
    const where = whereClause(criteria);
    const rows = this.statement(`${VIEW_SELECT} ${where.sql} ${NEWEST_FIRST} LIMIT ?`).iterate(...where.params, limit);
    for (const row of rows) yield toViewRecord(row as AuditViewRow);
  }

  /** Every event type present in the log, including ones this version has no label for. */
  eventTypes(): string[] {
    return (this.statements.eventTypes.all() as { event_type: string }[]).map((row) => row.event_type);
  }

  /** Every account, active or not, for the viewer's "Utilisateur" filter: the log names past users too. */
  people(): (AuditPersonRecord & { isActive: boolean })[] {
    return (this.statements.people.all() as { id: number; username: string; display_name: string; is_active: number }[]).map((row) => ({
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      isActive: row.is_active === 1,
    }));
  }

  /**
   * Retention: deletes every entry strictly older than `cutoff`, in one statement. Returns how many.
   * Must run inside a transaction (the retention service's, which also audits the prune): the gate is opened
   * and closed around the DELETE, so no other connection can ever see it open.
   */
  deleteOlderThan(cutoff: number): number {
    if (!this.db.inTransaction) throw new Error('deleteOlderThan must run inside the retention transaction');
    // Prepared here rather than in the constructor: a database below schema 7 has no gate yet.
    this.db.prepare('UPDATE audit_retention_gate SET is_open = 1 WHERE id = 1').run();
    try {
      return this.statements.deleteOlderThan.run(cutoff).changes;
    } finally {
      this.db.prepare('UPDATE audit_retention_gate SET is_open = 0 WHERE id = 1').run();
    }
  }

  private statement(sql: string): Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }
}

/** Parameters only: nothing typed by anyone is ever pasted into the SQL text. */
function whereClause(criteria: AuditCriteria): { sql: string; params: (string | number)[] } {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  if (criteria.userId !== undefined) {
    conditions.push('(a.actor_user_id = ? OR a.subject_user_id = ?)');
    params.push(criteria.userId, criteria.userId);
  }
  if (criteria.labelContains) {
    // LOWER on both sides and an explicit ESCAPE: the same meaning in SQLite and PostgreSQL.
    conditions.push("LOWER(a.subject_label) LIKE ? ESCAPE '\\'");
    params.push(`%${escapeLike(criteria.labelContains.toLowerCase())}%`);
  }
  if (criteria.eventTypes && criteria.eventTypes.length > 0) {
    conditions.push(`a.event_type IN (${criteria.eventTypes.map(() => '?').join(', ')})`);
    params.push(...criteria.eventTypes);
  }
  if (criteria.fromMs !== undefined) {
    conditions.push('a.occurred_at >= ?');
    params.push(criteria.fromMs);
  }
  if (criteria.beforeMs !== undefined) {
    conditions.push('a.occurred_at < ?');
    params.push(criteria.beforeMs);
  }
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    eventType: row.event_type,
    actorUserId: row.actor_user_id,
    subjectUserId: row.subject_user_id,
    subjectLabel: row.subject_label,
    workstation: row.workstation,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
  };
}

function toViewRecord(row: AuditViewRow): AuditViewRecord {
  return {
    ...toRecord(row),
    actor: row.actor_user_id !== null && row.actor_username !== null
      ? { id: row.actor_user_id, username: row.actor_username, displayName: row.actor_display_name ?? row.actor_username }
      : null,
    subject: row.subject_user_id !== null && row.subject_username !== null
      ? { id: row.subject_user_id, username: row.subject_username, displayName: row.subject_display_name ?? row.subject_username }
      : null,
  };
}
