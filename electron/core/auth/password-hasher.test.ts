import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BCRYPT_COST, PasswordHasher } from './password-hasher';

const key = randomBytes(32);

describe('password hashing', () => {
  it('uses bcrypt at cost 12 by default', async () => {
    const hasher = new PasswordHasher({ cost: DEFAULT_BCRYPT_COST, prehashKey: key });
    const hash = await hasher.hash('maintenance préventive');
    expect(hash).toMatch(/^\$2b\$12\$/);
    expect(await hasher.verify('maintenance préventive', hash)).toBe(true);
    expect(await hasher.verify('maintenance preventive', hash)).toBe(false);
  });

  const hasher = new PasswordHasher({ cost: 4, prehashKey: key });

  it('treats NFKC-equivalent passwords as the same password', async () => {
    const hash = await hasher.hash('ﬁltre à huile ２０');
    expect(await hasher.verify('filtre à huile 20', hash)).toBe(true);
    // Canonically equivalent forms too: é precomposed vs e + combining acute.
    const accent = await hasher.hash('caf\u00e9 noir');
    expect(await hasher.verify('cafe\u0301 noir', accent)).toBe(true);
  });

  it('never truncates at bcrypt’s 72 bytes: a difference after byte 72 still counts', async () => {
    const base = 'é'.repeat(40); // 80 bytes in UTF-8
    expect(Buffer.byteLength(base)).toBeGreaterThan(72);
    const hash = await hasher.hash(`${base}A`);
    expect(await hasher.verify(`${base}A`, hash)).toBe(true);
    expect(await hasher.verify(`${base}B`, hash)).toBe(false);
    expect(await hasher.verify(base, hash)).toBe(false);
  });

  it('depends on the installation key (a leaked hash is useless against another database)', async () => {
    const other = new PasswordHasher({ cost: 4, prehashKey: randomBytes(32) });
    const hash = await hasher.hash('clé de 13');
    expect(await other.verify('clé de 13', hash)).toBe(false);
  });

  it('the decoy check always fails, whatever is typed', async () => {
    expect(await hasher.verifyDecoy('anything')).toBe(false);
    expect(await hasher.verifyDecoy('')).toBe(false);
  });

  it('refuses a short key', () => {
    expect(() => new PasswordHasher({ cost: 4, prehashKey: Buffer.alloc(8) })).toThrow();
  });
});
