// Pure (Node). The one check every path that sets a password goes through (first administrator, account creation,
// required, offered and voluntary changes, admin resets, email and approval resets): the bundled policy
// (length, common list, names) plus the administrator's minimum strength, measured with the same zxcvbn-ts
// estimator the renderer's meter uses. The meter is a convenience; this is the check.
import type { FieldIssue } from '../../../shared/contract';
import { meetsLevel } from '../../../shared/password/strength-levels';
import { estimateStrength } from '../../../shared/password/strength';
import { passwordsMatch } from '../../../shared/accounts/account-fields';
import type { AccountSettings } from '../../../shared/accounts/account-settings';
import { AppError } from '../kernel/platform/app-error';
import type { CommonPasswordList } from './common-passwords';
import { checkPasswordPolicy, clampMinLength, type PasswordRejection } from './password-policy';

/** A new password and its confirmation must be the same password; said on the confirmation field. */
export function assertConfirmed(password: string, confirmation: string): void {
  if (!passwordsMatch(password, confirmation)) {
    throw new AppError('VALIDATION_FAILED', 'Passwords differ', [{ path: 'passwordConfirmation', code: 'validation.passwordsDiffer' }]);
  }
}

export type PasswordRuleRejection = PasswordRejection | 'tooWeak';

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
    const rejections: PasswordRuleRejection[] = checkPasswordPolicy(password, {
      minLength: settings.passwordMinLength,
      username: owner.username,
      displayName: owner.displayName,
      isCommon: (candidate) => this.deps.commonPasswords.has(candidate),
    });
    // Strength is only worth measuring on a password of sane length; a refused length already says why.
    if (!rejections.includes('tooLong')) {
      const { level } = estimateStrength(password, { ...owner, siteName: this.deps.siteName() });
      if (!meetsLevel(level, settings.passwordMinStrength)) rejections.push('tooWeak');
    }
    return rejections;
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
