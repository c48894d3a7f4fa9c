// Forgot password by email, through the public channels and the real accounts service, with a real loopback SMTP
// server: request → email → reset with the typed code (or the link) → sign in with the new password, old one
// refused, sessions ended, confirmation email. Also: the invitation path at account creation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../shared/contract';
import { ADMIN_WINDOW, configureSmtp, countRows, signInAdmin } from '../../../tests/support/mail-fixtures';
import { startSmtpTestServer, testTransportFactory, type SmtpTestServer } from '../../../tests/support/smtp-test-server';
import { ADMIN_INPUT, createTestCore, type TestCore } from '../../../tests/support/test-core';

let smtp: SmtpTestServer;
let c: TestCore;
const NEW_PASSWORD = 'tracteur bleu rouille';

function ok<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

beforeEach(async () => {
  smtp = await startSmtpTestServer();
  c = await createTestCore({ mailTransport: await testTransportFactory() });
  await signInAdmin(c);
  await configureSmtp(c, smtp);
});
afterEach(async () => {
  await c.dispose();
  await smtp.close();
});

async function readCode(index: number): Promise<{ code: string; token: string }> {
  await c.mail.flush();
  const mail = (await smtp.waitForMessages(index + 1))[index];
  const code = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec(mail.text)?.[1];
  const token = /gmao-atelier:\/\/reset\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  if (!code || !token) throw new Error(`No code in:\n${mail.text}`);
  return { code, token };
}

describe('forgot password by email', () => {
  it('request → email → reset with the code → sign in; the old password and the old sessions are gone; a confirmation follows', async () => {
    await c.call('tech-old', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    expect(await c.call('kiosk', 'email:requestReset', { identifier: ADMIN_INPUT.email })).toEqual({ ok: true, data: null });
    const { code } = await readCode(0);

    const weak = await c.call('kiosk', 'email:resetPassword', { identifier: ADMIN_INPUT.username, code, newPassword: 'azertyuiop', passwordConfirmation: 'azertyuiop' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    ok(await c.call('kiosk', 'email:resetPassword', { identifier: ADMIN_INPUT.username, code, newPassword: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD }));

    // No automatic sign-in; every session of the user ended; old password refused, new one accepted.
    expect(await c.call('kiosk', 'app:getState')).toMatchObject({ ok: true, data: { user: null } });
    expect(await c.call('tech-old', 'drafts:list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await c.call('w', 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password })).toMatchObject({ ok: false });
    expect(await c.call('w', 'auth:login', { identifier: ADMIN_INPUT.username, password: NEW_PASSWORD })).toMatchObject({ ok: true });

    // Used once only.
    const again = await c.call('kiosk', 'email:resetPassword', { identifier: ADMIN_INPUT.username, code, newPassword: 'perceuse verte du lundi', passwordConfirmation: 'perceuse verte du lundi' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });

    await c.mail.flush();
    const confirmation = (await smtp.waitForMessages(2))[1];
    expect(confirmation.subject).toContain('mot de passe a été modifié');
  });

  it('the deep link token works instead of the typed code', async () => {
    ok(await c.call('kiosk', 'email:requestReset', { identifier: ADMIN_INPUT.username }));
    const { token } = await readCode(0);
    ok(await c.call('kiosk', 'email:resetPassword', { token, newPassword: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD }));
    expect(await c.call('w', 'auth:login', { identifier: ADMIN_INPUT.username, password: NEW_PASSWORD })).toMatchObject({ ok: true });
  });

  it('answers an unknown name exactly like a known one, and sends nothing', async () => {
    const unknown = await c.call('kiosk', 'email:requestReset', { identifier: 'personne@nulle.part' });
    const known = await c.call('kiosk2', 'email:requestReset', { identifier: ADMIN_INPUT.username });
    expect(unknown).toEqual(known);
    await c.mail.flush();
    await smtp.waitForMessages(1);
    expect(smtp.messages).toHaveLength(1);
  });

  it('refuses a wrong code without saying whether the account exists, and throttles tries', async () => {
    const wrong = (identifier: string) =>
      c.call('kiosk', 'email:resetPassword', { identifier, code: 'ABCDE-FGHJK', newPassword: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    const known = await wrong(ADMIN_INPUT.username);
    const unknown = await wrong('personne');
    expect(known).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    let last: IpcResult<null> = known;
    for (let i = 0; i < 20 && (last.ok || last.error.code !== 'THROTTLED'); i++) last = await wrong(ADMIN_INPUT.username);
    expect(last).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
  });

  it('an email-code reset cancels an open approval request', async () => {
    ok(await c.call('kiosk', 'approval:request', { identifier: ADMIN_INPUT.username }));
    ok(await c.call('kiosk', 'email:requestReset', { identifier: ADMIN_INPUT.username }));
    const { code } = await readCode(0);
    ok(await c.call('kiosk', 'email:resetPassword', { identifier: ADMIN_INPUT.username, code, newPassword: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD }));
    const status = (await c.database.kysely.selectFrom('reset_requests').select('status').execute()).map((row) => row.status);
    expect(status).toEqual(['cancelled']);
  });
});

describe('invitations', () => {
  it('an account created with an invitation cannot sign in until its code sets a password', async () => {
    const created = ok(
      await c.call(ADMIN_WINDOW, 'users:create', {
        username: 'p.durand',
        displayName: 'Paul Durand',
        email: 'p.durand@usine.example',
        role: 'technician',
        passwordMode: 'invite',
      }),
    );
    expect(created.temporaryPassword).toBeNull();
    expect(created.user.passwordState).toBe('invited');
    const { code } = await readCode(0);
    const invitation = smtp.messages[0];
    expect(invitation.subject).toContain('Votre compte');
    expect(invitation.to).toContain('p.durand@usine.example');

    ok(await c.call('kiosk', 'email:resetPassword', { identifier: 'p.durand', code, newPassword: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD }));
    const session = ok(await c.call('w', 'auth:login', { identifier: 'p.durand', password: NEW_PASSWORD }));
    expect(session.passwordChange).toBeNull();
    expect(ok(await c.call(ADMIN_WINDOW, 'users:get', { userId: created.user.id })).passwordState).toBe('ok');
  });

  it('needs an email address and working email', async () => {
    const noEmail = await c.call(ADMIN_WINDOW, 'users:create', { username: 'x.y', displayName: 'X Y', email: '', role: 'technician', passwordMode: 'invite' });
    expect(noEmail).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'email', code: 'validation.required' }] } });
    expect(await countRows(c, 'users', "username = 'x.y'")).toBe(0);
  });
});

describe('approval decisions by email', () => {
  it('tells the requester of an administrator’s decision, with the note and no secret', async () => {
    const created = ok(
      await c.call(ADMIN_WINDOW, 'users:create', { username: 'l.moreau', displayName: 'Luc Moreau', email: 'l.moreau@usine.example', role: 'technician', passwordMode: 'temporary' }),
    );
    const receipt = ok(await c.call('kiosk', 'approval:request', { identifier: 'l.moreau' }));
    const [pending] = ok(await c.call(ADMIN_WINDOW, 'approval:listPending'));
    expect(pending.userId).toBe(created.user.id);
    ok(await c.call(ADMIN_WINDOW, 'approval:approve', { requestId: pending.id, notes: 'Vu au poste de garde' }));
    await c.mail.flush();
    const [mail] = await smtp.waitForMessages(1);
    expect(mail.to).toEqual(['l.moreau@usine.example']);
    expect(mail.text).toContain('Vu au poste de garde');
    expect(mail.text).not.toContain(receipt.referenceCode);
  });
});

