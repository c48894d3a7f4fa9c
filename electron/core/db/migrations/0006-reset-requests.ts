// Pure. Password reset by administrator approval (issue 6): the requests, IT's one-time recovery codes for the
// last administrator, and the log of attempts their throttle counts. Self-contained: it only adds tables.
import type { Migration } from './migration';

export const migration0006: Migration = {
  version: 6,
  name: 'reset-requests',
  up(db) {
    db.exec(`
      -- One row per request, kept for the history and the metrics. The reference code is stored only as its
      -- SHA-256 (hex); check_number is not secret (the requester reads it to the administrator).
      CREATE TABLE reset_requests (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'completed', 'expired', 'cancelled')),
        code_hash TEXT NOT NULL,
        check_number TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        workstation TEXT NOT NULL,
        -- Fixed at creation (the lifetime setting then): approved or not, the request ends here.
        expires_at INTEGER NOT NULL,
        -- The administrator's decision stays after the status moves on (completed, expired, cancelled): the metrics need it.
        decision TEXT CHECK (decision IN ('approved', 'rejected')),
        decided_at INTEGER,
        decided_by INTEGER REFERENCES users(id),
        admin_notes TEXT,
        completed_at INTEGER,
        -- When it expired or was cancelled, and why it was cancelled.
        ended_at INTEGER,
        cancel_reason TEXT CHECK (cancel_reason IN ('code_attempts', 'password_changed')),
        failed_attempts INTEGER NOT NULL DEFAULT 0
      );
      -- One active request per user, whatever the code does (PostgreSQL has partial unique indexes too).
      CREATE UNIQUE INDEX reset_requests_one_active ON reset_requests (user_id) WHERE status IN ('pending', 'approved');
      CREATE INDEX reset_requests_status_expires ON reset_requests (status, expires_at);
      CREATE INDEX reset_requests_requested_at ON reset_requests (requested_at);
      CREATE INDEX reset_requests_user ON reset_requests (user_id, requested_at);

      -- Issued on the computer by IT (command line, never the UI) for an administrator account: 30 minutes,
      -- one use, 5 tries. Hash only, like the reference codes.
      CREATE TABLE recovery_codes (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        code_hash TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        cancelled_at INTEGER,
        failed_attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX recovery_codes_user ON recovery_codes (user_id, issued_at);

      -- Attempts on the public reset channels, by typed identifier (lower-cased, known or not) and by workstation.
      CREATE TABLE reset_attempts (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,
        attempt_key TEXT NOT NULL,
        attempted_at INTEGER NOT NULL
      );
      CREATE INDEX reset_attempts_key ON reset_attempts (scope, attempt_key, attempted_at);
    `);
  },
};
