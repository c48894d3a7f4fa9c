// Renderer. "Identifiant ou adresse e-mail" on every forgot-password screen: one field, the same attributes
// (no autocorrect, the browser's username autofill), so each screen only says what it does with the value.
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/TextField';

export const IdentifierField = forwardRef<
  HTMLInputElement,
  { value: string; onChange: (value: string) => void; error?: string; autoFocus?: boolean }
>(function IdentifierField(props, ref) {
  const { t } = useTranslation();
  return (
    <TextField
      ref={ref}
      label={t('approvalForgot.identifier')}
      name="identifier"
      autoComplete="username"
      autoCapitalize="off"
      spellCheck={false}
      autoFocus={props.autoFocus}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      error={props.error}
      required
    />
  );
});
