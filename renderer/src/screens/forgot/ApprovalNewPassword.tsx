// Renderer. The new password and its confirmation on "J'ai une demande approuvée" and "Code de secours".
// Main decides (policy and minimum strength, every reason answered); this shows the rules and every reason.
// Kept in one file so the shared new-password component with the strength meter (accounts issue) can replace it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordRules } from '../../../../shared/contract';
import { call } from '../../api/client';
import { PasswordField } from '../../components/PasswordField';

export interface NewPasswordValue {
  newPassword: string;
  passwordConfirmation: string;
}

export function ApprovalNewPassword(props: {
  value: NewPasswordValue;
  onChange: (value: NewPasswordValue) => void;
  /** Already translated; several reasons for one field are joined. */
  errors: { newPassword?: string; passwordConfirmation?: string };
}) {
  const { t } = useTranslation();
  const [rules, setRules] = useState<PasswordRules | null>(null);

  useEffect(() => {
    void call('account:getPasswordRules').then((result) => {
      if (result.ok) setRules(result.data);
    });
  }, []);

  return (
    <>
      <PasswordField
        label={t('approvalForgot.newPassword.label')}
        hint={rules ? t('approvalForgot.newPassword.hint', { min: rules.minLength, level: t(`approvalForgot.levels.${rules.minStrength}`) }) : undefined}
        name="newPassword"
        autoComplete="new-password"
        value={props.value.newPassword}
        onChange={(event) => props.onChange({ ...props.value, newPassword: event.target.value })}
        error={props.errors.newPassword}
        required
      />
      <PasswordField
        label={t('approvalForgot.newPassword.confirmation')}
        name="passwordConfirmation"
        autoComplete="new-password"
        value={props.value.passwordConfirmation}
        onChange={(event) => props.onChange({ ...props.value, passwordConfirmation: event.target.value })}
        error={props.errors.passwordConfirmation}
        required
      />
    </>
  );
}
