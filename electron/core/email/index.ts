// Pure (Node). What other domains may use of `email`.
export { createEmailModule, type EmailModule } from './email-module';
export type { MailModule } from './mail-module';
export type { MailTransportFactory } from './mail-transport';
export type { SecretStore } from './secret-store';
