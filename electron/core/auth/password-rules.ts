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

/** The rules with the settings of one moment: synchronous, for a check repeated in a loop. */
export interface PasswordRulesNow {
  check(password: string, owner: PasswordOwner): PasswordRuleRejection[];
  /** One field issue per reason, on `path`, so the form can list them all; empty when accepted. */
  issues(password: string, owner: PasswordOwner, path: string): FieldIssue[];
}

export class PasswordRules {
  constructor(
    private readonly deps: {
      commonPasswords: CommonPasswordList;
      settings: () => Promise<AccountSettings>;
      /** The plant's name (Messagerie settings): a word anyone at the plant would try first. */
      siteName: () => Promise<string>;
    },
  ) {}

  /** Reads the settings and the site name once. */
  async now(): Promise<PasswordRulesNow> {
    const [settings, siteName] = await Promise.all([this.deps.settings(), this.deps.siteName()]);
    const check = (password: string, owner: PasswordOwner) =>
      checkPasswordRules(password, {
        minLength: settings.passwordMinLength,
        minStrength: settings.passwordMinStrength,
        username: owner.username,
        displayName: owner.displayName,
        siteName,
        isCommon: (candidate) => this.deps.commonPasswords.has(candidate),
      }).rejections;
    return {
      check,
      issues: (password, owner, path) => toFieldIssues(settings, check(password, owner), path),
    };
  }

  /** Every reason `password` is refused for `owner`; empty when it is accepted. */
  async check(password: string, owner: PasswordOwner): Promise<PasswordRuleRejection[]> {
    return (await this.now()).check(password, owner);
  }

  /**
   * Only the common-password part of the policy (stems and accents included), for the meter: the list stays in
   * main, and the meter shows no password as accepted until main has answered this for it.
   */
  isCommon(password: string): boolean {
    return checkPasswordPolicy(password, { minLength: 0, isCommon: (candidate) => this.deps.commonPasswords.has(candidate) }).includes('common');
  }

  /** Throws VALIDATION_FAILED with one field issue per reason, on `path`, so the form can list them all. */
  async assertAcceptable(password: string, owner: PasswordOwner, path: string): Promise<void> {
    const issues = (await this.now()).issues(password, owner, path);
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'The password does not meet the policy', issues);
  }
}

function toFieldIssues(settings: AccountSettings, rejections: readonly PasswordRuleRejection[], path: string): FieldIssue[] {
  return rejections.map((reason) => {
    const issue: FieldIssue = { path, code: `validation.password.${reason}` };
    if (reason === 'tooShort') issue.params = { min: clampMinLength(settings.passwordMinLength) };
    if (reason === 'tooWeak') issue.params = { level: settings.passwordMinStrength };
    return issue;
  });
}
