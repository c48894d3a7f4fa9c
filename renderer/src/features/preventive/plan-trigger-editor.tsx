// Renderer. The plan editor's trigger editor: one trigger, or two « au premier atteint », each of the five kinds
// with its own fields, and the plain-French line that reads the whole back. Controlled by the plan form (the value
// is validated there by triggersSchema through zodResolver; errors arrive per field). Meter names are offered from
// the meters on the chosen equipment or category, and may be typed when the meter doesn't exist yet.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from 'react-hook-form';
import type { MeterNameOption } from '../../../../shared/preventive/plans-contract';
import { triggersSummary } from '../../../../shared/preventive/plans-summary';
import { CALENDAR_UNITS, TRIGGER_KINDS, triggersSchema, type TriggerKind } from '../../../../shared/preventive/triggers';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';

/** A trigger as the form holds it: every field of every kind, the kind deciding which ones count. */
export type DraftTrigger = Record<string, unknown> & { kind: TriggerKind };

/** The fields a new trigger of this kind starts with. */
export function blankTrigger(kind: TriggerKind, today: string): DraftTrigger {
  switch (kind) {
    case 'calendar_fixed':
      return { kind, every: 1, unit: 'month', anchor: today, skipWeekends: false, skipHolidays: false };
    case 'calendar_floating':
      return { kind, every: 1, unit: 'month', skipWeekends: false, skipHolidays: false };
    case 'meter_fixed':
      return { kind, meter: '', every: 500, anchor: 0 };
    case 'meter_floating':
      return { kind, meter: '', every: 500 };
    case 'condition':
      return { kind, meter: '', above: null, below: null };
  }
}

/** A number field's text → number (decimal comma accepted); empty → null for optional fields, NaN otherwise. */
function toNumber(text: string, optional: boolean): number | null {
  if (text.trim() === '') return optional ? null : Number.NaN;
  return Number(text.replace(',', '.').replace(/\s/g, ''));
}

export function TriggerEditor(props: {
  value: DraftTrigger[];
  onChange: (next: DraftTrigger[]) => void;
  errors: FieldErrors | undefined;
  rootError?: string;
  meters: readonly MeterNameOption[];
  message: (key: string | undefined) => string | undefined;
  today: string;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const { value, onChange } = props;
  const units = Object.fromEntries(props.meters.map((m) => [m.name, m.unit]));
  const parsed = triggersSchema.safeParse(value);
  const set = (index: number, patch: Record<string, unknown>) => onChange(value.map((trigger, i) => (i === index ? ({ ...trigger, ...patch } as DraftTrigger) : trigger)));
  const errorOf = (index: number, field: string) => {
    const entry = (props.errors as Record<number, Record<string, { message?: string }>> | undefined)?.[index];
    return props.message(entry?.[field]?.message);
  };

  return (
    <fieldset className="plan-triggers">
      <legend>{t('plans.triggers.legend')}</legend>
      <p className="muted">{t('plans.triggers.intro')}</p>
      <datalist id={listId}>
        {props.meters.map((meter) => (
          <option key={meter.name} value={meter.name}>
            {t('plans.triggers.meterCount', { name: meter.name, unit: meter.unit, count: meter.equipmentCount })}
          </option>
        ))}
      </datalist>
      {value.map((trigger, index) => {
        const text = (field: string) => (trigger[field] === null || trigger[field] === undefined || Number.isNaN(trigger[field]) ? '' : String(trigger[field]));
        const isCalendar = trigger.kind === 'calendar_fixed' || trigger.kind === 'calendar_floating';
        return (
          <fieldset key={index} className="plan-trigger" data-testid={`trigger-${index}`}>
            <legend>{t('plans.triggers.numbered', { n: index + 1 })}</legend>
            <SelectField label={t('plans.triggers.kind')} value={trigger.kind} onChange={(event) => onChange(value.map((old, i) => (i === index ? blankTrigger(event.target.value as TriggerKind, props.today) : old)))}>
              {TRIGGER_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`plans.triggers.kinds.${kind}`)}
                </option>
              ))}
            </SelectField>
            {isCalendar ? (
              <>
                <div className="plan-row">
                  <TextField label={t('plans.triggers.every')} inputMode="numeric" value={text('every')} error={errorOf(index, 'every')} onChange={(event) => set(index, { every: toNumber(event.target.value, false) })} />
                  <SelectField label={t('plans.triggers.unit')} value={String(trigger.unit)} onChange={(event) => set(index, { unit: event.target.value })}>
                    {CALENDAR_UNITS.map((unit) => (
                      <option key={unit} value={unit}>
                        {t(`plans.triggers.units.${unit}`)}
                      </option>
                    ))}
                  </SelectField>
                  {trigger.kind === 'calendar_fixed' ? (
                    <TextField type="date" label={t('plans.triggers.anchor')} value={text('anchor')} error={errorOf(index, 'anchor')} onChange={(event) => set(index, { anchor: event.target.value })} />
                  ) : null}
                </div>
                <label className="plan-checkbox">
                  <input type="checkbox" checked={Boolean(trigger.skipWeekends)} onChange={(event) => set(index, { skipWeekends: event.target.checked })} />
                  {t('plans.triggers.skipWeekends')}
                </label>
                <label className="plan-checkbox">
                  <input type="checkbox" checked={Boolean(trigger.skipHolidays)} onChange={(event) => set(index, { skipHolidays: event.target.checked })} />
                  {t('plans.triggers.skipHolidays')}
                </label>
              </>
            ) : (
              <div className="plan-row">
                <TextField label={t('plans.triggers.meter')} hint={t('plans.triggers.meterHint')} list={listId} autoComplete="off" value={text('meter')} error={errorOf(index, 'meter')} onChange={(event) => set(index, { meter: event.target.value })} />
                {trigger.kind === 'condition' ? (
                  <>
                    <TextField label={t('plans.triggers.above')} inputMode="decimal" value={text('above')} error={errorOf(index, 'above')} onChange={(event) => set(index, { above: toNumber(event.target.value, true) })} />
                    <TextField label={t('plans.triggers.below')} inputMode="decimal" value={text('below')} error={errorOf(index, 'below')} onChange={(event) => set(index, { below: toNumber(event.target.value, true) })} />
                  </>
                ) : (
                  <>
                    <TextField label={t('plans.triggers.everyUnits')} inputMode="decimal" value={text('every')} error={errorOf(index, 'every')} onChange={(event) => set(index, { every: toNumber(event.target.value, false) })} />
                    {trigger.kind === 'meter_fixed' ? (
                      <TextField label={t('plans.triggers.meterAnchor')} inputMode="decimal" value={text('anchor')} error={errorOf(index, 'anchor')} onChange={(event) => set(index, { anchor: toNumber(event.target.value, true) ?? 0 })} />
                    ) : null}
                  </>
                )}
              </div>
            )}
            {value.length > 1 ? (
              <button type="button" className="button button--ghost" onClick={() => onChange(value.filter((_, i) => i !== index))}>
                {t('plans.triggers.remove')}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {value.length < 2 ? (
        <button type="button" className="button button--ghost" onClick={() => onChange([...value, blankTrigger('meter_fixed', props.today)])}>
          {t('plans.triggers.add')}
        </button>
      ) : null}
      {props.rootError ? <p className="field__error" role="alert">{props.rootError}</p> : null}
      <div aria-live="polite">
        {parsed.success ? (
          <p className="plan-summary" data-testid="plan-summary">
            <span className="visually-hidden">{t('plans.triggers.summary')} : </span>
            {triggersSummary(parsed.data, units)}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
