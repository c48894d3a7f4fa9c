// Pure (Node). What other domains may use of `session`.
export { createSessionModule } from './session-module';
