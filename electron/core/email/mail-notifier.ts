// Pure (Node). Composes each kind of email for a user, in the user's language, and queues it. Notices (password
// changed, lockout, approval decision) are skipped when the user has no address or email is off: queued for
// weeks, they would arrive stale. Codes are queued with their expiry, past which the outbox won't send them.
import type { Clock } from '../kernel/platform/clock';
import type { UserRecord, UsersRepository } from '../kernel/identity/users-repository';
import type { MailSettingsService } from './mail-settings-service';
import type { OutboxService } from './outbox';
import type { NewOutboxMessage } from './outbox-repository';
import { renderEmail, type EmailInput } from './templates/email-templates';

type Recipient = Pick<UserRecord, 'id' | 'email' | 'locale' | 'displayName' | 'isActive'>;
type CodeInput = Extract<EmailInput, { kind: 'reset_code' | 'invitation' }>;

export class MailNotifier {
  constructor(private readonly deps: { users: UsersRepository; outbox: OutboxService; settings: MailSettingsService; clock: Clock }) {}

  /** True when emails can be queued at all (host and sender set). */
  enabled(): Promise<boolean> {
    return this.deps.settings.configured();
  }

  /** The confirmation after any password change ("si ce n'était pas vous…"). Resolves with the outbox id, or null if not queued. */
  async passwordChanged(userId: number): Promise<number | null> {
    const user = await this.deps.users.findById(userId);
    if (!user) return null;
    return this.notice(user, { kind: 'password_changed', displayName: user.displayName, username: user.username, changedAt: this.deps.clock.now() });
  }

  /**
   * From login throttling: a known account with an address hears that its sign-ins are suspended, at most once
   * per `quietMs` (the longest wait): the same account can be throttled under its username and its email, and
   * someone hammering it must not flood its mailbox.
   */
  async lockout(userId: number, identifier: string, failures: number, blockedUntil: number, quietMs: number): Promise<number | null> {
    const user = await this.deps.users.findById(userId);
    if (!user || !user.isActive || !user.email || !(await this.enabled())) return null;
    const email = renderEmail({ kind: 'lockout', displayName: user.displayName, identifier, failures, until: blockedUntil }, await this.deps.settings.context(user.locale));
    return this.deps.outbox.enqueueUnlessRecent({ email, to: user.email, userId: user.id, expiresAt: null }, Math.max(quietMs, 1));
  }

  /** For the approval issue: the requester hears the decision (no secret in it). */
  async approvalDecision(userId: number, decision: { decision: 'approved' | 'rejected'; request: string; decidedBy: string; note: string | null }): Promise<number | null> {
    const user = await this.deps.users.findById(userId);
    if (!user) return null;
    return this.notice(user, { kind: 'approval_decision', displayName: user.displayName, ...decision });
  }

  /**
   * A code email (reset or invitation), rendered and sealed but not written: the caller writes it with
   * `outbox.write(trx, …)` in the same transaction as the code itself. The caller has checked the address and
   * that email is on.
   */
  async composeCode(user: Recipient, input: CodeInput, expiresAt: number): Promise<NewOutboxMessage> {
    const email = renderEmail(input, await this.deps.settings.context(user.locale));
    return this.deps.outbox.compose({ email, to: user.email as string, userId: user.id, expiresAt });
  }

  private async notice(user: Recipient, input: EmailInput): Promise<number | null> {
    if (!user.email || !(await this.enabled())) return null;
    const email = renderEmail(input, await this.deps.settings.context(user.locale));
    return this.deps.outbox.enqueue({ email, to: user.email, userId: user.id, expiresAt: null });
  }
}
