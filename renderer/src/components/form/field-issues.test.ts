// Node (vitest). Form errors from both sides read the same way: a zod `validation.*` message, or every reason main
// gave for a field (with its parameters), in main's order, once each.
import { describe, expect, it } from 'vitest';
import { errorAt, fieldErrorIssues, serverFieldErrors, withExtraIssues } from './field-issues';

describe('main’s field issues on a react-hook-form', () => {
  it('keeps every reason for a field, with its parameters, once each', () => {
    const errors = serverFieldErrors([
      { path: 'password', code: 'validation.passwordTooShort', params: { min: 8 } },
      { path: 'password', code: 'validation.passwordContainsUsername' },
      { path: 'password', code: 'validation.passwordTooShort', params: { min: 8 } },
      { path: 'username', code: 'validation.usernameTaken' },
    ]);
    expect(Object.keys(errors)).toEqual(['password', 'username']);
    expect(fieldErrorIssues('password', errors.password)).toEqual([
      { path: 'password', code: 'validation.passwordTooShort', params: { min: 8 } },
      { path: 'password', code: 'validation.passwordContainsUsername' },
    ]);
    expect(fieldErrorIssues('username', errors.username)).toEqual([{ path: 'username', code: 'validation.usernameTaken' }]);
  });

  it('reads a zod message (an i18n key) as one issue, and no error as none', () => {
    expect(fieldErrorIssues('email', { type: 'invalid_format', message: 'validation.emailInvalid' })).toEqual([{ path: 'email', code: 'validation.emailInvalid' }]);
    expect(fieldErrorIssues('email', undefined)).toEqual([]);
  });

  it('finds a nested field’s error by its dotted path', () => {
    const errors = { address: { city: { type: 'too_small', message: 'validation.required' } } };
    expect(errorAt(errors, 'address.city')).toEqual({ type: 'too_small', message: 'validation.required' });
    expect(errorAt(errors, 'address')).toBeUndefined();
    expect(errorAt(errors, 'missing.path')).toBeUndefined();
  });

  it('adds the form’s own rules without hiding the schema’s message on the same field', () => {
    const merged = withExtraIssues({ email: { type: 'invalid_format', message: 'validation.emailInvalid' } }, [
      { path: 'email', code: 'validation.required' },
      { path: 'password', code: 'validation.required' },
    ]);
    expect(merged).toEqual({
      email: { type: 'invalid_format', message: 'validation.emailInvalid' },
      password: { type: 'validate', message: 'validation.required' },
    });
  });
});
