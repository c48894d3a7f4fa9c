// Pure (Node). The security audit log. Append-only: this class has no update method, and its one delete is
// retention pruning (`deleteOlderThan`), the only DELETE of audit_log in the code (a test scans for others).
// The database enforces it too (migration 0007): a DELETE is refused unless the retention gate is open, and
// only `deleteOlderThan` opens it, inside the caller's transaction.
import { currentWorkstation } from '../ipc/call-context';
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { KnownAuditEventType } from '../../../../shared/audit/audit-catalog';
import type { Executor } from '../db/database';
import type { Schema } from '../db/schema';
import { escapeLike } from '../db/text-search';

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
  event_type: string;
  actor_user_id: number | null;
  subject_user_id: number | null;
  subject_label: string | null;
  workstation: string;
  details: string | null;
}

type ViewTables = Schema & { a: Schema['audit_log']; actor: Schema['users']; subject: Schema['users'] };

/** Rows fetched per round trip when the export walks the whole filtered log. */
const STREAM_BATCH = 1000;

export class AuditRepository {
  constructor(
    private readonly db: Executor,
    private readonly workstation: string,
  ) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): AuditRepository {
    return new AuditRepository(trx, this.workstation);
  }

  async append(entry: AuditEntry, now: number): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        occurred_at: now,
        event_type: entry.eventType,
        actor_user_id: entry.actorUserId ?? null,
        subject_user_id: entry.subjectUserId ?? null,
        subject_label: entry.subjectLabel ?? null,
        workstation: currentWorkstation(this.workstation),
        details: entry.details ? JSON.stringify(entry.details) : null,
      })
      .execute();
  }

  /** Newest first. */
  async recent(limit: number): Promise<AuditRecord[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toRecord);
  }

  /** One page of the filtered log, newest first; the id breaks ties between entries of the same millisecond. */
  async search(criteria: AuditCriteria, limit: number, offset: number): Promise<AuditViewRecord[]> {
    const rows = await this.view(criteria).orderBy('a.occurred_at', 'desc').orderBy('a.id', 'desc').limit(limit).offset(offset).execute();
    return rows.map(toViewRecord);
  }

  async count(criteria: AuditCriteria): Promise<number> {
    const row = await this.db
      .selectFrom('audit_log as a')
      .where((eb) => filter(eb, criteria))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The filtered log row by row, newest first, for the CSV export: batches walked by keyset, never all in memory. */
  async *stream(criteria: AuditCriteria, limit: number): AsyncGenerator<AuditViewRecord> {
    let remaining = limit;
    let after: { occurredAt: number; id: number } | null = null;
    while (remaining > 0) {
      const cursor: { occurredAt: number; id: number } | null = after;
      let query = this.view(criteria);
      if (cursor) {
        query = query.where((eb) =>
          eb.or([eb('a.occurred_at', '<', cursor.occurredAt), eb.and([eb('a.occurred_at', '=', cursor.occurredAt), eb('a.id', '<', cursor.id)])]),
        );
      }
      const rows = await query.orderBy('a.occurred_at', 'desc').orderBy('a.id', 'desc').limit(Math.min(STREAM_BATCH, remaining)).execute();
      for (const row of rows) yield toViewRecord(row);
      if (rows.length < Math.min(STREAM_BATCH, remaining)) return;
      remaining -= rows.length;
      const last = rows[rows.length - 1];
      after = { occurredAt: last.occurred_at, id: last.id };
    }
  }

  /** Every event type present in the log, including ones this version has no label for. */
  async eventTypes(): Promise<string[]> {
    const rows = await this.db.selectFrom('audit_log').select('event_type').distinct().orderBy('event_type').execute();
    return rows.map((row) => row.event_type);
  }

  /** Every account, active or not, for the viewer's "Utilisateur" filter: the log names past users too. */
  async people(): Promise<(AuditPersonRecord & { isActive: boolean })[]> {
    const rows = await this.db.selectFrom('users').select(['id', 'username', 'display_name', 'is_active']).orderBy('display_name').orderBy('username').execute();
    return rows.map((row) => ({ id: row.id, username: row.username, displayName: row.display_name, isActive: row.is_active === 1 }));
  }

  /**
   * Retention: deletes every entry strictly older than `cutoff`, in one statement, and answers how many. The only
   * DELETE of the audit log anywhere in the code. It must run inside the retention service's transaction (which
   * also audits the prune): the gate of migration 0007 is opened and shut around the DELETE, so no other connection
   * ever sees it open; outside a transaction the gate would be visible to others, so it is refused.
   */
  async deleteOlderThan(cutoff: number): Promise<number> {
    if (!this.db.isTransaction) throw new Error('deleteOlderThan must run inside the retention transaction');
    await this.db.updateTable('audit_retention_gate').set({ is_open: 1 }).where('id', '=', 1).execute();
    try {
      const result = await this.db.deleteFrom('audit_log').where('occurred_at', '<', cutoff).executeTakeFirst();
      return Number(result.numDeletedRows);
    } finally {
      await this.db.updateTable('audit_retention_gate').set({ is_open: 0 }).where('id', '=', 1).execute();
    }
  }

  private view(criteria: AuditCriteria): SelectQueryBuilder<ViewTables, 'a' | 'actor' | 'subject', AuditViewRow> {
    return (this.db as unknown as Kysely<ViewTables>)
      .selectFrom('audit_log as a')
      .leftJoin('users as actor', 'actor.id', 'a.actor_user_id')
      .leftJoin('users as subject', 'subject.id', 'a.subject_user_id')
      .where((eb) => filter(eb as unknown as ExpressionBuilder<{ a: Schema['audit_log'] }, 'a'>, criteria))
      .selectAll('a')
      .select([
        'actor.username as actor_username',
        'actor.display_name as actor_display_name',
        'subject.username as subject_username',
        'subject.display_name as subject_display_name',
      ]) as unknown as SelectQueryBuilder<ViewTables, 'a' | 'actor' | 'subject', AuditViewRow>;
  }
}

/** Parameters only: nothing typed by anyone is ever pasted into the SQL text. */
function filter(eb: ExpressionBuilder<{ a: Schema['audit_log'] }, 'a'>, criteria: AuditCriteria) {
  const conditions = [];
  if (criteria.userId !== undefined) conditions.push(eb.or([eb('a.actor_user_id', '=', criteria.userId), eb('a.subject_user_id', '=', criteria.userId)]));
  // LOWER on both sides and an explicit ESCAPE: the same meaning in SQLite and PostgreSQL.
  if (criteria.labelContains) conditions.push(sql<boolean>`lower(a.subject_label) like ${`%${escapeLike(criteria.labelContains.toLowerCase())}%`} escape '\\'`);
  if (criteria.eventTypes && criteria.eventTypes.length > 0) conditions.push(eb('a.event_type', 'in', criteria.eventTypes));
  if (criteria.fromMs !== undefined) conditions.push(eb('a.occurred_at', '>=', criteria.fromMs));
  if (criteria.beforeMs !== undefined) conditions.push(eb('a.occurred_at', '<', criteria.beforeMs));
  return eb.and(conditions);
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    eventType: row.event_type as AuditEventType,
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
