// Renderer. A labelled drop-down list with its hint and its error, wired like TextField.
import { useId, type SelectHTMLAttributes } from 'react';
import { FieldErrorText } from './TextField';

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'> {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  hint?: string;
  error?: string | readonly string[];
}

export function SelectField({ label, value, onValueChange, options, hint, error, ...selectProps }: SelectFieldProps) {
  const id = useId();
  const errors = (typeof error === 'string' ? [error] : (error ?? [])).filter((message) => message !== '');
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  return (
    <div className={`field${errorId ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        className="field__select"
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...selectProps}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrorText id={errorId} messages={errors} />
    </div>
  );
}
