// Pure. Accounts administration: temporary passwords, offered password changes, who created an account and
// when it was deactivated. Columns are added, never dropped: an older backup migrates forward cleanly.
import { postgresScript, type Migration } from './migration';

export const migration0003: Migration = {
  version: 3,
  name: 'accounts',
  up(db) {
    db.exec(`
      -- While an administrator's temporary password is pending. It opens one session, once, before this time,
      -- and that session can only change the password. password_hash holds its bcrypt hash, never the text.
      ALTER TABLE users ADD COLUMN temporary_password_expires_at INTEGER;
      ALTER TABLE users ADD COLUMN temporary_password_used_at INTEGER;
      -- An admin-chosen password with the "optional" setting: the next login offers a change ("Plus tard" allowed).
      -- must_change_password (0001) stays the "required" flag.
      ALTER TABLE users ADD COLUMN password_change_offered INTEGER NOT NULL DEFAULT 0 CHECK (password_change_offered IN (0, 1));
      -- Created with an emailed invitation: no password anyone knows until the invitation code sets one.
      ALTER TABLE users ADD COLUMN invitation_pending INTEGER NOT NULL DEFAULT 0 CHECK (invitation_pending IN (0, 1));
      ALTER TABLE users ADD COLUMN created_by INTEGER REFERENCES users(id);
      ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
      CREATE INDEX users_role_active ON users (role, is_active);
    `);
  },
  // PostgreSQL: the same step in its dialect (BIGINT instants and ids, identity columns).
  postgres: postgresScript(`
      ALTER TABLE users ADD COLUMN temporary_password_expires_at BIGINT;
      ALTER TABLE users ADD COLUMN temporary_password_used_at BIGINT;
      ALTER TABLE users ADD COLUMN password_change_offered INTEGER NOT NULL DEFAULT 0 CHECK (password_change_offered IN (0, 1));
      ALTER TABLE users ADD COLUMN invitation_pending INTEGER NOT NULL DEFAULT 0 CHECK (invitation_pending IN (0, 1));
      ALTER TABLE users ADD COLUMN created_by BIGINT REFERENCES users(id);
      ALTER TABLE users ADD COLUMN deactivated_at BIGINT;
      CREATE INDEX users_role_active ON users (role, is_active);
    `),
};
