// Pure (Node). The email domain as a module: its services (mail-module.ts: settings, outbox, notifications,
// one-time codes), the `email:*` handlers, and the public "mot de passe oublié par e-mail" channels, which share
// the reset throttle with the approval path.
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import type { ResetThrottle } from '../approval';
import { createEmailHandlers } from './email-handlers';
import { createEmailResetHandlers } from './email-reset-handlers';
import { createFileKeySecretStore } from './file-key-secret-store';
import { createMailModule, type MailModule } from './mail-module';
import type { MailTransportFactory } from './mail-transport';
import { createNodemailerTransportFactory } from './nodemailer-transport';
import type { SecretStore } from './secret-store';

type EmailChannel = keyof ReturnType<typeof createEmailHandlers> | keyof ReturnType<typeof createEmailResetHandlers>;

export interface EmailModule extends DomainModule<EmailChannel> {
  mail: MailModule;
}

export function createEmailModule(
  kernel: Kernel,
  deps: { resetThrottle: ResetThrottle; secretStore?: SecretStore; mailTransport?: MailTransportFactory; autoRun: boolean },
): EmailModule {
  const mail = createMailModule({
    database: kernel.database,
    users: kernel.users,
    settingsRepository: kernel.settings,
    audit: kernel.audit,
    clock: kernel.clock,
    logger: kernel.logger,
    secrets: deps.secretStore ?? createFileKeySecretStore(kernel.dataDir),
    transports: deps.mailTransport ?? createNodemailerTransportFactory(),
    autoRun: deps.autoRun,
  });
  return {
    handlers: {
      ...createEmailHandlers({ mail, users: kernel.users, clock: kernel.clock }),
      ...createEmailResetHandlers({ mail, throttle: deps.resetThrottle }),
    },
    close: () => mail.close(),
    mail,
  };
}
