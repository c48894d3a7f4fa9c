// Pure (Node). The one check every path that sets a password goes through (first administrator, account creation,
// required, offered and voluntary changes, admin resets, email and approval resets): the bundled policy
// (length, common list, names) plus the administrator's minimum strength, measured with the same zxcvbn-ts
// estimator the renderer's meter uses, through shared/password/strength-rules.ts, which the meter runs too. This is the check.
import type { FieldIssue } from '../../../shared/contract';
import { checkPasswordRules, type PasswordRuleRejection } from '../../../shared/password/strength-rules';
import { passwordsMatch } from '../../../shared/accounts/account-fields';
import type { AccountSettings } from '../../../shared/accounts/account-settings';
import { AppError } from '../kernel/platform/app-error';
import type { CommonPasswordList } from './common-passwords';
import { checkPasswordPolicy, clampMinLength } from './password-policy';

/** A new password and its confirmation must be the same password; said on the confirmation field. */
export function assertConfirmed(password: string, confirmation: string): void {
  if (!passwordsMatch(password, confirmation)) {
    throw new AppError('VALIDATION_FAILED', 'Passwords differ', [{ path: 'passwordConfirmation', code: 'validation.passwordsDiffer' }]);
  }
}

export type { PasswordRuleRejection };

export interface PasswordOwner {
  username: string;
  displayName: string;
}

export class PasswordRules {
  constructor(
    private readonly deps: {
      commonPasswords: CommonPasswordList;
      settings: () => AccountSettings;
      /** The plant's name (Messagerie settings): a word anyone at the plant would try first. */
      siteName: () => string;
    },
  ) {}

  /** Every reason `password` is refused for `owner`; empty when it is accepted. */
  check(password: string, owner: PasswordOwner): PasswordRuleRejection[] {
    const settings = this.deps.settings();
    return checkPasswordRules(password, {
      minLength: settings.passwordMinLength,
      minStrength: settings.passwordMinStrength,
      username: owner.username,
      displayName: owner.displayName,
      siteName: this.deps.siteName(),
      isCommon: (candidate) => this.deps.commonPasswords.has(candidate),
    }).rejections;
  }

  /**
   * Only the common-password part of the policy (stems and accents included), for the meter: the list stays in
   * main, and the meter shows no password as accepted until main has answered this for it.
   */
  isCommon(password: string): boolean {
    return checkPasswordPolicy(password, { minLength: 0, isCommon: (candidate) => this.deps.commonPasswords.has(candidate) }).includes('common');
  }

  /** Throws VALIDATION_FAILED with one field issue per reason, on `path`, so the form can list them all. */
  assertAcceptable(password: string, owner: PasswordOwner, path: string): void {
    const rejections = this.check(password, owner);
    if (rejections.length > 0) throw new AppError('VALIDATION_FAILED', 'The password does not meet the policy', this.toFieldIssues(rejections, path));
  }

  toFieldIssues(rejections: readonly PasswordRuleRejection[], path: string): FieldIssue[] {
    const settings = this.deps.settings();
    return rejections.map((reason) => {
      const issue: FieldIssue = { path, code: `validation.password.${reason}` };
      if (reason === 'tooShort') issue.params = { min: clampMinLength(settings.passwordMinLength) };
      if (reason === 'tooWeak') issue.params = { level: settings.passwordMinStrength };
      return issue;
    });
  }
}
