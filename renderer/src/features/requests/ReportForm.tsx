// Renderer. The DI form, the same for a passer-by at the login or lock screen and for someone signed in: (1) the
// equipment, by scan (code + Enter), code or a few letters of its name, results as big buttons; (2) what is
// happening, "Machine à l'arrêt ?" as two big Oui/Non buttons, an optional photo (downsized here) and name. One
// react-hook-form over the channel's own zod schema: what was typed stays through both steps and any refusal.
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { EquipmentLookupItem } from '../../../../shared/contract';
import { reportRequestSchema, type ReportRequestInput } from '../../../../shared/requests/contract';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { FieldErrorText, TextField } from '../../components/TextField';
import { formatWait } from '../../i18n/format';
import { preparePhoto, type PreparedPhoto } from './photo';
import { useEquipmentLookup } from './use-equipment-lookup';
import './requests.css';

type ReportOutput = z.output<typeof reportRequestSchema>;

export interface ReportFormProps {
  /** A scanned or linked code: looked up at once, and chosen when it is an exact match. */
  initialCode?: string;
  /** Hides the name field (signed in: the account is the reporter). */
  signedIn?: boolean;
  /** `number` null: kept on this client PC until its server is back (issue 16). */
  onSaved(result: { number: string | null; machineStopped: boolean }): void;
  onCancel?(): void;
}

export function ReportForm({ initialCode, signedIn = false, onSaved, onCancel }: ReportFormProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'equipment' | 'details'>('equipment');
  const [equipment, setEquipment] = useState<EquipmentLookupItem | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  // Kept here, like the form's values, so going back to the equipment step loses nothing.
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  const form = useForm<ReportRequestInput, unknown, ReportOutput>({
    resolver: zodResolver(reportRequestSchema),
    defaultValues: { equipmentCode: '', symptom: '', reporterName: '' },
  });

  const choose = (item: EquipmentLookupItem) => {
    setEquipment(item);
    form.setValue('equipmentCode', item.code);
    form.clearErrors('equipmentCode');
    setAlert(null);
    setStep('details');
  };

  const submit = async (values: ReportOutput) => {
    setAlert(null);
    const result = await call('requests:report', values);
    if (result.ok) {
      onSaved({ number: result.data.number, machineStopped: values.machineStopped });
      return;
    }
    const { error } = result;
    if (error.code === 'EQUIPMENT_NOT_FOUND') {
      setStep('equipment');
      setAlert(t('errors.EQUIPMENT_NOT_FOUND'));
    } else if (error.code === 'REQUEST_THROTTLED') {
      setAlert(t('requests.throttled', { wait: formatWait(Number(error.details?.retryAfterSeconds ?? 60)) }));
    } else if (error.code === 'VALIDATION_FAILED' && error.fields?.length) {
      for (const field of error.fields) {
        const name = field.path.split('.')[0] as keyof ReportRequestInput;
        form.setError(name, { message: field.code });
      }
    } else {
      setAlert(t('requests.failed'));
    }
  };

  return (
    <div className="di-form">
      <p className="di-step">{t('requests.stepOf', { step: step === 'equipment' ? 1 : 2 })}</p>
      {alert ? <Alert tone="error">{alert}</Alert> : null}
      {step === 'equipment' ? (
        // Coming back with "Changer": the chosen code is shown with its results, not chosen again by itself.
        <EquipmentStep initialCode={equipment?.code ?? initialCode} autoChoose={equipment === null} onChoose={choose} onCancel={onCancel} />
      ) : (
        <form onSubmit={form.handleSubmit(submit)} noValidate className="form">
          <DetailsFields form={form} equipment={equipment} signedIn={signedIn} photo={photo} onPhoto={setPhoto} onChangeEquipment={() => setStep('equipment')} />
          <div className="di-actions">
            {onCancel ? (
              <button type="button" className="button button--ghost" onClick={onCancel}>
                {t('requests.cancelFlow')}
              </button>
            ) : null}
            <button type="submit" className="button button--primary di-submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? t('requests.detailsStep.submitting') : t('requests.detailsStep.submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function EquipmentStep({ initialCode, autoChoose, onChoose, onCancel }: { initialCode?: string; autoChoose: boolean; onChoose(item: EquipmentLookupItem): void; onCancel?(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initialCode ?? '');
  const lookup = useEquipmentLookup(text);
  const inputRef = useRef<HTMLInputElement>(null);
  const resultsId = useId();

  // A scanned code (or a link with ?equipement=) is chosen at once when it is exactly one equipment's code.
  const searchNow = async (typed: string, choose = true) => {
    const results = await lookup.search(typed);
    const exact = results?.find((item) => item.code.toLowerCase() === typed.trim().toLowerCase());
    if (exact && choose) onChoose(exact);
  };

  useEffect(() => {
    inputRef.current?.focus();
    if (initialCode) void searchNow(initialCode, autoChoose);
    // Once, when the step opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void searchNow(text);
  };

  const errorText = lookup.error
    ? lookup.error.code === 'REQUEST_THROTTLED'
      ? t('requests.throttled', { wait: formatWait(Number(lookup.error.details?.retryAfterSeconds ?? 60)) })
      : t('requests.failed')
    : undefined;

  return (
    <form onSubmit={onSubmit} noValidate className="form" role="search">
      <h2 className="di-question">{t('requests.equipmentStep.title')}</h2>
      <TextField
        ref={inputRef}
        label={t('requests.equipmentStep.label')}
        hint={t('requests.equipmentStep.hint')}
        name="equipmentSearch"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={errorText}
        describedBy={lookup.results ? resultsId : undefined}
        trailing={
          <button type="submit" className="button button--primary" disabled={text.trim().length === 0}>
            {t('requests.equipmentStep.search')}
          </button>
        }
      />
      <div id={resultsId} aria-live="polite">
        {lookup.searching ? <p className="muted">{t('requests.equipmentStep.searching')}</p> : null}
        {lookup.results && lookup.results.length === 0 ? <p className="di-empty">{t('requests.equipmentStep.noResult')}</p> : null}
        {lookup.results && lookup.results.length > 0 ? <p className="muted">{t('requests.equipmentStep.results')}</p> : null}
      </div>
      {lookup.results && lookup.results.length > 0 ? (
        <ul className="di-results">
          {lookup.results.map((item) => (
            <li key={item.code}>
              <button type="button" className="di-result" onClick={() => onChoose(item)}>
                <span className="di-result__code">{item.code}</span>
                <span className="di-result__name">{item.designation}</span>
                {item.locationName ? <span className="di-result__where">{item.locationName}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {onCancel ? (
        <div className="di-actions">
          <button type="button" className="button button--ghost" onClick={onCancel}>
            {t('requests.cancelFlow')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

type Form = ReturnType<typeof useForm<ReportRequestInput, unknown, ReportOutput>>;

function DetailsFields({
  form,
  equipment,
  signedIn,
  photo,
  onPhoto,
  onChangeEquipment,
}: {
  form: Form;
  equipment: EquipmentLookupItem | null;
  signedIn: boolean;
  photo: PreparedPhoto | null;
  onPhoto(photo: PreparedPhoto | null): void;
  onChangeEquipment(): void;
}) {
  const { t } = useTranslation();
  const ids = { symptom: useId(), stopped: useId(), photo: useId() };
  const { errors } = form.formState;
  const message = (key: string | undefined) => (key ? t(key as 'validation.invalid') : undefined);
  const stopped = form.watch('machineStopped');
  const [photoState, setPhotoState] = useState<'idle' | 'reading' | 'unreadable'>('idle');
  const symptomRef = useRef<HTMLTextAreaElement | null>(null);
  const symptom = form.register('symptom');

  useEffect(() => symptomRef.current?.focus(), []);

  const pickPhoto = async (file: File | undefined) => {
    if (!file) return;
    setPhotoState('reading');
    try {
      const prepared = await preparePhoto(file);
      onPhoto(prepared);
      form.setValue('photo', { fileName: prepared.fileName, dataBase64: prepared.dataBase64 });
      form.clearErrors('photo');
      setPhotoState('idle');
    } catch {
      setPhotoState('unreadable');
    }
  };

  const removePhoto = () => {
    onPhoto(null);
    form.setValue('photo', undefined);
  };

  // Arrow keys move between Oui and Non, as in a radio group.
  const onStoppedKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) {
      event.preventDefault();
      const next = !(stopped ?? false);
      form.setValue('machineStopped', next, { shouldValidate: true });
      (event.currentTarget.parentElement?.querySelector(`[data-value="${next}"]`) as HTMLElement | null)?.focus();
    }
  };

  const photoError = photoState === 'unreadable' ? t('requests.detailsStep.photoUnreadable') : message(errors.photo?.message ?? (errors.photo as { dataBase64?: { message?: string } } | undefined)?.dataBase64?.message);

  return (
    <>
      <div className="di-chosen">
        <div>
          <span className="di-chosen__label">{t('requests.equipmentStep.chosen')}</span>
          <span className="di-result__code">{equipment?.code}</span> <span>{equipment?.designation}</span>
          {equipment?.locationName ? <span className="di-result__where"> — {equipment.locationName}</span> : null}
        </div>
        <button type="button" className="button button--ghost" onClick={onChangeEquipment}>
          {t('requests.equipmentStep.change')}
        </button>
      </div>

      <div className={`field${errors.symptom ? ' field--invalid' : ''}`}>
        <label htmlFor={ids.symptom} className="field__label di-question">
          {t('requests.detailsStep.symptom')}
        </label>
        <p id={`${ids.symptom}-hint`} className="field__hint">
          {t('requests.detailsStep.symptomHint')}
        </p>
        <textarea
          id={ids.symptom}
          className="field__input di-textarea"
          rows={3}
          maxLength={2000}
          aria-invalid={errors.symptom ? true : undefined}
          aria-describedby={`${ids.symptom}-hint${errors.symptom ? ` ${ids.symptom}-error` : ''}`}
          {...symptom}
          ref={(element) => {
            symptom.ref(element);
            symptomRef.current = element;
          }}
        />
        <FieldErrorText id={`${ids.symptom}-error`} messages={errors.symptom ? [message(errors.symptom.message) ?? ''] : []} />
      </div>

      <fieldset className={`field di-yesno${errors.machineStopped ? ' field--invalid' : ''}`} aria-describedby={errors.machineStopped ? `${ids.stopped}-error` : undefined}>
        <legend className="field__label di-question">{t('requests.detailsStep.stopped')}</legend>
        <div className="di-yesno__buttons" role="radiogroup" aria-label={t('requests.detailsStep.stopped')}>
          {[true, false].map((value) => (
            <button
              key={String(value)}
              type="button"
              role="radio"
              data-value={String(value)}
              aria-checked={stopped === value}
              tabIndex={stopped === value || (stopped === undefined && value) ? 0 : -1}
              className={`di-yesno__button${stopped === value ? ' di-yesno__button--on' : ''}${value ? ' di-yesno__button--yes' : ''}`}
              onClick={() => form.setValue('machineStopped', value, { shouldValidate: true })}
              onKeyDown={onStoppedKey}
            >
              {value ? t('requests.detailsStep.yes') : t('requests.detailsStep.no')}
            </button>
          ))}
        </div>
        <FieldErrorText id={`${ids.stopped}-error`} messages={errors.machineStopped ? [message(errors.machineStopped.message) ?? ''] : []} />
      </fieldset>

      <div className="di-extras">
      <div className={`field${photoError ? ' field--invalid' : ''}`}>
        <label htmlFor={ids.photo} className="field__label">
          {t('requests.detailsStep.photo')} <span className="field__optional">({t('requests.detailsStep.optional')})</span>
        </label>
        <p id={`${ids.photo}-hint`} className="field__hint">
          {t('requests.detailsStep.photoHint')}
        </p>
        {photo ? (
          <div className="di-photo">
            <img src={photo.dataUrl} alt={t('requests.detailsStep.photoAdded', { name: photo.fileName })} className="di-photo__preview" />
            <span>{t('requests.detailsStep.photoAdded', { name: photo.fileName })}</span>
            <button type="button" className="button button--ghost" onClick={removePhoto}>
              {t('requests.detailsStep.photoRemove')}
            </button>
          </div>
        ) : (
          <input
            id={ids.photo}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            className="di-file"
            aria-describedby={`${ids.photo}-hint${photoError ? ` ${ids.photo}-error` : ''}`}
            onChange={(event) => void pickPhoto(event.target.files?.[0])}
          />
        )}
        {photoState === 'reading' ? <p className="muted" role="status">{t('requests.detailsStep.photoReading')}</p> : null}
        <FieldErrorText id={`${ids.photo}-error`} messages={photoError ? [photoError] : []} />
      </div>

      {signedIn ? null : (
        <TextField
          label={t('requests.detailsStep.name')}
          optionalLabel={t('requests.detailsStep.optional')}
          autoComplete="name"
          maxLength={80}
          error={message(errors.reporterName?.message)}
          {...form.register('reporterName')}
        />
      )}
      </div>
    </>
  );
}
