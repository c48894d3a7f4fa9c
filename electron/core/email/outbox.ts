// Pure (Node). The durable outbox and its worker. `enqueue` writes the message and returns at once: the
// user-facing action never waits for SMTP. The worker sends due messages through one pooled connection per
// pass, retries with exponential backoff (30 s doubling to 30 min, 10 attempts, then "failed"), resumes
// after a restart, and drops the sealed secrets of a message as soon as it is sent or given up.
import type { ErrorCode, OutboxItem, OutboxView } from '../../../shared/contract';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { Logger } from '../kernel/platform/logger';
import { protectSecret } from '../kernel/platform/redact';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { OutboxRecord, OutboxRepository } from './outbox-repository';
import type { SendingSetup } from './mail-settings-service';
import type { MailTransport, MailTransportFactory, SmtpConnection } from './mail-transport';
import type { SecretStore } from './secret-store';
import { isConnectionLevel, mapSmtpError, type MappedSmtpError } from './smtp-errors';
import { fillSecrets, type RenderedEmail } from './templates/email-templates';

export const OUTBOX_MAX_ATTEMPTS = 10;
const BATCH = 20;
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
      repository: OutboxRepository;
      audit: AuditRepository;
      clock: Clock;
      logger: Logger;
      secrets: SecretStore;
      transports: MailTransportFactory;
      /** The saved settings, resolved for sending; throws SMTP_NOT_CONFIGURED, SECRET_UNAVAILABLE or SMTP_PLAINTEXT_AUTH_REFUSED. */
      setup: () => SendingSetup;
      /** False in tests: nothing runs until `runDue()` is called. */
      autoRun: boolean;
    },
  ) {}

  /** Writes the message; the worker picks it up right after. Returns its id. */
  enqueue(request: EnqueueRequest): number {
    const { email } = request;
    const hasSecrets = Object.keys(email.secrets).length > 0;
    const id = this.deps.repository.insert(
      {
        kind: email.kind,
        recipient: request.to,
        locale: email.locale,
        subject: email.subject,
        htmlBody: email.html,
        textBody: email.text,
        secrets: hasSecrets ? this.deps.secrets.seal(JSON.stringify(email.secrets)) : null,
        userId: request.userId,
        expiresAt: request.expiresAt,
      },
      this.deps.clock.now(),
    );
    this.kick();
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
          this.deps.logger.error('Outbox pass failed', { error: error instanceof Error ? error.name : 'unknown' });
        }
      } while (this.again && !this.closed);
    })().finally(() => {
      this.running = null;
      this.scheduleNext();
    });
    return this.running;
  }

  /** Sends the test email now, with the given (possibly unsaved) settings; the result is the answer. Written first, like any other. */
  async sendNow(email: RenderedEmail, to: string, connection: SmtpConnection, from: SendingSetup['from'], actorUserId: number): Promise<{ accepted: string[] }> {
    const { repository, audit, clock } = this.deps;
    const id = repository.insert(
      { kind: email.kind, recipient: to, locale: email.locale, subject: email.subject, htmlBody: email.html, textBody: email.text, secrets: null, userId: null, expiresAt: null, status: 'sending' },
      clock.now(),
    );
    const transport = this.track(this.deps.transports.create(connection, { pooled: false }));
    try {
      const info = await transport.send({ from, to, subject: email.subject, html: email.html, text: email.text });
      repository.markSent(id, clock.now());
      audit.append({ eventType: 'mail.test_sent', actorUserId, subjectLabel: to, details: { outboxId: id, host: connection.host, port: connection.port } }, clock.now());
      return info;
    } catch (error) {
      const mapped = mapSmtpError(error, [connection.password, connection.username]);
      repository.markFailed(id, mapped, clock.now());
      audit.append(
        { eventType: 'mail.test_failed', actorUserId, subjectLabel: to, details: { outboxId: id, code: mapped.code, host: connection.host, port: connection.port } },
        clock.now(),
      );
      throw new AppError(mapped.code as ErrorCode, 'The test email was not sent', undefined, { detail: mapped.message });
    } finally {
      this.untrack(transport);
    }
  }

  view(limit = 100): OutboxView {
    return { items: this.deps.repository.recent(limit).map(toItem), counts: this.deps.repository.counts(), maxAttempts: OUTBOX_MAX_ATTEMPTS };
  }

  /** "Renvoyer": a failed message goes back to the queue with a fresh set of attempts. */
  resend(id: number, actorUserId: number): OutboxItem {
    const { repository, clock } = this.deps;
    const message = repository.findById(id);
    if (!message) throw new AppError('NOT_FOUND', 'No such message');
    if (!repository.resend(id, clock.now())) {
      throw new AppError('INVALID_STATE', message.secretRedacted ? 'Its one-time code was removed: make a new request' : 'Only failed messages can be sent again');
    }
    this.deps.audit.append({ eventType: 'mail.resent', actorUserId, subjectUserId: message.userId, details: { outboxId: id, kind: message.kind } }, clock.now());
    this.kick();
    return toItem(repository.findById(id) as OutboxRecord);
  }

  /** Settings changed: what waits is tried again now. */
  rescheduleQueued(): void {
    this.deps.repository.rescheduleQueued(this.deps.clock.now());
    this.kick();
  }

  /** After a crash: "sending" rows go back to the queue (a message may go out twice; none is lost). */
  recover(): void {
    const { requeued, interrupted } = this.deps.repository.recoverAfterRestart(this.deps.clock.now());
    if (requeued || interrupted) this.deps.logger.info('Outbox recovered after restart', { requeued, interrupted });
  }

  prune(retentionDays: number): number {
    const pruned = this.deps.repository.prune(this.deps.clock.now() - retentionDays * DAY);
    if (pruned > 0) this.deps.repository.scrubFreedPages();
    return pruned;
  }

  countRecentForUser(userId: number, kind: RenderedEmail['kind'], sinceMs: number): number {
    return this.deps.repository.countRecentForUser(userId, kind, this.deps.clock.now() - sinceMs);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const transport of this.openTransports) transport.close();
    this.openTransports.clear();
  }

  private async pass(): Promise<void> {
    const { repository, clock } = this.deps;
    let scrub = repository.expireDue(clock.now()) > 0;
    const batch = repository.claimDue(clock.now(), BATCH);
    if (batch.length === 0) {
      if (scrub) repository.scrubFreedPages();
      return;
    }
    let setup: SendingSetup;
    try {
      setup = this.deps.setup();
    } catch (error) {
      // The messages wait (no attempt counted) until the settings are fixed: saving them wakes the worker.
      const code: keyof typeof SETUP_MESSAGES =
        error instanceof AppError && (error.code === 'SECRET_UNAVAILABLE' || error.code === 'SMTP_PLAINTEXT_AUTH_REFUSED') ? error.code : 'SMTP_NOT_CONFIGURED';
      const message = SETUP_MESSAGES[code];
      for (const item of batch) repository.markWaiting(item.id, clock.now() + WAIT_FOR_SETUP_MS, { code, message }, clock.now());
      return;
    }

    const transport = this.track(this.deps.transports.create(setup.connection, { pooled: true }));
    // One refused connection stands for all: the rest of the batch gets the same answer without new tries.
    let serverError: MappedSmtpError | null = null;
    try {
      for (const item of batch) {
        if (this.closed) return;
        if (serverError) {
          scrub = this.recordFailure(item, serverError) || scrub;
          continue;
        }
        let secrets: Record<string, string> = {};
        if (item.secrets) {
          try {
            secrets = JSON.parse(this.deps.secrets.open(item.secrets)) as Record<string, string>;
            // In memory again (after a restart the registry is empty): masked in any log line until the code dies.
            const lifetimeMs = item.expiresAt === null ? undefined : Math.max(item.expiresAt - clock.now(), 60_000);
            for (const value of Object.values(secrets)) protectSecret(value, { lifetimeMs });
          } catch {
            scrub = this.recordFailure(item, { code: 'SECRET_UNAVAILABLE', message: 'Its one-time code cannot be unsealed here', permanent: true }) || scrub;
            continue;
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
          repository.markSent(item.id, clock.now());
          scrub = scrub || item.secrets !== null;
          this.deps.audit.append(
            { eventType: 'mail.sent', subjectUserId: item.userId, details: { outboxId: item.id, kind: item.kind, attempts: item.attempts } },
            clock.now(),
          );
        } catch (error) {
          const mapped = mapSmtpError(error, [setup.connection.password, setup.connection.username, ...Object.values(secrets)]);
          scrub = this.recordFailure(item, mapped) || scrub;
          if (isConnectionLevel(mapped.code)) serverError = mapped;
        }
      }
    } finally {
      this.untrack(transport);
      if (scrub && !this.closed) repository.scrubFreedPages();
    }
  }

  /** A retry later, or "failed" for good. Returns true when secrets were dropped. */
  private recordFailure(item: OutboxRecord, error: MappedSmtpError): boolean {
    const { repository, audit, clock, logger } = this.deps;
    const now = clock.now();
    const final = error.permanent || item.attempts >= OUTBOX_MAX_ATTEMPTS;
    const details = { outboxId: item.id, kind: item.kind, attempts: item.attempts, code: error.code };
    if (final) {
      repository.markFailed(item.id, error, now);
      audit.append({ eventType: 'mail.failed', subjectUserId: item.userId, details }, now);
      logger.warn('Email given up', details);
      return item.secrets !== null;
    }
    const nextAttemptAt = now + retryDelayMs(item.attempts);
    repository.markRetry(item.id, nextAttemptAt, error, now);
    audit.append({ eventType: 'mail.send_failed', subjectUserId: item.userId, details: { ...details, nextAttemptAt } }, now);
    logger.warn('Email not sent, will retry', { ...details, nextAttemptAt });
    return false;
  }

  private scheduleNext(): void {
    if (!this.deps.autoRun || this.closed) return;
    const next = this.deps.repository.nextDueAt();
    if (next === null) return;
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
