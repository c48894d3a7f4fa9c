// The server-side password policy, against the real bundled list of common passwords.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommonPasswordList, COMMON_PASSWORDS_FILE } from './common-passwords';
import { checkPasswordPolicy, clampMinLength, type PasswordPolicyContext } from './password-policy';

const RESOURCES = resolve(import.meta.dirname, '../../../resources');
const list = new CommonPasswordList(RESOURCES);
const context: PasswordPolicyContext = {
  minLength: 8,
  username: 'jmdupont',
  displayName: 'Jean-Marc Dupont',
  isCommon: (candidate) => list.has(candidate),
};
const check = (password: string, overrides: Partial<PasswordPolicyContext> = {}) => checkPasswordPolicy(password, { ...context, ...overrides });

const GOOD = 'pompe hydraulique 42';

describe('the bundled list of common passwords', () => {
  it('holds at least 10,000 entries, French ones included', () => {
    expect(list.size).toBeGreaterThanOrEqual(10_000);
    for (const french of ['motdepasse', 'azerty', 'azertyuiop', 'soleil', 'doudou', 'marseille', 'jetaime', 'chouchou', 'bonjour', 'bienvenue', 'nathalie', 'janvier']) {
      expect(list.has(french), french).toBe(true);
    }
    expect(list.has('password')).toBe(true);
    expect(list.has('123456')).toBe(true);
  });

  it('is stored NFKC + lower-cased, deduplicated and sorted, after its header', () => {
    const lines = readFileSync(join(RESOURCES, COMMON_PASSWORDS_FILE), 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(lines.every((line) => line === line.normalize('NFKC').toLowerCase())).toBe(true);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.every((line, i) => i === 0 || lines[i - 1] < line)).toBe(true);
    // French words are listed with and without their accents.
    expect(list.has('fevrier')).toBe(true);
    expect(list.has('février')).toBe(true);
  });

  it('fails loudly rather than accepting everything when the file is missing', () => {
    expect(() => new CommonPasswordList(join(RESOURCES, 'missing')).has('azerty')).toThrow();
  });
});

describe('checkPasswordPolicy', () => {
  it('accepts a good passphrase', () => {
    expect(check(GOOD)).toEqual([]);
    expect(check('Le chat de Jean dort sous la presse', { displayName: 'Paul Martin' })).toEqual([]);
  });

  it('refuses a password that is too short, counting code points after NFKC', () => {
    expect(check('pompe42')).toEqual(['tooShort']);
    expect(check('')).toEqual(['tooShort']);
    // Eight "é" typed as "e" + combining accent: 16 UTF-16 units, 8 characters after NFKC.
    expect(check('e\u0301'.repeat(7))).toEqual(['tooShort']);
    expect(check('e\u0301'.repeat(8))).toEqual([]);
  });

  it('accepts 64 characters and more, ASCII or multibyte (far past bcrypt\'s 72 bytes)', () => {
    expect(check('x7-'.repeat(21) + 'q')).toEqual([]);
    const accents = 'é'.repeat(64);
    expect(Buffer.byteLength(accents, 'utf8')).toBe(128);
    expect(check(accents)).toEqual([]);
    expect(check('ü'.repeat(256))).toEqual([]);
  });

  it('refuses more than 256 characters', () => {
    expect(check('ü'.repeat(257))).toEqual(['tooLong']);
    expect(check('a'.repeat(100_000))).toEqual(['tooLong']);
  });

  it('refuses common passwords, whatever their case', () => {
    expect(check('motdepasse')).toEqual(['common']);
    expect(check('AZERTYUIOP')).toEqual(['common']);
    expect(check('Marseille')).toEqual(['common']);
    expect(check('password')).toEqual(['common']);
  });

  it('refuses a common stem behind trailing digits or punctuation, only from 4 characters on', () => {
    expect(check('soleil2024!')).toEqual(['common']);
    expect(check('Doudou 1985 !!')).toEqual(['common']);
    expect(check('nathalie...')).toEqual(['common']);
    // Leading decorations are not stripped; a stem under 4 characters is not looked up.
    expect(list.has('ab')).toBe(false);
    expect(check('ab*71!@93')).toEqual([]);
    expect(check('2024soleil')).toEqual([]);
  });

  it('refuses a common password typed without or with accents', () => {
    expect(check('Février2024')).toEqual(['common']);
    expect(check('fevrier2024')).toEqual(['common']);
    expect(check('mötdepasse')).toEqual(['common']);
  });

  it('compares after NFKC: ligatures and full-width characters are their plain forms', () => {
    // "ﬁ" (U+FB01) is "fi"; full-width digits are ASCII digits.
    expect(check('\uFB01refighter')).toEqual(check('firefighter'));
    expect(check('\uFB01refighter')).toEqual(['common']);
    expect(check('soleil２０２４')).toEqual(['common']);
    expect(check('ＡＺＥＲＴＹＵＩＯＰ')).toEqual(['common']);
    // Length: "ﬁ" counts 2 after NFKC, so "ﬁ" + 6 letters is 8 long.
    expect(check('\uFB01' + 'qxzvkw')).toEqual([]);
  });

  it('refuses a password containing the username, from 3 characters on', () => {
    expect(check('pompe jmdupont 42', { displayName: 'Paul Martin' })).toEqual(['containsUsername']);
    expect(check('pompe JMDUPONT 42', { displayName: 'Paul Martin' })).toEqual(['containsUsername']);
    // "jmdupont" also holds "dupont", a part of the default display name.
    expect(check('pompe jmdupont 42')).toEqual(['containsUsername', 'containsDisplayName']);
    expect(check('pompe lea hydraulique', { username: 'lea' })).toEqual(['containsUsername']);
    expect(check('pompe hydraulique jo', { username: 'jo' })).toEqual([]);
    expect(check(GOOD, { username: null })).toEqual([]);
  });

  it('refuses a password containing the display name or a part of it, ignoring accents', () => {
    expect(check('pompe jean-marc dupont')).toEqual(['containsDisplayName']);
    expect(check('pompe hydraulique marc')).toEqual(['containsDisplayName']);
    expect(check('DUPONT pompe 42')).toEqual(['containsDisplayName']);
    expect(check('pompe andre 42', { displayName: 'André Lefèvre' })).toEqual(['containsDisplayName']);
    expect(check('pompe lefevre 42', { displayName: 'André Lefèvre' })).toEqual(['containsDisplayName']);
    expect(check('pompe Léa 42 bis', { displayName: 'Léa' })).toEqual(['containsDisplayName']);
    expect(check('pompe oneill 42', { displayName: "Seán O'Neill" })).toEqual(['containsDisplayName']);
    // Parts shorter than 4 do not count on their own, the whole name (3 or more) does.
    expect(check('pompe li 42 wu', { displayName: 'Li Wu' })).toEqual([]);
    expect(check('pompe liwu 42', { displayName: 'Li Wu' })).toEqual(['containsDisplayName']);
    expect(check(GOOD, { displayName: null })).toEqual([]);
  });

  it('gives every reason at once, in a stable order', () => {
    expect(check('Dupont', { username: 'dupont', displayName: 'Marie Dupont' })).toEqual([
      'tooShort',
      'common',
      'containsUsername',
      'containsDisplayName',
    ]);
    expect(check('jmdupont'.repeat(40))).toEqual(['tooLong', 'containsUsername', 'containsDisplayName']);
  });

  it('honours the minimum length setting, clamped to 8–64', () => {
    expect(check('pompe hydro', { minLength: 12 })).toEqual(['tooShort']);
    expect(check('pompe hydro1', { minLength: 12 })).toEqual([]);
    expect(check('pompe42x', { minLength: 4 })).toEqual([]);
    expect(check('pompe42', { minLength: 4 })).toEqual(['tooShort']);
    expect(check('q'.repeat(63) + '!', { minLength: 100 })).toEqual([]);
    expect(check('q'.repeat(62) + '!', { minLength: 100 })).toEqual(['tooShort']);
    expect([clampMinLength(0), clampMinLength(8), clampMinLength(20.7), clampMinLength(64), clampMinLength(1e9), clampMinLength(Number.NaN)]).toEqual([
      8, 8, 20, 64, 64, 8,
    ]);
  });
});
