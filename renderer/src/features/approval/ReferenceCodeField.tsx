// Renderer. The reference code input: typed in any case, with or without hyphens; shown in a monospaced face so
// 0/O and 1/I don't need guessing (the code's alphabet has no O, I or L anyway).
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/TextField';

export const ReferenceCodeField = forwardRef<HTMLInputElement, { value: string; onChange: (value: string) => void; error?: string; label?: string }>(
  function ReferenceCodeField({ value, onChange, error, label }, ref) {
    const { t } = useTranslation();
    return (
      <TextField
        ref={ref}
        label={label ?? t('approvalForgot.codeLabel')}
        hint={t('approvalForgot.codeHint')}
        name="referenceCode"
        className="field__input field__input--code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={40}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        required
      />
    );
  },
);
