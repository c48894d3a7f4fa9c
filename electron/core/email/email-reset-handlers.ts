// Pure (Node). The public forgot-password-by-email channels: ask for a code, then set a new password with it.
// Both count against the reset throttle (per typed name and per workstation), like the approval path.
import type { emailContract } from '../../../shared/email/contract';
import type { ResetThrottle } from '../approval';
import type { MailModule } from './mail-module';
import { assertConfirmed } from '../auth';
import type { HandlerMap } from '../kernel/ipc/handler-types';

export type EmailResetChannel = Extract<keyof typeof emailContract, 'email:requestReset' | 'email:resetPassword'>;

export function createEmailResetHandlers(deps: { mail: MailModule; throttle: ResetThrottle }): HandlerMap<EmailResetChannel> {
  return {
    'email:requestReset': async ({ input }) => {
      await deps.throttle.hit('request', input.identifier);
      await deps.mail.tokens.requestReset(input.identifier);
      return null;
    },
    'email:resetPassword': async ({ input }) => {
      assertConfirmed(input.newPassword, input.passwordConfirmation);
      // A link token is 32 random bytes: guessing is hopeless, but the workstation's tries still count.
      await deps.throttle.hit('code', 'token' in input ? 'link' : input.identifier);
      const target = 'token' in input ? { token: input.token } : { identifier: input.identifier, code: input.code };
      await deps.mail.tokens.consume(target, input.newPassword);
      return null;
    },
  };
}
