// Renderer. The gamme on an OT's page: each copied step answered by the assignee (or a manager) while the OT is
// `en cours` — large OK / NOK / N.A. buttons (48 px), a number with its unit and limits (out of limits said in
// words and an icon, not by colour alone), text, a photo (uploaded as an attachment of the OT), a meter reading.
// Each answer is saved on its own as the technician goes, so nothing is lost if the session locks. A NOK step or an
// out-of-limits measurement offers « Créer une DI » / « Créer un OT correctif »; the step then links to it.
// A manager may apply a standard gamme to an OT without steps (brouillon or planifié).
import { Link } from '@tanstack/react-router';
import { useId, useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../../../shared/attachments/contract';
import type { StepAnswer, WorkOrderStepView, WorkOrderStepsView } from '../../../../shared/checklists/contract';
import { brokenLimitText, formatStepNumber, limitsText } from '../../../../shared/checklists/steps';
import type { WorkOrderView } from '../../../../shared/work-orders/contract';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/SelectField';
import { useChannelMutation, useChannelQuery } from '../../api/query';
import { checklistErrorText, parseDecimal } from './checklists-api';
import './checklists.css';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function WorkOrderStepsPanel({ order }: { order: Pick<WorkOrderView, 'number' | 'id' | 'status'> }) {
  const { t } = useTranslation();
  const query = useChannelQuery(['work-orders', 'steps', order.number, order.status], 'checklists:workOrderSteps', { number: order.number });
  const view = query.data;
  if (!view) return null;
  if (view.steps.length === 0) return view.canAttach ? <AttachCard number={order.number} /> : null;
  const done = view.steps.filter((step) => step.answered).length;
  return (
    <section className="card card--full cl-run" aria-labelledby="cl-run-title">
      <div className="table-card__header">
        <h2 id="cl-run-title">{view.checklist ? t('checklists.run.titleWith', { code: view.checklist.code, name: view.checklist.name }) : t('checklists.run.title')}</h2>
        <p className="muted-inline" role="status">
          {t('checklists.run.progress', { done, total: view.steps.length })}
        </p>
      </div>
      {view.answerBlockedReason ? <Alert tone="info">{view.answerBlockedReason}</Alert> : null}
      {view.missingRequired.length > 0 && view.canAnswer ? <p className="cl-missing">{t('checklists.run.missing', { steps: view.missingRequired.join(' ; ') })}</p> : null}
      <ol className="cl-run__steps">
        {view.steps.map((step) => (
          <StepRow key={step.id} step={step} view={view} order={order} />
        ))}
      </ol>
    </section>
  );
}

function StepRow({ step, view, order }: { step: WorkOrderStepView; view: WorkOrderStepsView; order: Pick<WorkOrderView, 'number' | 'id'> }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const answer = useChannelMutation('checklists:answer', { invalidates: ['work-orders'] });
  const followUp = useChannelMutation('checklists:followUp', { invalidates: ['work-orders', 'requests'] });
  const save = (value: StepAnswer) => {
    followUp.reset();
    answer.mutate({ number: order.number, stepId: step.id, answer: value });
  };
  const disabled = !view.canAnswer || answer.isPending;
  const locale = i18n.language;
  const error = answer.error ?? followUp.error;

  let control: ReactNode = null;
  switch (step.kind) {
    case 'check':
      control = (
        <div className="cl-choices" role="group" aria-labelledby={titleId}>
          {(['ok', 'nok', 'na'] as const).map((result) => (
            <button
              key={result}
              type="button"
              className={`button cl-choice cl-choice--${result}${step.checkResult === result ? ' cl-choice--on' : ''}`}
              aria-pressed={step.checkResult === result}
              disabled={disabled}
              onClick={() => save({ kind: 'check', result: step.checkResult === result ? null : result })}
            >
              {step.checkResult === result ? '✓ ' : ''}
              {t(`checklists.run.${result}`)}
            </button>
          ))}
        </div>
      );
      break;
    case 'measurement':
      control = (
        <NumberAnswer
          key={`${step.id}-${step.numberValue}`}
          initial={step.numberValue}
          unit={step.unit}
          disabled={disabled}
          labelledBy={titleId}
          onSave={(value) => save({ kind: 'measurement', value })}
          extra={
            <>
              {step.minValue !== null || step.maxValue !== null ? <span className="muted-inline">{t('checklists.run.limits', { limits: `${limitsText(step.minValue, step.maxValue, locale)} ${step.unit}` })}</span> : null}
              {step.numberValue !== null && step.outOfLimits ? (
                <strong className="cl-out" role="status">
                  ⚠ {t('checklists.run.outOfLimits', { limit: brokenLimitText(step.numberValue, step.minValue, step.maxValue, locale) })}
                </strong>
              ) : null}
              {step.numberValue !== null && !step.outOfLimits && (step.minValue !== null || step.maxValue !== null) ? <span className="cl-in">✓ {t('checklists.run.inLimits')}</span> : null}
            </>
          }
        />
      );
      break;
    case 'meter':
      control = <MeterAnswer key={`${step.id}-${step.reading?.id ?? 0}`} step={step} disabled={disabled} onSave={(value, isReset) => save({ kind: 'meter', value, isReset })} />;
      break;
    case 'text':
      control = <TextAnswer key={`${step.id}-${step.textValue ?? ''}`} initial={step.textValue ?? ''} disabled={disabled} onSave={(text) => save({ kind: 'text', text })} />;
      break;
    case 'photo':
      control = <PhotoAnswer step={step} order={order} disabled={disabled} onSave={(attachmentId) => save({ kind: 'photo', attachmentId })} />;
      break;
  }

  return (
    <li className={`cl-run__step${step.outOfLimits || step.checkResult === 'nok' ? ' cl-run__step--anomaly' : ''}`}>
      <div className="cl-run__head">
        <h3 id={titleId}>
          {step.position}. {step.label}
          {step.required ? <span className="badge badge--neutral cl-required">{t('checklists.run.required')}</span> : null}
        </h3>
        {step.answered ? (
          <span className="cl-saved">
            ✓ {t('checklists.run.saved')}
            {step.answeredBy ? ` — ${t('checklists.run.answeredBy', { name: step.answeredBy })}` : ''}
          </span>
        ) : null}
      </div>
      {step.help ? <p className="muted cl-help">{step.help}</p> : null}
      {control}
      {error ? <Alert tone="error">{checklistErrorText(error)}</Alert> : null}
      {step.offersFollowUp && (view.mayCreateRequest || view.mayCreateWorkOrder) ? (
        <div className="cl-followup">
          <span>{t('checklists.run.anomaly')}</span>
          {view.mayCreateRequest ? (
            <button type="button" className="button button--primary" disabled={followUp.isPending} onClick={() => followUp.mutate({ number: order.number, stepId: step.id, kind: 'request' })}>
              {t('checklists.run.createRequest')}
            </button>
          ) : null}
          {view.mayCreateWorkOrder ? (
            <button type="button" className="button button--ghost" disabled={followUp.isPending} onClick={() => followUp.mutate({ number: order.number, stepId: step.id, kind: 'workOrder' })}>
              {t('checklists.run.createWorkOrder')}
            </button>
          ) : null}
        </div>
      ) : null}
      {step.followUpRequest ? (
        <p className="cl-link">
          {t('checklists.run.followUpRequest')}{' '}
          <Link to="/demandes/$number" params={{ number: step.followUpRequest }} className="wo-link">
            {step.followUpRequest}
          </Link>
        </p>
      ) : null}
      {step.followUpWorkOrder ? (
        <p className="cl-link">
          {t('checklists.run.followUpWorkOrder')}{' '}
          <Link to="/ot/$number" params={{ number: step.followUpWorkOrder }} className="wo-link">
            {step.followUpWorkOrder}
          </Link>
        </p>
      ) : null}
    </li>
  );
}

function NumberAnswer(props: { initial: number | null; unit: string; disabled: boolean; labelledBy: string; onSave: (value: number | null) => void; extra?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(props.initial === null ? '' : formatStepNumber(props.initial, i18n.language));
  const [invalid, setInvalid] = useState(false);
  const submit = () => {
    const value = parseDecimal(text);
    if (value !== null && Number.isNaN(value)) return setInvalid(true);
    setInvalid(false);
    props.onSave(value);
  };
  return (
    <div className="cl-answer">
      <form
        className="cl-inline"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="cl-inline">
          <span>{t('checklists.run.value')}</span>
          <input className="field__input cl-number" inputMode="decimal" value={text} disabled={props.disabled} aria-invalid={invalid || undefined} onChange={(event) => setText(event.target.value)} />
          <span>{props.unit}</span>
        </label>
        <button type="submit" className="button button--ghost cl-save" disabled={props.disabled}>
          {t('checklists.run.save')}
        </button>
      </form>
      {invalid ? <p className="field__error">{t('validation.number')}</p> : null}
      <div className="cl-inline">{props.extra}</div>
    </div>
  );
}

function MeterAnswer({ step, disabled, onSave }: { step: WorkOrderStepView; disabled: boolean; onSave: (value: number, isReset: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(step.reading ? formatStepNumber(step.reading.value, i18n.language) : '');
  const [reset, setReset] = useState(false);
  const [invalid, setInvalid] = useState(false);
  return (
    <div className="cl-answer">
      <form
        className="cl-inline"
        onSubmit={(event) => {
          event.preventDefault();
          const value = parseDecimal(text);
          if (value === null || Number.isNaN(value) || value < 0) return setInvalid(true);
          setInvalid(false);
          onSave(value, reset);
        }}
      >
        <label className="cl-inline">
          <span>{t('checklists.run.meterValue', { meter: step.unit })}</span>
          <input className="field__input cl-number" inputMode="decimal" value={text} disabled={disabled} aria-invalid={invalid || undefined} onChange={(event) => setText(event.target.value)} />
        </label>
        <label className="cl-check">
          <input type="checkbox" checked={reset} disabled={disabled} onChange={(event) => setReset(event.target.checked)} />
          <span>{t('checklists.run.meterReset')}</span>
        </label>
        <button type="submit" className="button button--ghost cl-save" disabled={disabled}>
          {t('checklists.run.save')}
        </button>
      </form>
      {invalid ? <p className="field__error">{t('validation.number')}</p> : null}
      {step.reading ? <p className="muted-inline">{t('checklists.run.meterSaved', { value: formatStepNumber(step.reading.value, i18n.language) })}</p> : null}
    </div>
  );
}

function TextAnswer({ initial, disabled, onSave }: { initial: string; disabled: boolean; onSave: (text: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const id = useId();
  return (
    <form
      className="cl-answer"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(text.trim());
      }}
    >
      <label htmlFor={id} className="field__label">
        {t('checklists.run.text')}
      </label>
      <textarea id={id} className="field__input wo-textarea" rows={2} value={text} disabled={disabled} onChange={(event) => setText(event.target.value)} />
      <button type="submit" className="button button--ghost cl-save" disabled={disabled}>
        {t('checklists.run.save')}
      </button>
    </form>
  );
}

function PhotoAnswer({ step, order, disabled, onSave }: { step: WorkOrderStepView; order: Pick<WorkOrderView, 'id'>; disabled: boolean; onSave: (attachmentId: number) => void }) {
  const { t } = useTranslation();
  const upload = useChannelMutation('attachments:add', { invalidates: ['attachments'] });
  const [local, setLocal] = useState<string | null>(null);
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setLocal(null);
    if (file.size > ATTACHMENT_MAX_BYTES) return setLocal(t('attachments.tooLarge', { name: file.name }));
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return setLocal(t('attachments.typeRefused', { name: file.name }));
    const added = await upload.mutateAsync({ owner: { kind: 'work_order', id: order.id }, fileName: file.name, contentBase64: await readAsBase64(file) }).catch(() => null);
    if (added) onSave(added.id);
  };
  return (
    <div className="cl-answer">
      {step.attachment ? <p>{t('checklists.run.photoSaved', { name: step.attachment.fileName })}</p> : null}
      <label className={`button button--ghost cl-save${disabled || upload.isPending ? ' cl-disabled' : ''}`}>
        {step.attachment ? t('checklists.run.photoReplace') : t('checklists.run.photo')}
        <input type="file" accept="image/jpeg,image/png,image/webp" capture="environment" className="cl-file" disabled={disabled || upload.isPending} onChange={(event) => void onFile(event)} />
      </label>
      {local ? <Alert tone="error">{local}</Alert> : null}
      {upload.isError ? <Alert tone="error">{checklistErrorText(upload.error)}</Alert> : null}
    </div>
  );
}

function AttachCard({ number }: { number: string }) {
  const { t } = useTranslation();
  const options = useChannelQuery(['checklists', 'options'], 'checklists:options', {});
  const attach = useChannelMutation('checklists:attachToWorkOrder', { invalidates: ['work-orders'] });
  const [code, setCode] = useState('');
  return (
    <section className="card card--full cl-run" aria-labelledby="cl-attach-title">
      <h2 id="cl-attach-title">{t('checklists.run.attachTitle')}</h2>
      <p className="muted">{t('checklists.run.attachIntro')}</p>
      <form
        className="cl-inline"
        onSubmit={(event) => {
          event.preventDefault();
          if (code) attach.mutate({ number, code });
        }}
      >
        <SelectField label={t('checklists.run.attachPick')} value={code} onChange={(event) => setCode(event.target.value)}>
          <option value="">{t('checklists.run.attachNone')}</option>
          {(options.data ?? []).map((option) => (
            <option key={option.code} value={option.code}>
              {option.code} — {option.name} ({option.stepCount})
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button--primary cl-save" disabled={!code || attach.isPending}>
          {t('checklists.run.attach')}
        </button>
      </form>
      {attach.isError ? <Alert tone="error">{checklistErrorText(attach.error)}</Alert> : null}
    </section>
  );
}
