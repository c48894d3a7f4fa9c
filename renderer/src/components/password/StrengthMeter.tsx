// Renderer. "Force du mot de passe": three levels (Faible / Moyen / Fort) as a bar whose colour AND words
// change, the level the administrator requires, and zxcvbn's own advice in the user's language.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordRules } from '../../../../shared/contract';
import { normalizePassword } from '../../../../shared/accounts/account-fields';
import { meetsLevel, STRENGTH_LEVELS } from '../../../../shared/password/strength-levels';
import { useStrength } from './use-strength';

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
  const state = useStrength(password, { username, displayName, siteName: rules?.siteName ?? '' }, locale);

  const report = state.status === 'ready' ? state.report : state.status === 'computing' ? state.previous : null;
  const level = report?.level ?? null;
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
  let verdict = '';
  if (password !== '' && rules) {
    if (missing > 0) verdict = t('strength.tooShort', { count: missing });
    else if (level && !meetsLevel(level, rules.minStrength)) verdict = t('strength.belowRequired', { level: t(`strength.levels.${rules.minStrength}`) });
    else if (level) verdict = t('strength.enough');
  }
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
