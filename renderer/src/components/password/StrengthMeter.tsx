// Renderer. "Force du mot de passe": three levels (Faible / Moyen / Fort) as a bar whose colour AND words
// change, the level the administrator requires, and zxcvbn's own advice in the user's language. Its verdict is
// main's rules run on the same words (username, display name, site name) plus main's own answer on the common
// list: "Le niveau demandé est atteint" and the green bar mean main will accept the password, nothing less.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordRules } from '../../../../shared/contract';
import { normalizePassword } from '../../../../shared/accounts/account-fields';
import { STRENGTH_LEVELS, type StrengthLevel } from '../../../../shared/password/strength-levels';
import type { PasswordRuleRejection } from '../../../../shared/password/strength-rules';
import { useStrength } from './use-strength';

/** Refusals that have nothing to do with how hard the password is to guess by brute force. */
const FORBIDDEN: readonly PasswordRuleRejection[] = ['common', 'containsUsername', 'containsDisplayName'];

/**
 * The level the bar shows: zxcvbn's, except that a password main refuses is never drawn "Fort" (green). A
 * forbidden word makes it "Faible": whoever knows the person or the list tries it first.
 */
export function shownLevel(level: StrengthLevel | null, rejections: readonly PasswordRuleRejection[]): StrengthLevel | null {
  if (!level || rejections.length === 0) return level;
  if (rejections.some((reason) => FORBIDDEN.includes(reason))) return 'weak';
  return level === 'strong' ? 'medium' : level;
}

export interface StrengthMeterProps {
  password: string;
  username?: string;
  displayName?: string;
  rules: PasswordRules | null;
  /** Id given to the verdict sentence, so the password input can point at it (aria-describedby). */
  verdictId?: string;
}

export function StrengthMeter({ password, username, displayName, rules, verdictId }: StrengthMeterProps) {
  const { t, i18n } = useTranslation();
  const labelId = useId();
  const ownVerdictId = useId();
  const locale = i18n.language === 'en' ? 'en' : 'fr';
  const state = useStrength(password, { username, displayName }, rules, locale);

  const shown = state.status === 'ready' ? state.verdict : state.status === 'computing' ? state.previous : null;
  const report = shown?.report ?? null;
  const rejections = shown?.rejections ?? [];
  const level = shownLevel(report?.level ?? null, rejections);
  const filled = level ? STRENGTH_LEVELS.indexOf(level) + 1 : 0;
  const levelText =
    state.status === 'empty'
      ? t('strength.empty')
      : state.status === 'unavailable'
        ? t('strength.unavailable')
        : level
          ? t(`strength.levels.${level}`)
          : t('strength.computing');

  const missing = rules ? rules.minLength - normalizePassword(password).length : 0;
  // Every reason main would give, in its order; "atteint" only once main has answered for this password.
  const reasons: string[] = [];
  if (password !== '' && rules && shown) {
    for (const reason of rejections) {
      if (reason === 'tooShort') reasons.push(t('strength.tooShort', { count: Math.max(1, missing) }));
      else if (reason === 'tooWeak') reasons.push(t('strength.belowRequired', { level: t(`strength.levels.${rules.minStrength}`) }));
      else reasons.push(t(`validation.password.${reason}`, { min: rules.minLength }));
    }
    // Before sign-in (a reset), the account's name isn't known here and is never sent here: say so plainly.
    if (reasons.length === 0 && state.status === 'ready') reasons.push(displayName === undefined ? t('strength.enoughNameUnknown') : t('strength.enough'));
  }
  const verdict = reasons.join(' ');
  const advice = report && password !== '' ? [report.warning, ...report.suggestions].filter((text) => text !== '') : [];

  return (
    <div className={`strength${level ? ` strength--${level}` : ''}`}>
      <div className="strength__header">
        <span id={labelId} className="strength__label">
          {t('strength.label')}
        </span>
        {/* Read through the meter's value text; shown here in words, never by colour alone. */}
        <span className="strength__level" aria-hidden="true">
          {levelText}
        </span>
      </div>
      <div
        role="meter"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={STRENGTH_LEVELS.length}
        aria-valuenow={filled}
        aria-valuetext={levelText}
        className="strength__bar"
      >
        {STRENGTH_LEVELS.map((name, index) => (
          <span key={name} className={`strength__segment${index < filled ? ' strength__segment--on' : ''}`} />
        ))}
      </div>
      <p id={verdictId ?? ownVerdictId} className="strength__verdict" aria-live="polite">
        {verdict === '' ? '' : level ? `${levelText} — ${verdict}` : verdict}
      </p>
      {advice.length > 0 ? (
        <ul className="strength__advice" aria-label={t('strength.feedbackLabel')}>
          {advice.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
