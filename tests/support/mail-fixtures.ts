// Node (tests). Small helpers for email tests on a test core: an administrator's window, users with
// addresses, the Messagerie settings pointed at a loopback SMTP test server, and small reads of the database
// that work on both engines.
import { sql } from 'kysely';
import type { MailSettingsView } from '../../shared/contract';
import type { MailSettingsInput } from '../../shared/email/mail-settings';
import { UsersRepository } from '../../electron/core/kernel/identity/users-repository';
import type { SmtpTestServer } from './smtp-test-server';
import { ADMIN_INPUT, type TestCore } from './test-core';

export const ADMIN_WINDOW = 'admin-window';

/** Creates the first administrator and signs them in as ADMIN_WINDOW. */
export async function signInAdmin(core: TestCore): Promise<void> {
  const setup = await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  if (!setup.ok) throw new Error(setup.error.code);
  const login = await core.call(ADMIN_WINDOW, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
  if (!login.ok) throw new Error(login.error.code);
}

export function mailSettingsFor(smtp: Pick<SmtpTestServer, 'port' | 'username' | 'password'>, overrides: Partial<MailSettingsInput> = {}): MailSettingsInput {
  return {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'starttls',
    username: smtp.username,
    plaintextAuthConfirmed: false,
    password: smtp.password,
    clearPassword: false,
    senderName: 'Atelier Lyon',
    senderAddress: 'atelier@usine.example',
    appName: 'GMAO Atelier',
    siteName: 'Usine de Lyon',
    sentRetentionDays: 30,
    resetCodeMinutes: 60,
    ...overrides,
  };
}

export async function configureSmtp(core: TestCore, smtp: Pick<SmtpTestServer, 'port' | 'username' | 'password'>, overrides: Partial<MailSettingsInput> = {}) {
  const result = await core.call(ADMIN_WINDOW, 'email:updateSettings', mailSettingsFor(smtp, overrides));
  if (!result.ok) throw new Error(`updateSettings: ${JSON.stringify(result.error)}`);
  return result.data as MailSettingsView;
}

export async function addUser(
  core: TestCore,
  user: { username: string; email: string | null; locale?: 'fr' | 'en'; displayName?: string; isActive?: boolean },
): Promise<number> {
  const users = new UsersRepository(core.database.kysely);
  const id = await users.insert(
    {
      username: user.username,
      displayName: user.displayName ?? user.username,
      email: user.email,
      role: 'technician',
      passwordHash: 'not-a-real-hash',
      mustChangePassword: false,
      locale: user.locale ?? 'fr',
    },
    core.clock.now(),
  );
  if (user.isActive === false) await users.setActive(id, false, core.clock.now());
  return id;
}

/** Rows of `table` matching a WHERE clause written in SQL both engines read the same. */
export async function countRows(core: TestCore, table: string, where = '1 = 1'): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(core.database.kysely);
  return Number(rows[0].n);
}

/** The audit log's entries of one event type, oldest first, details parsed. */
export async function auditEntries(core: TestCore, eventType?: string): Promise<{ eventType: string; details: Record<string, unknown> | null }[]> {
  let query = core.database.kysely.selectFrom('audit_log').select(['event_type', 'details']).orderBy('id');
  if (eventType) query = query.where('event_type', '=', eventType);
  const rows = await query.execute();
  return rows.map((row) => ({ eventType: row.event_type, details: row.details === null ? null : (JSON.parse(row.details) as Record<string, unknown>) }));
}

/** Every row of the audit log as text, one line each, its details as stored: for "the secret is nowhere" checks. */
export async function auditText(core: TestCore): Promise<string> {
  const rows = await core.database.kysely.selectFrom('audit_log').selectAll().orderBy('id').execute();
  return rows.map((row) => Object.values(row).join('\t')).join('\n');
}

export async function userIdOf(core: TestCore, username: string): Promise<number> {
  const row = await core.database.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}
