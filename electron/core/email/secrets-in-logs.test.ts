// Node (tests). protectSecret is wired where secrets appear at run time: the SMTP password (saved, unsealed by the
// worker, typed for a test), email reset codes and link tokens, temporary passwords, approval reference codes and
// recovery codes. A log line that happens to contain one (an SMTP error echoing it, a logged object) comes out
// masked in the real rotating log file. The values are chosen so that no shape rule of redact.ts would catch them.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addUser, ADMIN_WINDOW, configureSmtp, signInAdmin } from '../../../tests/support/mail-fixtures';
import { startSmtpTestServer, testTransportFactory } from '../../../tests/support/smtp-test-server';
import { ADMIN_INPUT, createTestCore, makeTempDir } from '../../../tests/support/test-core';
import { issueRecoveryCode } from '../approval/recovery-codes';
import { createFileLogger } from '../kernel/platform/file-logger';
import { forgetSecret, MASK } from '../kernel/platform/redact';
import { AuditRepository } from '../kernel/audit-trail/audit-repository';
import { RecoveryCodesRepository } from '../approval/recovery-codes-repository';
import { UsersRepository } from '../kernel/identity/users-repository';
import { SMTP_PASSWORD_SLOT } from './mail-settings-service';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function logFiles(dir: string): string {
  return fs
    .readdirSync(dir)
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('');
}

/** The real rotating log file, small enough that these lines spread over several files. */
function rotatingLog() {
  const dir = makeTempDir('gmao-log-');
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const logger = createFileLogger({ dir, maxBytes: 1200, maxFiles: 20 });
  /** Writes the value the ways it could slip into a log: echoed by a library's error, inside a logged object, in free text. */
  const echo = (value: string) => {
    logger.error('SMTP send failed', { error: new Error(`535 5.7.8 Authentication rejected for atelier@usine.example (${value})`) });
    logger.warn('Unexpected answer', { detail: { response: [`250 ok ${value}`] } });
    logger.info(`echo ${value} fin`);
  };
  return { dir, echo, text: () => logFiles(dir) };
}

describe('protectSecret is wired for every secret known at run time', () => {
  it('SMTP password: registered when saved, again when the worker unseals it, and a password typed for a test', async () => {
    const smtp = await startSmtpTestServer({ password: 'cheval agrafe 77' });
    cleanup.push(() => smtp.close());
    const c = await createTestCore({ mailTransport: await testTransportFactory() });
    cleanup.push(() => c.dispose());
    await signInAdmin(c);
    const log = rotatingLog();

    await configureSmtp(c, smtp);
    log.echo(smtp.password);
    expect(log.text()).not.toContain(smtp.password);

    // Forgotten (as after an hour unused): a line written now would show it, which proves this test can fail…
    forgetSecret({ slot: SMTP_PASSWORD_SLOT });
    const probe = rotatingLog();
    probe.echo(smtp.password);
    expect(probe.text()).toContain(smtp.password);
    // …and the worker unsealing it to send registers it again.
    const userId = await addUser(c, { username: 'paul', email: 'paul@usine.example' });
    await c.mail.notifier.passwordChanged(userId);
    await c.mail.flush();
    await smtp.waitForMessages(1);
    log.echo(smtp.password);
    log.echo(Buffer.from(smtp.password).toString('base64'));

    const typed = 'pelle rouge 42';
    await c.call(ADMIN_WINDOW, 'email:sendTest', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'starttls', username: smtp.username, password: typed, senderName: '', senderAddress: 'a@usine.example' },
      to: 'x@usine.example',
    });
    log.echo(typed);

    const text = log.text();
    expect(fs.readdirSync(log.dir).length).toBeGreaterThan(1);
    for (const secret of [smtp.password, Buffer.from(smtp.password).toString('base64'), typed]) expect(text, secret).not.toContain(secret);
    expect(text).toContain(MASK);
    expect(text).toContain('atelier@usine.example');
  });

  it('one-time codes: email reset code (both forms) and link token, temporary password, approval reference code, recovery code', async () => {
    const smtp = await startSmtpTestServer();
    cleanup.push(() => smtp.close());
    const c = await createTestCore({ mailTransport: await testTransportFactory() });
    cleanup.push(() => c.dispose());
    await signInAdmin(c);
    const log = rotatingLog();
    const paulId = await addUser(c, { username: 'paul', email: 'paul@usine.example' });

    // Before email is configured, the approval path is open: a reference code for Paul.
    const receipt = await c.approval.request('paul');
    const reference = receipt.referenceCode;

    await configureSmtp(c, smtp);
    expect(await c.call('kiosk', 'email:requestReset', { identifier: 'paul' })).toEqual({ ok: true, data: null });
    await c.mail.flush();
    const [mail] = await smtp.waitForMessages(1);
    const code = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec(mail.text)?.[1] ?? '';
    const token = /gmao-atelier:\/\/reset\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1] ?? '';
    expect(code).not.toBe('');

    const reset = await c.call(ADMIN_WINDOW, 'users:resetPassword', { userId: paulId });
    if (!reset.ok) throw new Error(reset.error.code);
    const temporary = reset.data.value;

    // The approval domain's own code path (its deps follow that domain's conversion to the async data layer).
    const recovery = (await issueRecoveryCode(
      {
        database: c.database,
        users: new UsersRepository(c.database.kysely),
        recoveryCodes: new RecoveryCodesRepository(c.database.kysely),
        audit: new AuditRepository(c.database.kysely, 'POSTE-TEST'),
        clock: c.clock,
      },
      { username: ADMIN_INPUT.username, osUser: 'it' },
    )).code;

    const secrets = [code, code.replace('-', ''), token, temporary, reference, reference.replace(/-/g, ''), recovery, recovery.replace(/-/g, '')];
    for (const secret of secrets) log.echo(secret);
    const text = log.text();
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
    expect(text.match(/echo \[masqué\] fin/g)).toHaveLength(secrets.length);
  });
});
