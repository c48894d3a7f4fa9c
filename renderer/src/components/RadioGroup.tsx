// Renderer. A question with a few exclusive answers: a fieldset whose legend is the question, each answer a
// large clickable label (a glove-sized target), with an optional hint under the answer it explains.
import { useId } from 'react';

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

export function RadioGroup<V extends string>(props: { legend: string; name: string; value: V; options: readonly RadioOption<V>[]; onChange: (value: V) => void }) {
  const id = useId();
  return (
    <fieldset className="radio-group">
      <legend className="field__label">{props.legend}</legend>
      {props.options.map((option) => (
        <div key={option.value} className="radio-group__option">
          <label className="radio-group__label">
            <input
              type="radio"
              name={props.name}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
              aria-describedby={option.hint ? `${id}-${option.value}` : undefined}
            />
            <span>{option.label}</span>
          </label>
          {option.hint ? (
            <p id={`${id}-${option.value}`} className="field__hint radio-group__hint">
              {option.hint}
            </p>
          ) : null}
        </div>
      ))}
    </fieldset>
  );
}
