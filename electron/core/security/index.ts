// Pure (Node). What other domains may use of `security`.
export { createSecurityModule } from './security-module';
