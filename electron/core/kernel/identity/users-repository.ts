// Pure (Node). All SQL about users, on either engine. Every IPC call re-reads its user (credential version, role,
// active flag), so the point lookups must stay cheap: they are single indexed statements.
import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Role, UserListInput } from '../../../../shared/contract';
import type { Executor } from '../db/database';
import type { UsersTable } from '../db/schema';
import { containsText } from '../db/text-search';

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

type UserRow = Selectable<UsersTable>;

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

const flag = (value: boolean): 0 | 1 => (value ? 1 : 0);

export class UsersRepository {
  constructor(private readonly db: Executor) {}

  /** The same repository inside a unit of work. */
  in(trx: Executor): UsersRepository {
    return new UsersRepository(trx);
  }

  /** The "Utilisateurs" list: filters and sort run in SQL, so the list stays fast with many accounts. */
  async list(filter: UserListInput, now: number): Promise<UserListRow[]> {
    const db = this.db;
    let query = db
      .selectFrom((qb) =>
        qb
          .selectFrom('users')
          .selectAll('users')
          .select((eb) =>
            eb
              .exists(
                eb
                  .selectFrom('login_throttle as t')
                  .select('t.identifier')
                  .where((w) => w.or([w('t.identifier', '=', w.ref('users.username')), w('t.identifier', '=', w.ref('users.email'))]))
                  .where('t.blocked_until', '>', now),
              )
              .as('throttled'),
          )
          .as('u'),
      )
      .selectAll();
    if (filter.search !== '') {
      query = query.where((eb) =>
        eb.or([containsText(db, eb.ref('u.username'), filter.search), containsText(db, eb.ref('u.display_name'), filter.search), containsText(db, eb.ref('u.email'), filter.search)]),
      );
    }
    if (filter.role !== null) query = query.where('u.role', '=', filter.role);
    if (filter.status !== 'all') query = query.where('u.is_active', '=', filter.status === 'active' ? 1 : 0);
    if (filter.throttledOnly) query = query.where(sql<SqlBool>`u.throttled`);
    const direction = filter.direction === 'desc' ? 'desc' : 'asc';
    // Sort keys of the contract → SQL, from a fixed list: nothing the renderer sends reaches the SQL text.
    switch (filter.sort) {
      case 'displayName':
        query = query.orderBy(sql`u.display_name collate nocase`, direction);
        break;
      case 'lastLoginAt':
        // Never signed in: last, whichever the direction.
        query = query.orderBy(sql`u.last_login_at is null`).orderBy('u.last_login_at', direction);
        break;
      default:
        query = query.orderBy(`u.${({ username: 'username', role: 'role', createdAt: 'created_at' } as const)[filter.sort]}`, direction);
    }
    const rows = await query.orderBy('u.id').execute();
    return rows.map((row) => ({ ...(toRecord(row) as UserRecord), throttled: Boolean(row.throttled) }));
  }

  /** A login wait is running on the account's username or email. */
  async isThrottled(user: UserRecord, now: number): Promise<boolean> {
    const names = user.email ? [user.username, user.email] : [user.username];
    const row = await this.db
      .selectFrom('login_throttle')
      .select('identifier')
      .where('identifier', 'in', names)
      .where('blocked_until', '>', now)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async countActiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('is_active', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A role change also moves the credential version on (`bumpCredential`): the user signs in again under the new role. */
  async updateProfile(id: number, profile: { displayName: string; email: string | null; role: Role }, bumpCredential: boolean, now: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set((eb) => ({
        display_name: profile.displayName,
        email: profile.email,
        role: profile.role,
        updated_at: now,
        credential_version: eb('credential_version', '+', bumpCredential ? 1 : 0),
      }))
      .where('id', '=', id)
      .execute();
  }

  /** Deactivation moves the credential version on: every open session of the account ends on its next call. */
  async setActive(id: number, active: boolean, now: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set((eb) => ({
        is_active: flag(active),
        updated_at: now,
        deactivated_at: active ? null : now,
        credential_version: eb('credential_version', '+', active ? 0 : 1),
      }))
      .where('id', '=', id)
      .execute();
  }

  /**
   * Every new password moves the credential version on, so every session opened with the old one ends.
   * Compare-and-set: the write happens only if the account is still at `expectedCredentialVersion`, the version
   * read before the (slow) hashing. Returns false when something moved it on meanwhile (another password, a role
   * change, a deactivation): the caller then writes nothing else and says so.
   */
  async setPassword(id: number, update: PasswordUpdate, expectedCredentialVersion: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set((eb) => ({
        password_hash: update.passwordHash,
        must_change_password: flag(update.mustChangePassword),
        password_change_offered: flag(update.passwordChangeOffered),
        temporary_password_expires_at: update.temporaryPasswordExpiresAt,
        temporary_password_used_at: null,
        invitation_pending: 0,
        password_changed_at: now,
        updated_at: now,
        credential_version: eb('credential_version', '+', 1),
      }))
      .where('id', '=', id)
      .where('credential_version', '=', expectedCredentialVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A temporary password opens one session only. Returns false if it had already been used (a race of two windows). */
  async markTemporaryUsed(id: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ temporary_password_used_at: now })
      .where('id', '=', id)
      .where('temporary_password_used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async clearOffer(id: number, now: number): Promise<void> {
    await this.db.updateTable('users').set({ password_change_offered: 0, updated_at: now }).where('id', '=', id).execute();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async findById(id: number): Promise<UserRecord | null> {
    return toRecord(await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst());
  }

  /** Username or email, case-insensitively (COLLATE NOCASE on SQLite, the `nocase` collation on PostgreSQL). */
  async findByLogin(identifier: string): Promise<UserRecord | null> {
    const column = identifier.includes('@') ? 'email' : 'username';
    return toRecord(await this.db.selectFrom('users').selectAll().where(column, '=', identifier).executeTakeFirst());
  }

  async insert(user: NewUser, now: number): Promise<number> {
    const row = await this.db
      .insertInto('users')
      .values({
        username: user.username,
        display_name: user.displayName,
        email: user.email,
        role: user.role,
        password_hash: user.passwordHash,
        must_change_password: flag(user.mustChangePassword),
        locale: user.locale,
        password_change_offered: flag(user.passwordChangeOffered ?? false),
        temporary_password_expires_at: user.temporaryPasswordExpiresAt ?? null,
        invitation_pending: flag(user.invitationPending ?? false),
        created_by: user.createdBy ?? null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async recordLogin(id: number, now: number): Promise<void> {
    await this.db.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute();
  }

  async setLocale(id: number, locale: 'fr' | 'en', now: number): Promise<void> {
    await this.db.updateTable('users').set({ locale, updated_at: now }).where('id', '=', id).execute();
  }
}
