// Renderer. The gamme editor (/preventif/gammes/$code, `nouvelle` = new; managers): code, name, description and the
// ordered steps (contrôle, mesure, texte, photo, relevé de compteur), each with its label, « obligatoire » and help.
// Steps are added, removed and moved with buttons (↑/↓, keyboard-accessible: the focus follows the moved step).
// The form validates with the shared zod schema through zodResolver; main saves with compare-and-set on the
// version and replaces the steps in one transaction. A refusal keeps everything typed.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useFieldArray, useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { checklistFieldsSchema, STEP_KINDS, type ChecklistView, type StepInput } from '../../../../shared/checklists/contract';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { IpcError, useChannelMutation, useChannelQuery } from '../../api/query';
import { TextAreaField } from '../work-orders/WorkOrderFields';
import { checklistErrorText, parseDecimal } from './checklists-api';
import './checklists.css';

type FormInput = z.input<typeof checklistFieldsSchema>;
type FormOutput = z.output<typeof checklistFieldsSchema>;

const NEW = 'nouvelle';
/** « Gamme enregistrée » survives the editor's remount on the saved version (its key is id + version). */
let savedNotice: string | null = null;
const emptyStep = (): StepInput => ({ kind: 'check', label: '', required: true, help: '', unit: '', minValue: null, maxValue: null });

export function ChecklistPage() {
  const { t } = useTranslation();
  const params = useParams({ strict: false }) as { code?: string };
  const code = params.code ?? NEW;
  const isNew = code.toLowerCase() === NEW;
  const query = useChannelQuery(['checklists', 'detail', code], 'checklists:get', { code }, { enabled: !isNew });

  if (isNew) return <ChecklistEditor key="new" current={null} />;
  if (query.isPending) return <p role="status">{t('checklists.editor.loading')}</p>;
  if (query.isError || !query.data) {
    return (
      <section className="card card--wide">
        <Alert tone="error">{query.error instanceof IpcError && query.error.code === 'NOT_FOUND' ? t('checklists.editor.notFound') : checklistErrorText(query.error)}</Alert>
        <Link to="/preventif/gammes" className="wo-link">
          {t('checklists.editor.back')}
        </Link>
      </section>
    );
  }
  return <ChecklistEditor key={`${query.data.id}-${query.data.version}`} current={query.data} onReload={() => void query.refetch()} />;
}

function ChecklistEditor({ current, onReload }: { current: ChecklistView | null; onReload?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<{ tone: 'error' | 'success' | 'info'; text: string; reload?: boolean } | null>(() => {
    const text = savedNotice;
    savedNotice = null;
    return text ? { tone: 'success', text } : null;
  });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(checklistFieldsSchema),
    defaultValues: current
      ? {
          code: current.code,
          name: current.name,
          description: current.description,
          steps: current.steps.map((s) => ({ kind: s.kind, label: s.label, required: s.required, help: s.help, unit: s.unit, minValue: s.minValue, maxValue: s.maxValue })),
        }
      : { code: '', name: '', description: '', steps: [emptyStep()] },
  });
  const steps = useFieldArray({ control: form.control, name: 'steps' });

  const onError = (error: IpcError) => {
    for (const field of error.fields ?? []) form.setError(field.path as 'code', { message: field.code });
    if (error.code === 'VALIDATION_FAILED') return;
    setNotice({ tone: 'error', text: checklistErrorText(error), reload: error.code === 'CHECKLIST_CHANGED_MEANWHILE' });
  };
  const afterSave = async (savedCode: string) => {
    savedNotice = t('checklists.editor.saved');
    setNotice({ tone: 'success', text: savedNotice });
    await queryClient.invalidateQueries({ queryKey: ['checklists'] });
    if (!current || savedCode !== current.code) await navigate({ to: '/preventif/gammes/$code', params: { code: savedCode } });
  };
  const create = useChannelMutation('checklists:create', { onSuccess: (saved) => afterSave(saved.code), onError });
  const update = useChannelMutation('checklists:update', { onSuccess: (saved) => afterSave(saved.code), onError });
  const setActive = useChannelMutation('checklists:setActive', { invalidates: ['checklists'], onError });
  const remove = useChannelMutation('checklists:delete', {
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['checklists'] });
      await navigate({ to: '/preventif/gammes' });
    },
    onError: (error) => {
      setConfirmDelete(false);
      onError(error);
    },
  });
  const busy = create.isPending || update.isPending;

  const submit = form.handleSubmit((values) => {
    setNotice(null);
    if (current) update.mutate({ ...values, id: current.id, version: current.version });
    else create.mutate(values);
  });

  /** Moves a step and keeps the keyboard focus on the button just used, at the step's new place. */
  const move = (from: number, to: number, direction: 'up' | 'down') => {
    const id = steps.fields[from].id;
    steps.move(from, to);
    requestAnimationFrame(() => {
      const wanted = document.getElementById(`cl-step-${id}-${direction}`) as HTMLButtonElement | null;
      const fallback = document.getElementById(`cl-step-${id}-${direction === 'up' ? 'down' : 'up'}`) as HTMLButtonElement | null;
      (wanted && !wanted.disabled ? wanted : fallback)?.focus();
    });
  };
  const message = (key: string | undefined) => (key ? t(key as 'validation.required') : undefined);
  const errors = form.formState.errors;

  return (
    <section className="card card--full cl-page" aria-labelledby="checklist-title">
      <Link to="/preventif/gammes" className="wo-link">
        ← {t('checklists.editor.back')}
      </Link>
      <h1 id="checklist-title">{current ? t('checklists.editor.editTitle', { code: current.code }) : t('checklists.editor.newTitle')}</h1>
      <Alert tone="info">{t('checklists.editor.copiesNote')}</Alert>
      {current && !current.isActive ? <Alert tone="info">{t('checklists.editor.inactiveInfo')}</Alert> : null}
      {current && current.planCount > 0 ? <p className="muted">{t('checklists.editor.usedBy', { count: current.planCount })}</p> : null}
      {notice ? (
        <Alert tone={notice.tone}>
          {notice.text}{' '}
          {notice.reload && onReload ? (
            <button type="button" className="button button--ghost" onClick={onReload}>
              {t('checklists.editor.reload')}
            </button>
          ) : null}
        </Alert>
      ) : null}
      <form noValidate onSubmit={submit} className="cl-form">
        <div className="cl-row">
          <TextField label={t('checklists.editor.code')} autoComplete="off" error={message(errors.code?.message)} {...form.register('code')} />
          <TextField label={t('checklists.editor.name')} error={message(errors.name?.message)} {...form.register('name')} />
        </div>
        <TextAreaField label={t('checklists.editor.description')} error={message(errors.description?.message)} {...form.register('description')} />

        <h2 id="cl-steps-title">{t('checklists.editor.stepsTitle')}</h2>
        {errors.steps?.message || errors.steps?.root?.message ? <Alert tone="error">{message(errors.steps?.message ?? errors.steps?.root?.message)}</Alert> : null}
        <ol className="cl-steps" aria-labelledby="cl-steps-title">
          {steps.fields.map((field, index) => (
            <StepEditor
              key={field.id}
              form={form}
              index={index}
              fieldId={field.id}
              count={steps.fields.length}
              onUp={() => move(index, index - 1, 'up')}
              onDown={() => move(index, index + 1, 'down')}
              onRemove={() => steps.remove(index)}
              message={message}
            />
          ))}
        </ol>
        <button type="button" className="button button--ghost cl-add" onClick={() => steps.append(emptyStep(), { focusName: `steps.${steps.fields.length}.label` })}>
          + {t('checklists.editor.addStep')}
        </button>
        <div className="cl-actions">
          <button type="submit" className="button button--primary wo-big" disabled={busy}>
            {busy ? t('checklists.editor.saving') : t('checklists.editor.save')}
          </button>
          {current ? (
            <button type="button" className="button button--ghost" disabled={setActive.isPending} onClick={() => setActive.mutate({ id: current.id, version: current.version, active: !current.isActive })}>
              {current.isActive ? t('checklists.editor.deactivate') : t('checklists.editor.reactivate')}
            </button>
          ) : null}
          {current && current.planCount === 0 ? (
            <button type="button" className="button button--danger" onClick={() => setConfirmDelete(true)}>
              {t('checklists.editor.delete')}
            </button>
          ) : null}
        </div>
      </form>
      {confirmDelete && current ? (
        <ConfirmDialog
          title={t('checklists.editor.delete')}
          body={t('checklists.editor.deleteConfirm', { code: current.code })}
          confirmLabel={t('checklists.editor.delete')}
          cancelLabel={t('checklists.editor.cancel')}
          danger
          onConfirm={() => remove.mutateAsync({ id: current.id, version: current.version }).then(() => undefined, () => undefined)}
          onCancel={() => setConfirmDelete(false)}
        />
      ) : null}
    </section>
  );
}

function StepEditor(props: {
  form: UseFormReturn<FormInput, unknown, FormOutput>;
  index: number;
  fieldId: string;
  count: number;
  onUp: () => void;
  onDown: () => void;
  onRemove: () => void;
  message: (key: string | undefined) => string | undefined;
}) {
  const { t } = useTranslation();
  const { form, index, fieldId, count, message } = props;
  const kind = form.watch(`steps.${index}.kind`);
  const stepErrors = form.formState.errors.steps?.[index];
  const n = index + 1;
  const titleId = `cl-step-${fieldId}-title`;
  return (
    <li className="cl-step" aria-labelledby={titleId}>
      <div className="cl-step__head">
        <h3 id={titleId}>{t('checklists.editor.step', { n })}</h3>
        <div className="cl-step__tools">
          <button type="button" id={`cl-step-${fieldId}-up`} className="button button--ghost cl-tool" disabled={index === 0} aria-label={t('checklists.editor.moveUp', { n })} onClick={props.onUp}>
            ↑ {t('checklists.editor.up')}
          </button>
          <button type="button" id={`cl-step-${fieldId}-down`} className="button button--ghost cl-tool" disabled={index === count - 1} aria-label={t('checklists.editor.moveDown', { n })} onClick={props.onDown}>
            ↓ {t('checklists.editor.down')}
          </button>
          <button type="button" className="button button--ghost cl-tool" disabled={count === 1} aria-label={t('checklists.editor.removeStep', { n })} onClick={props.onRemove}>
            ✕ {t('checklists.editor.remove')}
          </button>
        </div>
      </div>
      <div className="cl-row">
        <SelectField label={t('checklists.editor.kind')} error={message(stepErrors?.kind?.message)} {...form.register(`steps.${index}.kind`)}>
          {STEP_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`checklists.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('checklists.editor.label')} error={message(stepErrors?.label?.message)} {...form.register(`steps.${index}.label`)} />
      </div>
      {kind === 'measurement' ? (
        <div className="cl-row cl-row--three">
          <TextField label={t('checklists.editor.unit')} error={message(stepErrors?.unit?.message)} {...form.register(`steps.${index}.unit`)} />
          <TextField
            inputMode="decimal"
            label={t('checklists.editor.min')}
            optionalLabel={t('checklists.editor.optional')}
            error={message(stepErrors?.minValue?.message)}
            {...form.register(`steps.${index}.minValue`, { setValueAs: parseDecimal })}
          />
          <TextField
            inputMode="decimal"
            label={t('checklists.editor.max')}
            optionalLabel={t('checklists.editor.optional')}
            error={message(stepErrors?.maxValue?.message)}
            {...form.register(`steps.${index}.maxValue`, { setValueAs: parseDecimal })}
          />
        </div>
      ) : null}
      {kind === 'meter' ? (
        <TextField label={t('checklists.editor.meterName')} hint={t('checklists.editor.meterHint')} error={message(stepErrors?.unit?.message)} {...form.register(`steps.${index}.unit`)} />
      ) : null}
      <TextField label={t('checklists.editor.help')} optionalLabel={t('checklists.editor.optional')} error={message(stepErrors?.help?.message)} {...form.register(`steps.${index}.help`)} />
      <label className="cl-check">
        <input type="checkbox" {...form.register(`steps.${index}.required`)} />
        <span>{t('checklists.editor.required')}</span>
      </label>
    </li>
  );
}
