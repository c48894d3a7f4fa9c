// Renderer. "Nouvel équipement" / "Modifier": react-hook-form over the very zod schema main checks. A refused
// save keeps everything typed: field errors land on their fields, the others (code taken, changed meanwhile)
// in an alert at the top, and the dialog stays open.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  CRITICALITIES,
  EQUIPMENT_STATUSES,
  equipmentFieldsSchema,
  type EquipmentDetail,
  type EquipmentFields,
  type EquipmentFieldsInput,
} from '../../../../shared/equipment/contract';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { ChannelError, request, useChannel } from './equipment-api';
import { EquipmentPicker } from './EquipmentPicker';
import { locationOptions } from './location-options';

const EMPTY: EquipmentFieldsInput = {
  code: '',
  designation: '',
  locationId: null,
  parentCode: null,
  category: null,
  criticality: 'B',
  status: 'in_service',
  manufacturer: null,
  model: null,
  serialNumber: null,
  commissionedOn: null,
  notes: null,
};

function valuesOf(detail: EquipmentDetail): EquipmentFieldsInput {
  const { code, designation, locationId, parentCode, category, criticality, status, manufacturer, model, serialNumber, commissionedOn, notes } = detail;
  return { code, designation, locationId, parentCode, category, criticality, status, manufacturer, model, serialNumber, commissionedOn, notes };
}

export function EquipmentFormDialog({ editing, onClose, onSaved }: { editing: EquipmentDetail | null; onClose(): void; onSaved(detail: EquipmentDetail): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const locations = useChannel(['locations', 'tree'], 'locations:tree', undefined);
  const categories = useChannel(['reference', 'category'], 'reference:list', { list: 'category' });
  const form = useForm<EquipmentFieldsInput, unknown, EquipmentFields>({
    resolver: zodResolver(equipmentFieldsSchema),
    defaultValues: editing ? valuesOf(editing) : EMPTY,
  });
  const { register, handleSubmit, formState, setError, control } = form;
  const message = (key: string | undefined) => (key ? t(key as 'validation.invalid') : undefined);
  const errorOf = (name: keyof EquipmentFieldsInput) => message(formState.errors[name]?.message);

  const save = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const detail = editing
        ? await request('equipment:update', { ...values, id: editing.id, expectedUpdatedAt: editing.updatedAt })
        : await request('equipment:create', values);
      await queryClient.invalidateQueries({ queryKey: ['equipment'] });
      onSaved(detail);
    } catch (error) {
      const code = error instanceof ChannelError ? error.code : 'INTERNAL_ERROR';
      for (const field of error instanceof ChannelError ? (error.fields ?? []) : []) {
        setError(field.path as keyof EquipmentFieldsInput, { message: field.code });
      }
      setFailure(t(`errors.${code}` as 'errors.INTERNAL_ERROR'));
    }
  });

  const title = editing ? t('equipment.form.editTitle', { code: editing.code }) : t('equipment.form.createTitle');
  return (
    <Modal title={title} onEscape={onClose} wide>
      <form className="form equipment-form" noValidate onSubmit={(event) => void save(event)}>
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        <div className="field-grid">
          <TextField label={t('equipment.fields.code')} hint={t('equipment.form.codeHint')} error={errorOf('code')} autoComplete="off" spellCheck={false} {...register('code')} />
          <TextField label={t('equipment.fields.designation')} error={errorOf('designation')} autoComplete="off" {...register('designation')} />
          <SelectField label={t('equipment.fields.location')} error={errorOf('locationId')} {...register('locationId', { setValueAs: (v: unknown) => (v === '' || v === null ? null : Number(v)) })}>
            <option value="">{t('equipment.form.noLocation')}</option>
            {locationOptions(locations.data ?? []).map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </SelectField>
          <Controller
            control={control}
            name="parentCode"
            render={({ field }) => (
              <EquipmentPicker label={t('equipment.fields.parent')} hint={t('equipment.form.parentHint')} value={field.value} onChange={field.onChange} error={errorOf('parentCode')} />
            )}
          />
          <SelectField label={t('equipment.fields.criticality')} error={errorOf('criticality')} {...register('criticality')}>
            {CRITICALITIES.map((value) => (
              <option key={value} value={value}>
                {t(`equipment.criticalities.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('equipment.fields.status')} error={errorOf('status')} {...register('status')}>
            {EQUIPMENT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`equipment.statuses.${value}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('equipment.fields.category')} error={errorOf('category')} {...register('category', { setValueAs: (v: unknown) => (v === '' ? null : v) })}>
            <option value="">{t('equipment.form.noCategory')}</option>
            {(categories.data ?? []).map((item) => (
              <option key={item.code} value={item.code}>
                {item.label}
              </option>
            ))}
          </SelectField>
          <TextField label={t('equipment.fields.commissionedOn')} type="date" error={errorOf('commissionedOn')} optionalLabel={t('common.optional')} {...register('commissionedOn')} />
          <TextField label={t('equipment.fields.manufacturer')} error={errorOf('manufacturer')} optionalLabel={t('common.optional')} {...register('manufacturer')} />
          <TextField label={t('equipment.fields.model')} error={errorOf('model')} optionalLabel={t('common.optional')} {...register('model')} />
          <TextField label={t('equipment.fields.serialNumber')} error={errorOf('serialNumber')} optionalLabel={t('common.optional')} {...register('serialNumber')} />
        </div>
        <NotesField label={t('equipment.fields.notes')} optional={t('common.optional')} error={errorOf('notes')} registration={register('notes')} />
        <div className="modal__actions">
          <button type="submit" className="button button--primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('equipment.form.saving') : t('equipment.form.save')}
          </button>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('equipment.form.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function NotesField({ label, optional, error, registration }: { label: string; optional: string; error?: string; registration: ReturnType<ReturnType<typeof useForm<EquipmentFieldsInput>>['register']> }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor="equipment-notes">
        {label}
        <span className="field__optional"> ({optional})</span>
      </label>
      <textarea id="equipment-notes" className="field__input" rows={3} aria-invalid={error ? true : undefined} aria-describedby={error ? 'equipment-notes-error' : undefined} {...registration} />
      {error ? (
        <p id="equipment-notes-error" className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
