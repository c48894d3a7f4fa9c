// Node (vitest). The meter and main agree: for a table of passwords and accounts, main's PasswordRules.check
// (the real common-password list) and what the renderer computes (main's isCommon answer plus the shared rules)
// give the same reasons, so the meter's "accepted" is main's "accepted".
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommonPasswordList } from '../../electron/core/auth/common-passwords';
import { PasswordRules } from '../../electron/core/auth/password-rules';
import { DEFAULT_ACCOUNT_SETTINGS, type AccountSettings } from '../accounts/account-settings';
import { checkPasswordRulesKnowingCommon, type PasswordRuleRejection } from './strength-rules';

const RESOURCES = resolve(import.meta.dirname, '../../resources');
const JULIE = { username: 'j.bernard', displayName: 'Julie Bernard' };
const SITE = 'Atelier Durand';

const CASES: { password: string; owner?: typeof JULIE; settings?: Partial<AccountSettings>; expected: PasswordRuleRejection[] }[] = [
  { password: 'tracteur bleu rouille', expected: [] },
  { password: 'clé à molette bernard 17', expected: ['containsDisplayName'] },
  { password: 'JULIE-tournevis-cruciforme', expected: ['containsDisplayName'] },
  { password: 'Bérnard clé à molette 17 mm', expected: ['containsDisplayName'] },
  { password: 'j.bernard tracteur rouillé', expected: ['containsUsername', 'containsDisplayName'] },
  { password: 'soleil2024', expected: ['common', 'tooWeak'] },
  { password: 'Soleil2024!', expected: ['common'] },
  { password: 'azertyuiop', expected: ['common', 'tooWeak'] },
  { password: 'durand', expected: ['tooShort', 'common', 'tooWeak'] },
  { password: 'x'.repeat(300), expected: ['tooLong'] },
  { password: 'tracteur bleu', settings: { passwordMinLength: 16 }, expected: ['tooShort'] },
  { password: 'Tracteur-bleu', settings: { passwordMinStrength: 'strong' }, expected: ['tooWeak'] },
  { password: 'atelierdurand2024', expected: [] },
];

describe('the meter and main agree on every password', () => {
  for (const { password, owner = JULIE, settings, expected } of CASES) {
    it(`${password.slice(0, 30)} → [${expected.join(', ')}]`, async () => {
      const accountSettings = { ...DEFAULT_ACCOUNT_SETTINGS, passwordMinLength: 8, passwordMinStrength: 'medium' as const, ...settings };
      const main = new PasswordRules({ commonPasswords: new CommonPasswordList(RESOURCES), settings: async () => accountSettings, siteName: async () => SITE });
      const fromMain = await main.check(password, owner);
      const fromMeter = checkPasswordRulesKnowingCommon(
        password,
        { minLength: accountSettings.passwordMinLength, minStrength: accountSettings.passwordMinStrength, siteName: SITE, ...owner },
        main.isCommon(password),
      ).rejections;
      expect(fromMeter).toEqual(fromMain);
      expect(fromMain).toEqual(expected);
    });
  }
});
