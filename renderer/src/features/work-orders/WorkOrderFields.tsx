// Renderer. Fields shared by the creation form and the planning card: a labelled multi-line text, and the
// choice of intervenants as large checkboxes (a glove-sized target per person).
import { useId, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldErrorText } from '../../components/TextField';
import { useAssigneeOptions } from './work-orders-api';

export function TextAreaField({ label, error, ...props }: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { label: string; error?: string }) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <textarea id={id} className="field__input wo-textarea" aria-invalid={error ? true : undefined} aria-describedby={errorId} rows={3} {...props} />
      <FieldErrorText id={errorId} messages={error ? [error] : []} />
    </div>
  );
}

export function AssigneePicker(props: { value: readonly number[]; onChange: (ids: number[]) => void; error?: string }) {
  const { t } = useTranslation();
  const options = useAssigneeOptions();
  const id = useId();
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <fieldset className="wo-assignees" aria-describedby={errorId}>
      <legend className="field__label">{t('workOrders.page.assignees')}</legend>
      <div className="wo-assignees__list">
        {(options.data ?? []).map((person) => {
          const checked = props.value.includes(person.id);
          return (
            <label key={person.id} className={`wo-check${checked ? ' wo-check--on' : ''}`}>
              <input
                type="checkbox"
                checked={checked}
                onChange={() => props.onChange(checked ? props.value.filter((v) => v !== person.id) : [...props.value, person.id])}
              />
              <span>
                {person.displayName} <span className="muted-inline">({t(`roles.${person.role}`)})</span>
              </span>
            </label>
          );
        })}
      </div>
      <FieldErrorText id={errorId} messages={props.error ? [props.error] : []} />
    </fieldset>
  );
}
