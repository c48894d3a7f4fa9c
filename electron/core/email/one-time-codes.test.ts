// The code and token primitives: alphabet, entropy, grouping, Crockford's forgiving decoding, hashing, deep links.
import { describe, expect, it } from 'vitest';
import {
  buildDeepLink,
  CODE_LENGTH,
  CROCKFORD_ALPHABET,
  formatCode,
  generateCode,
  generateLinkToken,
  hashCode,
  normalizeCode,
  parseDeepLink,
  sameHash,
} from './one-time-codes';

describe('one-time codes', () => {
  it('draws 10 Crockford characters (50 bits), every symbol possible, shown as XXXXX-XXXXX', () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(Math.log2(32) * CODE_LENGTH).toBeGreaterThanOrEqual(40);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const code = generateCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      for (const c of code) seen.add(c);
    }
    expect(seen.size).toBe(32);
    expect(formatCode('ABCDE12345')).toBe('ABCDE-12345');
  });

  it('reads what people type: any case, spaces or hyphens, O as 0, I and L as 1; refuses U and other symbols', () => {
    expect(normalizeCode('abcde-12345')).toEqual({ ok: true, code: 'ABCDE12345' });
    expect(normalizeCode(' 0o1il xyz 9 8 ')).toEqual({ ok: true, code: '00111XYZ98' });
    expect(normalizeCode('ABCDE-1234')).toEqual({ ok: false, reason: 'too_short' });
    expect(normalizeCode('')).toEqual({ ok: false, reason: 'too_short' });
    expect(normalizeCode('ABCDE-123456')).toEqual({ ok: false, reason: 'invalid' });
    expect(normalizeCode('ABCDU-12345')).toEqual({ ok: false, reason: 'invalid' });
    expect(normalizeCode('ABCDÉ-12345')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('salts code hashes and compares them in constant time', () => {
    expect(hashCode('salt-a', 'ABCDE12345')).not.toBe(hashCode('salt-b', 'ABCDE12345'));
    expect(hashCode('s', 'ABCDE12345')).toMatch(/^[0-9a-f]{64}$/);
    expect(sameHash(hashCode('s', 'X'), hashCode('s', 'X'))).toBe(true);
    expect(sameHash(hashCode('s', 'X'), hashCode('s', 'Y'))).toBe(false);
    expect(sameHash('', '')).toBe(false);
    expect(sameHash('ab', 'abcd')).toBe(false);
  });

  it('builds and parses gmao-atelier://reset?token=… with a 32-byte token, and nothing else', () => {
    const token = generateLinkToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(parseDeepLink(buildDeepLink(token))).toBe(token);
    expect(parseDeepLink(`gmao-atelier://other?token=${token}`)).toBeNull();
    expect(parseDeepLink(`https://reset?token=${token}`)).toBeNull();
    expect(parseDeepLink('gmao-atelier://reset?token=short')).toBeNull();
    expect(parseDeepLink('not a url')).toBeNull();
  });
});
