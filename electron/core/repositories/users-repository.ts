// Pure (Node). All SQL about users. Nothing outside repositories/ writes SQL.
import type { Role } from '../../../shared/contract';
import type { Db } from '../db/open-database';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  passwordHash: string;
  isActive: boolean;
  credentialVersion: number;
  mustChangePassword: boolean;
  locale: 'fr' | 'en';
  passwordChangedAt: number;
  lastLoginAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
  locale: 'fr' | 'en';
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  email: string | null;
  role: Role;
  password_hash: string;
  is_active: number;
  credential_version: number;
  must_change_password: number;
  locale: 'fr' | 'en';
  password_changed_at: number;
  last_login_at: number | null;
  created_at: number;
  updated_at: number;
}

function toRecord(row: UserRow | undefined): UserRecord | null {
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    passwordHash: row.password_hash,
    isActive: row.is_active === 1,
    credentialVersion: row.credential_version,
    mustChangePassword: row.must_change_password === 1,
    locale: row.locale,
    passwordChangedAt: row.password_changed_at,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class UsersRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    // Prepared once: every IPC call re-reads its user, so this path must stay cheap.
    this.statements = {
      count: db.prepare('SELECT COUNT(*) AS n FROM users'),
      byId: db.prepare('SELECT * FROM users WHERE id = ?'),
      byUsername: db.prepare('SELECT * FROM users WHERE username = ?'),
      byEmail: db.prepare('SELECT * FROM users WHERE email = ?'),
      insert: db.prepare(`
        INSERT INTO users (username, display_name, email, role, password_hash, must_change_password, locale,
                           password_changed_at, created_at, updated_at)
        VALUES (@username, @displayName, @email, @role, @passwordHash, @mustChangePassword, @locale, @now, @now, @now)`),
      recordLogin: db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?'),
      setLocale: db.prepare('UPDATE users SET locale = ?, updated_at = ? WHERE id = ?'),
    };
  }

  count(): number {
    return (this.statements.count.get() as { n: number }).n;
  }

  findById(id: number): UserRecord | null {
    return toRecord(this.statements.byId.get(id) as UserRow | undefined);
  }

  /** Username or email, case-insensitively (the columns are COLLATE NOCASE). */
  findByLogin(identifier: string): UserRecord | null {
    const statement = identifier.includes('@') ? this.statements.byEmail : this.statements.byUsername;
    return toRecord(statement.get(identifier) as UserRow | undefined);
  }

  insert(user: NewUser, now: number): number {
    const result = this.statements.insert.run({
      ...user,
      mustChangePassword: user.mustChangePassword ? 1 : 0,
      now,
    });
    return Number(result.lastInsertRowid);
  }

  recordLogin(id: number, now: number): void {
    this.statements.recordLogin.run(now, id);
  }

  setLocale(id: number, locale: 'fr' | 'en', now: number): void {
    this.statements.setLocale.run(locale, now, id);
  }
}
