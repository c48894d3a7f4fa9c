// Renderer. The cards of one OT's page: time entries with totals and "Ajouter du temps", comments, the history
// (who, when, which workstation) and the planning card of managers. Forms use the channels' own zod schemas.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { addTimeInput, commentInput, updateWorkOrderInput, type HistoryLine, type WorkOrderView } from '../../../../shared/work-orders/contract';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { dayToInstant, formatDate, formatDateTime, formatMinutes, hoursToMinutes, instantToDay, minutesToHours } from './format';
import { callChannel, errorCode, errorText, fieldIssues } from './work-orders-api';
import { AssigneePicker, TextAreaField } from './WorkOrderFields';

function useFieldMessage() {
  const { t } = useTranslation();
  return (key: string | undefined) => (key ? t(key as 'validation.required') : undefined);
}

export function TimeCard({ order }: { order: WorkOrderView }) {
  const { t, i18n } = useTranslation();
  const message = useFieldMessage();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useForm<z.input<typeof addTimeInput>, unknown, z.output<typeof addTimeInput>>({
    resolver: zodResolver(addTimeInput),
    defaultValues: { number: order.number, date: instantToDay(order.now), minutes: 30 },
  });
  const add = useMutation({
    mutationFn: (input: z.output<typeof addTimeInput>) => callChannel('workOrders:addTime', input),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['work-orders'] });
    },
    onError: (error) => {
      for (const [path, code] of Object.entries(fieldIssues(error))) form.setError(path as 'date', { message: code });
    },
  });
  const errors = form.formState.errors;
  return (
    <section className="card card--full" aria-labelledby="wo-time-title">
      <div className="card__heading">
        <h2 id="wo-time-title">{t('workOrders.time.title')}</h2>
        {order.canAddTime && !open ? (
          <button type="button" className="button button--ghost wo-big" onClick={() => setOpen(true)}>
            {t('workOrders.time.add')}
          </button>
        ) : null}
      </div>
      {order.timeEntries.length === 0 ? (
        <p className="muted-inline">{t('workOrders.time.empty')}</p>
      ) : (
        <table className="wo-table">
          <thead>
            <tr>
              <th scope="col">{t('workOrders.time.who')}</th>
              <th scope="col">{t('workOrders.time.start')}</th>
              <th scope="col">{t('workOrders.time.end')}</th>
              <th scope="col">{t('workOrders.time.duration')}</th>
              <th scope="col">{t('workOrders.time.workstation')}</th>
            </tr>
          </thead>
          <tbody>
            {order.timeEntries.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.user.displayName}</td>
                <td>{formatDateTime(entry.startedAt, i18n.language)}</td>
                <td>{entry.endedAt === null ? <strong>{t('workOrders.time.running')}</strong> : formatDateTime(entry.endedAt, i18n.language)}</td>
                <td>{formatMinutes(entry.minutes)}</td>
                <td>{entry.workstation}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {order.timeTotals.map((total) => (
              <tr key={total.user.id}>
                <th scope="row" colSpan={3}>
                  {t('workOrders.time.totals')} — {total.user.displayName}
                </th>
                <td colSpan={2}>{formatMinutes(total.minutes)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" colSpan={3}>
                {t('workOrders.time.total')}
              </th>
              <td colSpan={2}>
                <strong>{formatMinutes(order.totalMinutes)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      {open ? (
        <form noValidate className="wo-form wo-inline-form" onSubmit={form.handleSubmit((values) => add.mutate(values))}>
          <div className="wo-form__row">
            <TextField type="date" label={t('workOrders.time.date')} error={message(errors.date?.message)} {...form.register('date')} />
            <TextField type="number" min={1} max={1440} label={t('workOrders.time.minutes')} hint={t('workOrders.time.minutesHint')} error={message(errors.minutes?.message)} {...form.register('minutes', { valueAsNumber: true })} />
          </div>
          {add.isError && errorCode(add.error) !== 'VALIDATION_FAILED' ? <Alert tone="error">{errorText(add.error)}</Alert> : null}
          <div className="button-row">
            <button type="submit" className="button button--primary wo-big" disabled={add.isPending}>
              {t('workOrders.time.save')}
            </button>
            <button type="button" className="button button--ghost wo-big" onClick={() => setOpen(false)}>
              {t('workOrders.dialogs.back')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

export function CommentsCard({ order }: { order: WorkOrderView }) {
  const { t, i18n } = useTranslation();
  const message = useFieldMessage();
  const queryClient = useQueryClient();
  const form = useForm<z.input<typeof commentInput>, unknown, z.output<typeof commentInput>>({ resolver: zodResolver(commentInput), defaultValues: { number: order.number, body: '' } });
  const send = useMutation({
    mutationFn: (input: z.output<typeof commentInput>) => callChannel('workOrders:comment', input),
    onSuccess: async () => {
      form.reset({ number: order.number, body: '' });
      await queryClient.invalidateQueries({ queryKey: ['work-orders'] });
    },
  });
  return (
    <section className="card card--full" aria-labelledby="wo-comments-title">
      <h2 id="wo-comments-title">{t('workOrders.comments.title')}</h2>
      {order.comments.length === 0 ? <p className="muted-inline">{t('workOrders.comments.empty')}</p> : null}
      <ol className="wo-comments">
        {order.comments.map((comment) => (
          <li key={comment.id}>
            <p className="wo-comments__meta">
              <strong>{comment.user.displayName}</strong> — {formatDateTime(comment.createdAt, i18n.language)}
            </p>
            <p className="wo-description">{comment.body}</p>
          </li>
        ))}
      </ol>
      {order.canComment ? (
        <form noValidate className="wo-form" onSubmit={form.handleSubmit((values) => send.mutate(values))}>
          <TextAreaField label={t('workOrders.comments.label')} error={message(form.formState.errors.body?.message)} {...form.register('body')} />
          {send.isError ? <Alert tone="error">{errorText(send.error)}</Alert> : null}
          <button type="submit" className="button button--ghost wo-big" disabled={send.isPending}>
            {t('workOrders.comments.send')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function useHistoryText() {
  const { t, i18n } = useTranslation();
  const status = (code: unknown) => (typeof code === 'string' ? t(`workOrders.statuses.${code as 'draft'}`) : '');
  return (line: HistoryLine): string => {
    const d = line.detail;
    switch (line.kind) {
      case 'created':
        return t('workOrders.history.created', { status: status(d.status) });
      case 'status': {
        const parts = [t('workOrders.history.status', { from: status(d.from), to: status(d.to) })];
        if (typeof d.reason === 'string') {
          const reason = (['parts', 'production', 'subcontractor', 'other'] as const).includes(d.reason as 'parts') ? t(`workOrders.holdReasons.${d.reason as 'parts'}`) : d.reason;
          parts.push(t('workOrders.history.reason', { reason: typeof d.note === 'string' ? `${reason} (${d.note})` : reason }));
        }
        if (Array.isArray(d.stoppedClocksOf)) parts.push(t('workOrders.history.stoppedClocks'));
        if (d.downtimeClosed && typeof d.downtimeClosed === 'object') parts.push(t('workOrders.history.downtimeClosed', { minutes: (d.downtimeClosed as { minutes: number }).minutes }));
        return parts.join(' — ');
      }
      case 'updated': {
        const fields = Object.keys((d.fields as Record<string, unknown>) ?? {}).map((f) => t(`workOrders.history.fields.${f as 'priority'}`));
        return t('workOrders.history.updated', { fields: fields.join(', ') });
      }
      case 'comment':
        return t('workOrders.history.comment');
      case 'time_added':
        // The day is stored as `YYYY-MM-DD`: shown as the rest of the page writes dates (30/11/2026 in French).
        return t('workOrders.history.timeAdded', { minutes: d.minutes, date: formatDate(dayToInstant(d.date), i18n.language) });
      case 'rescheduled': {
        // Written by the planning (`planning:reschedule`): the new day, and whether people changed with it.
        const moved = t('workOrders.history.rescheduled', { date: formatDate(dayToInstant(d.day), i18n.language) });
        return d.assignees ? `${moved} — ${t('workOrders.history.reassigned')}` : moved;
      }
      default:
        return line.kind;
    }
  };
}

export function HistoryCard({ order }: { order: WorkOrderView }) {
  const { t, i18n } = useTranslation();
  const text = useHistoryText();
  return (
    <section className="card card--full" aria-labelledby="wo-history-title">
      <h2 id="wo-history-title">{t('workOrders.history.title')}</h2>
      <table className="wo-table wo-table--small">
        <thead>
          <tr>
            <th scope="col">{t('workOrders.history.when')}</th>
            <th scope="col">{t('workOrders.history.who')}</th>
            <th scope="col">{t('workOrders.history.workstation')}</th>
            <th scope="col">{t('workOrders.history.what')}</th>
          </tr>
        </thead>
        <tbody>
          {[...order.history].reverse().map((line) => (
            <tr key={line.id}>
              <td>{formatDateTime(line.at, i18n.language)}</td>
              <td>{line.user?.displayName ?? t('workOrders.history.system')}</td>
              <td>{line.workstation}</td>
              <td>{text(line)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type PlanningInput = z.input<typeof updateWorkOrderInput>;
type PlanningOutput = z.output<typeof updateWorkOrderInput>;

/**
 * Managers, before "terminé". After a conflict the OT is reloaded and only the form's version follows it: what the
 * manager typed stays on screen, to be checked against the reloaded page and saved again.
 */
export function PlanningCard({ order, onChanged }: { order: WorkOrderView; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const message = useFieldMessage();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState(false);
  const form = useForm<PlanningInput, unknown, PlanningOutput>({
    resolver: zodResolver(updateWorkOrderInput),
    defaultValues: {
      number: order.number,
      version: order.version,
      priority: order.priority,
      title: order.title,
      description: order.description,
      plannedAt: order.plannedAt,
      dueAt: order.dueAt,
      estimatedMinutes: order.estimatedMinutes,
      assigneeIds: order.assignees.map((a) => a.id),
    },
  });
  const save = useMutation({
    mutationFn: (input: PlanningOutput) => callChannel('workOrders:update', input),
    onSuccess: async () => {
      setSaved(true);
      setConflict(false);
      await queryClient.invalidateQueries({ queryKey: ['work-orders'] });
    },
    onError: async (error) => {
      for (const [path, code] of Object.entries(fieldIssues(error))) form.setError(path as 'title', { message: code });
      if (errorCode(error) === 'WORK_ORDER_CHANGED_MEANWHILE') {
        setConflict(true);
        await onChanged();
      }
    },
  });
  useEffect(() => form.setValue('version', order.version), [form, order.version]);
  const errors = form.formState.errors;
  return (
    <section className="card card--full" aria-labelledby="wo-planning-title">
      <h2 id="wo-planning-title">{t('workOrders.planning.title')}</h2>
      {saved ? <Alert tone="success">{t('workOrders.planning.saved')}</Alert> : null}
      {conflict ? <Alert tone="info">{t('workOrders.page.changedMeanwhile')}</Alert> : null}
      <form noValidate className="wo-form" onSubmit={form.handleSubmit((values) => save.mutate(values))}>
        <TextField label={t('workOrders.planning.titleField')} error={message(errors.title?.message)} {...form.register('title')} />
        <TextAreaField label={t('workOrders.page.description')} error={message(errors.description?.message)} {...form.register('description')} />
        <div className="wo-form__row">
          <SelectField label={t('workOrders.page.priority')} {...form.register('priority', { setValueAs: Number })}>
            {(['1', '2', '3', '4'] as const).map((p) => (
              <option key={p} value={p}>
                {t(`workOrders.priorities.${p}`)}
              </option>
            ))}
          </SelectField>
          <Controller
            control={form.control}
            name="estimatedMinutes"
            render={({ field, fieldState }) => (
              <TextField inputMode="decimal" label={t('workOrders.planning.hours')} defaultValue={minutesToHours(field.value)} onChange={(e) => field.onChange(hoursToMinutes(e.target.value))} error={message(fieldState.error?.message)} />
            )}
          />
        </div>
        <div className="wo-form__row">
          <Controller
            control={form.control}
            name="plannedAt"
            render={({ field, fieldState }) => (
              <TextField type="date" label={t('workOrders.page.plannedAt')} defaultValue={instantToDay(field.value)} onChange={(e) => field.onChange(dayToInstant(e.target.value))} error={message(fieldState.error?.message)} />
            )}
          />
          <Controller
            control={form.control}
            name="dueAt"
            render={({ field, fieldState }) => (
              <TextField type="date" label={t('workOrders.page.dueAt')} defaultValue={instantToDay(field.value)} onChange={(e) => field.onChange(dayToInstant(e.target.value))} error={message(fieldState.error?.message)} />
            )}
          />
        </div>
        <Controller control={form.control} name="assigneeIds" render={({ field, fieldState }) => <AssigneePicker value={field.value ?? []} onChange={field.onChange} error={message(fieldState.error?.message)} />} />
        {save.isError && errorCode(save.error) !== 'VALIDATION_FAILED' && !conflict ? <Alert tone="error">{errorText(save.error)}</Alert> : null}
        <button type="submit" className="button button--primary wo-big" disabled={save.isPending}>
          {t('workOrders.planning.save')}
        </button>
      </form>
    </section>
  );
}
