import { describe, expect, it } from 'vitest';
import { firstAdminInputSchema, loginInputSchema, normalizePassword, toFieldIssues } from './account-fields';

const valid = {
  username: 'j.martin',
  displayName: 'Jean Martin',
  email: '',
  password: 'tournevis cruciforme',
  passwordConfirmation: 'tournevis cruciforme',
};

describe('first administrator form', () => {
  it('trims and lowercases the username, and turns an empty email into null', () => {
    const parsed = firstAdminInputSchema.parse({ ...valid, username: '  J.Martin ', email: '  ' });
    expect(parsed).toMatchObject({ username: 'j.martin', email: null, locale: 'fr' });
  });

  it('names every invalid field with an i18n key', () => {
    const result = firstAdminInputSchema.safeParse({
      username: 'é',
      displayName: ' ',
      email: 'pas-une-adresse',
      password: 'court',
      passwordConfirmation: 'autre',
    });
    expect(result.success).toBe(false);
    expect(toFieldIssues(result.error!)).toEqual([
      { path: 'username', code: 'validation.usernameTooShort' },
      { path: 'displayName', code: 'validation.required' },
      { path: 'email', code: 'validation.emailInvalid' },
      { path: 'password', code: 'validation.passwordTooShort' },
      { path: 'passwordConfirmation', code: 'validation.passwordsDiffer' },
    ]);
  });

  it('refuses accented and spaced usernames', () => {
    for (const username of ['jérôme', 'jean martin', '.jean', 'jean@usine']) {
      const result = firstAdminInputSchema.safeParse({ ...valid, username });
      expect(result.success, username).toBe(false);
    }
  });

  it('compares the confirmation after NFKC, as main compares passwords', () => {
    const result = firstAdminInputSchema.safeParse({ ...valid, password: 'ﬁlet ﬁltrant', passwordConfirmation: 'filet filtrant' });
    expect(result.success).toBe(true);
  });

  it('counts length after NFKC and caps it at 256 characters', () => {
    expect(normalizePassword('ﬁ')).toBe('fi');
    expect(firstAdminInputSchema.safeParse({ ...valid, password: 'ﬁﬁﬁﬁ', passwordConfirmation: 'ﬁﬁﬁﬁ' }).success).toBe(true);
    const long = 'a'.repeat(257);
    const result = firstAdminInputSchema.safeParse({ ...valid, password: long, passwordConfirmation: long });
    expect(toFieldIssues(result.error!)).toContainEqual({ path: 'password', code: 'validation.passwordTooLong' });
  });
});

describe('login form', () => {
  it('requires both fields', () => {
    const result = loginInputSchema.safeParse({ identifier: '  ', password: '' });
    expect(toFieldIssues(result.error!)).toEqual([
      { path: 'identifier', code: 'validation.required' },
      { path: 'password', code: 'validation.required' },
    ]);
  });
});
