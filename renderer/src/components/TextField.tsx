// Renderer. A labelled input with its hint and its error, wired for screen readers.
import { forwardRef, useId, type InputHTMLAttributes, type ReactNode } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string;
  /** One message, or several when main gave more than one reason for this field. */
  error?: string | readonly string[];
  optionalLabel?: string;
  /** Something drawn inside the field's row, after the input (e.g. a show/hide button). */
  trailing?: ReactNode;
  /** Ids of more text describing the input (e.g. a strength meter's verdict), read after the hint and the error. */
  describedBy?: string;
}

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, hint, error, optionalLabel, trailing, describedBy, ...inputProps },
  ref,
) {
  const id = useId();
  const errors = (typeof error === 'string' ? [error] : (error ?? [])).filter((message) => message !== '');
  const hasError = errors.length > 0;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = hasError ? `${id}-error` : undefined;
  return (
    <div className={`field${hasError ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {optionalLabel ? <span className="field__optional"> ({optionalLabel})</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <div className="field__row">
        <input
          ref={ref}
          id={id}
          className="field__input"
          aria-invalid={hasError ? true : undefined}
          aria-describedby={[hintId, errorId, describedBy].filter(Boolean).join(' ') || undefined}
          {...inputProps}
        />
        {trailing}
      </div>
      <FieldErrorText id={errorId} messages={errors} />
    </div>
  );
});

/** A field's error text: one line, or a list when there are several reasons. Also used by fields that are not TextFields. */
export function FieldErrorText({ id, messages }: { id: string | undefined; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  if (messages.length === 1)
    return (
      <p id={id} className="field__error">
        {messages[0]}
      </p>
    );
  return (
    <ul id={id} className="field__error field__error-list">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
