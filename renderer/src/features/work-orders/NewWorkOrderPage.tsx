// Renderer. "Nouvel ordre de travail" (/ot/nouveau, managers): the creation form over the very schema main
// validates with (react-hook-form + zodResolver); main resolves the equipment code and answers field errors,
// which land on their fields with nothing typed lost. Created → the OT's page.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { createWorkOrderInput, WORK_ORDER_TYPES } from '../../../../shared/work-orders/contract';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useSessionStore } from '../session/session-store';
import { dayToInstant, hoursToMinutes } from './format';
import { callChannel, errorCode, errorText, fieldIssues } from './work-orders-api';
import { AssigneePicker, TextAreaField } from './WorkOrderFields';
import './work-orders.css';

type FormInput = z.input<typeof createWorkOrderInput>;
type FormOutput = z.output<typeof createWorkOrderInput>;

export function NewWorkOrderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const role = useSessionStore((state) => state.user?.role);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createWorkOrderInput),
    defaultValues: { equipmentCode: '', type: 'corrective', priority: 3, title: '', description: '', plannedAt: null, dueAt: null, estimatedMinutes: null, assigneeIds: [] },
  });
  const create = useMutation({
    mutationFn: (input: FormOutput) => callChannel('workOrders:create', input),
    onSuccess: async ({ number }) => {
      await queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      await navigate({ to: '/ot/$number', params: { number } });
    },
    onError: (error) => {
      for (const [path, code] of Object.entries(fieldIssues(error))) form.setError(path as keyof FormInput, { message: code });
    },
  });
  const message = (key: string | undefined) => (key ? t(key as 'validation.required') : undefined);
  const errors = form.formState.errors;

  if (role !== 'admin' && role !== 'maintenance_manager') {
    return (
      <section className="card card--wide">
        <Alert tone="error">{t('workOrders.create.forbidden')}</Alert>
      </section>
    );
  }

  return (
    <section className="card card--wide wo-page">
      <h1>{t('workOrders.create.title')}</h1>
      <p className="lead">{t('workOrders.create.intro')}</p>
      {create.isError && errorCode(create.error) !== 'VALIDATION_FAILED' ? <Alert tone="error">{errorText(create.error)}</Alert> : null}
      <form noValidate onSubmit={form.handleSubmit((values) => create.mutate(values))} className="wo-form">
        <TextField label={t('workOrders.create.equipmentCode')} hint={t('workOrders.create.equipmentHint')} autoComplete="off" error={message(errors.equipmentCode?.message)} {...form.register('equipmentCode')} />
        <div className="wo-form__row">
          <SelectField label={t('workOrders.page.type')} error={message(errors.type?.message)} {...form.register('type')}>
            {WORK_ORDER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`workOrders.types.${type}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('workOrders.page.priority')} error={message(errors.priority?.message)} {...form.register('priority', { setValueAs: Number })}>
            {(['1', '2', '3', '4'] as const).map((p) => (
              <option key={p} value={p}>
                {t(`workOrders.priorities.${p}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField label={t('workOrders.planning.titleField')} error={message(errors.title?.message)} {...form.register('title')} />
        <TextAreaField label={t('workOrders.page.description')} error={message(errors.description?.message)} {...form.register('description')} />
        <div className="wo-form__row">
          <TextField type="date" label={t('workOrders.page.plannedAt')} optionalLabel={t('common.optional')} error={message(errors.plannedAt?.message)} {...form.register('plannedAt', { setValueAs: dayToInstant })} />
          <TextField type="date" label={t('workOrders.page.dueAt')} optionalLabel={t('common.optional')} error={message(errors.dueAt?.message)} {...form.register('dueAt', { setValueAs: dayToInstant })} />
          <TextField inputMode="decimal" label={t('workOrders.planning.hours')} optionalLabel={t('common.optional')} error={message(errors.estimatedMinutes?.message)} {...form.register('estimatedMinutes', { setValueAs: hoursToMinutes })} />
        </div>
        <Controller
          control={form.control}
          name="assigneeIds"
          render={({ field, fieldState }) => <AssigneePicker value={field.value ?? []} onChange={field.onChange} error={message(fieldState.error?.message)} />}
        />
        <button type="submit" className="button button--primary wo-big" disabled={create.isPending}>
          {create.isPending ? t('workOrders.create.submitting') : t('workOrders.create.submit')}
        </button>
      </form>
    </section>
  );
}
