// Renderer. A labelled drop-down list with its hint and its error, wired for screen readers like TextField.
import { forwardRef, useId, type ReactNode, type SelectHTMLAttributes } from 'react';
import { FieldErrorText } from './TextField';

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  hint?: string;
  /** One message, or several when main gave more than one reason for this field. */
  error?: string | readonly string[];
  /** The <option> and <optgroup> elements. */
  children: ReactNode;
}

export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField({ label, hint, error, children, ...selectProps }, ref) {
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
      <div className="field__row">
        <select
          ref={ref}
          id={id}
          className="field__input"
          aria-invalid={errorId ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          {...selectProps}
        >
          {children}
        </select>
      </div>
      <FieldErrorText id={errorId} messages={errors} />
    </div>
  );
});
