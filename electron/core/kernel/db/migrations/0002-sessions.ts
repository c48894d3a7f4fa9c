// Pure. Shared-workstation sessions: login throttles per typed name, and per-user form drafts.
import { postgresScript, type Migration } from './migration';

export const migration0002: Migration = {
  version: 2,
  name: 'sessions',
  up(db) {
    db.exec(`
      -- Keyed by the name as typed (lower-cased), known or not, so throttling reveals nothing about accounts.
      CREATE TABLE login_throttle (
        identifier TEXT PRIMARY KEY,
        consecutive_failures INTEGER NOT NULL,
        last_failure_at INTEGER NOT NULL,
        blocked_until INTEGER,
        -- How many waits this streak has caused: the next wait doubles.
        block_count INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE drafts (
        user_id INTEGER NOT NULL REFERENCES users(id),
        form_key TEXT NOT NULL,
        data TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, form_key)
      );
      CREATE INDEX drafts_expires_at ON drafts (expires_at);
    `);
  },
  // PostgreSQL: the same step in its dialect (BIGINT instants and ids, identity columns).
  postgres: postgresScript(`
      CREATE TABLE login_throttle (
        identifier TEXT PRIMARY KEY,
        consecutive_failures INTEGER NOT NULL,
        last_failure_at BIGINT NOT NULL,
        blocked_until BIGINT,
        block_count INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE drafts (
        user_id BIGINT NOT NULL REFERENCES users(id),
        form_key TEXT NOT NULL,
        data TEXT NOT NULL,
        saved_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        PRIMARY KEY (user_id, form_key)
      );
      CREATE INDEX drafts_expires_at ON drafts (expires_at);
    `),
};
