// Pure (Node). The durable outbox and its worker. `enqueue` writes the message and returns at once: the
// user-facing action never waits for SMTP. The worker claims due messages one at a time under a lease (so several
// cores sharing one database never send one twice), sends them through one pooled connection per pass, retries
// with exponential backoff (30 s doubling to 30 min, 10 attempts, then "failed"), takes back a crashed sender's
// messages once their lease runs out, and drops the sealed secrets of a message as soon as it is sent or given up.
import type { ErrorCode, OutboxItem, OutboxView } from '../../../shared/contract';
import type { Database, Executor } from '../kernel/db/database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { Logger } from '../kernel/platform/logger';
import { protectSecret } from '../kernel/platform/redact';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { NewOutboxMessage, OutboxClaim, OutboxRecord, OutboxRepository } from './outbox-repository';
import type { SendingSetup } from './mail-settings-service';
import type { MailTransport, MailTransportFactory, SmtpConnection } from './mail-transport';
import type { SecretStore } from './secret-store';
import { isConnectionLevel, mapSmtpError, type MappedSmtpError } from './smtp-errors';
import { fillSecrets, type RenderedEmail } from './templates/email-templates';

export const OUTBOX_MAX_ATTEMPTS = 10;
/**
 * How long a claimed message belongs to its sender. One message is claimed at a time, and one send gives up
 * within about a minute (connection 15 s + greeting 10 s + socket 30 s, nodemailer-transport.ts); the rest is
 * room for workstations whose clocks disagree a little. A crashed sender's message waits this long, then is
 * claimed again.
 */
export const OUTBOX_LEASE_MS = 10 * 60_000;
const BATCH = 20;
/** How long closing waits for a pass to record its last outcome. */
const CLOSE_GRACE_MS = 1_000;
const DAY = 86_400_000;
/** Not configured, or the password can't be unsealed: look again this often (saving the settings wakes it sooner). */
const WAIT_FOR_SETUP_MS = 5 * 60_000;
/** The worker never sleeps longer than this, so a changed clock can't strand a message. */
const MAX_SLEEP_MS = 5 * 60_000;

const SETUP_MESSAGES: Record<'SMTP_NOT_CONFIGURED' | 'SECRET_UNAVAILABLE' | 'SMTP_PLAINTEXT_AUTH_REFUSED', string> = {
  SMTP_NOT_CONFIGURED: 'Email is not configured',
  SECRET_UNAVAILABLE: 'The SMTP password must be entered again',
  SMTP_PLAINTEXT_AUTH_REFUSED: 'Not sent: security "none" with a password, and sending it unencrypted was not confirmed',
};

export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempt - 1, 0), 30 * 60_000);
}

export interface EnqueueRequest {
  email: RenderedEmail;
  to: string;
  userId: number | null;
  /** A message carrying a code is given up once the code expires. */
  expiresAt: number | null;
}

export class OutboxService {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly openTransports = new Set<MailTransport>();

  constructor(
    private readonly deps: {
      database: Database;
      repository: OutboxRepository;
      audit: AuditRepository;
      clock: Clock;
      logger: Logger;
      secrets: SecretStore;
      transports: MailTransportFactory;
      /** The saved settings, resolved for sending; rejects with SMTP_NOT_CONFIGURED, SECRET_UNAVAILABLE or SMTP_PLAINTEXT_AUTH_REFUSED. */
      setup: () => Promise<SendingSetup>;
      /** False in tests: nothing runs until `runDue()` is called. */
      autoRun: boolean;
    },
  ) {}

  /**
   * The row for a message, its secrets sealed: no database, so a caller can seal first and then write it in its
   * own short transaction (`write`), together with what the message is about.
   */
  compose(request: EnqueueRequest): NewOutboxMessage {
    const { email } = request;
    const hasSecrets = Object.keys(email.secrets).length > 0;
    return {
      kind: email.kind,
      recipient: request.to,
      locale: email.locale,
      subject: email.subject,
      htmlBody: email.html,
      textBody: email.text,
      secrets: hasSecrets ? this.deps.secrets.seal(JSON.stringify(email.secrets)) : null,
      userId: request.userId,
      expiresAt: request.expiresAt,
    };
  }

  /** Writes a composed message inside the caller's transaction. Call `kick()` once it has committed. */
  write(trx: Executor, message: NewOutboxMessage): Promise<number> {
    return this.deps.repository.in(trx).insert(message, this.deps.clock.now());
  }

  /** Writes the message; the worker picks it up right after. Resolves with its id once written (never waits for SMTP). */
  async enqueue(request: EnqueueRequest): Promise<number> {
    const id = await this.deps.repository.insert(this.compose(request), this.deps.clock.now());
    this.kick();
    return id;
  }

  /**
   * Writes the message unless the same user was sent one of the same kind within `quietMs` (the lockout notice's
   * anti-flood). The check and the insert are one transaction holding the recipient, so two cores noticing at the
   * same moment send one notice, not two. Resolves with the new id, or null when it was not written.
   */
  async enqueueUnlessRecent(request: EnqueueRequest & { userId: number }, quietMs: number): Promise<number | null> {
    const message = this.compose(request);
    const now = this.deps.clock.now();
    const id = await this.deps.database.transaction(async (trx) => {
      const repository = this.deps.repository.in(trx);
      await repository.lockRecipient(request.userId);
      if ((await repository.countRecentForUser(request.userId, message.kind, now - quietMs)) > 0) return null;
      return repository.insert(message, now);
    });
    if (id !== null) this.kick();
    return id;
  }

  /** Asks for a pass soon (auto-run only). */
  kick(): void {
    if (!this.deps.autoRun || this.closed) return;
    this.sleep(0);
  }

  /** One or more passes until nothing new arrived meanwhile. Concurrent calls share the running pass. */
  runDue(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.pass();
        } catch (error) {
          if (!this.closed) this.deps.logger.error('Outbox pass failed', { error: error instanceof Error ? error.name : 'unknown' });
        }
      } while (this.again && !this.closed);
    })().finally(() => {
      this.running = null;
      void this.scheduleNext();
    });
    return this.running;
  }

  /** Sends the test email now, with the given (possibly unsaved) settings; the result is the answer. Written first, like any other. */
  async sendNow(email: RenderedEmail, to: string, connection: SmtpConnection, from: SendingSetup['from'], actorUserId: number): Promise<{ accepted: string[] }> {
    const { repository, audit, clock } = this.deps;
    const claim = await repository.insertClaimed(
      { kind: email.kind, recipient: to, locale: email.locale, subject: email.subject, htmlBody: email.html, textBody: email.text, secrets: null, userId: null, expiresAt: null },
      clock.now(),
      OUTBOX_LEASE_MS,
    );
    const id = claim.id;
    const transport = this.track(this.deps.transports.create(connection, { pooled: false }));
    try {
      const info = await transport.send({ from, to, subject: email.subject, html: email.html, text: email.text });
      await repository.markSent(claim, clock.now());
      await audit.append({ eventType: 'mail.test_sent', actorUserId, subjectLabel: to, details: { outboxId: id, host: connection.host, port: connection.port } }, clock.now());
      return info;
    } catch (error) {
      const mapped = mapSmtpError(error, [connection.password, connection.username]);
      await repository.markFailed(claim, mapped, clock.now());
      await audit.append(
        { eventType: 'mail.test_failed', actorUserId, subjectLabel: to, details: { outboxId: id, code: mapped.code, host: connection.host, port: connection.port } },
        clock.now(),
      );
      throw new AppError(mapped.code as ErrorCode, 'The test email was not sent', undefined, { detail: mapped.message });
    } finally {
      this.untrack(transport);
    }
  }

  async view(limit = 100): Promise<OutboxView> {
    const [items, counts] = [await this.deps.repository.recent(limit), await this.deps.repository.counts()];
    return { items: items.map(toItem), counts, maxAttempts: OUTBOX_MAX_ATTEMPTS };
  }

  /** "Renvoyer": a failed message goes back to the queue with a fresh set of attempts. */
  async resend(id: number, actorUserId: number): Promise<OutboxItem> {
    const { repository, clock } = this.deps;
    const message = await repository.findById(id);
    if (!message) throw new AppError('NOT_FOUND', 'No such message');
    // The UPDATE re-checks "failed and not redacted" itself: a concurrent resend or send can't slip in between.
    if (!(await repository.resend(id, clock.now()))) {
      throw new AppError('INVALID_STATE', message.secretRedacted ? 'Its one-time code was removed: make a new request' : 'Only failed messages can be sent again');
    }
    await this.deps.audit.append({ eventType: 'mail.resent', actorUserId, subjectUserId: message.userId, details: { outboxId: id, kind: message.kind } }, clock.now());
    this.kick();
    return toItem((await repository.findById(id)) as OutboxRecord);
  }

  /** Settings changed: what waits is tried again now. */
  async rescheduleQueued(): Promise<void> {
    await this.deps.repository.rescheduleQueued(this.deps.clock.now());
    this.kick();
  }

  /**
   * Claims whose lease ran out (a sender that crashed, here or on another workstation) are given back: a message
   * may go out twice, none is lost. Messages another live core is sending keep their lease: a restart here
   * must not take them away.
   */
  async recover(): Promise<void> {
    const { requeued, interrupted } = await this.deps.repository.releaseExpiredLeases(this.deps.clock.now());
    if (requeued || interrupted) this.deps.logger.info('Outbox took back messages whose sender stopped', { requeued, interrupted });
  }

  async prune(retentionDays: number): Promise<number> {
    const pruned = await this.deps.repository.prune(this.deps.clock.now() - retentionDays * DAY);
    if (pruned > 0) await this.deps.repository.scrubFreedPages();
    return pruned;
  }

  /**
   * Stops the worker. A pass under way gets a moment to record what it just sent (a message sent but not marked
   * would go out again once its lease ran out); a send still waiting on the server is abandoned like a crash.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const transport of this.openTransports) transport.close();
    this.openTransports.clear();
    const running = this.running;
    if (!running) return;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([running.catch(() => undefined), new Promise<void>((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS)))]);
    clearTimeout(grace);
  }

  private async pass(): Promise<void> {
    const { repository, clock } = this.deps;
    await this.recover();
    let scrub = (await repository.expireDue(clock.now())) > 0;
    // One message at a time: each claim is one atomic statement, and a lease only has to cover one send.
    const claimNext = async () => (await repository.claimDue(clock.now(), 1, OUTBOX_LEASE_MS))[0] ?? null;
    const item = await claimNext();
    if (item === null) {
      if (scrub) await repository.scrubFreedPages();
      return;
    }
    let setup: SendingSetup;
    try {
      setup = await this.deps.setup();
    } catch (error) {
      // The messages wait (no attempt counted) until the settings are fixed: saving them wakes the worker.
      const code: keyof typeof SETUP_MESSAGES =
        error instanceof AppError && (error.code === 'SECRET_UNAVAILABLE' || error.code === 'SMTP_PLAINTEXT_AUTH_REFUSED') ? error.code : 'SMTP_NOT_CONFIGURED';
      const message = SETUP_MESSAGES[code];
      const waiting = [item, ...(await repository.claimDue(clock.now(), BATCH - 1, OUTBOX_LEASE_MS))];
      for (const claimed of waiting) await repository.markWaiting(claimed, clock.now() + WAIT_FOR_SETUP_MS, { code, message }, clock.now());
      return;
    }

    const transport = this.track(this.deps.transports.create(setup.connection, { pooled: true }));
    try {
      let next: OutboxRecord | null = item;
      for (let handled = 1; next !== null && !this.closed; handled++) {
        const outcome = await this.sendOne(next, setup, transport);
        scrub = outcome.scrub || scrub;
        if (outcome.serverError) {
          // One refused connection stands for all: the rest of the batch gets the same answer without new tries.
          for (const rest of await repository.claimDue(clock.now(), BATCH - handled, OUTBOX_LEASE_MS)) {
            scrub = (await this.recordFailure(rest, outcome.serverError)) || scrub;
          }
          return;
        }
        next = handled < BATCH && !this.closed ? await claimNext() : null;
      }
    } finally {
      this.untrack(transport);
      if (scrub && !this.closed) await repository.scrubFreedPages();
    }
  }

  /** Sends one claimed message and records the outcome (outside any transaction: SMTP is slow). */
  private async sendOne(item: OutboxRecord, setup: SendingSetup, transport: MailTransport): Promise<{ scrub: boolean; serverError: MappedSmtpError | null }> {
    const { repository, clock } = this.deps;
    let secrets: Record<string, string> = {};
    if (item.secrets) {
      try {
        secrets = JSON.parse(this.deps.secrets.open(item.secrets)) as Record<string, string>;
        // In memory again (after a restart the registry is empty): masked in any log line until the code dies.
        const lifetimeMs = item.expiresAt === null ? undefined : Math.max(item.expiresAt - clock.now(), 60_000);
        for (const value of Object.values(secrets)) protectSecret(value, { lifetimeMs });
      } catch {
        const scrub = await this.recordFailure(item, { code: 'SECRET_UNAVAILABLE', message: 'Its one-time code cannot be unsealed here', permanent: true });
        return { scrub, serverError: null };
      }
    }
    try {
      await transport.send({
        from: setup.from,
        to: item.recipient,
        subject: item.subject,
        html: fillSecrets(item.htmlBody, secrets, true),
        text: fillSecrets(item.textBody, secrets, false),
      });
    } catch (error) {
      // Closing: the transport was closed under the send, which says nothing about the server. The claim stays
      // as it is and its lease runs out, like a crash: the message is taken back then.
      if (this.closed) return { scrub: false, serverError: null };
      const mapped = mapSmtpError(error, [setup.connection.password, setup.connection.username, ...Object.values(secrets)]);
      const scrub = await this.recordFailure(item, mapped);
      return { scrub, serverError: isConnectionLevel(mapped.code) ? mapped : null };
    }
    if (!(await repository.markSent(item, clock.now()))) {
      // Our lease ran out and another sender took the message over: its outcome is the one recorded.
      this.deps.logger.warn('Email sent after its lease ran out', { outboxId: item.id, attempts: item.attempts });
      return { scrub: false, serverError: null };
    }
    await this.deps.audit.append(
      { eventType: 'mail.sent', subjectUserId: item.userId, details: { outboxId: item.id, kind: item.kind, attempts: item.attempts } },
      clock.now(),
    );
    return { scrub: item.secrets !== null, serverError: null };
  }

  /** A retry later, or "failed" for good. Resolves true when secrets were dropped. */
  private async recordFailure(item: OutboxRecord, error: MappedSmtpError): Promise<boolean> {
    const { repository, audit, clock, logger } = this.deps;
    const now = clock.now();
    const claim: OutboxClaim = item;
    const final = error.permanent || item.attempts >= OUTBOX_MAX_ATTEMPTS;
    const details = { outboxId: item.id, kind: item.kind, attempts: item.attempts, code: error.code };
    if (final) {
      if (!(await repository.markFailed(claim, error, now))) return false;
      await audit.append({ eventType: 'mail.failed', subjectUserId: item.userId, details }, now);
      logger.warn('Email given up', details);
      return item.secrets !== null;
    }
    const nextAttemptAt = now + retryDelayMs(item.attempts);
    if (!(await repository.markRetry(claim, nextAttemptAt, error, now))) return false;
    await audit.append({ eventType: 'mail.send_failed', subjectUserId: item.userId, details: { ...details, nextAttemptAt } }, now);
    logger.warn('Email not sent, will retry', { ...details, nextAttemptAt });
    return false;
  }

  private async scheduleNext(): Promise<void> {
    if (!this.deps.autoRun || this.closed) return;
    let next: number | null;
    try {
      next = await this.deps.repository.nextDueAt();
    } catch {
      // The database is closing or unreachable: look again later.
      next = this.deps.clock.now() + MAX_SLEEP_MS;
    }
    if (next === null || this.closed || this.running) return;
    this.sleep(Math.min(Math.max(next - this.deps.clock.now(), 0), MAX_SLEEP_MS));
  }

  private sleep(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runDue();
    }, ms);
    this.timer.unref();
  }

  private track(transport: MailTransport): MailTransport {
    this.openTransports.add(transport);
    return transport;
  }

  private untrack(transport: MailTransport): void {
    transport.close();
    this.openTransports.delete(transport);
  }
}

function toItem(record: OutboxRecord): OutboxItem {
  return {
    id: record.id,
    kind: record.kind,
    recipient: record.recipient,
    subject: record.subject,
    status: record.status,
    attempts: record.attempts,
    nextAttemptAt: record.status === 'queued' ? record.nextAttemptAt : null,
    lastError: record.lastErrorCode ? { code: record.lastErrorCode, message: record.lastErrorMessage ?? '' } : null,
    createdAt: record.createdAt,
    sentAt: record.sentAt,
    secretRedacted: record.secretRedacted,
    canResend: record.status === 'failed' && !record.secretRedacted && record.kind !== 'test',
  };
}
