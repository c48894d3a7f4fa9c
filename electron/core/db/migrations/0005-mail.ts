// Pure. Email (issue 5): the durable outbox, one-time reset/invitation codes and the log of reset requests.
import type { Migration } from './migration';

export const migration0005: Migration = {
  version: 5,
  name: 'mail',
  up(db) {
    db.exec(`
      -- Every email is written here before any attempt to send it, and stays until pruned.
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        recipient TEXT NOT NULL,
        locale TEXT NOT NULL CHECK (locale IN ('fr', 'en')),
        subject TEXT NOT NULL,
        -- The bodies hold markers where a one-time code goes; the code itself is only in \`secrets\`.
        html_body TEXT NOT NULL,
        text_body TEXT NOT NULL,
        -- Sealed JSON {marker: value}; NULL once sent, given up or pruned (then secret_redacted = 1).
        secrets TEXT,
        secret_redacted INTEGER NOT NULL DEFAULT 0 CHECK (secret_redacted IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        -- After this the message is pointless (its code expired): never sent late.
        expires_at INTEGER,
        last_error_code TEXT,
        last_error_message TEXT,
        user_id INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER
      );
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
      CREATE INDEX outbox_user_kind ON outbox (user_id, kind, created_at);

      -- One-time codes: only SHA-256 hashes are kept. The row outlives its hashes for the 30-day statistics.
      CREATE TABLE reset_tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        purpose TEXT NOT NULL CHECK (purpose IN ('reset', 'invite')),
        -- SHA-256 of salt + normalized typed code, hex; NULL once purged.
        code_hash TEXT,
        code_salt TEXT,
        -- SHA-256 of the deep link's 32-byte token, hex; NULL once purged.
        token_hash TEXT UNIQUE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        -- Replaced by a newer code, by a reset, or killed after too many wrong tries.
        invalidated_at INTEGER,
        invalidated_reason TEXT,
        failed_attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX reset_tokens_user ON reset_tokens (user_id, created_at);
      CREATE INDEX reset_tokens_created ON reset_tokens (created_at);

      -- "Mot de passe oublié" requests: written the same way for every typed name, processed later.
      CREATE TABLE email_reset_requests (
        id INTEGER PRIMARY KEY,
        requested_at INTEGER NOT NULL,
        -- As typed, until processed; then NULL.
        identifier TEXT,
        processed_at INTEGER
      );
      CREATE INDEX email_reset_requests_pending ON email_reset_requests (processed_at);
      CREATE INDEX email_reset_requests_requested ON email_reset_requests (requested_at);
    `);
  },
};
