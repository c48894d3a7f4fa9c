// Pure (Node). All SQL about the outbox (table `outbox`). Every email is inserted here before any send attempt;
// a sender claims it (queued → sending, with a lease), then it becomes sent | queued (retry) | failed. Claims are
// one atomic statement, so several cores on one database never send a message twice; a claim that outlives its
// lease (a crashed sender) is given back. Redacting a message drops its sealed secrets: the stored bodies only
// ever hold markers where a one-time code goes.
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { OutboxErrorCode, OutboxKind, OutboxStatus } from '../../../shared/contract';
import { engineOf, type Executor } from '../kernel/db/database';
import type { OutboxTable, Schema } from '../kernel/db/schema';

export interface NewOutboxMessage {
  kind: OutboxKind;
  recipient: string;
  locale: 'fr' | 'en';
  subject: string;
  htmlBody: string;
  textBody: string;
  /** Sealed JSON of the marker → secret map, or null when the message carries none. */
  secrets: string | null;
  userId: number | null;
  expiresAt: number | null;
}

export interface OutboxRecord {
  id: number;
  kind: OutboxKind;
  recipient: string;
  locale: 'fr' | 'en';
  subject: string;
  htmlBody: string;
  textBody: string;
  secrets: string | null;
  secretRedacted: boolean;
  status: OutboxStatus;
  /** Also the claim's fencing token: each claim adds one, and only the current claimant's outcome is written. */
  attempts: number;
  nextAttemptAt: number;
  expiresAt: number | null;
  lastErrorCode: OutboxErrorCode | null;
  lastErrorMessage: string | null;
  userId: number | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
  leaseUntil: number | null;
}

/** The claim a sender holds: the message and the attempt number it was claimed with. */
export interface OutboxClaim {
  id: number;
  attempts: number;
}

export interface OutboxError {
  code: OutboxErrorCode;
  message: string;
}

const toRecord = (row: Selectable<OutboxTable>): OutboxRecord => ({
  id: row.id,
  kind: row.kind as OutboxKind,
  recipient: row.recipient,
  locale: row.locale,
  subject: row.subject,
  htmlBody: row.html_body,
  textBody: row.text_body,
  secrets: row.secrets,
  secretRedacted: row.secret_redacted === 1,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  expiresAt: row.expires_at,
  lastErrorCode: row.last_error_code as OutboxErrorCode | null,
  lastErrorMessage: row.last_error_message,
  userId: row.user_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  sentAt: row.sent_at,
  leaseUntil: row.lease_until,
});

type Eb = ExpressionBuilder<Schema, 'outbox'>;

// Drops the sealed secrets and remembers that there were some.
const redact = (eb: Eb) => ({
  secret_redacted: eb.case().when('secrets', 'is not', null).then(1).else(eb.ref('secret_redacted')).end() as unknown as 0 | 1,
  secrets: null,
});

/** The claimant's own row: still "sending" under the claim it took (a reclaimed message belongs to the new claimant). */
const held = (claim: OutboxClaim) => (eb: Eb) => eb.and([eb('id', '=', claim.id), eb('status', '=', 'sending'), eb('attempts', '=', claim.attempts)]);

/** Nobody holds it any more: no lease (rows from before migration 0008) or a lease that ran out. */
const leaseOver = (now: number) => (eb: Eb) => eb.and([eb('status', '=', 'sending'), eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)])]);

const isPostgres = (db: Executor): boolean => engineOf(db) === 'postgres';

/** A new message's columns, whatever state it is written in (queued, or already claimed by an inline send). */
function newMessageColumns(message: NewOutboxMessage, now: number) {
  return {
    kind: message.kind,
    recipient: message.recipient,
    locale: message.locale,
    subject: message.subject,
    html_body: message.htmlBody,
    text_body: message.textBody,
    secrets: message.secrets,
    next_attempt_at: now,
    expires_at: message.expiresAt,
    user_id: message.userId,
    created_at: now,
    updated_at: now,
  };
}

export class OutboxRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): OutboxRepository {
    return new OutboxRepository(trx);
  }

  async insert(message: NewOutboxMessage, now: number): Promise<number> {
    const row = await this.db
      .insertInto('outbox')
      .values({ ...newMessageColumns(message, now), status: 'queued', attempts: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** An inline send (the test email): written already claimed ("sending", attempt 1) under a lease. */
  async insertClaimed(message: NewOutboxMessage, now: number, leaseMs: number): Promise<OutboxClaim> {
    const row = await this.db
      .insertInto('outbox')
      .values({ ...newMessageColumns(message, now), status: 'sending', attempts: 1, lease_until: now + leaseMs })
      .returning(['id', 'attempts'])
      .executeTakeFirstOrThrow();
    return { id: Number(row.id), attempts: row.attempts };
  }

  async findById(id: number): Promise<OutboxRecord | null> {
    const row = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /**
   * Claims up to `limit` due messages in ONE statement: each moves to "sending" with one more attempt and a lease
   * until `now + leaseMs`, and is returned. On PostgreSQL the candidates are locked with SKIP LOCKED, so two
   * senders claiming at the same moment take disjoint messages (and a row another claimed meanwhile is re-checked
   * and dropped); SQLite has a single writer, which makes the same UPDATE atomic.
   */
  async claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxRecord[]> {
    const due = (eb: Eb) => eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]);
    const candidates = this.db.selectFrom('outbox').select('id').where(due).orderBy('next_attempt_at').orderBy('id').limit(limit);
    const rows = await this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), lease_until: now + leaseMs, updated_at: now }))
      // PostgreSQL: the candidates are computed once, as an array. Written `id IN (subquery)`, the planner may
      // rescan the subquery for each row it updates, and with SKIP LOCKED each rescan finds other rows: far more
      // than `limit` would be claimed.
      .where((eb) =>
        isPostgres(this.db) ? eb(eb.ref('id'), '=', sql<number>`any(array(${candidates.forUpdate().skipLocked()}))`) : eb('id', 'in', candidates),
      )
      .where(due)
      .returningAll()
      .execute();
    return rows.map(toRecord).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
  }

  /** True when the claim was still ours and the message is now sent (and its secrets gone). */
  async markSent(claim: OutboxClaim, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'sent', sent_at: now, updated_at: now, last_error_code: null, last_error_message: null, lease_until: null, ...redact(eb) }))
      .where(held(claim))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async markRetry(claim: OutboxClaim, nextAttemptAt: number, error: OutboxError, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({ status: 'queued', next_attempt_at: nextAttemptAt, last_error_code: error.code, last_error_message: error.message, updated_at: now, lease_until: null })
      .where(held(claim))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A message that waits for configuration keeps its attempt count: nothing was tried. */
  async markWaiting(claim: OutboxClaim, nextAttemptAt: number, error: OutboxError, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set((eb) => ({
        status: 'queued',
        attempts: eb('attempts', '-', 1),
        next_attempt_at: nextAttemptAt,
        last_error_code: error.code,
        last_error_message: error.message,
        updated_at: now,
        lease_until: null,
      }))
      .where(held(claim))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async markFailed(claim: OutboxClaim, error: OutboxError, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'failed', last_error_code: error.code, last_error_message: error.message, updated_at: now, lease_until: null, ...redact(eb) }))
      .where(held(claim))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Queued messages whose code expired are given up (and redacted). Returns how many. */
  async expireDue(now: number): Promise<number> {
    const result = await this.db
      .updateTable('outbox')
      .set((eb) => ({ status: 'failed', last_error_code: 'MESSAGE_EXPIRED', last_error_message: 'Expired before it could be sent', updated_at: now, ...redact(eb) }))
      .where('status', '=', 'queued')
      .where('expires_at', 'is not', null)
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Claims whose lease ran out (their sender crashed or hung): a worker's message goes back to the queue (it may
   * go out twice; none is lost), a test email (sent inline, its answer long gone) is failed as interrupted.
   * Idempotent: any core may run it at any time.
   */
  async releaseExpiredLeases(now: number): Promise<{ requeued: number; interrupted: number }> {
    const requeued = await this.db
      .updateTable('outbox')
      .set({ status: 'queued', updated_at: now, lease_until: null })
      .where(leaseOver(now))
      .where('kind', '<>', 'test')
      .executeTakeFirst();
    const interrupted = await this.db
      .updateTable('outbox')
      .set({ status: 'failed', last_error_code: 'SMTP_FAILED', last_error_message: 'Interrupted', updated_at: now, lease_until: null })
      .where(leaseOver(now))
      .where('kind', '=', 'test')
      .executeTakeFirst();
    return { requeued: Number(requeued.numUpdatedRows), interrupted: Number(interrupted.numUpdatedRows) };
  }

  /** True when the message was failed and could be queued again. */
  async resend(id: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({ status: 'queued', attempts: 0, next_attempt_at: now, last_error_code: null, last_error_message: null, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .where('secret_redacted', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** New settings: every queued message is due now instead of after its backoff. */
  async rescheduleQueued(now: number): Promise<number> {
    const result = await this.db
      .updateTable('outbox')
      .set({ next_attempt_at: now, updated_at: now })
      .where('status', '=', 'queued')
      .where('next_attempt_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async recent(limit: number): Promise<OutboxRecord[]> {
    const rows = await this.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toRecord);
  }

  async counts(): Promise<Record<OutboxStatus, number>> {
    const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
    const rows = await this.db
      .selectFrom('outbox')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
      .groupBy('status')
      .execute();
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /** When the worker should look again: the next queued message's time, or the end of the first lease to run out. */
  async nextDueAt(): Promise<number | null> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => [
        eb.fn.min('next_attempt_at').filterWhere('status', '=', 'queued').as('queued'),
        eb.fn.min('lease_until').filterWhere('status', '=', 'sending').as('lease'),
      ])
      .executeTakeFirst();
    const times = [row?.queued, row?.lease].filter((at): at is number => at !== null && at !== undefined).map(Number);
    return times.length > 0 ? Math.min(...times) : null;
  }

  /** Deletes sent and failed messages last touched at or before `before`. */
  async prune(before: number): Promise<number> {
    const result = await this.db
      .deleteFrom('outbox')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'sent'), eb('sent_at', '<=', before)]),
          eb.and([eb('status', '=', 'failed'), eb('updated_at', '<=', before)]),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Inside a transaction: holds the recipient's row until commit, so two cores deciding "has this user heard from
   * us lately?" for the same user take turns (PostgreSQL: a row lock; SQLite: the transaction's write lock
   * already serializes writers).
   */
  async lockRecipient(userId: number): Promise<void> {
    if (!isPostgres(this.db)) return;
    await this.db.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
  }

  async countRecentForUser(userId: number, kind: OutboxKind, since: number): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * After a redaction, on SQLite: copies the WAL into the main file and truncates it, so the old page images that
   * held the sealed secrets are gone from disk too (secure_delete, set on the connection, zeroes freed space).
   * PostgreSQL keeps no file of ours to scrub: nothing to do there. Never inside a transaction.
   */
  async scrubFreedPages(): Promise<void> {
    if (isPostgres(this.db)) return;
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.db);
  }
}
