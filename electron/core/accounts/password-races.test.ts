// Node (tests). Password writes that race (issue 11, item 3): a slow path (bcrypt running) and an administrator's
// reset of the same account. The real core on the engine of this pass (SQLite file or PostgreSQL schema), real bcrypt; the hasher's latch only decides the
// order: the slow path reads the account and hashes, the competing action runs to completion, then the slow path
// writes. Every write is a compare-and-set on the credential version: the late one must fail clearly and change
// nothing (no password, no audit entry, no email, no code consumed), whichever path it is.
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult, TemporaryPassword } from '../../../shared/contract';
import { issueRecoveryCode } from '../approval/recovery-codes';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { RecoveryCodesRepository } from '../approval/recovery-codes-repository';
import { UsersRepository } from '../kernel/identity/users-repository';
import { LatchedHasher } from '../../../tests/support/latched-hasher';
import { ADMIN_WINDOW, configureSmtp } from '../../../tests/support/mail-fixtures';
import { startSmtpTestServer, testTransportFactory, type SmtpTestServer } from '../../../tests/support/smtp-test-server';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';

const MINUTE = 60_000;
const FIRST = 'tracteur bleu rouille';
const SLOW = 'perceuse verte du lundi';
const TECH = { username: 'j.martin', displayName: 'Jean Martin', email: 'j.martin@usine.example', role: 'technician' as const };
const MEANWHILE = { ok: false, error: { code: 'PASSWORD_CHANGED_MEANWHILE' } };

let core: TestCore;
let hasher: LatchedHasher;
let smtp: SmtpTestServer | null = null;

afterEach(async () => {
  await core.dispose();
  await smtp?.close();
  smtp = null;
});

function data<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`Expected ok, got ${JSON.stringify(result.error)}`);
  return result.data;
}

async function start(options: { smtp?: boolean } = {}): Promise<void> {
  if (options.smtp) smtp = await startSmtpTestServer();
  core = await createTestCore({
    passwordHasher: (hasherOptions) => (hasher = new LatchedHasher(hasherOptions)),
    mailTransport: options.smtp ? await testTransportFactory() : undefined,
  });
  data(await core.call(ADMIN_WINDOW, 'auth:setupFirstAdmin', ADMIN_INPUT));
  data(await login(ADMIN_WINDOW, ADMIN_INPUT.username, ADMIN_INPUT.password));
  if (smtp) await configureSmtp(core, smtp);
}

const login = (windowId: string, identifier: string, password: string) => core.call(windowId, 'auth:login', { identifier, password });
const adminReset = async (userId: number, adminWindow = ADMIN_WINDOW): Promise<TemporaryPassword> =>
  data(await core.call(adminWindow, 'users:resetPassword', { userId }));
const auditTypes = async () => (await new AuditRepository(core.database.kysely, 'x').recent(500)).map((entry) => entry.eventType);
const count = (types: string[], type: string) => types.filter((t) => t === type).length;
const credentialVersion = async (userId: number) => (await new UsersRepository(core.database.kysely).findById(userId))!.credentialVersion;

/** A technician whose temporary password was used and changed to FIRST: their next change is voluntary. */
async function technician(options: { signedIn: boolean }): Promise<number> {
  const created = data(await core.call(ADMIN_WINDOW, 'users:create', { ...TECH, passwordMode: 'temporary' }));
  data(await login('tech', TECH.username, created.temporaryPassword!.value));
  data(await core.call('tech', 'account:changePassword', { newPassword: FIRST, passwordConfirmation: FIRST }));
  if (!options.signedIn) await core.call('tech', 'auth:logout');
  return created.user.id;
}

/** Whatever the slow path tried: only the administrator's temporary password opens the account now. */
async function onlyTemporaryWorks(userId: number, temporary: TemporaryPassword): Promise<void> {
  expect(data(await core.call(ADMIN_WINDOW, 'users:list', {})).find((u) => u.id === userId)?.passwordState).toBe('temporary');
  expect(await login('check', TECH.username, SLOW)).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  expect(await login('check', TECH.username, FIRST)).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  expect(data(await login('check', TECH.username, temporary.value)).passwordChange?.mode).toBe('required');
}

describe('a signed-in user changing their password', () => {
  it('loses to an administrator’s reset made while bcrypt ran: clear error, the temporary password works, the session stays revoked', async () => {
    await start();
    const userId = await technician({ signedIn: true });
    const hold = hasher.holdNextHash();
    const change = core.call('tech', 'account:changePassword', { currentPassword: FIRST, newPassword: SLOW, passwordConfirmation: SLOW });
    await hold.reached;

    const temporary = await adminReset(userId);
    const version = await credentialVersion(userId);
    hold.release();

    expect(await change).toMatchObject(MEANWHILE);
    // Nothing more was written: same credential version, no "changed" entry beyond the first change, no notice.
    expect(await credentialVersion(userId)).toBe(version);
    const types = await auditTypes();
    expect(count(types, 'password.changed')).toBe(1);
    expect(count(types, 'password.reset_by_admin')).toBe(1);
    // The reset ended the session and it stays ended: the late change did not carry it on under a new version.
    expect(core.events).toContainEqual({ windowId: 'tech', event: 'session:ended', payload: { reason: 'revoked' } });
    expect(await core.call('tech', 'drafts:list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await onlyTemporaryWorks(userId, temporary);
  });

  it('is not made if its session was closed while bcrypt ran, even though the account itself did not change', async () => {
    await start();
    const userId = await technician({ signedIn: true });
    const version = await credentialVersion(userId);
    const hold = hasher.holdNextHash();
    const change = core.call('tech', 'account:changePassword', { currentPassword: FIRST, newPassword: SLOW, passwordConfirmation: SLOW });
    await hold.reached;

    expect(data(await core.call(ADMIN_WINDOW, 'security:endUserSessions', { userId }))).toEqual({ ended: 1 });
    hold.release();

    expect(await change).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await credentialVersion(userId)).toBe(version);
    expect(count(await auditTypes(), 'password.changed')).toBe(1);
    expect(await core.call('tech', 'drafts:list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await login('check', TECH.username, SLOW)).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await login('check', TECH.username, FIRST)).toMatchObject({ ok: true });
  });

  it('a required change (after a temporary password) loses the same way to a second reset', async () => {
    await start();
    const created = data(await core.call(ADMIN_WINDOW, 'users:create', { ...TECH, passwordMode: 'temporary' }));
    const userId = created.user.id;
    expect(data(await login('tech', TECH.username, created.temporaryPassword!.value)).passwordChange?.mode).toBe('required');
    const hold = hasher.holdNextHash();
    const change = core.call('tech', 'account:changePassword', { newPassword: SLOW, passwordConfirmation: SLOW });
    await hold.reached;

    const temporary = await adminReset(userId);
    hold.release();

    expect(await change).toMatchObject(MEANWHILE);
    expect(count(await auditTypes(), 'password.changed')).toBe(0);
    expect(await core.call('tech', 'session:getTiming')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await login('check', TECH.username, created.temporaryPassword!.value)).toMatchObject({ ok: false });
    await onlyTemporaryWorks(userId, temporary);
  });
});

describe('an administrator’s reset', () => {
  it('loses to the user’s own change made while it hashed: the administrator is told to start again', async () => {
    await start();
    const userId = await technician({ signedIn: true });
    const hold = hasher.holdNextHash();
    const reset = core.call(ADMIN_WINDOW, 'users:resetPassword', { userId });
    await hold.reached;

    data(await core.call('tech', 'account:changePassword', { currentPassword: FIRST, newPassword: SLOW, passwordConfirmation: SLOW }));
    hold.release();

    const answer = await reset;
    expect(answer).toMatchObject(MEANWHILE);
    expect(count(await auditTypes(), 'password.reset_by_admin')).toBe(0);
    // The user's change stands, and so does the session it was made in.
    expect(await core.call('tech', 'drafts:list')).toMatchObject({ ok: true });
    expect(data(await core.call(ADMIN_WINDOW, 'users:get', { userId })).passwordState).toBe('ok');
    expect(data(await login('check', TECH.username, SLOW)).passwordChange).toBeNull();

    // Started again, the reset goes through.
    const temporary = await adminReset(userId);
    expect(await core.call('tech', 'drafts:list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(data(await login('check', TECH.username, temporary.value)).passwordChange?.mode).toBe('required');
  });
});

describe('one-time codes', () => {
  async function readCode(index: number): Promise<string> {
    await core.mail.flush();
    const mail = (await smtp!.waitForMessages(index + 1))[index];
    const code = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec(mail.text)?.[1];
    if (!code) throw new Error(`No code in:\n${mail.text}`);
    return code;
  }

  const useCode = (code: string) =>
    core.call('kiosk', 'email:resetPassword', { identifier: TECH.username, code, newPassword: SLOW, passwordConfirmation: SLOW });

  it('an emailed reset code loses to an administrator’s reset: no confirmation email, and the code is then dead (password changed)', async () => {
    await start({ smtp: true });
    const userId = await technician({ signedIn: false });
    await core.mail.flush();
    await smtp!.waitForMessages(1); // the notice of the technician's first change
    data(await core.call('kiosk', 'email:requestReset', { identifier: TECH.username }));
    const code = await readCode(1);
    core.clock.advance(MINUTE);

    const hold = hasher.holdNextHash();
    const reset = useCode(code);
    await hold.reached;
    const temporary = await adminReset(userId);
    hold.release();

    expect(await reset).toMatchObject(MEANWHILE);
    const types = await auditTypes();
    expect(count(types, 'reset.completed')).toBe(0);
    expect(count(types, 'password.recovered')).toBe(0);
    await core.mail.flush();
    expect(smtp!.messages).toHaveLength(2);
    // The claim was given back, but the code was made for a password that is no longer the account's: an
    // administrator's reset outranks it, so using it again cannot quietly undo the reset.
    expect(await useCode(code)).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED', details: { reason: 'password_changed' } } });
    await onlyTemporaryWorks(userId, temporary);
  });

  it('an invitation code loses the same way to a reset (the administrator chose a temporary password instead)', async () => {
    await start({ smtp: true });
    const created = data(await core.call(ADMIN_WINDOW, 'users:create', { ...TECH, passwordMode: 'invite' }));
    const code = await readCode(0);
    core.clock.advance(MINUTE);

    const hold = hasher.holdNextHash();
    const accept = useCode(code);
    await hold.reached;
    const temporary = await adminReset(created.user.id);
    hold.release();

    expect(await accept).toMatchObject(MEANWHILE);
    expect(count(await auditTypes(), 'reset.completed')).toBe(0);
    expect(await useCode(code)).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED', details: { reason: 'password_changed' } } });
    await onlyTemporaryWorks(created.user.id, temporary);
  });
});

describe('reset by approval and the recovery code', () => {
  it('an approved request completed while an administrator resets: clear error, the request is not completed, the reset cancelled it', async () => {
    await start();
    const userId = await technician({ signedIn: false });
    const receipt = data(await core.call('kiosk', 'approval:request', { identifier: TECH.username }));
    const [pending] = data(await core.call(ADMIN_WINDOW, 'approval:listPending'));
    data(await core.call(ADMIN_WINDOW, 'approval:approve', { requestId: pending.id, notes: '' }));
    const complete = () =>
      core.call('kiosk', 'approval:complete', { identifier: TECH.username, code: receipt.referenceCode, newPassword: SLOW, passwordConfirmation: SLOW });

    const hold = hasher.holdNextHash();
    const completion = complete();
    await hold.reached;
    const temporary = await adminReset(userId);
    hold.release();

    expect(await completion).toMatchObject(MEANWHILE);
    const types = await auditTypes();
    expect(count(types, 'approval.completed')).toBe(0);
    expect(count(types, 'password.recovered')).toBe(0);
    // The administrator's reset made the request pointless, as any password change does: asking again says so.
    expect(data(await core.call('kiosk', 'approval:checkStatus', { identifier: TECH.username, code: receipt.referenceCode }))).toMatchObject({
      status: 'cancelled',
      completedAt: null,
      cancelReason: 'password_changed',
    });
    expect(await complete()).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { status: 'cancelled' } } });
    await onlyTemporaryWorks(userId, temporary);
  });

  it('IT’s recovery code redeemed while another administrator resets: clear error, the code is not used up but cancelled by the reset', async () => {
    await start();
    const second = { username: 'a.bernard', displayName: 'Anne Bernard', email: 'a.bernard@usine.example', role: 'admin' as const };
    const created = data(await core.call(ADMIN_WINDOW, 'users:create', { ...second, passwordMode: 'chosen', password: FIRST, passwordConfirmation: FIRST }));
    const userId = created.user.id;
    const issued = await issueRecoveryCode(
      {
        database: core.database,
        users: new UsersRepository(core.database.kysely),
        recoveryCodes: new RecoveryCodesRepository(core.database.kysely),
        audit: new AuditRepository(core.database.kysely, 'x'),
        clock: core.clock,
      },
      { username: second.username, osUser: 'it' },
    );
    core.clock.advance(MINUTE);
    const redeem = () =>
      core.call('kiosk', 'approval:completeRecovery', { identifier: second.username, code: issued.code, newPassword: SLOW, passwordConfirmation: SLOW });

    const hold = hasher.holdNextHash();
    const redemption = redeem();
    await hold.reached;
    const temporary = await adminReset(userId);
    hold.release();

    expect(await redemption).toMatchObject(MEANWHILE);
    expect(count(await auditTypes(), 'recovery.code_used')).toBe(0);
    const [row] = await new RecoveryCodesRepository(core.database.kysely).listRecentForUser(userId, 5);
    expect(row).toMatchObject({ usedAt: null, cancelledAt: core.clock.now() });
    expect(await redeem()).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { status: 'cancelled' } } });
    expect(await login('check', second.username, SLOW)).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(data(await login('check', second.username, temporary.value)).passwordChange?.mode).toBe('required');
  });
});
