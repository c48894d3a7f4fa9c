// Pure (Node). All SQL about users. Nothing outside repositories/ writes SQL.
import type { Role, UserListInput } from '../../../../shared/contract';
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
  temporaryPasswordExpiresAt: number | null;
  temporaryPasswordUsedAt: number | null;
  passwordChangeOffered: boolean;
  invitationPending: boolean;
  createdBy: number | null;
  deactivatedAt: number | null;
}

/** What a new password leaves behind besides its hash. */
export interface PasswordUpdate {
  passwordHash: string;
  /** The next login must change it (temporary, or admin-chosen with the "required" setting). */
  mustChangePassword: boolean;
  /** The next login offers a change (admin-chosen with the "optional" setting). */
  passwordChangeOffered: boolean;
  /** Set for a temporary password only. */
  temporaryPasswordExpiresAt: number | null;
}

export interface UserListRow extends UserRecord {
  throttled: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
  locale: 'fr' | 'en';
  passwordChangeOffered?: boolean;
  temporaryPasswordExpiresAt?: number | null;
  invitationPending?: boolean;
  createdBy?: number | null;
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
  temporary_password_expires_at: number | null;
  temporary_password_used_at: number | null;
  password_change_offered: number;
  invitation_pending: number;
  created_by: number | null;
  deactivated_at: number | null;
}

/** Sort keys of the contract → SQL, from a fixed list: nothing the renderer sends reaches the SQL text. */
const ORDER_BY: Record<UserListInput['sort'], string> = {
  displayName: 'display_name COLLATE NOCASE',
  username: 'username',
  role: 'role',
  lastLoginAt: 'last_login_at IS NULL, last_login_at',
  createdAt: 'created_at',
};

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
    temporaryPasswordExpiresAt: row.temporary_password_expires_at,
    temporaryPasswordUsedAt: row.temporary_password_used_at,
    passwordChangeOffered: row.password_change_offered === 1,
    invitationPending: row.invitation_pending === 1,
    createdBy: row.created_by,
    deactivatedAt: row.deactivated_at,
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
                           password_change_offered, temporary_password_expires_at, invitation_pending, created_by,
                           password_changed_at, created_at, updated_at)
        VALUES (@username, @displayName, @email, @role, @passwordHash, @mustChangePassword, @locale,
                @passwordChangeOffered, @temporaryPasswordExpiresAt, @invitationPending, @createdBy, @now, @now, @now)`),
      recordLogin: db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?'),
      setLocale: db.prepare('UPDATE users SET locale = ?, updated_at = ? WHERE id = ?'),
      isThrottled: db.prepare(
        'SELECT 1 FROM login_throttle WHERE identifier IN (@username, @email) AND blocked_until > @now LIMIT 1',
      ),
      countActiveAdmins: db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND is_active = 1"),
      updateProfile: db.prepare(`
        UPDATE users SET display_name = @displayName, email = @email, role = @role, updated_at = @now,
                         credential_version = credential_version + @bump
        WHERE id = @id`),
      // Deactivation moves the credential version on: every open session of the account ends on its next call.
      setActive: db.prepare(`
        UPDATE users SET is_active = @active, updated_at = @now,
                         deactivated_at = CASE WHEN @active = 1 THEN NULL ELSE @now END,
                         credential_version = credential_version + (1 - @active)
        WHERE id = @id`),
      setPassword: db.prepare(`
        UPDATE users SET password_hash = @passwordHash, must_change_password = @mustChangePassword,
                         password_change_offered = @passwordChangeOffered,
                         temporary_password_expires_at = @temporaryPasswordExpiresAt, temporary_password_used_at = NULL,
                         invitation_pending = 0,
                         password_changed_at = @now, updated_at = @now, credential_version = credential_version + 1
        WHERE id = @id AND credential_version = @expectedCredentialVersion`),
      markTemporaryUsed: db.prepare('UPDATE users SET temporary_password_used_at = ? WHERE id = ? AND temporary_password_used_at IS NULL'),
      clearOffer: db.prepare('UPDATE users SET password_change_offered = 0, updated_at = ? WHERE id = ?'),
    };
  }

  /** The "Utilisateurs" list: filters and sort run in SQL, so the list stays fast with many accounts. */
  list(filter: UserListInput, now: number): UserListRow[] {
    const where: string[] = [];
    const params: Record<string, string | number> = { now };
    if (filter.search !== '') {
      where.push("(username LIKE @search ESCAPE '\\' OR display_name LIKE @search ESCAPE '\\' OR email LIKE @search ESCAPE '\\')");
      params.search = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (filter.role !== null) {
      where.push('role = @role');
      params.role = filter.role;
    }
    if (filter.status !== 'all') where.push(filter.status === 'active' ? 'is_active = 1' : 'is_active = 0');
    if (filter.throttledOnly) where.push('throttled = 1');
    const direction = filter.direction === 'desc' ? 'DESC' : 'ASC';
    const order = ORDER_BY[filter.sort]
      .split(', ')
      .map((term) => (term.endsWith('IS NULL') ? term : `${term} ${direction}`))
      .join(', ');
    const rows = this.db
      .prepare(
        `SELECT * FROM (
           SELECT users.*, EXISTS (
             SELECT 1 FROM login_throttle t
             WHERE t.identifier IN (users.username, users.email) AND t.blocked_until > @now
           ) AS throttled
           FROM users
         )
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY ${order}, id`,
      )
      .all(params) as (UserRow & { throttled: number })[];
    return rows.map((row) => ({ ...(toRecord(row) as UserRecord), throttled: row.throttled === 1 }));
  }

  /** A login wait is running on the account's username or email. */
  isThrottled(user: UserRecord, now: number): boolean {
    return this.statements.isThrottled.get({ username: user.username, email: user.email, now }) !== undefined;
  }

  countActiveAdmins(): number {
    return (this.statements.countActiveAdmins.get() as { n: number }).n;
  }

  /** A role change also moves the credential version on (`bumpCredential`): the user signs in again under the new role. */
  updateProfile(
    id: number,
    profile: { displayName: string; email: string | null; role: Role },
    bumpCredential: boolean,
    now: number,
  ): void {
    this.statements.updateProfile.run({ ...profile, id, now, bump: bumpCredential ? 1 : 0 });
  }

  setActive(id: number, active: boolean, now: number): void {
    this.statements.setActive.run({ id, active: active ? 1 : 0, now });
  }

  /**
   * Every new password moves the credential version on, so every session opened with the old one ends.
   * Compare-and-set: the write happens only if the account is still at `expectedCredentialVersion`, the version
   * read before the (slow) hashing. Returns false when something moved it on meanwhile (another password, a role
   * change, a deactivation): the caller then writes nothing else and says so.
   */
  setPassword(id: number, update: PasswordUpdate, expectedCredentialVersion: number, now: number): boolean {
    return this.statements.setPassword.run({
      id,
      now,
      expectedCredentialVersion,
      passwordHash: update.passwordHash,
      mustChangePassword: update.mustChangePassword ? 1 : 0,
      passwordChangeOffered: update.passwordChangeOffered ? 1 : 0,
      temporaryPasswordExpiresAt: update.temporaryPasswordExpiresAt,
    }).changes === 1;
  }

  /** A temporary password opens one session only. Returns false if it had already been used (a race of two windows). */
  markTemporaryUsed(id: number, now: number): boolean {
    return this.statements.markTemporaryUsed.run(now, id).changes === 1;
  }

  clearOffer(id: number, now: number): void {
    this.statements.clearOffer.run(now, id);
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
      passwordChangeOffered: user.passwordChangeOffered ? 1 : 0,
      temporaryPasswordExpiresAt: user.temporaryPasswordExpiresAt ?? null,
      invitationPending: user.invitationPending ? 1 : 0,
      createdBy: user.createdBy ?? null,
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
