// Renderer. One plan de maintenance (`/preventif/plans/$code`, `nouveau` = a new one; managers): the editor over the
// very schema main validates with (react-hook-form + zodResolver), the trigger editor with its plain-French line,
// pause / resume / archive, « Générer maintenant », and the plan's recent occurrences with their OT. A save made
// from an old version is refused by main (compare-and-set): what was typed stays until the person reloads.
import { useEffect, useMemo, useState } from 'react';
import { Controller, type FieldErrors } from 'react-hook-form';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import i18next from 'i18next';
import { PLAN_WORK_TYPES, planFieldsSchema, type PlanFields, type PlanView } from '../../../../shared/preventive/plans-contract';
import { call } from '../../api/client';
import { useChannelMutation, useChannelQuery, type IpcError } from '../../api/query';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { RadioGroup } from '../../components/RadioGroup';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { applyServerError, useZodForm } from '../../components/form/use-zod-form';
import { EquipmentPicker } from '../equipment/EquipmentPicker';
import { formatDate, hoursToMinutes, minutesToHours } from '../work-orders/format';
import { TextAreaField } from '../work-orders/WorkOrderFields';
import { TriggerEditor, blankTrigger, type DraftTrigger } from './plan-trigger-editor';
import './plans.css';

const GENERATOR_CHANNEL = 'preventive:runGenerator' as const;

function todayLocal(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A message key from the schema or main → the sentence (the triggers' `preventive.validation.*` keys live under `plans`). */
export function planMessage(key: string | undefined): string | undefined {
  if (!key) return undefined;
  const mapped = key.replace(/^preventive\.validation\./, 'plans.validation.');
  return i18next.exists(mapped) ? i18next.t(mapped as 'validation.required') : i18next.t('validation.invalid');
}

/** The form holds the hours as typed and the triggers as drafts; the schema sees the channel's input. */
type FormValues = Omit<PlanFields, 'estimatedMinutes' | 'triggers' | 'leadDays' | 'toleranceDays' | 'toleranceUnits'> & {
  estimatedHours: string;
  leadDays: string;
  toleranceDays: string;
  toleranceUnits: string;
  triggers: DraftTrigger[];
};

const numberOrNaN = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.replace(',', '.')));

function toInput(values: FormValues): PlanFields {
  const { estimatedHours, ...rest } = values;
  const minutes = hoursToMinutes(estimatedHours);
  return {
    ...rest,
    estimatedMinutes: minutes,
    leadDays: numberOrNaN(values.leadDays),
    toleranceDays: numberOrNaN(values.toleranceDays),
    toleranceUnits: numberOrNaN(values.toleranceUnits),
    equipmentCode: values.scope === 'equipment' ? values.equipmentCode : null,
    category: values.scope === 'category' ? values.category : null,
    triggers: values.triggers as PlanFields['triggers'],
  };
}

function toForm(plan: PlanView | null): FormValues {
  const f = plan?.fields;
  return {
    code: f?.code ?? '',
    name: f?.name ?? '',
    scope: f?.scope ?? 'equipment',
    equipmentCode: f?.equipmentCode ?? null,
    category: f?.category ?? null,
    checklistId: f?.checklistId ?? null,
    workType: f?.workType ?? 'preventive',
    priority: f?.priority ?? 3,
    estimatedHours: minutesToHours(f?.estimatedMinutes ?? null),
    assigneeIds: f?.assigneeIds ?? [],
    leadDays: String(f?.leadDays ?? 0),
    toleranceDays: String(f?.toleranceDays ?? 0),
    toleranceUnits: String(f?.toleranceUnits ?? 0),
    instructions: f?.instructions ?? '',
    triggers: (f?.triggers as DraftTrigger[] | undefined) ?? [blankTrigger('calendar_fixed', todayLocal())],
  };
}

export function PlanPage() {
  const { code } = useParams({ strict: false }) as { code: string };
  const isNew = code.toLowerCase() === 'nouveau';
  const { t } = useTranslation();
  const plan = useChannelQuery(['preventive', 'plans', 'detail', code], 'preventive:getPlan', { code }, { enabled: !isNew });
  if (!isNew && plan.isPending) return <p>{t('plans.list.loading')}</p>;
  if (!isNew && plan.isError) {
    return (
      <section className="card card--wide">
        <Alert tone="error">{plan.error.code === 'NOT_FOUND' ? t('plans.page.notFound') : t(`errors.${plan.error.code}`)}</Alert>
        <Link to="/preventif/plans">{t('plans.list.title')}</Link>
      </section>
    );
  }
  return <PlanEditor key={isNew ? 'new' : `${plan.data?.id}`} plan={isNew ? null : (plan.data ?? null)} refetch={() => void plan.refetch()} />;
}

function PlanEditor({ plan, refetch }: { plan: PlanView | null; refetch: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const form = useZodForm<FormValues>(planFieldsSchema, { defaultValues: toForm(plan), toInput });
  const [notice, setNotice] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null);
  const [stale, setStale] = useState(false);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const options = useChannelQuery(['preventive', 'plans', 'options'], 'preventive:planOptions', {}, { staleTime: 60_000 });
  const scope = form.watch('scope');
  const equipmentCode = form.watch('equipmentCode');
  const category = form.watch('category');
  const meterInput = { equipmentCode: scope === 'equipment' ? equipmentCode : null, category: scope === 'category' ? category : null };
  const meters = useChannelQuery(['preventive', 'plans', 'meters', meterInput], 'preventive:planMeterNames', meterInput, { enabled: Boolean(meterInput.equipmentCode || meterInput.category) });

  // A newer version arrived (another window saved, or the person reloaded after a conflict): show it.
  const version = plan?.version;
  useEffect(() => {
    if (plan && !stale) form.reset(toForm(plan));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  const onError = (error: IpcError) => {
    if (error.code === 'PLAN_CHANGED_MEANWHILE') setStale(true);
    const key = applyServerError(form, error);
    setNotice({ tone: 'error', text: t(key as 'errors.INTERNAL_ERROR') });
  };
  const create = useChannelMutation('preventive:createPlan', {
    invalidates: ['preventive'],
    onSuccess: async ({ code }) => navigate({ to: '/preventif/plans/$code', params: { code } as never }),
    onError,
  });
  const update = useChannelMutation('preventive:updatePlan', {
    invalidates: ['preventive'],
    onSuccess: async ({ code }) => {
      setNotice({ tone: 'success', text: t('plans.page.saved') });
      if (plan && code !== plan.fields.code) await navigate({ to: '/preventif/plans/$code', params: { code } as never, replace: true });
    },
    onError,
  });
  const setStatus = useChannelMutation('preventive:setPlanStatus', { invalidates: ['preventive'], onError });
  const [generating, setGenerating] = useState(false);

  const submit = form.handleSubmit((values) => {
    setNotice(null);
    const input = toInput(values);
    if (plan) update.mutate({ id: plan.id, version: plan.version, fields: input });
    else create.mutate(input);
  });

  const generate = async () => {
    // The engine helper's channel: absent from a build without the generator, said plainly rather than failing.
    setGenerating(true);
    try {
      const result = await call(GENERATOR_CHANNEL, undefined);
      setNotice(result.ok ? { tone: 'success', text: t('plans.page.generated') } : { tone: 'error', text: t(`errors.${result.error?.code ?? 'INTERNAL_ERROR'}` as 'errors.INTERNAL_ERROR') });
      refetch();
    } finally {
      setGenerating(false);
    }
  };

  const errors = form.formState.errors;
  const message = planMessage;
  const people = options.data?.people ?? [];
  const status = plan?.status ?? 'active';
  const readOnly = status === 'archived';
  const busy = create.isPending || update.isPending;
  const title = plan ? t('plans.page.editTitle', { code: plan.fields.code }) : t('plans.page.newTitle');
  const occurrences = useMemo(() => plan?.occurrences ?? [], [plan]);

  return (
    <section className="card card--wide" aria-labelledby="plan-title">
      <p>
        <Link to="/preventif/plans">← {t('plans.list.title')}</Link>
      </p>
      <h1 id="plan-title">{title}</h1>
      {plan ? (
        <div className="plan-actions">
          <span className={`plan-status plan-status--${status}`}>{t(`plans.statuses.${status}`)}</span>
          {status === 'active' ? (
            <button type="button" className="button" disabled={setStatus.isPending} onClick={() => setStatus.mutate({ id: plan.id, version: plan.version, action: 'pause' })}>
              {t('plans.page.pause')}
            </button>
          ) : null}
          {status === 'paused' ? (
            <button type="button" className="button" disabled={setStatus.isPending} onClick={() => setStatus.mutate({ id: plan.id, version: plan.version, action: 'resume' })}>
              {t('plans.page.resume')}
            </button>
          ) : null}
          {status !== 'archived' ? (
            <button type="button" className="button button--ghost" onClick={() => setConfirmArchive(true)}>
              {t('plans.page.archive')}
            </button>
          ) : null}
          {status === 'active' ? (
            <button type="button" className="button button--ghost" disabled={generating} onClick={() => void generate()}>
              {t('plans.page.generate')}
            </button>
          ) : null}
        </div>
      ) : null}
      {status === 'paused' ? <Alert tone="info">{t('plans.page.paused')}</Alert> : null}
      {status === 'archived' ? <Alert tone="info">{t('plans.page.archived')}</Alert> : null}
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {stale ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            setStale(false);
            setNotice(null);
            refetch();
          }}
        >
          {t('plans.page.reload')}
        </button>
      ) : null}
      {plan ? <p className="muted">{t('plans.page.futureOnly')}</p> : null}

      <form noValidate className="plan-form" onSubmit={(event) => void submit(event)}>
        <fieldset disabled={readOnly}>
          <legend>{t('plans.page.identity')}</legend>
          <div className="plan-row">
            <TextField label={t('plans.page.code')} hint={t('plans.page.codeHint')} autoComplete="off" error={message(errors.code?.message)} {...form.register('code')} />
            <TextField label={t('plans.page.name')} error={message(errors.name?.message)} {...form.register('name')} />
          </div>
          <Controller
            control={form.control}
            name="scope"
            render={({ field }) => (
              <RadioGroup
                legend={t('plans.page.scope')}
                name="plan-scope"
                value={field.value}
                options={[
                  { value: 'equipment', label: t('plans.page.scopeEquipment') },
                  { value: 'category', label: t('plans.page.scopeCategory') },
                ]}
                onChange={field.onChange}
              />
            )}
          />
          {scope === 'equipment' ? (
            <Controller
              control={form.control}
              name="equipmentCode"
              render={({ field }) => <EquipmentPicker label={t('plans.page.equipment')} value={field.value} onChange={field.onChange} error={message(errors.equipmentCode?.message)} />}
            />
          ) : (
            <SelectField label={t('plans.page.category')} error={message(errors.category?.message)} {...form.register('category', { setValueAs: (v: string) => (v === '' ? null : v) })}>
              <option value="">{t('plans.page.chooseCategory')}</option>
              {(options.data?.categories ?? []).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </SelectField>
          )}
          <div className="plan-row">
            <SelectField label={t('plans.page.checklist')} {...form.register('checklistId', { setValueAs: (v: string | number | null) => (v === '' || v === null ? null : Number(v)) })}>
              <option value="">{t('plans.page.noChecklist')}</option>
              {(options.data?.checklists ?? []).map((checklist) => (
                <option key={checklist.id} value={checklist.id}>
                  {checklist.code} — {checklist.name}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('plans.page.workType')} {...form.register('workType')}>
              {PLAN_WORK_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`plans.workTypes.${type}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('plans.page.priority')} {...form.register('priority', { setValueAs: Number })}>
              {(['1', '2', '3', '4'] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`workOrders.priorities.${p}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="plan-row">
            <TextField label={t('plans.page.estimated')} inputMode="decimal" optionalLabel={t('common.optional')} error={message((errors as FieldErrors<PlanFields>).estimatedMinutes?.message)} {...form.register('estimatedHours')} />
            <TextField label={t('plans.page.leadDays')} inputMode="numeric" error={message(errors.leadDays?.message)} {...form.register('leadDays')} />
            <TextField label={t('plans.page.toleranceDays')} inputMode="numeric" error={message(errors.toleranceDays?.message)} {...form.register('toleranceDays')} />
            <TextField label={t('plans.page.toleranceUnits')} inputMode="decimal" error={message(errors.toleranceUnits?.message)} {...form.register('toleranceUnits')} />
          </div>
          <Controller
            control={form.control}
            name="assigneeIds"
            render={({ field }) => (
              <fieldset className="wo-assignees">
                <legend className="field__label">{t('plans.page.assignees')}</legend>
                <div className="wo-assignees__list">
                  {people.map((person) => {
                    const checked = field.value.includes(person.id);
                    return (
                      <label key={person.id} className={`wo-check${checked ? ' wo-check--on' : ''}`}>
                        <input type="checkbox" checked={checked} onChange={() => field.onChange(checked ? field.value.filter((v) => v !== person.id) : [...field.value, person.id])} />
                        <span>{person.displayName}</span>
                      </label>
                    );
                  })}
                </div>
              </fieldset>
            )}
          />
          <TextAreaField label={t('plans.page.instructions')} error={message(errors.instructions?.message)} {...form.register('instructions')} />
        </fieldset>
        <Controller
          control={form.control}
          name="triggers"
          render={({ field }) => (
            <TriggerEditor
              value={field.value}
              onChange={field.onChange}
              errors={errors.triggers as FieldErrors | undefined}
              rootError={message((errors.triggers as { message?: string; root?: { message?: string } } | undefined)?.message ?? (errors.triggers as { root?: { message?: string } } | undefined)?.root?.message)}
              meters={meters.data ?? []}
              message={message}
              today={todayLocal()}
            />
          )}
        />
        {plan ? <p className="muted">{t('plans.page.futureOnly')}</p> : null}
        {!readOnly ? (
          <div className="plan-actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {plan ? t('plans.page.save') : t('plans.page.create')}
            </button>
          </div>
        ) : null}
      </form>

      {plan ? (
        <section aria-labelledby="plan-occurrences-title">
          <h2 id="plan-occurrences-title">{t('plans.page.occurrences')}</h2>
          {occurrences.length === 0 ? (
            <p className="muted">{t('plans.page.noOccurrences')}</p>
          ) : (
            <table className="plan-occurrences">
              <thead>
                <tr>
                  <th scope="col">{t('plans.page.occ.due')}</th>
                  <th scope="col">{t('plans.page.occ.equipment')}</th>
                  <th scope="col">{t('plans.page.occ.state')}</th>
                  <th scope="col">{t('plans.page.occ.workOrder')}</th>
                </tr>
              </thead>
              <tbody>
                {occurrences.map((occurrence) => (
                  <tr key={occurrence.id}>
                    <td>
                      {formatDate(new Date(`${occurrence.dueDate}T12:00:00`).getTime(), i18n.language)}
                      {occurrence.dueTotal !== null ? ` — ${occurrence.dueTotal}` : ''}
                    </td>
                    <td>{occurrence.equipmentCode}</td>
                    <td>
                      {t(`plans.page.occStatuses.${occurrence.status}`)}
                      {occurrence.late ? <span className="plan-late"> — {t('plans.page.late')}</span> : null}
                    </td>
                    <td>{occurrence.workOrderNumber ? <Link to="/ot/$number" params={{ number: occurrence.workOrderNumber } as never}>{occurrence.workOrderNumber}</Link> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      {confirmArchive && plan ? (
        <ConfirmDialog
          title={t('plans.page.archive')}
          body={t('plans.page.archiveConfirm')}
          confirmLabel={t('plans.page.archive')}
          cancelLabel={t('plans.page.cancel')}
          danger
          onCancel={() => setConfirmArchive(false)}
          onConfirm={() => {
            setConfirmArchive(false);
            setStatus.mutate({ id: plan.id, version: plan.version, action: 'archive' });
          }}
        />
      ) : null}
    </section>
  );
}
