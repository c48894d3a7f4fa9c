// Renderer. The filters of the "Journal de sécurité": who, which event, which days. They apply on
// "Appliquer les filtres" (or Entrée), so a half-typed date never sends a query.
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_EVENT_GROUPS, isKnownAuditEventType } from '../../../../shared/audit/audit-catalog';
import { auditEventLabel, auditGroupLabel, type AuditLanguage } from '../../../../shared/audit/audit-text';
import type { AuditFilterOptions } from '../../../../shared/contract';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { GROUP_PREFIX, type FilterForm } from './filter-form';

export function AuditFilters(props: {
  form: FilterForm;
  options: AuditFilterOptions | null;
  language: AuditLanguage;
  rangeError: boolean;
  onChange: (form: FilterForm) => void;
  onApply: () => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const { form, options, language } = props;
  const set = (field: keyof FilterForm) => (event: { target: { value: string } }) => props.onChange({ ...form, [field]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onApply();
  };
  // Types present in the log that this version has no group for (added by a later version, say).
  const others = (options?.eventTypes ?? []).filter((type) => !isKnownAuditEventType(type));

  return (
    <section className="card card--full" aria-labelledby="audit-filters-title">
      <h2 id="audit-filters-title">{t('audit.filtersTitle')}</h2>
      <form onSubmit={submit} noValidate className="form audit-filters">
        <div className="field-grid">
          <SelectField label={t('audit.user')} hint={t('audit.userHint')} value={form.userId} onChange={set('userId')}>
            <option value="">{t('audit.allUsers')}</option>
            {options?.users.map((user) => {
              const name = `${user.displayName} (${user.username})`;
              return (
                <option key={user.id} value={String(user.id)}>
                  {user.isActive ? name : t('audit.inactiveUser', { name })}
                </option>
              );
            })}
          </SelectField>
          <TextField label={t('audit.text')} hint={t('audit.textHint')} value={form.text} onChange={set('text')} maxLength={100} autoComplete="off" />
          <SelectField label={t('audit.eventType')} value={form.eventType} onChange={set('eventType')}>
            <option value="">{t('audit.allEvents')}</option>
            {AUDIT_EVENT_GROUPS.map((group) => (
              <optgroup key={group.id} label={auditGroupLabel(group.id, language)}>
                <option value={`${GROUP_PREFIX}${group.id}`}>{t('audit.allOfGroup', { group: auditGroupLabel(group.id, language) })}</option>
                {group.types.map((type) => (
                  <option key={type} value={type}>
                    {auditEventLabel(type, language)}
                  </option>
                ))}
              </optgroup>
            ))}
            {others.length > 0 ? (
              <optgroup label={t('audit.otherEvents')}>
                {others.map((type) => (
                  <option key={type} value={type}>
                    {type}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </SelectField>
          <TextField label={t('audit.from')} type="date" value={form.from} onChange={set('from')} max={form.to || undefined} />
          <TextField
            label={t('audit.to')}
            type="date"
            value={form.to}
            onChange={set('to')}
            min={form.from || undefined}
            error={props.rangeError ? t('audit.rangeReversed') : undefined}
          />
        </div>
        <div className="audit-filters__actions">
          <button type="submit" className="button button--primary">
            {t('audit.apply')}
          </button>
          <button type="button" className="button button--ghost" onClick={props.onReset}>
            {t('audit.reset')}
          </button>
        </div>
      </form>
    </section>
  );
}
