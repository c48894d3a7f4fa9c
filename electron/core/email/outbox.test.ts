// Outbox, settings and test email against a real SMTP server on loopback (STARTTLS + AUTH), never a mock.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addUser, ADMIN_WINDOW, auditEntries, auditText, configureSmtp, mailSettingsFor, signInAdmin, userIdOf } from '../../../tests/support/mail-fixtures';
import { freePort, startSmtpTestServer, startStalledServer, testTransportFactory, type SmtpTestServer } from '../../../tests/support/smtp-test-server';
import { ADMIN_INPUT, createTestCore, FakeClock, makeTempDir, type TestCore } from '../../../tests/support/test-core';
import { TEST_ENGINE } from '../../../tests/support/test-database';
import type { SmtpSecurity } from '../../../shared/email/mail-settings';
import { createNodemailerTransportFactory } from './nodemailer-transport';
import { OUTBOX_LEASE_MS, OUTBOX_MAX_ATTEMPTS, retryDelayMs } from './outbox';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(options: Parameters<typeof startSmtpTestServer>[0] = {}): Promise<SmtpTestServer> {
  const smtp = await startSmtpTestServer(options);
  cleanup.push(() => smtp.close());
  return smtp;
}

async function core(options: Parameters<typeof createTestCore>[0] = {}): Promise<TestCore> {
  const c = await createTestCore({ mailTransport: await testTransportFactory(), ...options });
  cleanup.push(() => c.dispose());
  return c;
}

/**
 * Everything the database holds. SQLite: every byte of the file, its WAL and shared memory (deleted rows and old
 * page images included). PostgreSQL: every row of every table, read through SQL (its files are the server's).
 */
async function databaseContent(c: TestCore): Promise<string> {
  if (TEST_ENGINE === 'sqlite') {
    return ['', '-wal', '-shm']
      .map((suffix) => c.databaseFile + suffix)
      .filter((file) => fs.existsSync(file))
      .map((file) => fs.readFileSync(file).toString('latin1'))
      .join('');
  }
  const tables = ['users', 'settings', 'audit_log', 'login_throttle', 'drafts', 'outbox', 'reset_tokens', 'email_reset_requests', 'reset_requests', 'recovery_codes', 'reset_attempts'] as const;
  const dumps: string[] = [];
  for (const table of tables) dumps.push(JSON.stringify(await c.database.kysely.selectFrom(table).selectAll().execute()));
  return dumps.join('\n');
}

describe('Messagerie settings', () => {
  it('seals the password: the renderer sees passwordSet only, empty keeps it, Effacer removes it, changes are audited without it', async () => {
    const c = await core();
    await signInAdmin(c);
    const smtp = { port: 2525, username: 'compte@usine.example', password: 'Secr3t-SMTP-pass' };
    const saved = await configureSmtp(c, smtp);
    expect(saved).toMatchObject({ host: '127.0.0.1', port: 2525, passwordSet: true, passwordUnreadable: false, configured: true });
    expect(JSON.stringify(saved)).not.toContain(smtp.password);
    expect(await c.mail.settings.storedPassword()).toBe(smtp.password);

    // Empty field on save: the stored password stays.
    await configureSmtp(c, smtp, { password: '', siteName: 'Usine de Vienne' });
    expect(await c.mail.settings.storedPassword()).toBe(smtp.password);
    // …but not for another server or account: it must be typed again.
    const moved = await c.call(ADMIN_WINDOW, 'email:updateSettings', mailSettingsFor(smtp, { password: '', host: 'smtp.ailleurs.example' }));
    expect(moved).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'password', code: 'validation.smtpPasswordRebind' }] } });
    expect((await c.mail.settings.stored()).host).toBe('127.0.0.1');
    // "Effacer".
    const cleared = await configureSmtp(c, smtp, { password: '', clearPassword: true });
    expect(cleared.passwordSet).toBe(false);
    expect(await c.mail.settings.storedPassword()).toBeNull();

    const audit = await auditEntries(c, 'settings.updated');
    expect(audit.map((row) => row.details?.smtpPassword)).toEqual(['changed', undefined, 'cleared']);
    expect(JSON.stringify(audit)).not.toContain(smtp.password);
  });

  it('refuses a sender address that is not one, and non-admins', async () => {
    const c = await core();
    await signInAdmin(c);
    const bad = await c.call(ADMIN_WINDOW, 'email:updateSettings', mailSettingsFor({ port: 25, username: '', password: '' }, { senderAddress: 'pas une adresse' }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'senderAddress', code: 'validation.emailInvalid' }] } });
    // An empty host turns email off and needs no sender.
    const off = await c.call(ADMIN_WINDOW, 'email:updateSettings', mailSettingsFor({ port: 25, username: '', password: '' }, { host: '', senderAddress: '' }));
    expect(off).toMatchObject({ ok: true, data: { configured: false } });
  });

  it('reports SECRET_UNAVAILABLE (re-enter the password) when the database moved to another PC, without crashing', async () => {
    const dataDir = makeTempDir();
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await createTestCore({ dataDir });
    await signInAdmin(first);
    await configureSmtp(first, { port: 2525, username: 'compte@usine.example', password: 'Secr3t-SMTP-pass' });
    await addUser(first, { username: 'paul', email: 'paul@usine.example' });
    await first.dispose();
    // "Another PC": same database, but its own key.
    fs.rmSync(path.join(dataDir, 'secret-store.key'));
    const second = await createTestCore({ dataDir });
    cleanup.push(() => second.dispose());
    await second.call(ADMIN_WINDOW, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    const view = await second.call(ADMIN_WINDOW, 'email:getSettings');
    expect(view).toMatchObject({ ok: true, data: { passwordSet: true, passwordUnreadable: true } });
    const userId = await userIdOf(second, 'paul');
    await second.mail.notifier.passwordChanged(userId);
    await second.mail.flush();
    expect((await second.mail.outbox.view()).items[0]).toMatchObject({ status: 'queued', lastError: { code: 'SECRET_UNAVAILABLE' }, attempts: 0 });
  });
});

describe('the SMTP password never leaks', () => {
  it('is in no output of any email channel, not in the database file in clear, not in the logs or the audit log', async () => {
    const c = await core();
    await signInAdmin(c);
    const smtp = await server();
    const outputs: unknown[] = [];
    const call = async (channel: string, input?: unknown) => {
      const result = await c.call(ADMIN_WINDOW, channel, input);
      outputs.push(result);
      return result;
    };
    const userId = await addUser(c, { username: 'paul', email: 'paul@usine.example' });
    await call('email:updateSettings', mailSettingsFor(smtp));
    await call('email:getSettings');
    const fields = { host: '127.0.0.1', port: smtp.port, security: 'starttls', username: smtp.username, senderName: '', senderAddress: 'a@usine.example' };
    await call('email:sendTest', { smtp: { ...fields, password: '' }, to: 'x@usine.example' });
    await call('email:sendTest', { smtp: { ...fields, password: smtp.password, port: await freePort() }, to: 'x@usine.example' });
    await call('email:sendTest', { smtp: { ...fields, password: `${smtp.password}-faux` }, to: 'x@usine.example' });
    await c.mail.notifier.passwordChanged(userId);
    await c.mail.flush();
    await call('email:listOutbox');
    await call('email:resend', { id: 1 });
    await call('email:tokenStats');
    await call('email:updateSettings', mailSettingsFor(smtp, { password: '', siteName: 'Autre' }));
    expect(outputs).toHaveLength(9);
    expect(outputs.filter((o) => (o as { ok: boolean }).ok)).toHaveLength(6);
    const haystack = [
      JSON.stringify(outputs),
      await databaseContent(c),
      c.logger.lines.join('\n'),
      await auditText(c),
    ].join('\n');
    for (const form of [smtp.password, Buffer.from(smtp.password).toString('base64'), Buffer.from(`\0${smtp.username}\0${smtp.password}`).toString('base64')]) {
      expect(haystack).not.toContain(form);
    }
    await smtp.waitForMessages(2);
  });
});

describe('test email', () => {
  it('sends with the values in the form, not the saved ones, and says who accepted it', async () => {
    const c = await core();
    await signInAdmin(c);
    const smtp = await server();
    // Saved settings point nowhere useful.
    await configureSmtp(c, { port: await freePort(), username: 'ancien@usine.example', password: 'ancien-mot-de-passe' });
    const result = await c.call(ADMIN_WINDOW, 'email:sendTest', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'starttls', username: smtp.username, password: smtp.password, senderName: 'Test Atelier', senderAddress: 'test@usine.example' },
      to: 'Marie.Dupont@usine.example',
    });
    expect(result).toEqual({ ok: true, data: { accepted: ['marie.dupont@usine.example'] } });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail).toMatchObject({ from: 'test@usine.example', to: ['marie.dupont@usine.example'], user: smtp.username, subject: 'E-mail de test – GMAO Atelier' });
    expect(mail.text).toContain(`127.0.0.1:${smtp.port}`);
    expect(mail.parsed.from?.value[0]).toMatchObject({ name: 'Test Atelier', address: 'test@usine.example' });
    // Written to the outbox before the attempt, like every email.
    expect((await c.mail.outbox.view()).items[0]).toMatchObject({ kind: 'test', status: 'sent', attempts: 1 });
  });

  it('uses the stored password when the field is empty, only for the saved server and account', async () => {
    const c = await core();
    await signInAdmin(c);
    const smtp = await server();
    await configureSmtp(c, smtp);
    const fields = { host: '127.0.0.1', port: smtp.port, security: 'starttls' as const, username: smtp.username, password: '', senderName: '', senderAddress: 'a@usine.example' };
    expect(await c.call(ADMIN_WINDOW, 'email:sendTest', { smtp: fields, to: 'x@usine.example' })).toMatchObject({ ok: true });
    // Another host with an empty password: the stored one is not sent there.
    const elsewhere = await c.call(ADMIN_WINDOW, 'email:sendTest', { smtp: { ...fields, host: 'localhost' }, to: 'x@usine.example' });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ path: 'smtp.password' }] } });
  });

  it('maps a refused password to SMTP_AUTH_FAILED, with no secret in the answer, the audit log or the logs', async () => {
    const c = await core();
    await signInAdmin(c);
    const smtp = await server();
    const wrong = 'Mauvais-Passe-4242';
    const result = await c.call(ADMIN_WINDOW, 'email:sendTest', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'starttls', username: smtp.username, password: wrong, senderName: '', senderAddress: 'a@usine.example' },
      to: 'x@usine.example',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'SMTP_AUTH_FAILED' } });
    if (result.ok) return;
    expect(result.error.details?.detail).toMatch(/^EAUTH 535/);
    const everything = [JSON.stringify(result), await auditText(c), c.logger.lines.join('\n'), await databaseContent(c)].join('\n');
    for (const form of [wrong, Buffer.from(wrong).toString('base64'), Buffer.from(`\0${smtp.username}\0${wrong}`).toString('base64')]) {
      expect(everything).not.toContain(form);
    }
    expect((await c.mail.outbox.view()).items[0]).toMatchObject({ kind: 'test', status: 'failed', lastError: { code: 'SMTP_AUTH_FAILED' } });
  });

  it('maps connection refused, an untrusted certificate, plain TLS on a STARTTLS port, a stalled server, a refused sender and recipient', async () => {
    const c = await core();
    await signInAdmin(c);
    const smtp = await server({ rejectSenders: ['interdit@usine.example'], rejectRecipients: ['inconnu@usine.example'] });
    const stalled = await startStalledServer();
    cleanup.push(() => stalled.close());
    const base = { host: '127.0.0.1', port: smtp.port, security: 'starttls' as SmtpSecurity, username: smtp.username, password: smtp.password, senderName: '', senderAddress: 'a@usine.example' };
    const attempt = async (smtpFields: typeof base, to = 'x@usine.example') => {
      const result = await c.call(ADMIN_WINDOW, 'email:sendTest', { smtp: smtpFields, to });
      return result.ok ? 'ok' : result.error.code;
    };
    expect(await attempt({ ...base, port: await freePort() })).toBe('SMTP_CONNECTION_FAILED');
    expect(await attempt({ ...base, security: 'tls' })).toBe('SMTP_TLS_FAILED');
    expect(await attempt(base, 'inconnu@usine.example')).toBe('SMTP_RECIPIENT_REJECTED');
    expect(await attempt({ ...base, senderAddress: 'interdit@usine.example' })).toBe('SMTP_SENDER_REJECTED');
    const started = Date.now();
    expect(await attempt({ ...base, port: stalled.port })).toBe('SMTP_CONNECTION_FAILED');
    expect(Date.now() - started).toBeLessThan(6000);
    // The same server, with a client that trusts only the system's CAs: the self-signed certificate is refused.
    const strict = await core({ mailTransport: createNodemailerTransportFactory({ connectionTimeoutMs: 3000, greetingTimeoutMs: 2000 }) });
    await signInAdmin(strict);
    const refused = await strict.call(ADMIN_WINDOW, 'email:sendTest', { smtp: base, to: 'x@usine.example' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SMTP_TLS_FAILED' } });
  });
});

describe('outbox', () => {
  it('keeps an email while the server is down, and sends it once it is up: nothing lost, even across a restart', async () => {
    const dataDir = makeTempDir();
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const transports = await testTransportFactory();
    const first = await createTestCore({ dataDir, mailTransport: transports });
    await signInAdmin(first);
    const userId = await addUser(first, { username: 'paul', email: 'paul@usine.example' });
    await configureSmtp(first, { port, username: 'atelier@usine.example', password: 'mot-de-passe-smtp-9Xq!' });

    const id = await first.mail.notifier.passwordChanged(userId);
    expect(id).not.toBeNull();
    await first.mail.flush();
    const afterFailure = (await first.mail.outbox.view()).items[0];
    expect(afterFailure).toMatchObject({ status: 'queued', attempts: 1, lastError: { code: 'SMTP_CONNECTION_FAILED' } });
    expect(afterFailure.nextAttemptAt).toBe(first.clock.now() + retryDelayMs(1));
    // Not due yet: nothing is tried.
    await first.mail.flush();
    expect((await first.mail.outbox.view()).items[0].attempts).toBe(1);
    const clockAtStop = first.clock.now();
    await first.dispose();

    // Restart on the same data folder, then the server comes up.
    const smtp = await server({ port });
    const second = await createTestCore({ dataDir, mailTransport: transports, clock: new FakeClock(clockAtStop) });
    cleanup.push(() => second.dispose());
    second.clock.advance(retryDelayMs(1));
    await second.mail.flush();
    const [mail] = await smtp.waitForMessages(1);
    expect(mail.to).toEqual(['paul@usine.example']);
    expect(mail.subject).toBe('Votre mot de passe a été modifié – GMAO Atelier');
    expect((await second.mail.outbox.view()).items[0]).toMatchObject({ id, status: 'sent', attempts: 2, lastError: null });
  });

  it('takes back a message a crashed sender left "sending" once its lease has run out: nothing lost', async () => {
    const dataDir = makeTempDir();
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const stalled = await startStalledServer();
    cleanup.push(() => stalled.close());
    const transports = await testTransportFactory({ greetingTimeoutMs: 30_000, connectionTimeoutMs: 30_000 });
    const first = await createTestCore({ dataDir, mailTransport: transports });
    await signInAdmin(first);
    const userId = await addUser(first, { username: 'paul', email: 'paul@usine.example' });
    await configureSmtp(first, { port: stalled.port, username: 'atelier@usine.example', password: 'mot-de-passe-smtp-9Xq!' });
    await first.mail.notifier.passwordChanged(userId);
    void first.mail.flush();
    await expect.poll(() => stalled.connections).toBeGreaterThan(0);
    expect((await first.mail.outbox.view()).items[0].status).toBe('sending');
    await first.dispose(); // the "crash": the send never finished

    const smtp = await server();
    const second = await core({ dataDir, mailTransport: await testTransportFactory() });
    // Another core may still be sending it (on PostgreSQL several share the queue): while the lease runs, it stays.
    expect((await second.mail.outbox.view()).items[0]).toMatchObject({ status: 'sending', attempts: 1 });
    await second.call(ADMIN_WINDOW, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    await configureSmtp(second, smtp);
    await second.mail.flush();
    expect(smtp.messages).toHaveLength(0);
    // The lease runs out: the message goes back to the queue and is sent.
    second.clock.advance(OUTBOX_LEASE_MS);
    await second.mail.flush();
    await smtp.waitForMessages(1);
    expect((await second.mail.outbox.view()).items[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('backs off exponentially, marks the message failed after the last attempt, and "Renvoyer" sends it', async () => {
    const c = await core();
    await signInAdmin(c);
    const userId = await addUser(c, { username: 'paul', email: 'paul@usine.example' });
    const port = await freePort();
    await configureSmtp(c, { port, username: 'atelier@usine.example', password: 'mot-de-passe-smtp-9Xq!' });
    const id = await c.mail.notifier.passwordChanged(userId) as number;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      await c.mail.flush();
      const item = (await c.mail.outbox.view()).items[0];
      expect(item.attempts).toBe(attempt);
      if (item.nextAttemptAt === null) break;
      delays.push(item.nextAttemptAt - c.clock.now());
      c.clock.advance(item.nextAttemptAt - c.clock.now());
    }
    expect(delays.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(Math.max(...delays)).toBe(30 * 60_000);
    // Hours went by: the administrator's session locked meanwhile.
    await c.call(ADMIN_WINDOW, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
    const failed = await c.call(ADMIN_WINDOW, 'email:listOutbox');
    expect(failed).toMatchObject({ ok: true, data: { counts: { failed: 1 }, items: [{ id, status: 'failed', canResend: true, lastError: { code: 'SMTP_CONNECTION_FAILED' } }] } });
    expect(await auditEntries(c, 'mail.send_failed')).toHaveLength(OUTBOX_MAX_ATTEMPTS - 1);
    expect(await auditEntries(c, 'mail.failed')).toHaveLength(1);

    const smtp = await server({ port });
    const resent = await c.call(ADMIN_WINDOW, 'email:resend', { id });
    expect(resent).toMatchObject({ ok: true, data: { status: 'queued', attempts: 0 } });
    await c.mail.flush();
    await smtp.waitForMessages(1);
    expect((await c.mail.outbox.view()).items[0]).toMatchObject({ status: 'sent' });
    expect(await c.call(ADMIN_WINDOW, 'email:resend', { id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await c.call(ADMIN_WINDOW, 'email:resend', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('queues without waiting: enqueue returns at once while the server stalls', async () => {
    const stalled = await startStalledServer();
    cleanup.push(() => stalled.close());
    const c = await core({ mailTransport: await testTransportFactory({ greetingTimeoutMs: 10_000 }), mailAutoRun: true });
    await signInAdmin(c);
    const userId = await addUser(c, { username: 'paul', email: 'paul@usine.example' });
    await configureSmtp(c, { port: stalled.port, username: 'atelier@usine.example', password: 'mot-de-passe-smtp-9Xq!' });
    expect(await c.mail.notifier.passwordChanged(userId)).toEqual(expect.any(Number));
    await expect.poll(() => stalled.connections).toBeGreaterThan(0);
    // The worker now waits up to 10 s for a greeting that never comes (longer than this test may run): enqueueing
    // still resolves with each new row's id, so it never waits for the server. How long it takes is measured by
    // `npm run bench` (stalled vs responsive server, as a ratio).
    for (let i = 0; i < 4; i++) {
      expect(await c.mail.notifier.passwordChanged(userId)).toEqual(expect.any(Number));
    }
    const { counts } = await c.mail.outbox.view();
    expect(counts.sending).toBeGreaterThan(0);
    expect(counts.queued + counts.sending).toBe(5);
  });

  it('prunes sent messages after the retention period', async () => {
    const c = await core();
    await signInAdmin(c);
    const smtp = await server();
    const userId = await addUser(c, { username: 'paul', email: 'paul@usine.example' });
    await configureSmtp(c, smtp, { sentRetentionDays: 7 });
    await c.mail.notifier.passwordChanged(userId);
    await c.mail.flush();
    expect(await c.mail.outbox.prune(7)).toBe(0);
    c.clock.advance(7 * 86_400_000);
    expect(await c.mail.outbox.prune(7)).toBe(1);
    expect((await c.mail.outbox.view()).items).toEqual([]);
  });
});
