// Pure (Node). All SQL about the outbox (table `outbox`). Every email is inserted here before any send attempt;
// the worker moves it queued → sending → sent | queued (retry) | failed. Redacting a message drops its sealed
// secrets: the stored bodies only ever hold markers where a one-time code goes.
import type { OutboxErrorCode, OutboxKind, OutboxStatus } from '../../../shared/contract';
import type { Db } from '../kernel/db/open-database';

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
  status?: OutboxStatus;
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
  attempts: number;
  nextAttemptAt: number;
  expiresAt: number | null;
  lastErrorCode: OutboxErrorCode | null;
  lastErrorMessage: string | null;
  userId: number | null;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

interface OutboxRow {
  id: number;
  kind: OutboxKind;
  recipient: string;
  locale: 'fr' | 'en';
  subject: string;
  html_body: string;
  text_body: string;
  secrets: string | null;
  secret_redacted: number;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  expires_at: number | null;
  last_error_code: OutboxErrorCode | null;
  last_error_message: string | null;
  user_id: number | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

const toRecord = (row: OutboxRow): OutboxRecord => ({
  id: row.id,
  kind: row.kind,
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
  lastErrorCode: row.last_error_code,
  lastErrorMessage: row.last_error_message,
  userId: row.user_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  sentAt: row.sent_at,
});

// Drops the sealed secrets and remembers that there were some.
const REDACT = 'secret_redacted = CASE WHEN secrets IS NOT NULL THEN 1 ELSE secret_redacted END, secrets = NULL';

export class OutboxRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare(`
        INSERT INTO outbox (kind, recipient, locale, subject, html_body, text_body, secrets, status, attempts,
                            next_attempt_at, expires_at, user_id, created_at, updated_at)
        VALUES (@kind, @recipient, @locale, @subject, @htmlBody, @textBody, @secrets, @status,
                CASE WHEN @status = 'sending' THEN 1 ELSE 0 END,
                @now, @expiresAt, @userId, @now, @now)`),
      byId: db.prepare('SELECT * FROM outbox WHERE id = ?'),
      due: db.prepare(`SELECT * FROM outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`),
      claim: db.prepare(`UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'`),
      markSent: db.prepare(`
        UPDATE outbox SET status = 'sent', sent_at = @now, updated_at = @now, last_error_code = NULL, last_error_message = NULL, ${REDACT}
        WHERE id = @id`),
      markRetry: db.prepare(`
        UPDATE outbox SET status = 'queued', next_attempt_at = @nextAttemptAt, last_error_code = @code, last_error_message = @message,
               updated_at = @now
        WHERE id = @id`),
      // A message that waits for configuration keeps its attempt count: nothing was tried.
      markWaiting: db.prepare(`
        UPDATE outbox SET status = 'queued', attempts = MAX(attempts - 1, 0), next_attempt_at = @nextAttemptAt,
               last_error_code = @code, last_error_message = @message, updated_at = @now
        WHERE id = @id`),
      markFailed: db.prepare(`
        UPDATE outbox SET status = 'failed', last_error_code = @code, last_error_message = @message, updated_at = @now, ${REDACT}
        WHERE id = @id`),
      expire: db.prepare(`
        UPDATE outbox SET status = 'failed', last_error_code = 'MESSAGE_EXPIRED', last_error_message = 'Expired before it could be sent',
               updated_at = @now, ${REDACT}
        WHERE status = 'queued' AND expires_at IS NOT NULL AND expires_at <= @now`),
      // After a crash: the worker's "sending" rows go back to the queue; a test email (sent inline) is failed instead.
      recoverSending: db.prepare(`UPDATE outbox SET status = 'queued', updated_at = @now WHERE status = 'sending' AND kind <> 'test'`),
      recoverTests: db.prepare(`
        UPDATE outbox SET status = 'failed', last_error_code = 'SMTP_FAILED', last_error_message = 'Interrupted', updated_at = @now
        WHERE status = 'sending' AND kind = 'test'`),
      resend: db.prepare(`
        UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = @now, last_error_code = NULL, last_error_message = NULL,
               updated_at = @now
        WHERE id = @id AND status = 'failed' AND secret_redacted = 0`),
      recent: db.prepare('SELECT * FROM outbox ORDER BY id DESC LIMIT ?'),
      rescheduleQueued: db.prepare(`UPDATE outbox SET next_attempt_at = @now, updated_at = @now WHERE status = 'queued' AND next_attempt_at > @now`),
      counts: db.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status'),
      nextDue: db.prepare(`SELECT MIN(next_attempt_at) AS at FROM outbox WHERE status = 'queued'`),
      prune: db.prepare(`
        DELETE FROM outbox WHERE (status = 'sent' AND sent_at <= @before) OR (status = 'failed' AND updated_at <= @before)`),
      recentForUser: db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE user_id = ? AND kind = ? AND created_at > ?'),
    };
  }

  insert(message: NewOutboxMessage, now: number): number {
    const result = this.statements.insert.run({ ...message, status: message.status ?? 'queued', now });
    return Number(result.lastInsertRowid);
  }

  findById(id: number): OutboxRecord | null {
    const row = this.statements.byId.get(id) as OutboxRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Moves up to `limit` due messages to "sending" (one more attempt each) and returns them. */
  claimDue(now: number, limit: number): OutboxRecord[] {
    return this.db.transaction(() => {
      const rows = this.statements.due.all(now, limit) as OutboxRow[];
      return rows.filter((row) => this.statements.claim.run(now, row.id).changes === 1).map((row) => toRecord({ ...row, status: 'sending', attempts: row.attempts + 1 }));
    }).immediate();
  }

  /** Claims one message for an inline send (the test email): it is already written, now it is "sending". */
  claim(id: number, now: number): boolean {
    return this.statements.claim.run(now, id).changes === 1;
  }

  markSent(id: number, now: number): void {
    this.statements.markSent.run({ id, now });
  }

  markRetry(id: number, nextAttemptAt: number, error: { code: OutboxErrorCode; message: string }, now: number): void {
    this.statements.markRetry.run({ id, nextAttemptAt, code: error.code, message: error.message, now });
  }

  markWaiting(id: number, nextAttemptAt: number, error: { code: OutboxErrorCode; message: string }, now: number): void {
    this.statements.markWaiting.run({ id, nextAttemptAt, code: error.code, message: error.message, now });
  }

  markFailed(id: number, error: { code: OutboxErrorCode; message: string }, now: number): void {
    this.statements.markFailed.run({ id, code: error.code, message: error.message, now });
  }

  /** Queued messages whose code expired are given up (and redacted). Returns how many. */
  expireDue(now: number): number {
    return this.statements.expire.run({ now }).changes;
  }

  recoverAfterRestart(now: number): { requeued: number; interrupted: number } {
    return this.db.transaction(() => ({
      requeued: this.statements.recoverSending.run({ now }).changes,
      interrupted: this.statements.recoverTests.run({ now }).changes,
    }))();
  }

  /** True when the message was failed and could be queued again. */
  resend(id: number, now: number): boolean {
    return this.statements.resend.run({ id, now }).changes === 1;
  }

  /** New settings: every queued message is due now instead of after its backoff. */
  rescheduleQueued(now: number): number {
    return this.statements.rescheduleQueued.run({ now }).changes;
  }

  recent(limit: number): OutboxRecord[] {
    return (this.statements.recent.all(limit) as OutboxRow[]).map(toRecord);
  }

  counts(): Record<OutboxStatus, number> {
    const counts: Record<OutboxStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const row of this.statements.counts.all() as { status: OutboxStatus; n: number }[]) counts[row.status] = row.n;
    return counts;
  }

  nextDueAt(): number | null {
    return (this.statements.nextDue.get() as { at: number | null }).at;
  }

  /** Deletes sent and failed messages last touched at or before `before`. */
  prune(before: number): number {
    return this.statements.prune.run({ before }).changes;
  }

  countRecentForUser(userId: number, kind: OutboxKind, since: number): number {
    return (this.statements.recentForUser.get(userId, kind, since) as { n: number }).n;
  }

  /**
   * After a redaction: copies the WAL into the main file and truncates it, so the old page images that held
   * the sealed secrets are gone from disk too (secure_delete, set on the connection, zeroes freed space).
   */
  scrubFreedPages(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
