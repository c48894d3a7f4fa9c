// Pure (Node). What other domains may use of `drafts`.
export { createDraftsModule } from './drafts-module';
