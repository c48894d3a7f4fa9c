// Pure (main and renderer). The whole verdict on a new password: the policy (length, common list, names) plus
// the administrator's minimum strength, measured by zxcvbn-ts with the same user inputs (username, display
// name, site name). Main's PasswordRules.check is this function; the renderer's meter runs it too, so the meter
// and main agree. The common-password list stays in main (0.6 MB): the renderer passes `isCommon` that knows
// nothing and asks main separately (account:isCommonPassword) before it shows a password as accepted.
import { checkPasswordPolicy, type PasswordRejection } from './policy';
import { estimateStrength, type StrengthReport } from './strength';
import { meetsLevel, type StrengthLevel } from './strength-levels';

export type PasswordRuleRejection = PasswordRejection | 'tooWeak';

export interface PasswordRuleContext {
  /** The administrator's setting (clamped to 8–64 by the policy). */
  minLength: number;
  minStrength: StrengthLevel;
  username?: string | null;
  displayName?: string | null;
  /** The plant's name (Messagerie settings): a word anyone at the plant would try first. */
  siteName?: string | null;
  /** Whether an NFKC + lower-cased candidate is a common password. */
  isCommon: (candidate: string) => boolean;
}

export interface PasswordVerdict {
  /** Every reason the password is refused, in the policy's order then "tooWeak"; empty means accepted. */
  rejections: PasswordRuleRejection[];
  /** zxcvbn's measure; null when the length alone refused it (too long to be worth measuring). */
  strength: StrengthReport | null;
}

export function checkPasswordRules(password: string, context: PasswordRuleContext, locale: 'fr' | 'en' = 'fr'): PasswordVerdict {
  const rejections: PasswordRuleRejection[] = checkPasswordPolicy(password, context);
  // Strength is only worth measuring on a password of sane length; a refused length already says why.
  if (rejections.includes('tooLong')) return { rejections, strength: null };
  const strength = estimateStrength(password, { username: context.username, displayName: context.displayName, siteName: context.siteName }, locale);
  if (!meetsLevel(strength.level, context.minStrength)) rejections.push('tooWeak');
  return { rejections, strength };
}

/**
 * The renderer's side of the same verdict: main answered whether the password is on its list
 * (account:isCommonPassword, i.e. PasswordRules.isCommon), everything else runs here. Equal to main's
 * PasswordRules.check for the same context words; strength-rules.test.ts holds them to it.
 */
export function checkPasswordRulesKnowingCommon(
  password: string,
  context: Omit<PasswordRuleContext, 'isCommon'>,
  onCommonList: boolean,
  locale: 'fr' | 'en' = 'fr',
): PasswordVerdict {
  return checkPasswordRules(password, { ...context, isCommon: () => onCommonList }, locale);
}
