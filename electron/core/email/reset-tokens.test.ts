// One-time codes end to end: request → real email on a loopback SMTP server → verify → consume. All the seed's
// cases (valid, expired, used, invalid, too short, other tokens invalidated) plus wrong-code limits, a password
// changed after issue, invitations, statistics, purge, lockout notices, and the code never left in the database.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, auditEntries, auditText, configureSmtp, countRows, signInAdmin, userIdOf, ADMIN_WINDOW } from '../../../tests/support/mail-fixtures';
import { startSmtpTestServer, startStalledServer, testTransportFactory, type SmtpTestServer } from '../../../tests/support/smtp-test-server';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import { AppError } from '../kernel/platform/app-error';
import { MAX_CODE_ATTEMPTS, RESET_CODES_PER_HOUR } from './reset-tokens';

let smtp: SmtpTestServer;
let c: TestCore;
let paul: number;
const applied: { userId: number; password: string }[] = [];

beforeEach(async () => {
  smtp = await startSmtpTestServer();
  c = await createTestCore({ mailTransport: await testTransportFactory() });
  await signInAdmin(c);
  await configureSmtp(c, smtp);
  paul = await addUser(c, { username: 'paul.martin', email: 'paul@usine.example', displayName: 'Paul Martin' });
  applied.length = 0;
  // Stands in for the accounts service's password setter (the lead's): a policy check, then the change.
  c.mail.tokens.setApplyNewPassword(async (userId, password) => {
    if (password.length < 8) throw new AppError('VALIDATION_FAILED', 'Too short', [{ path: 'password', code: 'validation.passwordTooShort' }]);
    applied.push({ userId, password });
    await c.database.kysely
      .updateTable('users')
      .set((eb) => ({ password_changed_at: c.clock.now(), credential_version: eb('credential_version', '+', 1) }))
      .where('id', '=', userId)
      .execute();
  });
});

afterEach(async () => {
  await c.dispose();
  await smtp.close();
});

/** Asks for a reset and returns the code and token from the email that arrived. */
async function requestAndRead(identifier = 'paul.martin'): Promise<{ code: string; token: string; text: string; html: string }> {
  const before = smtp.messages.length;
  await c.mail.tokens.requestReset(identifier);
  await c.mail.flush();
  const mails = await smtp.waitForMessages(before + 1);
  const mail = mails[before];
  const code = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec(mail.text)?.[1];
  const token = /gmao-atelier:\/\/reset\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  if (!code || !token) throw new Error(`No code in:\n${mail.text}`);
  return { code, token, text: mail.text, html: mail.html };
}

async function outboxSecrets(): Promise<string | null> {
  const row = await c.database.kysely.selectFrom('outbox').select('secrets').executeTakeFirstOrThrow();
  return row.secrets;
}

/** A reset code queued (its secrets sealed in the outbox), then sent: the code, the token and the sealed text. */
async function requestSealedAndSend(): Promise<{ code: string; token: string; sealed: string }> {
  await c.mail.tokens.requestReset('paul.martin');
  await c.mail.tokens.processPendingRequests();
  const sealed = (await outboxSecrets()) as string;
  expect(sealed).toMatch(/^fk1:/);
  await c.mail.flush();
  const [mail] = await smtp.waitForMessages(1);
  const code = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec(mail.text)?.[1] as string;
  const token = /token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1] as string;
  return { code, token, sealed };
}

const rejection = (result: Awaited<ReturnType<TestCore['mail']['tokens']['verify']>>) => (result.ok ? 'ok' : `${result.code}/${result.reason}`);

describe('one-time codes', () => {
  it('valid: the emailed code works typed (any case, O/0, I/L/1, spaces) and through the deep link', async () => {
    const { code, token, text } = await requestAndRead();
    expect(text).toContain('Bonjour Paul Martin');
    expect(await c.mail.tokens.verify({ identifier: 'paul.martin', code })).toMatchObject({ ok: true, userId: paul, purpose: 'reset' });
    const sloppy = code.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace('-', ' ');
    expect(await c.mail.tokens.verify({ identifier: 'PAUL.MARTIN', code: sloppy })).toMatchObject({ ok: true });
    expect(await c.mail.tokens.verify({ identifier: 'paul@usine.example', code })).toMatchObject({ ok: true });
    expect(await c.mail.tokens.verify({ token })).toMatchObject({ ok: true, userId: paul });
  });

  it('used: single use; the new password is applied once, the confirmation email follows', async () => {
    const { code, token } = await requestAndRead();
    await expect(c.mail.tokens.consume({ identifier: 'paul.martin', code }, 'nouveau mot de passe')).resolves.toEqual({ userId: paul, purpose: 'reset' });
    expect(applied).toEqual([{ userId: paul, password: 'nouveau mot de passe' }]);
    await expect(c.mail.tokens.consume({ token }, 'encore un autre')).rejects.toMatchObject({ code: 'CODE_USED', details: { reason: 'used' } });
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code }))).toBe('CODE_USED/used');
    await c.mail.flush();
    const [, confirmation] = await smtp.waitForMessages(2);
    expect(confirmation.subject).toBe('Votre mot de passe a été modifié – GMAO Atelier');
    expect(confirmation.text).toContain('Si ce n’était pas vous, prévenez votre administrateur');
    expect(applied).toHaveLength(1);
  });

  it('used, under concurrency: two consumes at once, one wins', async () => {
    const { code } = await requestAndRead();
    const results = await Promise.allSettled([
      c.mail.tokens.consume({ identifier: 'paul.martin', code }, 'premier mot de passe'),
      c.mail.tokens.consume({ identifier: 'paul.martin', code }, 'second mot de passe'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(applied).toHaveLength(1);
  });

  it('expired: after the configured validity (1 h by default)', async () => {
    const { code, token } = await requestAndRead();
    c.clock.advance(59 * 60_000);
    expect(rejection(await c.mail.tokens.verify({ token }))).toBe('ok');
    c.clock.advance(60_000);
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code }))).toBe('CODE_EXPIRED/expired');
    expect(rejection(await c.mail.tokens.verify({ token }))).toBe('CODE_EXPIRED/expired');
  });

  it('invalid and too short: wrong code, unknown name, malformed token, a code of 9 characters', async () => {
    const { code } = await requestAndRead();
    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code: wrong }))).toBe('CODE_INVALID/invalid');
    expect(rejection(await c.mail.tokens.verify({ identifier: 'personne', code }))).toBe('CODE_INVALID/invalid');
    expect(rejection(await c.mail.tokens.verify({ token: 'x'.repeat(43) }))).toBe('CODE_INVALID/invalid');
    expect(rejection(await c.mail.tokens.verify({ token: 'court' }))).toBe('CODE_INVALID/invalid');
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code: code.slice(0, 9) }))).toBe('CODE_INVALID/too_short');
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code: 'UUUUU-UUUUU' }))).toBe('CODE_INVALID/invalid');
    // A too-short new password is refused by the policy and the code stays usable.
    await expect(c.mail.tokens.consume({ identifier: 'paul.martin', code }, 'court')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code }))).toBe('ok');
    // Nothing of what was typed or sent is in the audit log.
    const audit = await auditText(c);
    expect(audit).not.toContain(code);
    expect(audit).not.toContain(code.replace('-', ''));
    expect(audit).toContain('"reason":"too_short"');
  });

  it('other tokens invalidated: a new request replaces the previous code; a reset kills every other code of the user', async () => {
    const first = await requestAndRead();
    const second = await requestAndRead();
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code: first.code }))).toBe('CODE_EXPIRED/replaced');
    expect(rejection(await c.mail.tokens.verify({ token: first.token }))).toBe('CODE_EXPIRED/replaced');
    const invite = await c.mail.tokens.issue(paul, 'invite', 60, null);
    await c.mail.tokens.consume({ token: second.token }, 'nouveau mot de passe');
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code: invite.code }))).toBe('CODE_USED/used');
  });

  it(`${MAX_CODE_ATTEMPTS} wrong codes kill the code, even if the right one comes next`, async () => {
    const { code } = await requestAndRead();
    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    for (let i = 1; i < MAX_CODE_ATTEMPTS; i++) await c.mail.tokens.verify({ identifier: 'paul.martin', code: wrong });
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code }))).toBe('ok');
    await c.mail.tokens.verify({ identifier: 'paul.martin', code: wrong });
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code }))).toBe('CODE_INVALID/too_many_attempts');
    await expect(c.mail.tokens.consume({ identifier: 'paul.martin', code }, 'nouveau mot de passe')).rejects.toMatchObject({ code: 'CODE_INVALID' });
  });

  it('a token issued before a password change is rejected', async () => {
    const { code } = await requestAndRead();
    c.clock.advance(1000);
    await c.database.kysely.updateTable('users').set({ password_changed_at: c.clock.now() }).where('id', '=', paul).execute();
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code }))).toBe('CODE_EXPIRED/password_changed');
  });

  it('a disabled account cannot use its code', async () => {
    const { token } = await requestAndRead();
    await c.database.kysely.updateTable('users').set({ is_active: 0 }).where('id', '=', paul).execute();
    expect(rejection(await c.mail.tokens.verify({ token }))).toBe('CODE_INVALID/account_disabled');
  });

  it('stores only hashes, seals the queued code, and drops it once sent (the secrets column is NULL)', async () => {
    const { code, token, sealed } = await requestSealedAndSend();
    expect((await c.mail.outbox.view()).items[0]).toMatchObject({ kind: 'reset_code', status: 'sent', secretRedacted: true, canResend: false });
    expect(await outboxSecrets()).toBeNull();
    // Only hashes in reset_tokens: neither the code nor the link token nor the sealed text is in any of its rows.
    const tokens = JSON.stringify(await c.database.kysely.selectFrom('reset_tokens').selectAll().execute());
    for (const secret of [code, code.replace('-', ''), token, sealed.slice(4, 60)]) expect(tokens).not.toContain(secret);
    // Still a working code: only hashes were needed.
    expect(rejection(await c.mail.tokens.verify({ identifier: 'paul.martin', code }))).toBe('ok');
  });

  it('never sends a code that expired while the server was unreachable', async () => {
    await configureSmtp(c, { port: 1, username: smtp.username, password: smtp.password });
    await c.mail.tokens.requestReset('paul.martin');
    await c.mail.flush();
    c.clock.advance(61 * 60_000);
    await c.mail.flush();
    expect((await c.mail.outbox.view()).items[0]).toMatchObject({ status: 'failed', lastError: { code: 'MESSAGE_EXPIRED' }, secretRedacted: true, canResend: false });
  });
});

describe.runIf(TEST_ENGINE === 'sqlite')('the SQLite file', () => {
  it('leaves no trace of the code, the token or the sealed text in the database file once sent', async () => {
    const { code, token, sealed } = await requestSealedAndSend();
    const bytes = ['', '-wal']
      .map((suffix) => c.databaseFile + suffix)
      .filter((file) => fs.existsSync(file))
      .map((file) => fs.readFileSync(file).toString('latin1'))
      .join('');
    for (const secret of [code, code.replace('-', ''), token, sealed.slice(4, 60)]) expect(bytes).not.toContain(secret);
    expect(await outboxSecrets()).toBeNull();
  });
});

describe('requestReset', () => {
  it('answers the same for every name and issues a code only for an active account with an address', async () => {
    await addUser(c, { username: 'sans.email', email: null });
    await addUser(c, { username: 'parti', email: 'parti@usine.example', isActive: false });
    const answers: unknown[] = [];
    for (const name of ['inconnu', 'sans.email', 'parti', 'paul.martin']) answers.push(await c.mail.tokens.requestReset(name));
    expect(new Set(answers.map((a) => JSON.stringify(a ?? null))).size).toBe(1);
    // Nothing depends on the account before processing: one request row each, nothing else.
    expect(await countRows(c, 'email_reset_requests', 'processed_at IS NULL')).toBe(4);
    expect(await countRows(c, 'reset_tokens')).toBe(0);
    await c.mail.flush();
    expect(await countRows(c, 'reset_tokens')).toBe(1);
    expect((await smtp.waitForMessages(1)).map((m) => m.to[0])).toEqual(['paul@usine.example']);
    const outcomes = (await auditEntries(c, 'reset.requested')).map((entry) => entry.details?.outcome);
    expect(outcomes).toEqual(['unknown', 'no_email', 'inactive', 'issued']);
    // The typed names don't stay in the request log once processed.
    expect(await countRows(c, 'email_reset_requests', 'identifier IS NOT NULL')).toBe(0);
  });

  it('issues no code while email is off, and at most a few an hour per account', async () => {
    await configureSmtp(c, smtp, { host: '', senderAddress: '' });
    await c.mail.tokens.requestReset('paul.martin');
    await c.mail.flush();
    expect(await countRows(c, 'reset_tokens')).toBe(0);
    await configureSmtp(c, smtp);
    for (let i = 0; i < RESET_CODES_PER_HOUR + 2; i++) await c.mail.tokens.requestReset('paul.martin');
    await c.mail.flush();
    expect(await countRows(c, 'reset_tokens')).toBe(RESET_CODES_PER_HOUR);
  });

  it('is not slowed by a stalled SMTP server', async () => {
    const stalled = await startStalledServer();
    const live = await createTestCore({ mailTransport: await testTransportFactory({ greetingTimeoutMs: 20_000, connectionTimeoutMs: 20_000 }), mailAutoRun: true });
    try {
      await signInAdmin(live);
      await addUser(live, { username: 'paul.martin', email: 'paul@usine.example' });
      await configureSmtp(live, { port: stalled.port, username: smtp.username, password: smtp.password });
      // requestReset resolves while the worker waits up to 20 s for a greeting that never comes (longer than this
      // test may run): it cannot be waiting for the SMTP server. How long it takes is measured by `npm run bench`
      // (stalled vs responsive server, as a ratio).
      for (let i = 0; i < 4; i++) {
        expect(await live.mail.tokens.requestReset(i % 2 ? 'paul.martin' : 'inconnu')).toBeUndefined();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // The worker is stuck waiting for a greeting meanwhile…
      await expect.poll(() => stalled.connections).toBeGreaterThan(0);
      expect((await live.mail.outbox.view()).counts.sending).toBeGreaterThan(0);
      // …and a request made now is still answered and its code issued, queued behind the stuck message.
      const before = await countRows(live, 'reset_tokens');
      expect(await live.mail.tokens.requestReset('paul.martin')).toBeUndefined();
      await expect.poll(() => countRows(live, 'reset_tokens')).toBe(before + 1);
      expect((await live.mail.outbox.view()).counts.sending).toBeGreaterThan(0);
    } finally {
      await live.dispose();
      await stalled.close();
    }
  });
});

describe('invitations, statistics, purge', () => {
  it('an invitation carries a 72 h set-password code; using it sends no "password changed" notice', async () => {
    const nina = await addUser(c, { username: 'nina', email: 'nina@usine.example', locale: 'en', displayName: 'Nina' });
    const adminId = await userIdOf(c, 'admin.chef');
    const { expiresAt } = await c.mail.tokens.sendInvitation(nina, adminId);
    expect(expiresAt - c.clock.now()).toBe(72 * 3_600_000);
    expect(await c.mail.tokens.hasPendingInvite(nina)).toBe(true);
    await c.mail.flush();
    const [mail] = await smtp.waitForMessages(1);
    expect(mail.subject).toBe('Your account on GMAO Atelier');
    expect(mail.text).toContain('Chef Atelier created the account “nina” for you');
    const code = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec(mail.text)?.[1] as string;
    c.clock.advance(71 * 3_600_000);
    await expect(c.mail.tokens.consume({ identifier: 'nina', code }, 'my first password')).resolves.toEqual({ userId: nina, purpose: 'invite' });
    expect(await c.mail.tokens.hasPendingInvite(nina)).toBe(false);
    await c.mail.flush();
    expect(smtp.messages).toHaveLength(1);
    // No address, or email off: a clear refusal.
    const noMail = await addUser(c, { username: 'sans.email', email: null });
    await expect(c.mail.tokens.sendInvitation(noMail, adminId)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('counts active, used, expired, replaced codes and the requests of the last 30 days; purges hashes after a day, rows after 30', async () => {
    await addUser(c, { username: 'autre', email: 'autre@usine.example' });
    await c.mail.tokens.requestReset('inconnu');
    const used = await requestAndRead();
    await c.mail.tokens.consume({ token: used.token }, 'nouveau mot de passe');
    await c.mail.flush();
    await smtp.waitForMessages(2);
    await requestAndRead('autre');
    await requestAndRead('autre');
    expect(await c.mail.tokens.stats()).toEqual({ active: 1, used: 1, expired: 0, invalidated: 1, requestsLast30Days: 4 });
    const stats = await c.call(ADMIN_WINDOW, 'email:tokenStats');
    expect(stats).toMatchObject({ ok: true, data: { active: 1, requestsLast30Days: 4 } });

    c.clock.advance(2 * 3_600_000);
    expect(await c.mail.tokens.stats()).toMatchObject({ active: 0, expired: 1 });
    c.clock.advance(23 * 3_600_000);
    await c.mail.tokens.purge();
    expect(await countRows(c, 'reset_tokens', 'code_hash IS NOT NULL OR token_hash IS NOT NULL')).toBe(0);
    expect(rejection(await c.mail.tokens.verify({ token: used.token }))).toBe('CODE_INVALID/invalid');
    c.clock.advance(30 * 86_400_000);
    await c.mail.tokens.purge();
    expect(await countRows(c, 'reset_tokens')).toBe(0);
    expect(await c.mail.tokens.stats()).toEqual({ active: 0, used: 0, expired: 0, invalidated: 0, requestsLast30Days: 0 });
  });
});

describe('lockout notice', () => {
  it('a known account with an address hears once per wait that its sign-ins are suspended; unknown names trigger nothing', async () => {
    for (let i = 0; i < 5; i++) await c.call('kiosk', 'auth:login', { identifier: 'paul.martin', password: `faux ${i}` });
    for (let i = 0; i < 5; i++) await c.call('kiosk', 'auth:login', { identifier: 'paul@usine.example', password: `faux ${i}` });
    for (let i = 0; i < 5; i++) await c.call('kiosk', 'auth:login', { identifier: 'personne', password: `faux ${i}` });
    await c.mail.flush();
    const [mail] = await smtp.waitForMessages(1);
    expect(mail.to).toEqual(['paul@usine.example']);
    expect(mail.subject).toBe('Trop d’essais de connexion sur votre compte – GMAO Atelier');
    expect(mail.text).toContain('5 mots de passe erronés de suite ont été saisis pour « paul.martin »');
    expect(smtp.messages).toHaveLength(1);
    // Hammering on: the next, longer wait sends nothing new within the longest wait (15 min by default)…
    c.clock.advance(61_000);
    await c.call('kiosk', 'auth:login', { identifier: 'paul.martin', password: 'faux encore' });
    await c.mail.flush();
    expect(smtp.messages).toHaveLength(1);
    // Waits: the account's (its email's tries fell within it), the unknown name's, the account's next one.
    expect(await countRows(c, 'audit_log', "event_type = 'login.throttled'")).toBe(3);
    // …and a wait after that quiet period is told again.
    c.clock.advance(15 * 60_000);
    await c.call('kiosk', 'auth:login', { identifier: 'paul.martin', password: 'faux toujours' });
    await c.mail.flush();
    await smtp.waitForMessages(2);
  });
});
