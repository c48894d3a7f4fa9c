// Pure (Node). Handlers of the `email` domain (administrators only; the contract says so and the dispatcher enforces it).
import type { emailContract } from '../../../shared/email/contract';
import { senderOf } from './mail-settings-service';
import type { MailModule } from './mail-module';
import { renderEmail } from './templates/email-templates';
import { AppError } from '../kernel/platform/app-error';
import { protectSecret } from '../kernel/platform/redact';
import type { Clock } from '../kernel/platform/clock';
import type { UsersRepository } from '../kernel/identity/users-repository';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { EmailResetChannel } from './email-reset-handlers';

/** A password typed for a test stays masked in the logs this long. */
const TYPED_PASSWORD_PROTECT_MS = 3_600_000;

export function createEmailHandlers(deps: { mail: MailModule; users: UsersRepository; clock: Clock }): HandlerMap<Exclude<keyof typeof emailContract, EmailResetChannel>> {
  const { mail } = deps;
  return {
    'email:getSettings': () => mail.settings.view(),
    'email:updateSettings': ({ input, session }) => mail.settings.update(input, session.userId),
    'email:sendTest': async ({ input, session }) => {
      const { smtp, to } = input;
      const saved = await mail.settings.stored();
      let password: string | null = null;
      if (smtp.username) {
        if (smtp.password !== '') {
          password = smtp.password;
          protectSecret(password, { lifetimeMs: TYPED_PASSWORD_PROTECT_MS });
        } else {
          // The stored password only ever goes to the server, port, security mode and account it was saved for:
          // pointing the form elsewhere (another port with "none", say) must not send it there.
          const state = await mail.settings.passwordStateFor(smtp);
          if (state === 'bound') password = await mail.settings.passwordFor(smtp);
          if (password === null) {
            throw new AppError('VALIDATION_FAILED', 'Type the password for this server', [
              { path: 'smtp.password', code: state === 'elsewhere' ? 'validation.smtpPasswordRebind' : 'validation.required' },
            ]);
          }
        }
      }
      const actor = await deps.users.findById(session.userId);
      const email = renderEmail(
        { kind: 'test', sentBy: actor?.displayName ?? '', server: `${smtp.host}:${smtp.port}`, sentAt: deps.clock.now() },
        await mail.settings.context(actor?.locale ?? 'fr'),
      );
      // The schema refused "none" with an account unless confirmed; the transport checks it again.
      const connection = { host: smtp.host, port: smtp.port, security: smtp.security, username: smtp.username, password, plaintextAuthConfirmed: smtp.plaintextAuthConfirmed };
      return mail.outbox.sendNow(email, to, connection, senderOf({ ...smtp, appName: saved.appName }), session.userId);
    },
    'email:listOutbox': () => mail.outbox.view(),
    'email:resend': ({ input, session }) => mail.outbox.resend(input.id, session.userId),
    'email:tokenStats': () => mail.tokens.stats(),
  };
}
