// Node (tests). The saved SMTP password is bound to the server, port, security mode and account it was typed for,
// and is never sent over a clear connection unless that was confirmed: against real loopback SMTP servers, one of
// which is the attacker's (no TLS at all, takes any AUTH in clear and records it).
import { afterEach, describe, expect, it } from 'vitest';
import { addUser, ADMIN_WINDOW, configureSmtp, mailSettingsFor, signInAdmin } from '../../../tests/support/mail-fixtures';
import { startSmtpTestServer, testTransportFactory, type SmtpTestServer } from '../../../tests/support/smtp-test-server';
import { createTestCore, type TestCore } from '../../../tests/support/test-core';
import type { SmtpSecurity } from '../../../shared/email/mail-settings';
import { SettingsRepository } from '../kernel/settings/settings-repository';
import { PLAINTEXT_AUTH_REFUSED } from './nodemailer-transport';
import { mapSmtpError } from './smtp-errors';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(options: Parameters<typeof startSmtpTestServer>[0] = {}): Promise<SmtpTestServer> {
  const smtp = await startSmtpTestServer(options);
  cleanup.push(() => smtp.close());
  return smtp;
}

async function core(): Promise<TestCore> {
  const c = await createTestCore({ mailTransport: await testTransportFactory() });
  cleanup.push(() => c.dispose());
  await signInAdmin(c);
  return c;
}

/** Everything the trap received that would carry the password: AUTH payloads and whole messages. */
function leaked(trap: SmtpTestServer, password: string): boolean {
  return trap.authAttempts.some((a) => a.password === password) || trap.messages.some((m) => m.raw.includes(password));
}

/** The administrator saved H (127.0.0.1), an implicit-TLS port, user U and the password: the starting point. */
async function savedOnTls(c: TestCore) {
  const good = await server({ implicitTls: true });
  await configureSmtp(c, good, { security: 'tls' });
  return good;
}

function testInput(fields: { port: number; security: SmtpSecurity; username: string; password?: string; host?: string; plaintextAuthConfirmed?: boolean }) {
  return {
    smtp: { host: '127.0.0.1', senderName: '', senderAddress: 'a@usine.example', password: '', plaintextAuthConfirmed: false, ...fields },
    to: 'x@usine.example',
  };
}

describe('the saved SMTP password is bound to host, port, security and account', () => {
  it('test email: same host and user, another port, security "none", empty password: refused, the trap gets nothing', async () => {
    const c = await core();
    const good = await savedOnTls(c);
    const trap = await server({ noTls: true });

    // Even with the clear-text confirmation ticked, the saved password does not follow host and user to another port.
    const attack = await c.call(ADMIN_WINDOW, 'email:sendTest', testInput({ port: trap.port, security: 'none', username: good.username, plaintextAuthConfirmed: true }));
    expect(attack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'smtp.password', code: 'validation.smtpPasswordRebind' }] } });
    // Without the confirmation the schema stops it first, on the confirmation box.
    const unconfirmed = await c.call(ADMIN_WINDOW, 'email:sendTest', testInput({ port: trap.port, security: 'none', username: good.username }));
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'smtp.plaintextAuthConfirmed', code: 'validation.smtpPlaintextAuthRequired' }] } });
    // Each of the four, moved alone, needs the password again.
    for (const moved of [
      { port: trap.port, security: 'tls' as const, username: good.username },
      { port: good.port, security: 'starttls' as const, username: good.username },
      { port: good.port, security: 'tls' as const, username: 'autre@usine.example' },
      { port: good.port, security: 'tls' as const, username: good.username, host: 'localhost' },
    ]) {
      const result = await c.call(ADMIN_WINDOW, 'email:sendTest', testInput(moved));
      expect(result, JSON.stringify(moved)).toMatchObject({ ok: false, error: { fields: [{ path: 'smtp.password', code: 'validation.smtpPasswordRebind' }] } });
    }
    expect(trap.authAttempts).toEqual([]);
    expect(leaked(trap, good.password)).toBe(false);

    // The saved place itself still works with the field left empty, over TLS.
    const same = await c.call(ADMIN_WINDOW, 'email:sendTest', testInput({ port: good.port, security: 'tls', username: good.username }));
    expect(same).toMatchObject({ ok: true });
    expect(good.authAttempts).toEqual([{ method: 'PLAIN', username: good.username, password: good.password, secure: true }]);
  });

  it('saved settings: moving port or security (to "none", confirmed or not) without retyping is refused, nothing typed is lost, the worker keeps the old place', async () => {
    const c = await core();
    const good = await savedOnTls(c);
    const trap = await server({ noTls: true });
    const userId = await addUser(c, { username: 'paul', email: 'paul@usine.example' });

    for (const moved of [
      { port: trap.port, security: 'none' as const, plaintextAuthConfirmed: true },
      { port: trap.port, security: 'tls' as const },
      { port: good.port, security: 'starttls' as const },
      { username: 'autre@usine.example' },
    ]) {
      const result = await c.call(ADMIN_WINDOW, 'email:updateSettings', mailSettingsFor(good, { security: 'tls', password: '', siteName: 'Usine de Vienne', ...moved }));
      expect(result, JSON.stringify(moved)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'password', code: 'validation.smtpPasswordRebind' }] } });
    }
    // Nothing was saved: not the port, not the other fields of the same form.
    expect(await c.mail.settings.stored()).toMatchObject({ port: good.port, security: 'tls', siteName: 'Usine de Lyon', plaintextAuthConfirmed: false });

    await c.mail.notifier.passwordChanged(userId);
    await c.mail.flush();
    await good.waitForMessages(1);
    expect((await c.mail.outbox.view()).items[0]).toMatchObject({ status: 'sent' });
    expect(trap.authAttempts).toEqual([]);
    expect(trap.messages).toEqual([]);

    // Typing it again is the way to move: bound to the new place from then on.
    const other = await server({ implicitTls: true, password: 'autre-mot-de-passe-77' });
    await configureSmtp(c, other, { security: 'tls', password: other.password });
    expect(await c.mail.settings.passwordStateFor({ host: '127.0.0.1', port: other.port, security: 'tls', username: other.username })).toBe('bound');
    expect(await c.mail.settings.passwordStateFor({ host: '127.0.0.1', port: good.port, security: 'tls', username: good.username })).toBe('elsewhere');
  });
});

describe('the password never crosses a clear connection unless confirmed', () => {
  it('"none" with an account asks for the confirmation; a database saved without it makes the worker wait, not leak', async () => {
    const c = await core();
    const trap = await server({ noTls: true });
    const userId = await addUser(c, { username: 'paul', email: 'paul@usine.example' });
    const clear = { security: 'none' as const, password: 'mot-de-passe-relais-5', username: 'relais@usine.example' };

    const refused = await c.call(ADMIN_WINDOW, 'email:updateSettings', mailSettingsFor(trap, clear));
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'plaintextAuthConfirmed', code: 'validation.smtpPlaintextAuthRequired' }] } });
    const saved = await configureSmtp(c, trap, { ...clear, plaintextAuthConfirmed: true });
    expect(saved).toMatchObject({ security: 'none', plaintextAuthConfirmed: true, passwordSet: true });

    // A database from before the confirmation existed (or edited by hand): "none", an account, no confirmation.
    const settings = new SettingsRepository(c.database.kysely);
    const { plaintextAuthConfirmed: _dropped, ...legacy } = await c.mail.settings.stored();
    await settings.set('mail', legacy, c.clock.now());
    expect((await c.mail.settings.stored()).plaintextAuthConfirmed).toBe(false);
    const id = await c.mail.notifier.passwordChanged(userId);
    await c.mail.flush();
    expect((await c.mail.outbox.view()).items[0]).toMatchObject({ id, status: 'queued', attempts: 0, lastError: { code: 'SMTP_PLAINTEXT_AUTH_REFUSED' } });
    expect(trap.authAttempts).toEqual([]);
    expect(trap.messages).toEqual([]);

    // Confirming (same place, no need to retype) releases it: the trap records it, which is what it is there for.
    await configureSmtp(c, trap, { ...clear, password: '', plaintextAuthConfirmed: true });
    await c.mail.flush();
    await trap.waitForMessages(1);
    expect(trap.authAttempts).toEqual([{ method: 'PLAIN', username: clear.username, password: clear.password, secure: false }]);
    expect((await c.mail.outbox.view()).items[0]).toMatchObject({ id, status: 'sent' });

    // Moving away from "none" forgets the confirmation: coming back asks again.
    const tls = await server({ implicitTls: true });
    await configureSmtp(c, tls, { security: 'tls' });
    expect((await c.mail.settings.stored()).plaintextAuthConfirmed).toBe(false);
  });

  it('the transport itself refuses to authenticate in clear without the confirmation, before connecting', async () => {
    const trap = await server({ noTls: true });
    const transports = await testTransportFactory();
    const connection = { host: '127.0.0.1', port: trap.port, security: 'none' as const, username: 'u@usine.example', password: 'jamais-en-clair-1' };
    const mail = { from: { name: 'A', address: 'a@usine.example' }, to: 'x@usine.example', subject: 's', html: '<p>x</p>', text: 'x' };
    const error = await transports.create({ ...connection, plaintextAuthConfirmed: false }, { pooled: false }).send(mail).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: PLAINTEXT_AUTH_REFUSED });
    expect(mapSmtpError(error).code).toBe('SMTP_PLAINTEXT_AUTH_REFUSED');
    expect(trap.authAttempts).toEqual([]);
    // Confirmed: it goes (and the trap shows what "in clear" means).
    await transports.create({ ...connection, plaintextAuthConfirmed: true }, { pooled: false }).send(mail);
    expect(trap.authAttempts).toMatchObject([{ password: connection.password, secure: false }]);
  });

  it('STARTTLS is required: a server that does not offer it gets neither the password nor the email (test and worker)', async () => {
    const c = await core();
    const trap = await server({ noTls: true });
    const userId = await addUser(c, { username: 'paul', email: 'paul@usine.example' });
    const password = 'starttls-obligatoire-3';
    const test = await c.call(ADMIN_WINDOW, 'email:sendTest', testInput({ port: trap.port, security: 'starttls', username: 'u@usine.example', password }));
    expect(test).toMatchObject({ ok: false, error: { code: 'SMTP_TLS_FAILED' } });

    await configureSmtp(c, { port: trap.port, username: 'u@usine.example', password }, { security: 'starttls' });
    await c.mail.notifier.passwordChanged(userId);
    await c.mail.flush();
    expect((await c.mail.outbox.view()).items[0]).toMatchObject({ status: 'queued', lastError: { code: 'SMTP_TLS_FAILED' } });
    expect(trap.authAttempts).toEqual([]);
    expect(trap.messages).toEqual([]);
  });
});
