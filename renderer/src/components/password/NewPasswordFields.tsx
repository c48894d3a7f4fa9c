// Renderer. The new password and its confirmation, with show/hide, the live "they match" line and the strength
// meter. One component for every place a password is chosen: required or offered change, "Changer mon mot de
// passe", an account an administrator creates with a chosen password, and the reset screens of later issues.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordRules } from '../../../../shared/contract';
import { PasswordField } from '../PasswordField';
import { matchState } from './password-match';
import { StrengthMeter } from './StrengthMeter';
import { usePasswordRules } from './use-password-rules';

export interface NewPasswordFieldsProps {
  password: string;
  confirmation: string;
  onPasswordChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  /** Every reason main (or the form) gave, per field. */
  passwordErrors?: readonly string[];
  confirmationErrors?: readonly string[];
  /** Words the password must not lean on; the site's name comes with the rules. */
  username?: string;
  displayName?: string;
  /** `new`: "Nouveau mot de passe" (a change); `first`: "Mot de passe" (an account being created). */
  wording?: 'new' | 'first';
  /** The inputs' `name`s, also used to focus the first invalid one. */
  names?: { password: string; confirmation: string };
  /** Given by a parent that already has them; otherwise read from main. */
  rules?: PasswordRules | null;
}

export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  const rules = usePasswordRules(props.rules);
  const verdictId = useId();
  const names = props.names ?? { password: 'newPassword', confirmation: 'passwordConfirmation' };
  const wording = props.wording ?? 'new';
  const match = matchState(props.password, props.confirmation);

  return (
    <div className="new-password">
      <PasswordField
        label={wording === 'new' ? t('passwordFields.newPassword') : t('passwordFields.password')}
        hint={rules ? t('passwordFields.rules', { min: rules.minLength, level: t(`strength.levels.${rules.minStrength}`) }) : t('passwordFields.rulesLoading')}
        name={names.password}
        autoComplete="new-password"
        value={props.password}
        onChange={(event) => props.onPasswordChange(event.target.value)}
        error={props.passwordErrors}
        describedBy={verdictId}
        required
      />
      <StrengthMeter password={props.password} username={props.username} displayName={props.displayName} rules={rules} verdictId={verdictId} />
      <PasswordField
        label={wording === 'new' ? t('passwordFields.confirmation') : t('passwordFields.passwordConfirmation')}
        name={names.confirmation}
        autoComplete="new-password"
        value={props.confirmation}
        onChange={(event) => props.onConfirmationChange(event.target.value)}
        error={props.confirmationErrors}
        required
      />
      {/* Always in the page, so screen readers announce the change when it comes. */}
      <p className={`password-match password-match--${match}`} aria-live="polite">
        {match === 'match' ? t('passwordFields.match') : match === 'mismatch' ? t('passwordFields.mismatch') : ''}
      </p>
    </div>
  );
}
