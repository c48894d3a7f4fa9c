// Pure. The first schema: users, settings, the append-only security audit log.
// Timestamps are integer milliseconds since the epoch, which maps to BIGINT if we ever move to PostgreSQL.
import { randomBytes } from 'node:crypto';
import type { Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL COLLATE NOCASE UNIQUE,
        display_name TEXT NOT NULL,
        email TEXT COLLATE NOCASE UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'maintenance_manager', 'technician', 'requester')),
        password_hash TEXT NOT NULL,
        is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
        -- Bumped by password change, reset, deactivation and role change: every session holding an older value ends.
        credential_version INTEGER NOT NULL DEFAULT 1,
        must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
        locale TEXT NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
        password_changed_at INTEGER NOT NULL,
        last_login_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        occurred_at INTEGER NOT NULL,
        event_type TEXT NOT NULL,
        actor_user_id INTEGER REFERENCES users(id),
        subject_user_id INTEGER REFERENCES users(id),
        -- What was typed when no user matches (e.g. an unknown login name), so admins can see probing.
        subject_label TEXT,
        workstation TEXT NOT NULL,
        details TEXT
      );
      CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at);
      CREATE INDEX audit_log_subject ON audit_log (subject_user_id, occurred_at);

      -- The audit log is append-only: the code has no update path, and the database refuses one too.
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;
    `);
    // The key of the password pre-hash (see auth/password-hasher.ts). It lives with the data so a backup
    // restored on another PC still verifies every password.
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(
      'auth.prehashKey',
      JSON.stringify(randomBytes(32).toString('base64')),
      Date.now(),
    );
  },
};
