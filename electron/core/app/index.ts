// Pure (Node). What other domains may use of `app`.
export { createAppModule } from './app-module';
export type { OpenPath } from './app-handlers';
