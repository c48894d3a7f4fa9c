// Renderer. A manager's three decisions on a new DI, each a dialog over the channel's own zod schema: Accepter
// (type, priority, optional planned date → an OT), Refuser (a reason the requester will read), Doublon de… (the
// other DI's number). A refusal from main keeps what was typed and says why in French.
import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { IpcError } from '../../../../shared/contract';
import { acceptRequestSchema, markDuplicateSchema, refuseRequestSchema, REQUEST_WORK_ORDER_TYPES } from '../../../../shared/requests/contract';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { SelectField } from '../../components/SelectField';
import { FieldErrorText, TextField } from '../../components/TextField';
import { formatWait } from '../../i18n/format';
import { ChannelError, request } from './requests-api';

/** Puts main's refusal on the fields it names, or answers the sentence to show above the form. */
function applyError<T extends FieldValues>(form: UseFormReturn<T>, error: unknown, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (!(error instanceof ChannelError)) return t('requests.failed');
  const ipc: IpcError = error.error;
  if (ipc.code === 'VALIDATION_FAILED' && ipc.fields?.length) {
    for (const field of ipc.fields) form.setError(field.path.split('.')[0] as never, { message: field.code });
    return '';
  }
  if (ipc.code === 'REQUEST_THROTTLED') return t('requests.throttled', { wait: formatWait(Number(ipc.details?.retryAfterSeconds ?? 60)) });
  return t(`errors.${ipc.code}`);
}

function useT() {
  const { t } = useTranslation();
  return (key: string, values?: Record<string, unknown>) => t(key as 'validation.invalid', values ?? {});
}

function DialogButtons({ confirm, cancel, busy, onCancel }: { confirm: string; cancel: string; busy: boolean; onCancel(): void }) {
  return (
    <div className="di-actions">
      <button type="button" className="button button--ghost" onClick={onCancel}>
        {cancel}
      </button>
      <button type="submit" className="button button--primary" disabled={busy}>
        {confirm}
      </button>
    </div>
  );
}

type AcceptIn = z.input<typeof acceptRequestSchema>;
type AcceptOut = z.output<typeof acceptRequestSchema>;

export function AcceptDialog({ number, onDone, onCancel }: { number: string; onDone(workOrderNumber: string): void; onCancel(): void }) {
  const t = useT();
  const form = useForm<AcceptIn, unknown, AcceptOut>({ resolver: zodResolver(acceptRequestSchema), defaultValues: { number, type: 'corrective', priority: 3, plannedAt: null } });
  const { errors } = form.formState;
  const alert = form.formState.errors.root?.message;
  const submit = async (values: AcceptOut) => {
    try {
      const { workOrderNumber } = await request('requests:accept', values);
      onDone(workOrderNumber);
    } catch (error) {
      const message = applyError(form, error, t);
      if (message) form.setError('root', { message });
    }
  };
  return (
    <Modal title={t('requests.accept.title', { number })} onEscape={onCancel}>
      <p>{t('requests.accept.body')}</p>
      {alert ? <Alert tone="error">{alert}</Alert> : null}
      <form onSubmit={form.handleSubmit(submit)} noValidate className="form">
        <SelectField label={t('requests.accept.type')} error={errors.type?.message ? t(errors.type.message) : undefined} {...form.register('type')}>
          {REQUEST_WORK_ORDER_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`requests.accept.types.${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('requests.accept.priority')} error={errors.priority?.message ? t(errors.priority.message) : undefined} {...form.register('priority', { valueAsNumber: true })}>
          {[1, 2, 3, 4].map((priority) => (
            <option key={priority} value={priority}>
              {t(`requests.accept.priorities.p${priority}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          type="date"
          label={t('requests.accept.plannedAt')}
          optionalLabel={t('requests.detailsStep.optional')}
          error={errors.plannedAt?.message ? t(errors.plannedAt.message) : undefined}
          // A day, planned from 8:00 local time: the OT's planned instant.
          {...form.register('plannedAt', { setValueAs: (value: string) => (value ? new Date(`${value}T08:00`).getTime() : null) })}
        />
        <DialogButtons confirm={t('requests.accept.confirm')} cancel={t('requests.accept.cancel')} busy={form.formState.isSubmitting} onCancel={onCancel} />
      </form>
    </Modal>
  );
}

type RefuseIn = z.input<typeof refuseRequestSchema>;
type RefuseOut = z.output<typeof refuseRequestSchema>;

export function RefuseDialog({ number, onDone, onCancel }: { number: string; onDone(): void; onCancel(): void }) {
  const t = useT();
  const id = useId();
  const form = useForm<RefuseIn, unknown, RefuseOut>({ resolver: zodResolver(refuseRequestSchema), defaultValues: { number, reason: '' } });
  const reasonError = form.formState.errors.reason?.message;
  const alert = form.formState.errors.root?.message;
  const submit = async (values: RefuseOut) => {
    try {
      await request('requests:refuse', values);
      onDone();
    } catch (error) {
      const message = applyError(form, error, t);
      if (message) form.setError('root', { message });
    }
  };
  return (
    <Modal title={t('requests.refuse.title', { number })} onEscape={onCancel}>
      {alert ? <Alert tone="error">{alert}</Alert> : null}
      <form onSubmit={form.handleSubmit(submit)} noValidate className="form">
        <div className={`field${reasonError ? ' field--invalid' : ''}`}>
          <label htmlFor={id} className="field__label">
            {t('requests.refuse.reason')}
          </label>
          <textarea
            id={id}
            className="field__input di-textarea"
            rows={3}
            maxLength={1000}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${id}-error` : undefined}
            {...form.register('reason')}
          />
          <FieldErrorText id={`${id}-error`} messages={reasonError ? [t(reasonError)] : []} />
        </div>
        <DialogButtons confirm={t('requests.refuse.confirm')} cancel={t('requests.refuse.cancel')} busy={form.formState.isSubmitting} onCancel={onCancel} />
      </form>
    </Modal>
  );
}

type DuplicateIn = z.input<typeof markDuplicateSchema>;
type DuplicateOut = z.output<typeof markDuplicateSchema>;

export function DuplicateDialog({ number, onDone, onCancel }: { number: string; onDone(): void; onCancel(): void }) {
  const t = useT();
  const form = useForm<DuplicateIn, unknown, DuplicateOut>({ resolver: zodResolver(markDuplicateSchema), defaultValues: { number, duplicateOf: '' } });
  const error = form.formState.errors.duplicateOf?.message;
  const alert = form.formState.errors.root?.message;
  const submit = async (values: DuplicateOut) => {
    try {
      await request('requests:markDuplicate', values);
      onDone();
    } catch (caught) {
      const message = applyError(form, caught, t);
      if (message) form.setError('root', { message });
    }
  };
  return (
    <Modal title={t('requests.duplicate.title', { number })} onEscape={onCancel}>
      {alert ? <Alert tone="error">{alert}</Alert> : null}
      <form onSubmit={form.handleSubmit(submit)} noValidate className="form">
        <TextField
          label={t('requests.duplicate.other')}
          hint={t('requests.duplicate.hint')}
          autoComplete="off"
          spellCheck={false}
          error={error ? t(error) : undefined}
          {...form.register('duplicateOf')}
        />
        <DialogButtons confirm={t('requests.duplicate.confirm')} cancel={t('requests.duplicate.cancel')} busy={form.formState.isSubmitting} onCancel={onCancel} />
      </form>
    </Modal>
  );
}
