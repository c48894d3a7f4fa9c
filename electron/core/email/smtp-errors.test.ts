// The error mapping on the shapes nodemailer and Node's sockets produce (the real-server cases are in
// outbox.test.ts): one code per kind of trouble, a short technical line, never a secret.
import { describe, expect, it } from 'vitest';
import { isConnectionLevel, mapSmtpError, redact } from './smtp-errors';

const err = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? '')), fields);

describe('mapSmtpError', () => {
  it.each([
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', message: 'Invalid login: 535 5.7.8 Username and Password not accepted' }, 'SMTP_AUTH_FAILED'],
    [{ code: 'EENVELOPE', responseCode: 530, command: 'MAIL FROM', message: '530 5.7.0 Authentication Required' }, 'SMTP_AUTH_FAILED'],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:2525' }, 'SMTP_CONNECTION_FAILED'],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'SMTP_CONNECTION_FAILED'],
    [{ code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.exemple.invalid' }, 'SMTP_CONNECTION_FAILED'],
    [{ code: 'ESOCKET', message: 'read ECONNRESET' }, 'SMTP_CONNECTION_FAILED'],
    [{ code: 'ESOCKET', message: 'self-signed certificate' }, 'SMTP_TLS_FAILED'],
    [{ code: 'ESOCKET', message: 'C0B7:error:0A00010B:SSL routines:ssl3_get_record:wrong version number' }, 'SMTP_TLS_FAILED'],
    [{ code: 'ETLS', message: 'Error initiating TLS' }, 'SMTP_TLS_FAILED'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'x' }, 'SMTP_TLS_FAILED'],
    [{ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM', message: 'Sender address rejected' }, 'SMTP_SENDER_REJECTED'],
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', message: "Can't send mail - all recipients were rejected" }, 'SMTP_RECIPIENT_REJECTED'],
    [{ code: 'EMESSAGE', responseCode: 552, command: 'DATA', message: 'Message size exceeds limit' }, 'SMTP_FAILED'],
    [{ message: 'something odd' }, 'SMTP_FAILED'],
  ])('%o → %s', (fields, code) => {
    expect(mapSmtpError(err(fields)).code).toBe(code);
  });

  it('says which recipient refusals are permanent (5xx) and which problems are the server’s, not the message’s', () => {
    expect(mapSmtpError(err({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', message: 'no' })).permanent).toBe(true);
    expect(mapSmtpError(err({ code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO', message: 'later' })).permanent).toBe(false);
    expect(isConnectionLevel('SMTP_AUTH_FAILED')).toBe(true);
    expect(isConnectionLevel('SMTP_RECIPIENT_REJECTED')).toBe(false);
  });

  it('keeps a short technical line with every secret cut out, in clear or base64', () => {
    const password = 'p@ss-Wörd-42';
    const auth = Buffer.from(`\0user\0${password}`).toString('base64');
    const mapped = mapSmtpError(err({ code: 'EAUTH', responseCode: 535, message: `Invalid login ${password} ${Buffer.from(password).toString('base64')} ${'x'.repeat(500)}` }), [password]);
    expect(mapped.message).toMatch(/^EAUTH 535: Invalid login \*\*\* \*\*\*/);
    expect(mapped.message.length).toBeLessThanOrEqual(300);
    expect(redact(`AUTH PLAIN ${auth}`, [`\0user\0${password}`])).toBe('AUTH PLAIN ***');
    expect(mapSmtpError('plain string').code).toBe('SMTP_FAILED');
  });
});
