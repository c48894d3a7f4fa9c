import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, makeTempDir } from '../../../../tests/support/test-core';
import { createFileLogger, formatLine, logFileNameFor, redactingLogger } from './file-logger';
import { createMemoryLogger } from './logger';
import { isSecretKey, MASK, protectSecret, redactText } from './redact';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = makeTempDir('gmao-log-');
  dirs.push(dir);
  return dir;
}
function allLogText(dir: string): string {
  return fs
    .readdirSync(dir)
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('');
}

describe('file logger', () => {
  it('writes one line per event with time, level and context, and honours the minimum level', () => {
    const dir = path.join(tempDir(), 'logs');
    const clock = new FakeClock(Date.UTC(2026, 0, 15, 8, 0, 0));
    const logger = createFileLogger({ dir, clock, minLevel: 'info' });
    logger.debug('not written');
    logger.info('Démarrage', { version: '1.2.3' });
    logger.error('Échec\nsur deux lignes', { channel: 'app:getState' });
    const lines = fs.readFileSync(logger.file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^2026-01-15T08:00:00\.000Z INFO {2}\[pid \d+\] Démarrage \{"version":"1\.2\.3"\}$/);
    expect(lines[1]).toContain('ERROR');
    expect(lines[1]).toContain('Échec ⏎ sur deux lignes');
    expect(lines[1]).toContain('"channel":"app:getState"');
  });

  it('rotates by size and keeps only the configured number of old files', () => {
    const dir = tempDir();
    const logger = createFileLogger({ dir, maxBytes: 400, maxFiles: 3 });
    for (let i = 0; i < 60; i++) logger.info(`ligne ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    const names = fs.readdirSync(dir).sort();
    expect(names).toEqual(['gmao-atelier.1.log', 'gmao-atelier.2.log', 'gmao-atelier.3.log', 'gmao-atelier.log']);
    for (const name of names) expect(fs.statSync(path.join(dir, name)).size).toBeLessThanOrEqual(400);
    // The newest line is in the current file, the oldest kept ones in .3; the very first are gone.
    expect(fs.readFileSync(path.join(dir, 'gmao-atelier.log'), 'utf8')).toContain('ligne 059');
    expect(allLogText(dir)).not.toContain('ligne 000');
  });

  it('gives each OS account its own file in shared mode, so two instances never rotate the same file', () => {
    expect(logFileNameFor({ shared: false, account: 'marie' })).toBe('gmao-atelier.log');
    expect(logFileNameFor({ shared: true, account: 'marie.dupont' })).toBe('gmao-atelier-marie.dupont.log');
    expect(logFileNameFor({ shared: true, account: 'Hélène Lévêque' })).toBe('gmao-atelier-Helene_Leveque.log');
    expect(logFileNameFor({ shared: true, account: '../..' })).toBe('gmao-atelier.log');
  });

  it('never throws when the folder cannot be written', () => {
    const blocker = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const logger = createFileLogger({ dir: path.join(blocker, 'logs') });
    expect(() => logger.error('still alive')).not.toThrow();
  });
});

describe('secrets never reach the log', () => {
  const smtpPassword = 'Smtp!Secret-2026';
  const temporaryPassword = 'Tmp-Kx7q-93Lm';
  const resetCode = '482913';
  const token = 'q3J8vXk2mP9sLw4tRz7yBn5cHd6fGa1e';
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlLXZhbHVl';
  const bcryptHash = '$2b$12$abcdefghijklmnopqrstuu1234567890ABCDEFGHIJKLMNOPQRSTU';

  it('masks them by field name, by shape and inside error messages, whatever the nesting', () => {
    const dir = tempDir();
    const logger = createFileLogger({ dir, minLevel: 'debug' });
    logger.error('SMTP authentication failed', {
      smtp: { host: 'smtp.usine.example', port: 587, user: 'atelier', pass: smtpPassword },
      smtpPassword,
    });
    logger.info('Mot de passe temporaire créé', { userId: 4, temporaryPassword });
    logger.info(`Mot de passe temporaire : ${temporaryPassword}`);
    logger.warn('Code de réinitialisation envoyé', { resetCode, code: resetCode, email: 'chef@usine.example' });
    logger.warn(`reset code=${resetCode} for chef@usine.example`);
    logger.info('Invitation', { invitationToken: token, url: `https://gmao.local/activer?token=${token}` });
    logger.info(`Authorization: Bearer ${token}`);
    logger.info(`session jwt ${jwt}`);
    logger.error('unexpected', { error: new Error(`connect smtp://atelier:${smtpPassword}@smtp.usine.example failed, token ${token}`) });
    logger.debug('user row', { passwordHash: bcryptHash, row: `hash ${bcryptHash}` });
    logger.info('form', { fields: [{ name: 'password', value: 'ignored' }], password: 'clé à molette 17 mm', passwordConfirmation: 'clé à molette 17 mm' });

    const text = allLogText(dir);
    for (const secret of [smtpPassword, temporaryPassword, resetCode, token, jwt, bcryptHash, 'clé à molette 17 mm']) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text.split('\n').filter(Boolean)).toHaveLength(11);
    // What helps diagnose stays.
    expect(text).toContain('smtp.usine.example');
    expect(text).toContain('"port":587');
    expect(text).toContain('chef@usine.example');
    expect(text).toContain(MASK);
  });

  it('masks a value registered at run time wherever it shows up', () => {
    const dir = tempDir();
    const logger = createFileLogger({ dir });
    const secret = 'cheval batterie agrafe';
    protectSecret(secret);
    logger.error('nodemailer', { response: `535 rejected credentials (${secret})` });
    logger.info(`echo ${secret}`);
    expect(allLogText(dir)).not.toContain(secret);
  });

  it('keeps technical codes that are not secrets', () => {
    expect(isSecretKey('errorCode')).toBe(false);
    expect(isSecretKey('statusCode')).toBe(false);
    expect(isSecretKey('resetCode')).toBe(true);
    expect(isSecretKey('smtp_pass')).toBe(true);
    expect(formatLine(0, 'error', 'x', { error: Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' }) })).toContain('"errorCode":"SQLITE_BUSY"');
    expect(redactText('/home/tech/.config/GMAO Atelier/gmao-atelier.sqlite')).toBe('/home/tech/.config/GMAO Atelier/gmao-atelier.sqlite');
  });

  it('redacts before any other logger too (the core wraps the one it is given)', () => {
    const memory = createMemoryLogger();
    redactingLogger(memory).error(`password=${smtpPassword}`, { token });
    expect(memory.lines.join('\n')).not.toContain(smtpPassword);
    expect(memory.lines.join('\n')).not.toContain(token);
  });
});
