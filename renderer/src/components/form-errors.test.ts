import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../../../shared/contract';
import { fieldMessages, groupFieldIssues, toFieldErrors } from './form-errors';

// Main refusing a password for three reasons at once ("Always say why").
const refused: FieldIssue[] = [
  { path: 'newPassword', code: 'validation.password.tooShort', params: { min: 12 } },
  { path: 'newPassword', code: 'validation.password.containsUsername' },
  { path: 'newPassword', code: 'validation.password.tooWeak', params: { level: 'medium' } },
  { path: 'currentPassword', code: 'validation.currentPasswordWrong' },
];

describe('field errors', () => {
  it('keeps the first issue per field for forms showing one message (existing API)', () => {
    expect(toFieldErrors(refused)).toEqual({ newPassword: 'validation.password.tooShort', currentPassword: 'validation.currentPasswordWrong' });
    expect(toFieldErrors(undefined)).toEqual({});
  });

  it('keeps every issue per field, in order, once each', () => {
    const grouped = groupFieldIssues([...refused, refused[1]]);
    expect(grouped.newPassword.map((issue) => issue.code)).toEqual([
      'validation.password.tooShort',
      'validation.password.containsUsername',
      'validation.password.tooWeak',
    ]);
    expect(grouped.currentPassword).toHaveLength(1);
  });

  it('translates each reason with its values; a strength level in the meter’s own words', () => {
    const strings: Record<string, string> = {
      'validation.password.tooShort': 'Trop court : au moins {{min}} caractères.',
      'validation.password.containsUsername': "Le mot de passe ne doit pas contenir l'identifiant.",
      'validation.password.tooWeak': 'Trop facile à deviner : la force doit être au moins « {{level}} ».',
      'strength.levels.medium': 'Moyen',
    };
    const translate = (key: string, values?: Record<string, unknown>) =>
      (strings[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values?.[name]));
    expect(fieldMessages(groupFieldIssues(refused).newPassword, translate)).toEqual([
      'Trop court : au moins 12 caractères.',
      "Le mot de passe ne doit pas contenir l'identifiant.",
      'Trop facile à deviner : la force doit être au moins « Moyen ».',
    ]);
  });
});
