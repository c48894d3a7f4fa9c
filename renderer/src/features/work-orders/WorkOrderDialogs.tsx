// Renderer. The dialogs of the OT's actions: "Mettre en attente" (reason), "Terminer" (symptôme / cause / remède
// from the administrator's lists or "Autre" with text, and "Équipement remis en service ?"), "Annuler" (reason)
// and "Clôturer" (confirmation). Each validates with the schema main uses; a refusal keeps what was typed.
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { cancelFields, finishFields, OTHER_CODE, pauseFields } from '../../../../shared/work-orders/contract';
import { HOLD_REASONS } from '../../../../shared/work-orders/transitions';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { RadioGroup } from '../../components/RadioGroup';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useReferenceList } from './work-orders-api';
import { TextAreaField } from './WorkOrderFields';

interface DialogProps<T> {
  onSubmit: (values: T) => void;
  onClose: () => void;
  busy: boolean;
  /** The refusal main answered (already in words), shown above the buttons; the fields keep their values. */
  error: string | null;
  /** Field issues from main: path → i18n key. */
  fieldErrors?: Record<string, string>;
}

function DialogButtons({ busy, onClose, confirmLabel }: { busy: boolean; onClose: () => void; confirmLabel: string }) {
  const { t } = useTranslation();
  return (
    <div className="wo-dialog__buttons">
      <button type="button" className="button button--ghost wo-big" onClick={onClose}>
        {t('workOrders.dialogs.back')}
      </button>
      <button type="submit" className="button button--primary wo-big" disabled={busy}>
        {confirmLabel}
      </button>
    </div>
  );
}

export function PauseDialog(props: DialogProps<z.output<typeof pauseFields>>) {
  const { t } = useTranslation();
  const form = useForm<z.input<typeof pauseFields>, unknown, z.output<typeof pauseFields>>({ resolver: zodResolver(pauseFields), defaultValues: { reason: 'parts', note: '' } });
  const errors = form.formState.errors;
  return (
    <Modal title={t('workOrders.dialogs.pauseTitle')} onEscape={props.onClose}>
      <form noValidate onSubmit={form.handleSubmit(props.onSubmit)}>
        <Controller
          control={form.control}
          name="reason"
          render={({ field }) => (
            <RadioGroup
              legend={t('workOrders.dialogs.pauseReason')}
              name="hold-reason"
              value={field.value}
              onChange={field.onChange}
              options={HOLD_REASONS.map((reason) => ({ value: reason, label: t(`workOrders.holdReasons.${reason}`) }))}
            />
          )}
        />
        <TextAreaField label={`${t('workOrders.dialogs.note')} — ${t('workOrders.dialogs.noteHint')}`} error={errors.note?.message ? t(errors.note.message as 'validation.required') : undefined} {...form.register('note')} />
        {props.error ? <Alert tone="error">{props.error}</Alert> : null}
        <DialogButtons busy={props.busy} onClose={props.onClose} confirmLabel={t('workOrders.actions.pause')} />
      </form>
    </Modal>
  );
}

type FinishInput = z.input<typeof finishFields>;
type FinishOutput = z.output<typeof finishFields>;

function CodeSelect({ part, form, serverError }: { part: 'symptom' | 'cause' | 'remedy'; form: ReturnType<typeof useForm<FinishInput, unknown, FinishOutput>>; serverError?: string }) {
  const { t } = useTranslation();
  const list = useReferenceList(part);
  const code = form.watch(`${part}Code`);
  const errors = form.formState.errors;
  const codeError = errors[`${part}Code`]?.message ?? serverError;
  const textError = errors[`${part}Text`]?.message;
  return (
    <div className="wo-code">
      <SelectField
        label={t(`workOrders.page.${part}`)}
        error={codeError ? t(codeError as 'validation.required') : undefined}
        {...form.register(`${part}Code`, { setValueAs: (v: string | null) => (v === '' ? null : v) })}
      >
        <option value="">{t('workOrders.dialogs.choose')}</option>
        {(list.data ?? []).map((item) => (
          <option key={item.code} value={item.code}>
            {item.label}
          </option>
        ))}
        <option value={OTHER_CODE}>{t('workOrders.dialogs.other')}</option>
      </SelectField>
      {code === OTHER_CODE ? (
        <TextField label={`${t(`workOrders.page.${part}`)} — ${t('workOrders.dialogs.otherText')}`} error={textError ? t(textError as 'validation.required') : undefined} {...form.register(`${part}Text`)} />
      ) : null}
    </div>
  );
}

export function FinishDialog(props: DialogProps<FinishOutput> & { corrective: boolean }) {
  const { t } = useTranslation();
  const form = useForm<FinishInput, unknown, FinishOutput>({
    resolver: zodResolver(finishFields),
    // backInService starts unanswered: the question must be answered, not defaulted.
    defaultValues: { symptomCode: null, causeCode: null, remedyCode: null, symptomText: '', causeText: '', remedyText: '', backInService: undefined as unknown as boolean },
  });
  const errors = form.formState.errors;
  const onSubmit = (values: FinishOutput) => {
    if (props.corrective) {
      let missing = false;
      for (const part of ['symptom', 'cause', 'remedy'] as const) {
        if (!values[`${part}Code`]) {
          form.setError(`${part}Code`, { message: 'validation.required' });
          missing = true;
        }
      }
      if (missing) return;
    }
    props.onSubmit(values);
  };
  const server = props.fieldErrors ?? {};
  return (
    <Modal title={t('workOrders.dialogs.finishTitle')} onEscape={props.onClose} wide>
      <p className="lead">{t('workOrders.dialogs.finishIntro')}</p>
      <form noValidate onSubmit={form.handleSubmit(onSubmit)}>
        <div className="wo-codes">
          <CodeSelect part="symptom" form={form} serverError={server['finish.symptomCode']} />
          <CodeSelect part="cause" form={form} serverError={server['finish.causeCode']} />
          <CodeSelect part="remedy" form={form} serverError={server['finish.remedyCode']} />
        </div>
        <Controller
          control={form.control}
          name="backInService"
          render={({ field, fieldState }) => (
            <div className={fieldState.error ? 'field--invalid' : undefined}>
              <RadioGroup
                legend={t('workOrders.dialogs.backInServiceQuestion')}
                name="back-in-service"
                value={field.value === true ? 'yes' : field.value === false ? 'no' : ''}
                onChange={(value) => field.onChange(value === 'yes')}
                options={[
                  { value: 'yes', label: t('workOrders.page.yes') },
                  { value: 'no', label: t('workOrders.page.no') },
                ]}
              />
              {errors.backInService ? <p className="field__error">{t('workOrders.validation.backInService')}</p> : null}
            </div>
          )}
        />
        {props.error ? <Alert tone="error">{props.error}</Alert> : null}
        <DialogButtons busy={props.busy} onClose={props.onClose} confirmLabel={t('workOrders.actions.finish')} />
      </form>
    </Modal>
  );
}

export function CancelDialog(props: DialogProps<z.output<typeof cancelFields>>) {
  const { t } = useTranslation();
  const form = useForm<z.input<typeof cancelFields>, unknown, z.output<typeof cancelFields>>({ resolver: zodResolver(cancelFields), defaultValues: { reason: '' } });
  const error = form.formState.errors.reason?.message;
  return (
    <Modal title={t('workOrders.dialogs.cancelTitle')} onEscape={props.onClose}>
      <form noValidate onSubmit={form.handleSubmit(props.onSubmit)}>
        <TextAreaField label={t('workOrders.dialogs.cancelReason')} error={error ? t(error as 'validation.required') : undefined} {...form.register('reason')} />
        {props.error ? <Alert tone="error">{props.error}</Alert> : null}
        <DialogButtons busy={props.busy} onClose={props.onClose} confirmLabel={t('workOrders.actions.cancel')} />
      </form>
    </Modal>
  );
}

export function CloseDialog(props: DialogProps<Record<string, never>>) {
  const { t } = useTranslation();
  return (
    <Modal title={t('workOrders.dialogs.closeTitle')} role="alertdialog" onEscape={props.onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit({});
        }}
      >
        <p>{t('workOrders.dialogs.closeText')}</p>
        {props.error ? <Alert tone="error">{props.error}</Alert> : null}
        <DialogButtons busy={props.busy} onClose={props.onClose} confirmLabel={t('workOrders.actions.close')} />
      </form>
    </Modal>
  );
}
