// The non-Electron fallback secret store: real files, real AES-256-GCM.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/support/test-core';
import { createFileKeySecretStore, SECRET_KEY_FILE_NAME } from './file-key-secret-store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = makeTempDir('gmao-secret-');
  dirs.push(dir);
  return dir;
};

describe('file-key secret store (non-Electron fallback)', () => {
  it('seals and opens, never in clear, with a fresh IV each time, under a 0600 key file', () => {
    const dir = tempDir();
    const store = createFileKeySecretStore(dir);
    const a = store.seal('mot de passe SMTP é');
    const b = store.seal('mot de passe SMTP é');
    expect(a).not.toBe(b);
    expect(a).not.toContain('mot de passe');
    expect(store.open(a)).toBe('mot de passe SMTP é');
    // A second instance (a restart) reads the same key.
    expect(createFileKeySecretStore(dir).open(b)).toBe('mot de passe SMTP é');
    const stat = fs.statSync(path.join(dir, SECRET_KEY_FILE_NAME));
    if (process.platform !== 'win32') expect(stat.mode & 0o777).toBe(0o600);
    expect(stat.size).toBe(32);
  });

  it('answers SECRET_UNAVAILABLE (never a crash) for another key, a missing key, a tampered value or another store', () => {
    const sealed = createFileKeySecretStore(tempDir()).seal('secret');
    const elsewhere = tempDir();
    const otherPc = createFileKeySecretStore(elsewhere);
    expect(() => otherPc.open(sealed)).toThrow(expect.objectContaining({ code: 'SECRET_UNAVAILABLE' }));
    otherPc.seal('creates the key');
    expect(() => otherPc.open(sealed)).toThrow(expect.objectContaining({ code: 'SECRET_UNAVAILABLE' }));
    const own = otherPc.seal('x');
    const tampered = own.slice(0, -4) + (own.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => otherPc.open(tampered)).toThrow(expect.objectContaining({ code: 'SECRET_UNAVAILABLE' }));
    expect(() => otherPc.open('ss1:QUJD')).toThrow(expect.objectContaining({ code: 'SECRET_UNAVAILABLE' }));
  });
});
