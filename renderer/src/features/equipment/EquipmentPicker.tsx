// Renderer. Choosing an equipment in a form (DI, OT, the parent of an equipment): type or scan a code, or part of
// a designation; the exact code is taken on Enter, otherwise up to 10 matches are offered. The value is a code;
// main resolves it and answers a clear error when it is unknown.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EquipmentLookup } from '../../../../shared/equipment/contract';
import { FieldErrorText } from '../../components/TextField';
import { request } from './equipment-api';

export function EquipmentPicker(props: { value: string | null; onChange(code: string | null): void; label: string; error?: string; hint?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(props.value ?? '');
  // Each answer remembers what it was for: an answer to older text is never shown.
  const [found, setFound] = useState<{ text: string; result: EquipmentLookup } | null>(null);
  const [chosen, setChosen] = useState<{ code: string; designation: string } | null>(null);

  // The value set from outside (a form reset, a pre-filled code) shows in the field (adjusted while rendering).
  const [outside, setOutside] = useState(props.value);
  if (props.value !== outside) {
    setOutside(props.value);
    if ((props.value ?? '') !== text.trim()) setText(props.value ?? '');
  }

  // Look up as the person types (debounced); a scan's burst of keys makes one lookup.
  useEffect(() => {
    const typed = text.trim();
    if (!typed || typed === chosen?.code) return;
    const timer = setTimeout(() => {
      request('equipment:lookup', { text: typed })
        .then((result) => setFound({ text: typed, result }))
        .catch(() => setFound(null));
    }, 250);
    return () => clearTimeout(timer);
  }, [text, chosen?.code]);
  const typedNow = text.trim();
  const shown = found && found.text === typedNow && typedNow !== chosen?.code ? found.result : null;

  const choose = (code: string | null, designation = '') => {
    setText(code ?? '');
    setChosen(code ? { code, designation } : null);
    setFound(null);
    props.onChange(code);
  };

  const onKeyDown = async (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const typed = text.trim();
    if (!typed) return choose(null);
    const result = await request('equipment:lookup', { text: typed }).catch(() => null);
    if (result?.exact) choose(result.exact.code, result.exact.designation);
    else setFound(result ? { text: typed, result } : null);
  };

  const options = shown ? [...(shown.exact ? [shown.exact] : []), ...shown.matches] : [];
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <div className={`field picker${props.error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      {props.hint ? (
        <p id={hintId} className="field__hint">
          {props.hint}
        </p>
      ) : null}
      <div className="field__row">
        <input
          id={id}
          className="field__input"
          value={text}
          placeholder={t('picker.placeholder')}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          onChange={(event) => {
            setText(event.target.value);
            setChosen(null);
            props.onChange(event.target.value.trim() || null);
          }}
          onKeyDown={(event) => void onKeyDown(event)}
        />
        {text ? (
          <button type="button" className="button button--ghost" onClick={() => choose(null)}>
            {t('picker.clear')}
          </button>
        ) : null}
      </div>
      {chosen ? <p className="picker__chosen">{t('picker.chosen', chosen)}</p> : null}
      {shown ? (
        options.length === 0 ? (
          <p className="muted" role="status">
            {t('picker.noResult')}
          </p>
        ) : (
          <ul className="picker__results" aria-label={t('picker.results')}>
            {options.map((option) => (
              <li key={option.id}>
                <button type="button" className="picker__option" onClick={() => choose(option.code, option.designation)}>
                  <strong>{option.code}</strong> — {option.designation}
                  {option.locationLabel ? <span className="muted-inline"> · {option.locationLabel}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <FieldErrorText id={errorId} messages={props.error ? [props.error] : []} />
    </div>
  );
}
