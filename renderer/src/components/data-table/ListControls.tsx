// Renderer. The pieces the list pages share around VirtualTable: toggle chips for a multi-choice filter, a
// search field that waits for the typing to pause before filtering, the export buttons with their progress,
// and the saved-view tabs (links, so a view can be opened from anywhere by its URL).
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { ExportState } from './list-export';

export function ChipGroup<T extends string>(props: { legend: string; options: readonly { value: T; label: string }[]; selected: readonly T[]; onChange: (next: T[]) => void }) {
  return (
    <fieldset className="list-chips">
      <legend>{props.legend}</legend>
      {props.options.map((option) => {
        const pressed = props.selected.includes(option.value);
        return (
          <button
            key={option.value}
            type="button"
            className="list-chip"
            aria-pressed={pressed}
            onClick={() => props.onChange(pressed ? props.selected.filter((v) => v !== option.value) : [...props.selected, option.value])}
          >
            {option.label}
          </button>
        );
      })}
    </fieldset>
  );
}

/** Filters 300 ms after the last key, so a list of 100,000 rows is not asked for at every letter. */
export function SearchField(props: { label: string; placeholder: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  const { value, onChange } = props;
  const [typed, setTyped] = useState(value);
  // The URL changed under the field ("Effacer les filtres", a view's link): show what it now holds.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (typed.trim() !== value) setTyped(value);
  }
  useEffect(() => {
    if (typed.trim() === value) return;
    const timer = setTimeout(() => onChange(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed, value, onChange]);
  return (
    <div className="list-filters__field list-filters__search">
      <label htmlFor={id}>{props.label}</label>
      <input id={id} type="search" value={typed} placeholder={props.placeholder} maxLength={100} onChange={(event) => setTyped(event.target.value)} />
    </div>
  );
}

export function Field(props: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="list-filters__field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
    </div>
  );
}

export interface ExportTexts {
  csv: string;
  xlsx: string;
  starting: string;
  progress: (rows: number, total: number) => string;
}

export function ExportButtons(props: { state: ExportState; texts: ExportTexts; onExport: (format: 'csv' | 'xlsx') => void }) {
  const { state, texts } = props;
  const label = useId();
  return (
    <div className="list-page__actions">
      {state.progress ? (
        <div className="list-export-progress">
          <span id={label} role="status">
            {state.progress.totalRows > 0 ? texts.progress(state.progress.exportedRows, state.progress.totalRows) : texts.starting}
          </span>
          {state.progress.totalRows > 0 ? <progress aria-labelledby={label} max={state.progress.totalRows} value={state.progress.exportedRows} /> : <progress aria-labelledby={label} />}
        </div>
      ) : null}
      <button type="button" className="button button--ghost" disabled={state.running !== null} onClick={() => props.onExport('csv')}>
        {texts.csv}
      </button>
      <button type="button" className="button button--ghost" disabled={state.running !== null} onClick={() => props.onExport('xlsx')}>
        {texts.xlsx}
      </button>
    </div>
  );
}
